import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareEvr, parseEvr, rpmvercmp } from '../../../server/src/core/packages/rpmvercmp';
import { rangesOverlap, flagsOfOperator } from '../../../server/src/core/packages/dependencyMatch';
import { RPMVERCMP_VECTORS } from './rpmvercmpVectors';

test('rpmvercmp agrees with every one of rpm\'s own comparison vectors', () => {
  assert.ok(RPMVERCMP_VECTORS.length >= 90);
  const wrong = RPMVERCMP_VECTORS.filter(([a, b, want]) => rpmvercmp(a, b) !== want).map(([a, b, want]) => `${a} vs ${b}: want ${want}, got ${rpmvercmp(a, b)}`);
  assert.deepEqual(wrong, []);
});

test('EVRs compare epoch first, and a missing release matches any release', () => {
  assert.equal(compareEvr(parseEvr('1:1.0-1'), parseEvr('2.0-1')), 1);
  assert.equal(compareEvr(parseEvr('1.0'), parseEvr('1.0-5.fc43')), 0);
  assert.equal(compareEvr(parseEvr('0:1.0-2'), parseEvr('1.0-10')), -1);
  assert.deepEqual(parseEvr('3:2.4.1-0.rc1.fc43'), { epoch: '3', version: '2.4.1', release: '0.rc1.fc43' });
});

test('a provide satisfies a requirement when their version ranges overlap (rpmdsCompare)', () => {
  const ge = flagsOfOperator('>=') as number, lt = flagsOfOperator('<') as number, eq = flagsOfOperator('=') as number;
  assert.ok(rangesOverlap(eq, '1.2-1', ge, '1.0'));
  assert.ok(!rangesOverlap(eq, '1.2-1', ge, '1.3'));
  assert.ok(!rangesOverlap(eq, '1.2-1', lt, '1.2'));
  assert.ok(rangesOverlap(eq, '1.2-1', eq, '1.2'));
  assert.ok(rangesOverlap(0, '', ge, '99'), 'an unversioned provide satisfies any version');
  assert.ok(rangesOverlap(ge, '2.0', lt, '3.0'));
  assert.ok(!rangesOverlap(eq, '1:1.0-1', eq, '1.0-1'));
});
