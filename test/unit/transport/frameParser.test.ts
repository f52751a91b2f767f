// The LSP frame parser on well-formed streams split anywhere, and on the malformed frames that used to
// stall the server: a Content-Length that is not a number, one byte short, one byte long, garbage.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameParser } from '../../../server/src/transport/frameParser';

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
const msg = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'm', params: { text: 'é€😀' } });

function feed(parts: (string | Buffer)[]) {
  const parser = new FrameParser();
  const messages: unknown[] = [];
  const problems: string[] = [];
  for (const p of parts) {
    const r = parser.push(typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
    messages.push(...r.messages);
    problems.push(...r.problems);
  }
  return { ids: messages.map((m) => (m as { id: number }).id), problems };
}

describe('LSP frame parser', () => {
  it('reads frames split at every byte, with multi-byte text and a Content-Type header', () => {
    const bytes = Buffer.from(frame(msg(1)) + `Content-Length: ${Buffer.byteLength(msg(2))}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${msg(2)}`, 'utf8');
    const oneByOne = feed([...bytes].map((b) => Buffer.from([b])));
    assert.deepEqual(oneByOne, { ids: [1, 2], problems: [] });
    assert.deepEqual(feed([bytes]), { ids: [1, 2], problems: [] });
  });

  it('skips a frame whose Content-Length is not a number and reads the next one', () => {
    const r = feed([`Content-Length: abc\r\n\r\n${msg(1)}` + frame(msg(2))]);
    assert.deepEqual(r.ids, [2]);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0] ?? '', /^Malformed LSP frame: Content-Length "abc" is not a number; skipped \d+ bytes to the next frame$/);
  });

  it('skips a frame one byte short, and one byte long, without losing the frame after it', () => {
    const short = feed([frame(msg(1), Buffer.byteLength(msg(1)) - 1) + frame(msg(2)) + frame(msg(3))]);
    assert.deepEqual(short.ids, [2, 3]);
    assert.match(short.problems.join('\n'), /body is not JSON .*Content-Length wrong/);
    // A long frame swallows the first byte of the next header; it is found again from the body's start.
    const long = feed([frame(msg(1), Buffer.byteLength(msg(1)) + 1), frame(msg(2)), frame(msg(3))]);
    assert.deepEqual(long.ids, [2, 3]);
    assert.equal(long.problems.length, 1);
  });

  it('skips garbage before a header, a header with no Content-Length, and a non-object body', () => {
    const r = feed(['}}garbage\r\n', frame(msg(1)), 'Content-Type: x\r\n\r\n{}', frame('[1,2]'), frame(msg(2))]);
    assert.deepEqual(r.ids, [1, 2]);
    assert.equal(r.problems.length, 3);
    assert.match(r.problems[0] ?? '', /header line "}}garbage" is not "Name: value"/);
    assert.match(r.problems[1] ?? '', /no Content-Length header/);
    assert.match(r.problems[2] ?? '', /not a JSON-RPC message object/);
  });

  it('does not buffer a stream that never sends a header end', () => {
    const parser = new FrameParser();
    let problems = 0;
    for (let i = 0; i < 100; i++) problems += parser.push(Buffer.alloc(1024, 'x')).problems.length;
    assert.ok(problems >= 1, 'reported');
    assert.deepEqual(parser.push(Buffer.from(frame(msg(7)))).messages.map((m) => (m as { id: number }).id), [7]);
  });
});
