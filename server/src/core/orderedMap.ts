// A Map that takes a key in the middle. A JavaScript Map iterates in insertion order and cannot insert anywhere
// else, so a key that comes back in the middle (a `[components.NAME]` header typed back, the same name in the
// project's components union) would need the whole map made again: thousands of sets and a large hash table of
// garbage per keystroke. `setAfter` turns the map, once, into one that keeps its order in two arrays beside its
// hash table: lookups stay the Map's own, iteration follows the arrays, and a key put in the middle costs one
// splice (a move of pointers: no hashing, no allocation). The map stays a Map to everyone who reads it: its
// prototype is Map.prototype (deep equality and `instanceof` see a plain map), and the methods that follow the
// arrays are its own non-enumerable properties.

interface Order<K, V> {
  keys: K[];
  values: V[];
}

const orders = new WeakMap<Map<unknown, unknown>, Order<unknown, unknown>>();

const mapSet = Map.prototype.set;
const mapDelete = Map.prototype.delete;
const mapClear = Map.prototype.clear;
const mapHas = Map.prototype.has;

/** Whether `map` keeps its order in arrays (setAfter made it so). */
export function isOrderedMap(map: Map<unknown, unknown>): boolean {
  return orders.has(map);
}

function orderOf<K, V>(map: Map<K, V>): Order<K, V> {
  const known = orders.get(map as Map<unknown, unknown>) as Order<K, V> | undefined;
  if (known) return known;
  const order: Order<K, V> = { keys: [...map.keys()], values: [...map.values()] };
  orders.set(map as Map<unknown, unknown>, order as Order<unknown, unknown>);
  const { keys, values } = order;
  const pairs = (): IterableIterator<[K, V]> => new PairIterator(keys, values);
  const own: Record<string | symbol, unknown> = {
    set(this: Map<K, V>, key: K, value: V): Map<K, V> {
      if (mapHas.call(this, key)) values[keys.indexOf(key)] = value;
      else {
        keys.push(key);
        values.push(value);
      }
      mapSet.call(this, key, value);
      return this;
    },
    delete(this: Map<K, V>, key: K): boolean {
      if (!mapDelete.call(this, key)) return false;
      const i = keys.indexOf(key);
      keys.splice(i, 1);
      values.splice(i, 1);
      return true;
    },
    clear(this: Map<K, V>): void {
      mapClear.call(this);
      keys.length = 0;
      values.length = 0;
    },
    forEach(this: Map<K, V>, callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
      if (thisArg === undefined) for (let i = 0; i < keys.length; i++) callback(values[i] as V, keys[i] as K, this);
      else for (let i = 0; i < keys.length; i++) callback.call(thisArg, values[i] as V, keys[i] as K, this);
    },
    keys: (): IterableIterator<K> => new ListIterator(keys),
    values: (): IterableIterator<V> => new ListIterator(values),
    entries: pairs,
    [Symbol.iterator]: pairs,
  };
  for (const name of Reflect.ownKeys(own)) Object.defineProperty(map, name, { value: own[name], writable: true, configurable: true, enumerable: false });
  return order;
}

/**
 * The iterator of an ordered map's entries: a class, not a generator, which V8 runs about as fast as a Map's own
 * iterator (a generator was about twice as slow over the 7,400 components).
 */
class PairIterator<K, V> implements IterableIterator<[K, V]> {
  private i = 0;
  constructor(
    private readonly keys: readonly K[],
    private readonly values: readonly V[],
  ) {}
  next(): IteratorResult<[K, V], undefined> {
    const i = this.i;
    if (i >= this.keys.length) return { value: undefined, done: true };
    this.i = i + 1;
    return { value: [this.keys[i] as K, this.values[i] as V], done: false };
  }
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this;
  }
}

/**
 * The iterator of an ordered map's keys or values. Not the arrays' own iterators: a loop that reads both plain
 * and ordered maps then meets two kinds of iterator and V8 calls the array iterator's next() as a builtin per item
 * instead of inlining it (callgrind over the probe: ~430 million instructions more than the Map's own in 120 edits).
 */
