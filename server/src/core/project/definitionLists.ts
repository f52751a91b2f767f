// Each file's list of the definitions one table's entries make (its components, groups, images, distros, …), kept
// from one parse of the file to the next: a definition keeps its identity while its name, node and spans are the
// same objects, and a list that did not change is the last list itself (the merge and the per-definition memos
// compare them by identity). A keystroke in components.toml patches the model in place (modelBuilder.ts), so the
// `components` map is the same Map from one version to the next and its journal (toml/entriesJournal.ts) names the
// entries the edit changed: the last list is then copied and spliced at those names (native searches of the list's
// names and the map's keys), instead of walking 7,400 entries — ~0.35 ms a keystroke warm, several ms in the first
// keystrokes after an open, in code the JIT had not optimised yet.
import type { Definition } from './projectModel';
import type { ModelEntry, ModelNode } from '../toml';
import { isStatementTable } from '../toml';
import { JOURNAL_CHANGES, entriesChangedSince, entriesMark, type EntriesMark } from '../toml/entriesJournal';
import { spliceAtKeys } from '../orderedMap';

/** Where a list stood: the map it was made from, the map's journal mark then, and the names of its definitions in order. */
interface ListMark {
  map: Map<string, ModelEntry>;
  mark: EntriesMark;
  /** Changed in place when the list's successor is spliced from it: only the newest list of a map has a mark. */
  names: string[];
}

/** Lists of this many definitions or more keep their names for the journal (a file's few components walk their map). */
const JOURNAL_MIN_DEFINITIONS = 256;

const listMarks = new WeakMap<readonly Definition[], ListMark>();

/** A list spliced from `before` through the journal: where the two agree from the head and from the tail. */
interface ListChange {
  before: readonly Definition[];
  head: number;
  tail: number;
}

const listChanges = new WeakMap<readonly Definition[], ListChange>();

/**
 * How many definitions `before` and `after` (a file's last list and its new one) share from the head and from the
 * tail, by identity: from the splice when `after` was spliced from `before` through the journal (a changed place in
 * either list ends them), else by comparing the lists. Every definition in the shared head and tail is the same
 * object in both, at the same place from its end.
 */
export function commonEnds(before: readonly Definition[], after: readonly Definition[]): { head: number; tail: number } {
  const change = listChanges.get(after);
  if (change && change.before === before) return { head: change.head, tail: change.tail };
  const n = Math.min(before.length, after.length);
  let head = 0;
  while (head < n && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < n - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { head, tail };
}

/** How many lists of JOURNAL_MIN_DEFINITIONS or more were made by walking their map, and how many through its journal (for the tests). */
export const definitionListCounts = { walked: 0, spliced: 0 };

const NO_DEFINITIONS: Definition[] = [];

/**
 * The definitions a table's entries make, each kept from `previous` (the same file's last list) when its name,
 * node and spans are the same objects, and `previous` itself when every one is kept: an edit that re-parsed one
 * `[components.NAME]` statement of components.toml makes one Definition, not 7,400. Through the map's journal when
 * `previous` was made from the same map (changed in place since); else a walk of the map, where a candidate is looked
 * for at the same place from the head, and from the tail once the lists differed (a run inserted or removed). With
 * `inPlace` (the document's model was changed in place by an edit inside an array, keeping the identity of tables
 * whose items changed), the walk keeps only definitions whose node is a statement table (isStatementTable); the
 * journal names every entry such an edit changed (the model builder notes the maps down to the statement). Without
 * `forEdits` (a document that is never edited: the CLI's), the list keeps no names for a next one.
 */
export function definitionsOf(file: string, node: ModelNode | undefined, previous: Definition[] | undefined, inPlace: boolean, forEdits = true): Definition[] {
  if (node?.type !== 'table') return previous?.length === 0 ? previous : [];
  const entries = node.entries;
  const spliced = previous ? throughJournal(file, entries, previous) : undefined;
  if (spliced) return spliced;
  const out = new Array<Definition>(entries.size);
  const names = forEdits && entries.size >= JOURNAL_MIN_DEFINITIONS ? new Array<string>(entries.size) : undefined;
  const last = previous ?? NO_DEFINITIONS;
  const shift = last.length - entries.size;
  let i = 0;
  let kept = last.length === entries.size;
  let head = true;
  // forEach, not a copy of the entries: thousands of components, no [name, entry] pair each.
  entries.forEach((e, name) => {
    let candidate = head ? last[i] : last[i + shift];
    if (head && !(candidate !== undefined && candidate.node === e.node && candidate.name === name)) {
      head = false;
      candidate = last[i + shift];
    }
    if (
      candidate !== undefined &&
      candidate.node === e.node &&
      candidate.name === name &&
      candidate.keySpan === e.keySpan &&
      candidate.definitionSpan === e.definitionSpan &&
      candidate.file === file &&
      (!inPlace || (e.node.type === 'table' && isStatementTable(e.node)))
    ) {
      out[i] = candidate;
      if (candidate !== last[i]) kept = false;
    } else {
      out[i] = definitionOf(file, name, e);
      kept = false;
    }
    if (names) names[i] = name;
    i++;
  });
  const list = kept && previous ? previous : out;
  if (names) {
    listMarks.set(list, { map: entries, mark: entriesMark(entries), names });
    definitionListCounts.walked++;
  }
  return list;
}

function definitionOf(file: string, name: string, e: ModelEntry): Definition {
  return { name, file, keySpan: e.keySpan, definitionSpan: e.definitionSpan, node: e.node };
}

/**
 * `previous`, made from `map` before the changes its journal names, spliced at those names: a new list (the last one
 * stays as it was: the merge compares them), or `previous` when nothing changed. Undefined when the journal cannot
 * tell (another map, too many changes, or a change no journal holds).
 */
function throughJournal(file: string, map: Map<string, ModelEntry>, previous: Definition[]): Definition[] | undefined {
  const at = listMarks.get(previous);
  if (!at || at.map !== map) return undefined;
  const changed = entriesChangedSince(map, at.mark);
  if (!changed || changed.length > JOURNAL_CHANGES) return undefined;
  if (!changed.length) return previous;
  const names = at.names;
  const placed = new Map<string, Definition>();
  for (const name of changed) {
    const entry = map.get(name);
    if (entry) placed.set(name, definitionOf(file, name, entry));
  }
  const out = previous.slice();
  const { removedAt, placedAt } = spliceAtKeys(map, names, out, changed, placed);
  if (!removedAt.length && !placedAt.length) {
    // Names noted but neither in the list nor in the map (set and deleted again since): nothing changed.
    at.mark = entriesMark(map);
    return previous;
  }
  // The names moved to the new list: the last one's mark is spent.
  listMarks.delete(previous);
  // (Cannot happen while every change is noted: the list would not be the map's. The next walk makes it anew.)
  if (names.length !== map.size) return undefined;
  // Where the two lists agree from the head and the tail: up to the first and from the last place changed in either.
  let head = Number.MAX_SAFE_INTEGER;
  let tail = Number.MAX_SAFE_INTEGER;
  for (const i of removedAt) {
    head = Math.min(head, i);
    tail = Math.min(tail, previous.length - 1 - i);
  }
  for (const i of placedAt) {
    head = Math.min(head, i);
    tail = Math.min(tail, out.length - 1 - i);
  }
  // Only the newest list names the one before it: a record on `previous` would keep every list since the open alive.
  listChanges.delete(previous);
  listChanges.set(out, { before: previous, head, tail });
  listMarks.set(out, { map, mark: entriesMark(map), names });
  definitionListCounts.spliced++;
  return out;
}
