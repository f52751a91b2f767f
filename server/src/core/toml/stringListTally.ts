// The strings of a long model item list (a package group's 17,000 `packages`) and how often each occurs, kept per
// list and followed through the replacements an edit inside the array makes in place (lastItemReplacement): the
// checks "every item a string", "none empty", "none twice" then cost what the edit changed, not a pass over the
// list. Kept only for a list that is edited: of a document parsed for edits (its top-level arrays have the traces an
// edit inside them starts from), or changed in place since. A one-shot check (the CLI) never makes one, and pays
// nothing for it.
import type { ModelArray, ModelNode } from './model';
import { itemReplaceCount, lastItemReplacement } from './modelBuilder';
import { stringValueOf } from './navigate';
import { arrayTraces } from './parser';

export interface StringListTally {
  /** Items that are not strings. */
  readonly others: number;
  /** Empty strings. */
  readonly empty: number;
  /** Strings that occur more than once (each counted once). */
  readonly repeated: number;
}

interface Tally extends StringListTally {
  others: number;
  empty: number;
  repeated: number;
  /** itemReplaceCount(items) when last followed. */
  replaced: number;
  /** Each item's string then (undefined: not a string), by place: the items' own strings, not copies. */
  strings: (string | undefined)[];
  counts: Map<string, number>;
}

const tallies = new WeakMap<readonly ModelNode[], Tally>();

function add(t: Tally, v: string | undefined): void {
  if (v === undefined) {
    t.others++;
    return;
  }
  if (v === '') t.empty++;
  const n = (t.counts.get(v) ?? 0) + 1;
  t.counts.set(v, n);
  if (n === 2) t.repeated++;
}

function remove(t: Tally, v: string | undefined): void {
  if (v === undefined) {
    t.others--;
    return;
  }
  if (v === '') t.empty--;
  const n = (t.counts.get(v) ?? 1) - 1;
  if (n > 0) t.counts.set(v, n);
  else t.counts.delete(v);
  if (n === 1) t.repeated--;
}

function counted(items: readonly ModelNode[], replaced: number): Tally {
  const t: Tally = { others: 0, empty: 0, repeated: 0, replaced, strings: new Array<string | undefined>(items.length), counts: new Map() };
  for (let i = 0; i < items.length; i++) {
    const v = stringValueOf(items[i]);
    t.strings[i] = v;
    add(t, v);
  }
  return t;
}

/**
 * The tally of the list's items as they are now; undefined for a list that is not edited (see above). Followed from
 * the last one when exactly one replacement came since (the removed strings taken out, the added ones counted), else
 * counted again. (So a list kept by a re-parse, e.g. when its table's header was edited, keeps its tally.)
 */
export function stringListTally(list: ModelArray): StringListTally | undefined {
  const items = list.items;
  const replaced = itemReplaceCount(items);
  if (replaced === 0 && !(list.syntax && arrayTraces.has(list.syntax))) return undefined;
  const last = tallies.get(items);
  if (last && last.replaced === replaced) return last;
  const step = last && last.replaced === replaced - 1 ? lastItemReplacement(items) : undefined;
  if (!last || !step) {
    const t = counted(items, replaced);
    tallies.set(items, t);
    return t;
  }
  const { at, removed, added } = step;
  for (let i = at; i < at + removed; i++) remove(last, last.strings[i]);
  const made = new Array<string | undefined>(added);
  for (let j = 0; j < added; j++) add(last, (made[j] = stringValueOf(items[at + j])));
  if (added <= 1024 && removed <= 1024) last.strings.splice(at, removed, ...made);
  else last.strings = last.strings.slice(0, at).concat(made, last.strings.slice(at + removed));
  last.replaced = replaced;
  return last;
}