class ListIterator<T> implements IterableIterator<T> {
  private i = 0;
  constructor(private readonly list: readonly T[]) {}
  next(): IteratorResult<T, undefined> {
    const i = this.i;
    if (i >= this.list.length) return { value: undefined, done: true };
    this.i = i + 1;
    return { value: this.list[i] as T, done: false };
  }
  [Symbol.iterator](): IterableIterator<T> {
    return this;
  }
}

/**
 * The keys of `map` in its iteration order, as an array kept in step with the map (read it, never change it): the
 * first call turns the map into an ordered one (a copy of its keys and values, once), so that where a key stands is
 * one native search (`indexOf`) and not a walk of the map.
 */
export function keysInOrder<K, V>(map: Map<K, V>): readonly K[] {
  return orderOf(map).keys;
}

/** `byName`'s entries in the order of their keys in `map` (for a few: each is a native search of the map's keys). */
export function inMapOrder<K, V>(map: Map<K, unknown>, byName: ReadonlyMap<K, V>): Map<K, V> {
  const keys = keysInOrder(map);
  return new Map([...byName].map(([key, v]) => ({ at: keys.indexOf(key), key, v })).sort((a, b) => a.at - b.at).map(({ key, v }): [K, V] => [key, v]));
}

/**
 * `byName`, a few of `map`'s keys kept in the map's order, with each of `updates` applied: a key given a value is set,
 * one given undefined deleted. A key set anew among others, or more than one, puts them all in the map's order again
 * (inMapOrder: a new Map). Undefined, with `byName` unchanged, when more than `limit` keys would be put in order.
 */
export function updatedInMapOrder<K, V>(map: Map<K, unknown>, byName: Map<K, V>, updates: readonly (readonly [K, V | undefined])[], limit: number): Map<K, V> | undefined {
  let others = byName.size;
  let set = 0;
  for (const [key, value] of updates) {
    if (byName.has(key)) others--;
    if (value !== undefined) set++;
  }
  const reorder = set > 1 || (set === 1 && others > 0);
  if (reorder && others + set > limit) return undefined;
  for (const [key, value] of updates) {
    if (value !== undefined) byName.set(key, value);
    else byName.delete(key);
  }
  return reorder ? inMapOrder(map, byName) : byName;
}

/**
 * Splices `items` and `keys` (the items' keys, in `map`'s order as it stood before the keys of `changed` changed) in
 * place at those keys: each one's old item taken out, and each item of `placed` put where `map` now holds its key
 * (native searches and splices: a few changes in a list of thousands). Returns where items were taken out (their
 * places in the list before) and where they were put (in the list after).
 */
export function spliceAtKeys<K, T>(map: Map<K, unknown>, keys: K[], items: T[], changed: readonly K[], placed: ReadonlyMap<K, T>): { removedAt: number[]; placedAt: number[] } {
  const removedAt: number[] = [];
  for (const key of changed) {
    const i = keys.indexOf(key);
    if (i >= 0) removedAt.push(i);
  }
  // From the last place to the first, so that each place is still the one found.
  removedAt.sort((a, b) => b - a);
  for (const i of removedAt) {
    keys.splice(i, 1);
    items.splice(i, 1);
  }
  const mapKeys = keysInOrder(map);
  const puts = [...placed].map(([key, item]) => ({ at: mapKeys.indexOf(key), key, item })).sort((a, b) => a.at - b.at);
  for (const { at, key, item } of puts) {
    keys.splice(at, 0, key);
    items.splice(at, 0, item);
  }
  return { removedAt, placedAt: puts.map((p) => p.at) };
}

/**
 * Sets `key` right after `after` (first when `after` is undefined) in `map`'s iteration order; a key already in
 * the map is moved there. `after` must be another key of the map (else it throws, the map unchanged). The first
 * call turns the map into an ordered one (a copy of its keys and values, once); later calls cost a search for
 * `after` and a splice.
 */
export function setAfter<K, V>(map: Map<K, V>, after: K | undefined, key: K, value: V): void {
  if (after !== undefined && (after === key || !mapHas.call(map, after))) throw new Error('setAfter: the key to follow is not in the map');
  const order = orderOf(map);
  if (mapHas.call(map, key)) map.delete(key);
  const at = after === undefined ? 0 : order.keys.indexOf(after) + 1;
  order.keys.splice(at, 0, key);
  order.values.splice(at, 0, value);
  mapSet.call(map, key, value);
}
