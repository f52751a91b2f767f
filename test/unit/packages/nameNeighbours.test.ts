// The did-you-mean scan's two arithmetic shortcuts against the plain code they stand for: the banded edit distance
// over UTF-16 code units against editDistance, and the lane-wise count difference against a loop over the counts.
// (The whole path against a scan of every name: test/unit/packageRules/realTree.test.ts.)
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { editDistance, editDistanceOfCodes } from '../../../server/src/core/packages/editDistance';
import { countDistance, NameNeighbours, type DecodeSteps } from '../../../server/src/core/packages/nameNeighbours';

/** A small deterministic generator (xorshift32). */
function generator(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function edited(s: string, edits: number, next: () => number, alphabet: string): string {
  let t = s;
  for (let e = 0; e < edits; e++) {
    const at = t.length ? next() % (t.length + 1) : 0;
    const ch = alphabet[next() % alphabet.length] as string;
    switch (next() % 4) {
      case 0: t = t.slice(0, at) + ch + t.slice(at); break;
      case 1: t = t.slice(0, at) + t.slice(at + 1); break;
      case 2: t = t.slice(0, at) + ch + t.slice(at + 1); break;
      default: t = t.slice(0, at) + (t[at + 1] ?? '') + (t[at] ?? '') + t.slice(at + 2);
    }
  }
  return t;
}

test('editDistanceOfCodes is min(editDistance, max + 1) on strings near and far, within a larger buffer', () => {
  const next = generator(0x9e3779b9);
  const alphabet = 'ab-c1é';
  let within = 0;
  for (let k = 0; k < 30000; k++) {
    const len = next() % 14;
    let a = '';
    for (let i = 0; i < len; i++) a += alphabet[next() % alphabet.length];
    const b = next() % 5 === 0 ? edited(a + 'xyz', next() % 8, next, alphabet) : edited(a, next() % 5, next, alphabet);
    const max = next() % 4;
    // `b` sits at an offset inside a buffer holding other text on both sides.
    const buffer = `zq${b}qz`;
    const chars = new Uint16Array(buffer.length);
    for (let i = 0; i < buffer.length; i++) chars[i] = buffer.charCodeAt(i);
    const codes = new Uint16Array(a.length + 3);
    for (let i = 0; i < a.length; i++) codes[i] = a.charCodeAt(i);
    const expected = Math.min(editDistance(a, b, max), max + 1);
    assert.equal(editDistanceOfCodes(codes, a.length, chars, 2, 2 + b.length, max), expected, `${JSON.stringify(a)} ${JSON.stringify(b)} max ${max}`);
    if (expected <= max) within++;
  }
  assert.ok(within > 10000, `${within} pairs within max`);
});

test('editDistanceOfCodes grows its rows for long names', () => {
  const a = 'x'.repeat(300) + 'ab';
  const b = 'x'.repeat(300) + 'ba';
  const chars = Uint16Array.from(b, (c) => c.charCodeAt(0));
  const codes = Uint16Array.from(a, (c) => c.charCodeAt(0));
  assert.equal(editDistanceOfCodes(codes, a.length, chars, 0, b.length, 2), 1);
  assert.equal(editDistanceOfCodes(codes, a.length, chars, 0, b.length - 2, 2), 2);
  assert.equal(editDistanceOfCodes(codes, a.length, chars, 0, b.length - 3, 2), 3);
});

test('countDistance is the sum of the differences of the eight 4-bit counts', () => {
  const next = generator(12345);
  for (let k = 0; k < 100000; k++) {
    // Mostly near pairs (a few counts moved), some arbitrary ones, and the extremes.
    const a = k === 0 ? 0xffffffff : next();
    let b = k === 0 ? 0 : next() % 3 === 0 ? next() : a;
    if (b === a) for (let m = next() % 4; m > 0; m--) b = (b & ~(15 << (4 * (next() % 8)))) | ((next() % 16) << (4 * (next() % 8)));
    let expected = 0;
    for (let s = 0; s < 32; s += 4) expected += Math.abs(((a >>> s) & 15) - ((b >>> s) & 15));
    assert.equal(countDistance(a | 0, b | 0), expected, `${a.toString(16)} ${b.toString(16)}`);
    assert.equal(countDistance(a >>> 0, b >>> 0), expected);
  }
});

test('the index finds what a scan of every name finds, for long and non-ASCII names decoded in any order and step', () => {
  const next = generator(0x5eed);
  const alphabet = 'abcdeé-_0ż';
  const names: string[] = [];
  for (let i = 0; i < 300; i++) {
    const length = i % 10 === 0 ? 150 + (next() % 200) : 1 + (next() % 40);
    names.push(Array.from({ length }, () => alphabet[next() % alphabet.length]).join(''));
  }
  // Decoded in an order of its own (as a pool read from its file decodes them, by place), a step per `perStep`.
  const decode: DecodeSteps = function* (ids, each, perStep) {
    const order = Array.from(ids.keys()).sort((a, b) => ((a * 7919) % 301) - ((b * 7919) % 301));
    let inStep = 0;
    for (const i of order) {
      each(i, names[ids[i] as number] as string);
      if (++inStep >= perStep) {
        inStep = 0;
        yield;
      }
    }
  };
  const ids = Uint32Array.from(names.keys());
  for (const perStep of [1, 64, Number.POSITIVE_INFINITY]) {
    const steps = NameNeighbours.building(ids, decode, perStep);
    let r = steps.next();
    while (!r.done) r = steps.next();
    const index = r.value;
    for (let q = 0; q < 60; q++) {
      const base = names[next() % names.length] as string;
      const query = edited(base, next() % 3, next, alphabet);
      const max = 1 + (next() % 3);
      const got = new Map<string, number>();
      index.within(query, max, (name, d) => got.set(name, d));
      const want = new Map<string, number>();
      for (const name of names) {
        const d = editDistance(query, name, max);
        if (name !== query && d <= max) want.set(name, d);
      }
      assert.deepEqual(new Map([...got].sort()), new Map([...want].sort()), `${JSON.stringify(query)} within ${max}, ${perStep} a step`);
    }
  }
});
