// The background turn (serverTurn.ts) waits for the client's messages first, but never forever: a backlog that
// the connection will not dispatch is forgotten after a few turns, and a message left half-sent is waited for
// only up to the bound, once. The client backlog (transport/clientBacklog.ts) counts what was read and not yet
// dispatched, and what a cancellation removed.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message, MessageReader } from 'vscode-languageserver/node';
import { backgroundTurn, nextTurn } from '../../../server/src/serverTurn';
import { ClientBacklog } from '../../../server/src/transport/clientBacklog';

/** A reader whose messages the test pushes. */
function pushReader(): { reader: MessageReader; push(m: Message): void } {
  let callback: ((m: Message) => void) | undefined;
  const none = () => ({ dispose: () => undefined });
  return {
    reader: { onError: none, onClose: none, onPartialMessage: none, listen: (cb: (m: Message) => void) => ((callback = cb), { dispose: () => undefined }), dispose: () => undefined } as unknown as MessageReader,
    push: (m) => callback?.(m),
  };
}

describe('background turn and client backlog', () => {
  it('counts messages read until dispatched or cancelled, and not cancellations', () => {
    const backlog = new ClientBacklog();
    const { reader, push } = pushReader();
    const queued: Message[] = [];
    backlog.reader(reader).listen((m) => queued.push(m));
    const a = { jsonrpc: '2.0', id: 1, method: 'a' } as Message;
    const b = { jsonrpc: '2.0', id: 2, method: 'b' } as Message;
    push(a);
    push(b);
    push({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 2 } } as Message);
    assert.equal(backlog.waiting(), true);
    backlog.strategy.handleMessage(a, () => undefined);
    assert.equal(backlog.waiting(), true, 'b still waits');
    backlog.cancelled(b);
    assert.equal(backlog.waiting(), false);
    // A message the connection dropped (replaced) is taken off when a later one is dispatched.
    const c = { jsonrpc: '2.0', id: 3, method: 'c' } as Message;
    const d = { jsonrpc: '2.0', id: 4, method: 'd' } as Message;
    push(c);
    push(d);
    backlog.strategy.handleMessage(d, () => undefined);
    assert.equal(backlog.waiting(), false);
    assert.equal(backlog.dispatched, 2);
  });

  it('waits while messages are dispatched and checks are due, then goes on', async () => {
    const backlog = new ClientBacklog();
    const { reader, push } = pushReader();
    backlog.reader(reader).listen(() => undefined);
    const messages = [1, 2, 3].map((id) => ({ jsonrpc: '2.0', id, method: 'm' }) as Message);
    messages.forEach(push);
    let checks = 1;
    const order: string[] = [];
    // The "connection": one message a turn, then the check an edit scheduled.
    void (async () => {
      for (const m of messages) {
        await nextTurn();
        backlog.strategy.handleMessage(m, () => {
          order.push(`message ${String((m as { id?: number }).id)}`);
        });
      }
      await nextTurn();
      checks = 0;
      order.push('check');
    })();
    await backgroundTurn({ backlog, checksDue: () => checks > 0 })();
    order.push('step');
    assert.deepEqual(order, ['message 1', 'message 2', 'message 3', 'check', 'step']);
  });

  it('forgets a backlog that is never dispatched', async () => {
    const backlog = new ClientBacklog();
    const { reader, push } = pushReader();
    backlog.reader(reader).listen(() => undefined);
    push({ jsonrpc: '2.0', id: 1, method: 'lost' } as Message);
    await backgroundTurn({ backlog, checksDue: () => false })();
    assert.equal(backlog.waiting(), false);
  });

  it('waits for a half-sent message up to the bound, once per message', async () => {
    const backlog = new ClientBacklog();
    backlog.chunkRead(0, true);
    const turn = backgroundTurn({ backlog, checksDue: () => false }, 50);
    let done = false;
    const first = turn().then(() => (done = true));
    await nextTurn();
    await nextTurn();
    assert.equal(done, false, 'held while the message is partly read');
    await first; // after the 50 ms bound (a hang here fails the test by its timeout)
    // The same partial message does not hold the next turn again.
    let second = false;
    await Promise.race([turn().then(() => (second = true)), new Promise((r) => setTimeout(r, 1000))]);
    assert.equal(second, true);
    // The rest arrives: the next message's partial read holds again until it completes.
    backlog.chunkRead(1, true);
    let third = false;
    const next = turn().then(() => (third = true));
    await nextTurn();
    await nextTurn();
    assert.equal(third, false);
    backlog.chunkRead(1, false);
    await next;
    assert.equal(third, true);
  });
});
