// Seeded random patterns and trees, checking properties that tie the pieces together: matching never throws
// and stays within its linear step bound; a pattern without meta characters matches exactly its own text;
// and Glob over a tree returns exactly the tree's files that Match accepts for some brace expansion of the
// pattern — doublestar's Glob expands alternatives before it matches, so that, not Match on the unexpanded
// pattern, is its contract (the two differ where Match's zero-length rule meets an alternative: `b*{,b}`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileMatcher, fileSystemOfNames, glob, match } from '../../../server/src/core/glob';
import { prng as rng } from '../../support/prng';


function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

const ANY_CHARS = ['a', 'b', '/', '*', '?', '[', ']', '{', '}', ',', '\\', '-', '!', '^', 'é', '😀'];
// No negated class: doublestar's Match lets `[!a]` match the separator, which its Glob (segment by segment) cannot.
const SEGMENT_TOKENS = ['a', 'b', 'ab', '*', '?', '[ab]', '[a-b]', '[-a]', '{a,b*}', '{,b}', '*a', 'b?', '{a,{b,?}}'];

function segmentPattern(r: () => number, canBeEmpty = true): string {
  let s = '';
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) s += pick(r, canBeEmpty ? SEGMENT_TOKENS : SEGMENT_TOKENS.filter((t) => t !== '{,b}'));
  return s;
}

function treePattern(r: () => number): string {
  const n = 1 + Math.floor(r() * 4);
  const segs: string[] = [];
  // The first and last segments never expand to nothing: a leading `/` makes another (absolute) pattern, and a
  // trailing `/` or `/**` is where Match's zero-length rule lets a file match what Glob reads as a directory.
  for (let i = 0; i < n; i++) segs.push(r() < 0.25 && i > 0 ? '**' : segmentPattern(r, i > 0 && i < n - 1));
  if (segs[segs.length - 1] === '**') segs.push(segmentPattern(r, false));
  return segs.join('/');
}

/** Brace expansion for the well-formed, escape-free patterns generated here. */
function expandBraces(p: string): string[] {
  const open = p.indexOf('{');
  if (open < 0) return [p];
  let depth = 0;
  const cuts: number[] = [];
  let close = -1;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '{') depth++;
    else if (p[i] === ',' && depth === 1) cuts.push(i);
    else if (p[i] === '}' && --depth === 0) {
      close = i;
      break;
    }
  }
  const bounds = [open, ...cuts, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const e of expandBraces(p.slice(0, open) + p.slice((bounds[k] as number) + 1, bounds[k + 1]) + p.slice(close + 1))) out.push(e);
  }
  return out;
}

function randomTree(r: () => number): string[] {
  const names = new Set<string>();
  const n = 1 + Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    const depth = 1 + Math.floor(r() * 3);
    const parts: string[] = [];
    for (let d = 0; d < depth; d++) parts.push(pick(r, ['a', 'b', 'ab', 'ba', 'aa', 'b-a']));
    names.add(parts.join('/'));
  }
  // A name that is also a directory of another cannot exist on disk.
  return [...names].filter((p) => ![...names].some((q) => q.startsWith(p + '/')));
}

describe('glob properties over seeded random input', () => {
  test('matching arbitrary patterns and names never throws and stays linear', () => {
    const r = rng(20261202);
    for (let i = 0; i < 3000; i++) {
      let pattern = '';
      let name = '';
      for (let k = Math.floor(r() * 24); k > 0; k--) pattern += pick(r, ANY_CHARS);
      for (let k = Math.floor(r() * 40); k > 0; k--) name += pick(r, ANY_CHARS);
      const compiled = compileMatcher(pattern);
      if (!compiled.ok) {
        assert.equal(compiled.error.kind, 'bad-pattern', pattern);
        continue;
      }
      const states = 4 * [...pattern].length + 4;
      const out = compiled.matcher.matchCounted(name);
      assert.ok(out.steps <= ([...name].length + 1) * states + 64 * states, `${JSON.stringify(pattern)} vs ${JSON.stringify(name)}: ${out.steps} steps`);
    }
  });

  test('a pattern without meta characters matches exactly its own text', () => {
    const r = rng(7);
    for (let i = 0; i < 1000; i++) {
      let text = '';
      for (let k = Math.floor(r() * 12); k > 0; k--) text += pick(r, ['a', 'b', '/', '-', 'é', '!', ',', '^']);
      assert.deepEqual(match(text, text), { ok: true, matched: true }, text);
      assert.deepEqual(match(text, text + 'a'), { ok: true, matched: false }, text);
    }
  });

  test('Glob over a tree returns exactly the files Match accepts for some expansion of its braces', () => {
    const r = rng(42);
    for (let i = 0; i < 1500; i++) {
      const files = randomTree(r);
      const pattern = treePattern(r);
      const found = glob(fileSystemOfNames(files), pattern, { root: '/', filesOnly: true });
      assert.ok(found.ok, pattern);
      // An empty middle segment (`a//b`) is a step in place to Glob, which joins paths; Match wants two slashes.
      const expansions = expandBraces(pattern).map((e) => e.replace(/\/\/+/g, '/'));
      const expected = files.filter((f) =>
        expansions.some((e) => {
          const m = match(e, f);
          return m.ok && m.matched;
        }),
      );
      assert.deepEqual([...found.paths].sort(), expected.sort(), `${pattern} over ${JSON.stringify(files)}`);
    }
  });
});
