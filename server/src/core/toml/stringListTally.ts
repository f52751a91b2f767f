// The strings of a long model item list (a package group's 17,000 `packages`) and how often each occurs, kept per
// list. For a list that is edited (of a document parsed for edits: its top-level arrays have the traces an edit
// inside them starts from; or changed in place since), the tally follows the replacements an edit inside the array
// makes in place (lastItemReplacement): the checks "every item a string", "none empty", "none twice" then cost what
// the edit changed, not a pass over the list. A list no edit changes in place (a one-shot check's: the CLI) is
// counted once, by whichever of its readers comes first (the package-group overlaps, schema validation, the
// package-group rule), and the others read the same tally: one map of its names instead of one each.
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

/** A tally with each item's string by place and the strings' counts, for a reader that needs the names. */
export interface CountedStringList extends StringListTally {
  readonly strings: readonly (string | undefined)[];
  readonly counts: ReadonlyMap<string, number>;
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

const newTally = (length: number, replaced: number): Tally => ({ others: 0, empty: 0, repeated: 0, replaced, strings: new Array<string | undefined>(length), counts: new Map() });

/** Counts items [from, to). */
function countRange(t: Tally, items: readonly ModelNode[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const v = stringValueOf(items[i]);
    t.strings[i] = v;
    add(t, v);
  }
}

function counted(items: readonly ModelNode[], replaced: number): Tally {
  const t = newTally(items.length, replaced);
  countRange(t, items, 0, items.length);
  return t;
}

/** Whether an edit may change the list's items in place (its tally then follows them, and is no one else's to keep). */
export function isEditableList(list: ModelArray): boolean {
  return itemReplaceCount(list.items) > 0 || (list.syntax !== undefined && arrayTraces.has(list.syntax));
}

/**
 * The tally of the list's items as they are now; undefined for a list that is not edited (see above). Followed from
 * the last one when exactly one replacement came since (the removed strings taken out, the added ones counted), else
 * counted again. (So a list kept by a re-parse, e.g. when its table's header was edited, keeps its tally.)
 */
export function stringListTally(list: ModelArray): StringListTally | undefined {
  return isEditableList(list) ? currentTally(list.items) : undefined;
}

/**
 * The tally of any list as it is now: an edited list's (stringListTally), or one counted once and kept with a list no
 * edit changes in place, which every later reader of that list shares.
 */
export function stringListCounts(list: ModelArray): CountedStringList {
  return currentTally(list.items);
}

/**
 * The list's strings counted `perStep` items a step (the start-up load takes a turn between two); undefined when
 * `same()` says after a step that the list is not the one being read any more, or an edit replaced items in it (the
 * caller reads again). A list no edit changes in place gets its kept tally, counted here if there is none yet:
 * everyone's, never to be changed. An edited list's count is the caller's own, kept nowhere (the list's kept tally
 * follows its edits).
 */
export function* stringListCountSteps(list: ModelArray, perStep: number, same: () => boolean): Generator<void, CountedStringList | undefined, void> {
  const items = list.items;
  const shared = !isEditableList(list);
  const kept = shared ? tallies.get(items) : undefined;
  if (kept) return kept;
  const replaced = itemReplaceCount(items);
  const t = newTally(items.length, replaced);
  for (let at = 0; at < items.length; at += perStep) {
    if (at > 0) {
      yield;
      if (!same() || itemReplaceCount(items) !== replaced) return undefined;
    }
    countRange(t, items, at, Math.min(items.length, at + perStep));
  }
  if (!shared) return t;
  // (Another reader may have counted the list between two steps: the first tally kept is everyone's.)
  const now = tallies.get(items);
  if (now) return now;
  tallies.set(items, t);
  return t;
}

function currentTally(items: readonly ModelNode[]): Tally {
  const replaced = itemReplaceCount(items);
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
