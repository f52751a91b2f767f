// `$/cancelRequest` for the long requests (workspace symbols, references, render), written byte-exact by a
// raw client so the order is certain: a request cancelled while still queued is answered RequestCancelled
// without running, and a render cancelled while it waits on dist-git (held on loopback) is answered
// RequestCancelled when the wait ends, not with the render.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempProject, tempDir } from '../support/paths';
import { fedoraProjectToml } from '../unit/upstream/upstreamFixture';
import { RawClient } from './rawClient';

const REQUEST_CANCELLED = -32800;

async function started(dir: string, settings: object = {}): Promise<RawClient> {
  const client = new RawClient();
  client.frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: 'file://' + dir, capabilities: {}, initializationOptions: settings } });
  await client.response(1);
  client.frame({ jsonrpc: '2.0', method: 'initialized', params: {} });
  return client;
}

const frameOf = (id: number, method: string, params: object) => RawClient.frameOf({ jsonrpc: '2.0', id, method, params });
const cancelOf = (id: number) => RawClient.frameOf({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });

describe('request cancellation over stdio', () => {
  const clients: RawClient[] = [];
  const servers: http.Server[] = [];
  after(() => {
    clients.forEach((c) => c.kill());
    servers.forEach((s) => s.close());
  });

  it('answers workspace symbols, references and render cancelled while queued with RequestCancelled', async () => {
    const dir = tempProject({ 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n', 'comps/bash.comp.toml': '[components.bash]\n' });
    const uri = 'file://' + path.join(dir, 'comps', 'bash.comp.toml');
    const client = await started(dir);
    clients.push(client);
    const requests: [string, object][] = [
      ['workspace/symbol', { query: 'bash' }],
      ['textDocument/references', { textDocument: { uri }, position: { line: 0, character: 13 }, context: { includeDeclaration: true } }],
      ['distroToml/render', { uri, component: 'bash' }],
    ];
    let id = 10;
    for (const [method, params] of requests) {
      // Uncancelled, each answers (so the cancelled answer below is the cancellation's doing).
      client.write(frameOf(++id, method, params));
      assert.equal((await client.response(id)).error, undefined, `${method} answers`);
      client.write(frameOf(++id, method, params) + cancelOf(id));
      assert.equal((await client.response(id)).error?.code, REQUEST_CANCELLED, `${method} cancelled while queued`);
    }
  });

  it('answers a render cancelled while it waits on dist-git with RequestCancelled', { timeout: 60_000 }, async () => {
    let release: (() => void) | undefined;
    const asked = new Promise<void>((resolve) => {
      const server = http.createServer((_req, res) => {
        release = () => res.writeHead(404).end();
        resolve();
      });
      servers.push(server);
      server.listen(0, '127.0.0.1');
    });
    await new Promise((r) => setImmediate(r));
    const port = (servers[0]?.address() as AddressInfo).port;
    const dir = tempProject({
      'azldev.toml': fedoraProjectToml(`http://127.0.0.1:${port}/rpms/$pkg.git`),
      'comps/foo.comp.toml': '[components.foo]\n',
    });
    const cacheDir = tempDir('distro-toml-cancel-cache-');
    const client = await started(dir, { upstream: { cacheDir } });
    clients.push(client);
    client.write(frameOf(5, 'distroToml/render', { uri: 'file://' + path.join(dir, 'comps', 'foo.comp.toml'), component: 'foo' }));
    await asked;
    await new Promise<void>((resolve) => client.child.stdin.write(cancelOf(5), () => resolve()));
    await new Promise((r) => setTimeout(r, 100));
    release?.();
    assert.equal((await client.response(5, 50_000)).error?.code, REQUEST_CANCELLED);
  });
});
