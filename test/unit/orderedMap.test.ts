// orderedMap.ts against a list of [key, value] pairs kept in order by hand: random sets after a key, plain sets,
// deletes and clears, and after each, every way of reading the map (get, has, size, keys, values, entries, the
// iterator, forEach, spread) gives the reference's answer in the reference's order; the map stays deep-equal to a
// plain Map built from the same pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOrderedMap, setAfter, spliceAtKeys, updatedInMapOrder } from '../../server/src/core/orderedMap';
import { prng } from './incremental/editCorpus';

function readings(map: Map<string, number>): unknown {
  const each: [string, number][] = [];
  map.forEach((v, k, m) => {
    assert.equal(m, map);
    each.push([k, v]);
  });
  return { size: map.size, keys: [...map.keys()], values: [...map.values()], entries: [...map.entries()], spread: [...map], each };
}

function expected(pairs: [string, number][]): unknown {
  return { size: pairs.length, keys: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]), entries: pairs, spread: pairs, each: pairs };
}

test('setAfter puts keys in the middle; every reading of the map follows the order, and it stays a plain Map to deep equality', () => {
  const rand = prng(4242);
  for (let round = 0; round < 20; round++) {
    const map = new Map<string, number>();
    const ref: [string, number][] = [];
    for (let i = 0; i < 10; i++) {
      map.set(`k${i}`, i);
      ref.push([`k${i}`, i]);
    }
    for (let step = 0; step < 200; step++) {
      const r = rand();
      const key = `k${Math.floor(rand() * 30)}`;
      const value = step * 100 + round;
      const at = ref.findIndex((p) => p[0] === key);
      if (r < 0.4) {
        // After a random key of the map (or first), moving the key when it is there.
        const others = ref.filter((p) => p[0] !== key);
        const after = others.length && rand() < 0.9 ? (others[Math.floor(rand() * others.length)] as [string, number])[0] : undefined;
        setAfter(map, after, key, value);
        if (at >= 0) ref.splice(at, 1);
        const place = after === undefined ? 0 : ref.findIndex((p) => p[0] === after) + 1;
        ref.splice(place, 0, [key, value]);
      } else if (r < 0.7) {
        map.set(key, value);
        if (at >= 0) ref[at] = [key, value];
        else ref.push([key, value]);
      } else if (r < 0.98) {
        assert.equal(map.delete(key), at >= 0);
        if (at >= 0) ref.splice(at, 1);
      } else {
        map.clear();
        ref.length = 0;
      }
      assert.deepStrictEqual(readings(map), expected(ref), `round ${round}, step ${step}`);
      for (const [k, v] of ref) assert.ok(map.has(k) && map.get(k) === v);
      assert.deepStrictEqual(map, new Map(ref));
    }
    assert.ok(isOrderedMap(map) || round > 0);
  }
});

test('setAfter with a key that is not in the map throws, and leaves the map as it was', () => {
  const map = new Map([['a', 1]]);
  assert.throws(() => setAfter(map, 'zz', 'b', 2));
  assert.deepStrictEqual([...map], [['a', 1]]);
});

test('updatedInMapOrder sets and deletes a few keys kept in the map\'s order, and puts them back in order when one comes among others', () => {
  const map = new Map(['a', 'b', 'c', 'd', 'e'].map((k) => [k, 0]));
  const kept = new Map([['b', 'B'], ['d', 'D']]);
  // Deleted and replaced in place: the same Map, its order as it was.
  assert.equal(updatedInMapOrder(map, kept, [['d', 'D2'], ['b', undefined]], 8), kept);
  assert.deepStrictEqual([...kept], [['d', 'D2']]);
  // Set anew among others: a Map in the order of `map`'s keys.
  const reordered = updatedInMapOrder(map, kept, [['a', 'A'], ['e', 'E']], 8);
  assert.deepStrictEqual([...(reordered ?? [])], [['a', 'A'], ['d', 'D2'], ['e', 'E']]);
  // More to order than the limit: nothing changed.
  const before = [...(reordered ?? [])];
  assert.equal(updatedInMapOrder(map, reordered ?? new Map(), [['c', 'C']], 3), undefined);
  assert.deepStrictEqual([...(reordered ?? [])], before);
  // The first key of an empty set needs no order.
  const lone = new Map<string, string>();
  assert.equal(updatedInMapOrder(map, lone, [['c', 'C']], 0), lone);
});

test('spliceAtKeys takes the changed keys\' items out of a list in the map\'s old order and puts the new ones where the map now has them', () => {
  const rand = prng(20261207);
  for (let round = 0; round < 50; round++) {
    const map = new Map<string, number>();
    for (let i = 0; i < 40; i++) map.set(`k${i}`, i);
    const keys = [...map.keys()];
    const items = keys.map((k) => `old ${k}`);
    const before = [...items];
    // A few keys deleted, set again in the middle (after another key), or new.
    const changed = new Set<string>();
    for (let c = 0; c < 1 + Math.floor(rand() * 5); c++) {
      const key = rand() < 0.3 ? `new${c}` : `k${Math.floor(rand() * 40)}`;
      const after = [...map.keys()][Math.floor(rand() * map.size)] as string;
      if (rand() < 0.4) map.delete(key);
      else if (after !== key) setAfter(map, after, key, -1);
      changed.add(key);
    }
    const placed = new Map([...changed].filter((k) => map.has(k)).map((k): [string, string] => [k, `new ${k}`]));
    const { removedAt, placedAt } = spliceAtKeys(map, keys, items, [...changed], placed);
    assert.deepEqual(keys, [...map.keys()], `round ${round}: the keys follow the map`);
    assert.deepEqual(items, keys.map((k) => (changed.has(k) ? `new ${k}` : `old ${k}`)), `round ${round}: the items`);
    assert.deepEqual([...removedAt].sort((a, b) => a - b), [...changed].map((k) => before.indexOf(`old ${k}`)).filter((i) => i >= 0).sort((a, b) => a - b), `round ${round}: the places taken out`);
    assert.deepEqual(placedAt, [...placed.keys()].map((k) => keys.indexOf(k)).sort((a, b) => a - b), `round ${round}: the places put`);
  }
});
