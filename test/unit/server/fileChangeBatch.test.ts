// The watched-file batch: a burst becomes one pass over the distinct files (created/deleted kept over a
// later change), a pass that sees more changes coming hands back what it did not reach and those go first
// in the next pass, and a change older than the longest wait is applied through without yielding.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileEvent } from 'vscode-languageserver/node';
import { FileChangeBatch } from '../../../server/src/fileChangeBatch';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watched-file change batch', () => {
  it('applies a burst once, per distinct file, keeping structural kinds', async () => {
    const passes: FileEvent[][] = [];
    const batch = new FileChangeBatch(async (changes) => (passes.push(changes), []), { quietMs: 20, maxWaitMs: 5000 });
    for (let i = 0; i < 2000; i++) batch.add([{ uri: `file:///f${i % 10}`, type: CHANGED }]);
    batch.add([{ uri: 'file:///f1', type: CREATED }, { uri: 'file:///f2', type: DELETED }]);
    batch.add([{ uri: 'file:///f1', type: CHANGED }]);
    await sleep(100);
    assert.equal(passes.length, 1);
    assert.equal(passes[0]?.length, 10);
    assert.deepEqual(passes[0]?.filter((c) => c.type !== CHANGED), [{ uri: 'file:///f1', type: CREATED }, { uri: 'file:///f2', type: DELETED }]);
  });

  it('lets a pass stop when more changes come, and applies what it left first', async () => {
    const passes: string[][] = [];
    const yields: boolean[] = [];
    const batch = new FileChangeBatch(
      async (changes, shouldYield) => {
        passes.push(changes.map((c) => c.uri));
        if (passes.length > 1) return [];
        batch.add([{ uri: 'file:///late', type: CHANGED }]);
        yields.push(shouldYield());
        return changes.slice(1);
      },
      { quietMs: 10, maxWaitMs: 5000 },
    );
    batch.add(['a', 'b', 'c'].map((n) => ({ uri: `file:///${n}`, type: CHANGED })));
    await sleep(100);
    assert.deepEqual(yields, [true]);
    assert.deepEqual(passes, [['file:///a', 'file:///b', 'file:///c'], ['file:///b', 'file:///c', 'file:///late']]);
  });

  it('does not yield once the oldest change has waited the longest wait', async () => {
    const yields: boolean[] = [];
    const batch = new FileChangeBatch(
      async (_changes, shouldYield) => {
        if (yields.length) return [];
        await sleep(40);
        batch.add([{ uri: 'file:///more', type: CHANGED }]);
        yields.push(shouldYield());
        return [];
      },
      { quietMs: 5, maxWaitMs: 30 },
    );
    batch.add([{ uri: 'file:///a', type: CHANGED }]);
    await sleep(150);
    assert.equal(yields[0], false);
  });
});
