// editDistance (schema/suggest.ts) reuses one table between calls: against a table made afresh per call, over
// seeded random pairs of every shape in turn (short after long, so a stale cell of a bigger earlier call would show;
// long enough to grow the table), and the "did you mean" it serves on the keys of the benchmark's typo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance } from '../../../server/src/core/schema/suggest';
import { prng } from '../../support/prng';

/** Optimal string alignment distance with a fresh table per call. */
function reference(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(up[j] as number, (row[j - 1] as number)) + 1;
      row[j] = Math.min(row[j] as number, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

test('editDistance with its reused table equals a fresh table\'s over random pairs of every length', () => {
  const rand = prng(20261203);
  const word = (max: number): string => Array.from({ length: Math.floor(rand() * max) }, () => 'abcs'[Math.floor(rand() * 4)]).join('');
  for (let n = 0; n < 3000; n++) {
    const max = n % 50 === 0 ? 90 : 12;
    const a = word(max);
    const b = word(max);
    assert.equal(editDistance(a, b), reference(a, b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  }
  assert.equal(editDistance('sepc', 'spec'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(closest('componentsx', ['components', 'distros', 'project']), 'components');
});
