// The stdio writer hands each message to the stream as it is sent, framed as vscode-jsonrpc frames it: an edit's
// diagnostics leave the process before the next step of background work, not on a later turn of the event loop.
import * as assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { FrameParser } from '../../../server/src/transport/frameParser';
import { ImmediateStreamMessageWriter } from '../../../server/src/transport/immediateStreamWriter';

const messages: Message[] = [
  { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/é€😀.toml', version: 3, diagnostics: [{ message: 'Unknown key "srouce"', range: { start: { line: 0, character: 1 }, end: { line: 0, character: 7 } } }] } } as Message,
  { jsonrpc: '2.0', id: 7, result: { items: ['a\r\nb', '"quoted"', '\u0000'] } } as Message,
  { jsonrpc: '2.0', method: '$/logTrace', params: { message: 'x'.repeat(70_000) } } as Message,
];

function collect(): { stream: PassThrough; bytes: () => Buffer } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, bytes: () => Buffer.concat(chunks) };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('immediate stream message writer', () => {
  it('writes each message before write() returns, byte for byte as the library frames it', async () => {
    const ours = collect();
    const writer = new ImmediateStreamMessageWriter(ours.stream);
    const written: number[] = [];
    const parser = new FrameParser();
    ours.stream.on('data', (c: Buffer) => written.push(...parser.push(c).messages.map((_, i) => i)));
    for (const [i, m] of messages.entries()) {
      void writer.write(m);
      // In the stream already: no turn of the event loop has run since the write.
      const seen = new FrameParser().push(ours.bytes()).messages;
      assert.equal(seen.length, i + 1, `message ${i} is in the stream as soon as it is sent`);
      assert.deepEqual(seen[i], JSON.parse(JSON.stringify(m)));
    }
    const library = collect();
    const theirs = new StreamMessageWriter(library.stream);
    for (const m of messages) await theirs.write(m);
    await turn();
    assert.equal(ours.bytes().toString('latin1'), library.bytes().toString('latin1'));
    assert.equal(written.length, messages.length);
  });

  it('reports a write the stream fails, with the message and a count, and rejects it', async () => {
    const failing = new Writable({ write: (_chunk, _enc, cb) => cb(new Error('EPIPE: broken pipe')) });
    failing.on('error', () => undefined);
    const writer = new ImmediateStreamMessageWriter(failing);
    const errors: [Error, Message | undefined, number | undefined][] = [];
    writer.onError((e) => errors.push(e));
    await assert.rejects(writer.write(messages[1]!), /EPIPE/);
    const withMessage = errors.find(([, m]) => m !== undefined);
    assert.ok(withMessage, 'the failed message is reported');
    assert.equal(withMessage[1], messages[1]);
    assert.equal(withMessage[2], 1);
    assert.match(withMessage[0].message, /EPIPE/);
  });

  it('rejects a message JSON cannot carry and goes on writing the next', async () => {
    const out = collect();
    const writer = new ImmediateStreamMessageWriter(out.stream);
    const errors: Error[] = [];
    writer.onError(([e]) => errors.push(e));
    const cyclic: Record<string, unknown> = { jsonrpc: '2.0', method: 'm' };
    cyclic['params'] = cyclic;
    await assert.rejects(writer.write(cyclic as unknown as Message), /circular/i);
    assert.equal(errors.length, 1);
    await writer.write(messages[1]!);
    assert.deepEqual(new FrameParser().push(out.bytes()).messages, [JSON.parse(JSON.stringify(messages[1]))]);
  });

  it('tells the connection when the stream closes', async () => {
    const out = collect();
    const writer = new ImmediateStreamMessageWriter(out.stream);
    let closed = false;
    writer.onClose(() => (closed = true));
    out.stream.destroy();
    await turn();
    assert.equal(closed, true);
  });
});
