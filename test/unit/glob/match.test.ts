// doublestar's own Match / PathMatch / ValidatePattern table run against our matcher, plus the property the
// matcher exists for: any pattern against any name in linear time, counted in steps rather than timed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BAD_PATTERN_MESSAGE, compileMatcher, match, pathMatch, validatePattern } from '../../../server/src/core/glob';
import { matchVectors } from './doublestarVectors';

describe('doublestar matchTests: ValidatePattern', () => {
  for (const [i, v] of matchVectors.entries()) {
    test(`#${i} ValidatePattern(${JSON.stringify(v.pattern)})`, () => assert.equal(validatePattern(v.pattern), !v.badPattern));
  }
});

describe('doublestar matchTests: Match and PathMatch', () => {
  for (const [i, v] of matchVectors.entries()) {
    test(`#${i} Match(${JSON.stringify(v.pattern)}, ${JSON.stringify(v.path)})`, () => {
      const expected = v.badPattern ? { ok: false, error: { kind: 'bad-pattern', message: BAD_PATTERN_MESSAGE } } : { ok: true, matched: v.match };
      assert.deepEqual(match(v.pattern, v.path), expected);
      if (v.onDisk) assert.deepEqual(pathMatch(v.pattern, v.path), expected);
    });
  }
});

describe('doublestar quirks azldev inherits', () => {
  test('an escaped non-meta character matches the character itself in Match', () => {
    assert.deepEqual(match('run-vmblock\\x2dfuse.mount', 'run-vmblockx2dfuse.mount'), { ok: true, matched: true });
    assert.deepEqual(match('run-vmblock\\x2dfuse.mount', 'run-vmblock\\x2dfuse.mount'), { ok: true, matched: false });
  });
  test('`**` not alone in its segment is a single star', () => {
    assert.deepEqual(match('abc**', 'abc/b'), { ok: true, matched: false });
    assert.deepEqual(match('path/to/**.txt', 'path/to/a.txt'), { ok: true, matched: true });
    assert.deepEqual(match('path/to/**.txt', 'path/to/x/a.txt'), { ok: true, matched: false });
  });
  test('a negated class may match the separator, as doublestar lets it', () => {
    assert.deepEqual(match('a[^x]b', 'a/b'), { ok: true, matched: true });
    assert.deepEqual(match('a?b', 'a/b'), { ok: true, matched: false });
  });
  test('a reversed range is a valid pattern that matches nothing (no exception)', () => {
    assert.deepEqual(match('[z-a]*.toml', 'b.toml'), { ok: true, matched: false });
    assert.equal(validatePattern('[z-a]*.toml'), true);
  });
  test('bad patterns are values', () => {
    for (const p of ['[', 'a[', '[]', '[!]', '\\', 'a{b', 'a}b', '{a,{b}']) {
      assert.deepEqual(match(p, 'a'), { ok: false, error: { kind: 'bad-pattern', message: BAD_PATTERN_MESSAGE } }, p);
    }
  });
});

describe('linear time', () => {
  // `*a*a…*b` against a name of a's: a backtracking regex (the old overlay glob) tries every split of the name.
  for (const reps of [10, 20, 40]) {
    test(`*a repeated ${reps} times then *b, against 40 and 400 a's`, () => {
      const pattern = '*a'.repeat(reps) + '*b';
      const compiled = compileMatcher(pattern);
      assert.ok(compiled.ok);
      const states = 2 * pattern.length + 2;
      for (const len of [40, 400]) {
        const r = compiled.matcher.matchCounted('a'.repeat(len));
        assert.equal(r.matched, false);
        assert.ok(r.steps <= (len + 1) * states * 2, `${r.steps} steps for ${len} characters and ${pattern.length} pattern characters`);
      }
      assert.equal(compiled.matcher.match('a'.repeat(reps) + 'b'), true);
    });
  }
  test('nested alternatives and doublestars stay linear', () => {
    const pattern = '{a,{b,{c,**/}}}'.repeat(8) + 'z';
    const compiled = compileMatcher(pattern);
    assert.ok(compiled.ok);
    const name = 'a/b/c/'.repeat(100) + 'y';
    const r = compiled.matcher.matchCounted(name);
    assert.equal(r.matched, false);
    assert.ok(r.steps <= (name.length + 1) * (2 * pattern.length + 2) * 2, `${r.steps} steps`);
  });
  test('the steps grow in proportion to the name', () => {
    const compiled = compileMatcher('*a'.repeat(10) + '*b');
    assert.ok(compiled.ok);
    const s1 = compiled.matcher.matchCounted('a'.repeat(100)).steps;
    const s2 = compiled.matcher.matchCounted('a'.repeat(1000)).steps;
    assert.ok(s2 <= s1 * 11, `${s1} steps for 100, ${s2} for 1000`);
  });
});
