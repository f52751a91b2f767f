// The server's transport against a byte-level client: malformed frames (a Content-Length that is not a
// number, one byte short, one byte long) are logged and the connection goes on answering; the end of
// input exits 0 after `shutdown` and 1 without it; no transport flag prints the usage and exits 2.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DIST, tempProject } from '../support/paths';
import { RawClient } from './rawClient';

const PROJECT = { 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n', 'comps/bash.comp.toml': '[components.bash]\n' };

async function initialized(dir: string): Promise<RawClient> {
  const client = new RawClient();
  client.frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: 'file://' + dir, capabilities: {} } });
  await client.response(1);
  client.frame({ jsonrpc: '2.0', method: 'initialized', params: {} });
  return client;
}

const symbolRequest = (id: number) => ({ jsonrpc: '2.0', id, method: 'workspace/symbol', params: { query: 'bash' } });
const logged = (client: RawClient, pattern: RegExp) => client.waitFor((m) => m.method === 'window/logMessage' && pattern.test((m.params as { message: string }).message), 10_000, `log ${pattern}`);

describe('server transport over raw stdio', () => {
  const clients: RawClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('logs each malformed frame and answers the requests after it', async () => {
    const dir = tempProject(PROJECT);
    const client = await initialized(dir);
    clients.push(client);
    const good = (id: number) => RawClient.frameOf(symbolRequest(id));
    const body = (id: number) => JSON.stringify(symbolRequest(id));

    client.write(`Content-Length: 12x\r\n\r\n${body(2)}` + good(3));
    assert.deepEqual(((await client.response(3)).result as { name: string }[]).map((s) => s.name), ['bash']);
    await logged(client, /^Malformed LSP frame: Content-Length "12x" is not a number/);

    client.write(`Content-Length: ${Buffer.byteLength(body(4)) - 1}\r\n\r\n${body(4)}` + good(5));
    assert.ok((await client.response(5)).result);
    await logged(client, /^Malformed LSP frame: the \d+-byte body is not JSON/);

    // One byte long: the body takes the first byte of the next frame's header, which is found again.
    client.write(`Content-Length: ${Buffer.byteLength(body(6)) + 1}\r\n\r\n${body(6)}`);
    client.write(good(7));
    assert.ok((await client.response(7)).result);
    assert.ok(!client.received.some((m) => m.id === 2 || m.id === 4 || m.id === 6), 'the malformed requests are dropped, not answered twice');

    client.frame({ jsonrpc: '2.0', id: 8, method: 'shutdown' });
    await client.response(8);
    client.frame({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await client.exited, 0);
  });

  it('exits 1 when its input ends without a shutdown, 0 when it ends after one', async () => {
    const dir = tempProject(PROJECT);
    const abrupt = await initialized(dir);
    clients.push(abrupt);
    abrupt.child.stdin.end();
    assert.equal(await abrupt.exited, 1);
    const orderly = await initialized(dir);
    clients.push(orderly);
    orderly.frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    await orderly.response(2);
    orderly.child.stdin.end();
    assert.equal(await orderly.exited, 0);
  });

  it('prints its usage and exits 2 when started without a transport', () => {
    for (const args of [[], ['--socket=x']]) {
      const r = spawnSync(process.execPath, [path.join(DIST, 'server.js'), ...args], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^distro-toml server: .+\nusage: distro-toml language server/);
      assert.match(r.stderr, /--stdio/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });
});
