// The files whose cross-file findings changed are published in the turns after (publishQueue.ts), or some of them at
// once when asked: not in the turn that queued them otherwise, once however often they were queued before their turn,
// again when queued after it, and every one of them even when another's publish fails.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PublishQueue } from '../../../server/src/publishQueue';

/** A queue whose publishes and turns are logged; `onPublish` runs inside a publish (to queue more from there). */
function loggedQueue(onPublish: (file: string, queue: PublishQueue) => void = () => undefined) {
  const log: string[] = [];
  const failures: string[] = [];
  const queue: PublishQueue = new PublishQueue(
    (file) => {
      log.push(file);
      onPublish(file, queue);
    },
    async () => {
      log.push('turn');
    },
    (file, err) => failures.push(`${file}: ${err instanceof Error ? err.message : String(err)}`),
  );
  return { queue, log, failures };
}

describe('publishing in the turns after', () => {
  it('publishes nothing in the turn that queued, then each file once however often it was queued', async () => {
    const { queue, log } = loggedQueue();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    assert.deepEqual(log.filter((l) => l !== 'turn'), [], 'nothing goes out in the queuing turn');
    await queue.idle();
    assert.deepEqual(log, ['turn', 'a', 'b']);
  });

  it('publishes a file queued while the others go out, and one queued again after its publish, again', async () => {
    let first = true;
    const { queue, log } = loggedQueue((file, q) => {
      if (file === 'a' && first) q.add('c');
      if (file === 'b') q.add('a');
      first &&= file !== 'a';
    });
    queue.add('a');
    queue.add('b');
    await queue.idle();
    assert.deepEqual(log, ['turn', 'a', 'b', 'c', 'a']);
    // Queued after the queue went idle: a new round.
    queue.add('d');
    await queue.idle();
    assert.deepEqual(log.slice(5), ['turn', 'd']);
  });

  it('publishes the rest when one publish fails, and says which failed', async () => {
    const { queue, log, failures } = loggedQueue((file) => {
      if (file === 'b') throw new Error('unreadable');
    });
    ['a', 'b', 'c'].forEach((f) => queue.add(f));
    await queue.idle();
    assert.deepEqual(log, ['turn', 'a', 'b', 'c']);
    assert.deepEqual(failures, ['b: unreadable']);
  });

  it('publishes a few now when asked, or of many what the budget allows (at least one), and the rest in the turns after', async () => {
    const { queue, log } = loggedQueue();
    ['a', 'b', 'c'].forEach((f) => queue.add(f));
    queue.publishSome(2, 0);
    assert.deepEqual(log.filter((l) => l !== 'turn'), ['a'], 'one now: more than a few, and the budget is spent at once');
    queue.publishSome(2, 0);
    assert.deepEqual(log.filter((l) => l !== 'turn'), ['a', 'b', 'c'], 'the rest now: a few, whatever the budget');
    queue.add('d');
    queue.publishSome(0, 60_000);
    assert.deepEqual(log.filter((l) => l !== 'turn'), ['a', 'b', 'c', 'd'], 'all now: the budget is ample');
    await queue.idle();
    assert.deepEqual(log.filter((l) => l !== 'turn'), ['a', 'b', 'c', 'd'], 'none again');
  });

  it('leaves out a file taken out before its turn', async () => {
    const { queue, log } = loggedQueue();
    ['a', 'b', 'c'].forEach((f) => queue.add(f));
    queue.delete('b');
    await queue.idle();
    assert.deepEqual(log, ['turn', 'a', 'c']);
  });

  it('resolves idle at once when nothing waits', async () => {
    const { queue, log } = loggedQueue();
    await queue.idle();
    assert.deepEqual(log, []);
  });
});
