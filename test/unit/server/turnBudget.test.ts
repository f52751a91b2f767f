// Background work in turns bounded by time (turnBudget.ts): a turn is taken once the budget is spent, however many
// items that took, and the work ends when it is told to stop after a turn.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachInTurns } from '../../../server/src/turnBudget';

/** A clock each item moves by its own cost, and a log of the items and the turns between them. */
function run(costs: number[], stopAfterTurns = Infinity): Promise<{ done: boolean; log: string[] }> {
  let t = 0;
  let turns = 0;
  const log: string[] = [];
  return eachInTurns(
    costs.map((c, i) => ({ c, i })),
    ({ c, i }) => {
      t += c;
      log.push(`item ${i}`);
    },
    {
      turn: async () => {
        turns++;
        log.push('turn');
      },
      stop: () => turns >= stopAfterTurns,
      budgetMs: 2,
      now: () => t,
    },
  ).then((done) => ({ done, log }));
}

describe('work in turns bounded by time', () => {
  it('takes a turn once the items done since the last one took the budget', async () => {
    const { done, log } = await run([0.7, 0.7, 0.7, 0.1, 0.1, 5, 0.5]);
    assert.equal(done, true);
    // 0.7 + 0.7 + 0.7 = 2.1 spent: a turn; then 0.1 + 0.1 + 5; then the last item (a turn after it too: its 0.5 is not spent yet, none).
    assert.deepEqual(log, ['item 0', 'item 1', 'item 2', 'turn', 'item 3', 'item 4', 'item 5', 'turn', 'item 6']);
  });

  it('does many cheap items in one turn', async () => {
    const { log } = await run(Array.from({ length: 100 }, () => 0.01));
    assert.equal(log.filter((l) => l === 'turn').length, 0);
    assert.equal(log.length, 100);
  });

  it('ends early when told to stop after a turn', async () => {
    const { done, log } = await run([3, 3, 3, 3], 2);
    assert.equal(done, false);
    assert.deepEqual(log, ['item 0', 'turn', 'item 1', 'turn']);
  });
});
