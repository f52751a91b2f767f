// The start-up scan gives way to the client (serverTurn.ts, transport/clientBacklog.ts), on the real tree over
// stdio: a big didOpen still arriving in pipe-sized pieces holds the scan until it is whole, so the opened file is
// checked before the scan reads on; an edit read while the scan runs is checked before the scan's next step. The
// scan traces each step (`scan: reading FILE`, `scan: checking FILE`). Each message under test is written right
// behind a request the server answers as it dispatches it (an unknown method), in one write: that answer marks a
// moment when the server has read the message; from it to the message's diagnostics no scan step may come —
// ordering, not timing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { CORPUS_ROOT } from '../support/paths';
import { RawClient, type RawMessage } from './rawClient';

const COMPONENTS = path.join(CORPUS_ROOT, 'base/comps/components.toml');
const URI = pathToFileURL(COMPONENTS).toString();

const isScanStep = (m: RawMessage) => m.method === '$/logTrace' && /^scan: /.test((m.params as { message: string }).message);
const isStatus = (state: string) => (m: RawMessage) => m.method === 'distroToml/status' && (m.params as { state: string }).state === state;
const publishedFor = (version: number) => (m: RawMessage) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string; version?: number }).uri === URI && (m.params as { version?: number }).version === version;

/** Scan steps among the messages received after the answer to request `id` and before the first matching `until`. */
function stepsBetween(client: RawClient, id: number, until: (m: RawMessage) => boolean): number {
  const from = client.received.findIndex((m) => m.id === id && m.method === undefined);
  const end = client.received.findIndex((m, i) => i > from && until(m));
  assert.ok(from >= 0 && end > from, `the answer to ${id} came before the diagnostics`);
  return client.received.slice(from, end).filter(isScanStep).length;
}

const marker = RawClient.marker;

async function started(): Promise<RawClient> {
  const client = await RawClient.initialized(CORPUS_ROOT, { packageIndex: { offline: true } });
  // The scan is under way: it has read a file of the tree.
  await client.waitFor(isScanStep, 60_000, 'the first scan step');
  return client;
}

describe('the start-up scan gives way to the client (real tree, stdio)', () => {
  const clients: RawClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('holds its next step while a big didOpen is partly read, and checks the opened file first', async () => {
    const client = await started();
    clients.push(client);
    const text = fs.readFileSync(COMPONENTS, 'utf8');
    const open = Buffer.from(RawClient.frameOf({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'toml', version: 1, text } } }));
    // The marker and half of the open now, the rest a while later (as a client blocked on a full pipe sends it).
    client.child.stdin.write(Buffer.concat([Buffer.from(marker(100)), open.subarray(0, open.length >> 1)]));
    await client.response(100, 60_000);
    await new Promise((r) => setTimeout(r, 400));
    client.child.stdin.write(open.subarray(open.length >> 1));
    await client.waitFor(publishedFor(1), 60_000, 'the diagnostics of the opened file');
    assert.equal(stepsBetween(client, 100, publishedFor(1)), 0, 'scan steps between the first half of the open and its diagnostics');
    // The scan goes on afterwards: it had not finished reading the tree meanwhile.
    await client.waitFor(isStatus('ready'), 120_000, 'ready status');
    const published = client.received.findIndex(publishedFor(1));
    assert.ok(client.received.slice(published).some((m) => isScanStep(m) && /^scan: reading /.test((m.params as { message: string }).message)), 'the scan read files after the open was checked');
  });

  it('checks an edit read during the scan before the scan takes its next step', async () => {
    const client = await started();
    clients.push(client);
    let text = fs.readFileSync(COMPONENTS, 'utf8');
    client.frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'toml', version: 1, text } } });
    await client.waitFor(publishedFor(1), 60_000, 'the diagnostics of the opened file');
    // Edits while the scan runs: a typo toggled in a component header key in the middle of the file.
    const at = text.indexOf('\n[components.', text.length >> 1) + '\n[components'.length;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1);
    let checked = 0;
    for (let version = 2; version <= 6; version++) {
      // Each edit is sent once the scan has taken a step since the last answer, so it arrives mid-scan.
      const since = client.received.length;
      await client.waitFor((m) => client.received.indexOf(m) >= since && (isScanStep(m) || isStatus('ready')(m)), 60_000, 'a scan step');
      if (client.received.some(isStatus('ready'))) break;
      const insert = version % 2 === 0;
      text = insert ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      const range = { start: { line, character }, end: { line, character: insert ? character : character + 1 } };
      const change = RawClient.frameOf({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: URI, version }, contentChanges: [{ range, text: insert ? 'x' : '' }] } });
      client.write(marker(100 + version) + change);
      await client.waitFor(publishedFor(version), 60_000, `the diagnostics of version ${version}`);
      assert.equal(stepsBetween(client, 100 + version, publishedFor(version)), 0, `scan steps between edit ${version} and its diagnostics`);
      checked++;
    }
    assert.ok(checked >= 3, `${checked} edits were answered during the scan`);
    await client.waitFor(isStatus('ready'), 120_000, 'ready status');
  });
});
