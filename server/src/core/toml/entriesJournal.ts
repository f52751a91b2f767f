// What an edit changed in a model table's map of entries in place. A keystroke in components.toml does not build
// the model again: modelBuilder.ts patches the last one (the `[components.NAME]` statements the edit replaced are
// deleted from the `components` map and set again; a statement changed inside one of its arrays gets a renewed
// table in its parent's entry), so the 7,400-entry map is the same Map object from one version to the next. Every
// such change in place is noted here with the key it changed. A pass that keeps a result per entry (the schema
// validation of each component, the component sites and their rule findings) remembers the map's serial when it
// ran, and the next run asks which keys changed since: it looks again at those entries only, instead of walking
// all 7,400 to find the few that are not the same objects as before — which, in the first keystrokes after an open,
// ran in code the JIT had not optimised yet, several ms a keystroke.
//
// A map that is built (a new document's model, a table's entries made again in load order) is a new Map, with no
// journal: whoever kept a result for the old one finds another map and runs in full.

interface Journal {
  /** How many changes were noted in all. */
  serial: number;
  /** The keys of the last changes (at most JOURNAL_LENGTH), oldest first. */
  keys: string[];
}

/** How many changes a journal keeps: a pass that ran longer ago than that runs in full. */
export const JOURNAL_LENGTH = 64;

/**
 * How many changed entries a pass takes through the journal at most (and how many entries with findings it puts back
 * in the map's order): more, and it walks the map.
 */
export const JOURNAL_CHANGES = 32;

const journals = new WeakMap<Map<string, unknown>, Journal>();

/**
 * Changes made in place where the map holding them is not known (an edit inside an array of a key/value above the
 * first header, whose model is changed in place): every journal's answer before it is void.
 */
let untracked = 0;

/** Where a map's journal stood when a pass ran: what it hands entriesChangedSince the next time. */
export interface EntriesMark {
  readonly serial: number;
  readonly untracked: number;
}

export function entriesMark(entries: Map<string, unknown>): EntriesMark {
  return { serial: journals.get(entries)?.serial ?? 0, untracked };
}

/** Notes a change in place of some map's entries that is not noted with its map (see `untracked`). */
export function noteUntrackedChange(): void {
  untracked++;
}

/**
 * Notes that the entry of `key` in `entries` was set, deleted, moved or given another node in place, or that something
 * below it changed in place (the model builder notes each map on the way down to a table it renews).
 */
export function noteEntryChange(entries: Map<string, unknown>, key: string): void {
  let journal = journals.get(entries);
  if (!journal) journals.set(entries, (journal = { serial: 0, keys: [] }));
  journal.serial++;
  journal.keys.push(key);
  if (journal.keys.length > JOURNAL_LENGTH * 2) journal.keys.splice(0, journal.keys.length - JOURNAL_LENGTH);
}

/**
 * The keys whose entries changed in `entries` since it stood at `mark` (entriesMark), each once, in no particular
 * order; undefined when the journal no longer reaches back that far or a change was made that no journal holds.
 */
export function entriesChangedSince(entries: Map<string, unknown>, mark: EntriesMark): string[] | undefined {
  if (mark.untracked !== untracked) return undefined;
  const journal = journals.get(entries);
  const now = journal?.serial ?? 0;
  const serial = mark.serial;
  if (serial === now) return [];
  if (!journal || serial > now || now - serial > journal.keys.length) return undefined;
  return [...new Set(journal.keys.slice(journal.keys.length - (now - serial)))];
}
