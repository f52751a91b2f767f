// Schema validation of a config file, map entry by map entry: the file with its top-level maps emptied is
// validated whole, and each entry of a map (`[components.NAME]`, `[distros.NAME]`, …; schemaMaps.ts) alone at its
// path, the way the whole-file validator would reach it. An entry whose `[header]` statement is unchanged keeps
// its model table (modelBuilder.ts), and its errors are kept with the table: a keystroke validates the entries
// its edit touched, not the 7,400 components of components.toml. The errors are ajv's, as the whole-file
// validator gives them (same instance paths, schema paths and order by top-level property).
import type { ValidateFunction } from 'ajv/dist/2020';
import { isStatementTable, itemEditCount, stringListCounts, toJS, toJSShared, type ModelArray, type ModelEntry, type ModelNode, type ModelTable } from '../toml';
import { JOURNAL_CHANGES, entriesChangedSince, entriesMark, type EntriesMark } from '../toml/entriesJournal';
import { updatedInMapOrder } from '../orderedMap';
import type { ConfigMaps, SchemaError } from './validator';
import type { StringListRule } from './schemaMaps';

interface EntryResult {
  validate: ValidateFunction;
  /** The map and the entry's name it was validated as (its instance path). */
  map: string;
  name: string;
  errors: readonly SchemaError[];
}

const entryResults = new WeakMap<ModelTable, EntryResult>();
const NO_ERRORS: readonly SchemaError[] = [];

const pointerSegment = (key: string) => (key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key);

function setOwn(into: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  else into[key] = value;
}

/** A canonical array index ("0", "17"): JavaScript lists such keys of an object first, in numeric order. */
function isIndexKey(k: string): boolean {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;
}

/**
 * Calls `visit` for each entry in the order a `for…in` over the table's toJS value visits them (canonical array
 * indices first, in numeric order). Without such a key, in the map's own order, in one pass with no iterator objects
 * (7,400 components per keystroke, and the first keystrokes after an open run this unoptimized). A key that is an
 * index ends that pass: `restart` undoes what the visits did, and the entries are visited again in that order.
 */
function inObjectOrder(table: ModelTable, visit: (node: ModelNode, name: string) => void, restart: () => void): void {
  let index = false;
  table.entries.forEach((e, k) => {
    if (index) return;
    if (isIndexKey(k)) index = true;
    else visit(e.node, k);
  });
  if (!index) return;
  restart();
  const all = [...table.entries.keys()];
  const ordered = all.filter(isIndexKey).sort((a, b) => Number(a) - Number(b)).concat(all.filter((x) => !isIndexKey(x)));
  for (const name of ordered) visit((table.entries.get(name) as ModelEntry).node, name);
}

type ValidationContext = { instancePath: string; parentData: Record<string, unknown>; parentDataProperty: string; rootData: Record<string, unknown>; dynamicAnchors: Record<string, never> };

function validateWith(validate: ValidateFunction, value: unknown, context: ValidationContext): readonly SchemaError[] {
  return validate(value, context as never) ? NO_ERRORS : [...(validate.errors ?? [])];
}

/** A list this long is validated apart from the rest of its entry, and its errors kept while its items are unchanged. */
const LONG_LIST = 256;

/** The errors of a long list validated alone, by its model item list (changed in place by an edit inside it: itemEditCount). */
const listResults = new WeakMap<readonly ModelNode[], { validate: ValidateFunction; instancePath: string; property: string; edits: number; errors: readonly SchemaError[] }>();

/**
 * An entry whose schema relates no property to another (schemaMaps.ts, `entryProperties`), validated as the
 * entry without its long lists plus each long list alone, the list's errors kept while its items are unchanged:
 * a key typed above sdk.packages.toml's 17,000 packages does not check them all (uniqueItems) again. The errors
 * are the entry's, in ajv's order: those of the entry itself (`additionalProperties`) first, then each
 * property's in the schema's order; an error about the entry itself carries the whole entry as its data.
 */
function validateByProperty(validate: ValidateFunction, properties: readonly string[], table: ModelTable, value: unknown, context: ValidationContext, stringLists: Readonly<Record<string, StringListRule>> | undefined): readonly SchemaError[] {
  let long: string[] | undefined;
  table.entries.forEach((e, k) => {
    if (e.node.type === 'array' && e.node.items.length >= LONG_LIST && properties.includes(k)) (long ??= []).push(k);
  });
  if (!long || typeof value !== 'object' || value === null) return validateWith(validate, value, context);
  const whole = value as Record<string, unknown>;
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(whole)) if (!long.includes(k)) setOwn(rest, k, whole[k]);
  const { instancePath } = context;
  const errors: SchemaError[] = [];
  for (const e of validateWith(validate, rest, context)) errors.push(e.instancePath === instancePath && e.data === rest ? { ...e, data: whole } : e);
  for (const property of long) {
    const list = (table.entries.get(property) as ModelEntry).node as ModelArray;
    const items = list.items;
    const edits = itemEditCount(items);
    const hit = listResults.get(items);
    // (Whether a list is valid does not depend on where it is: a list found valid stays so when its table is renamed.)
    const sameRule = hit && hit.validate === validate && hit.property === property;
    if (sameRule && hit.edits === edits && (hit.instancePath === instancePath || hit.errors.length === 0)) {
      hit.instancePath = instancePath;
      for (const e of hit.errors) errors.push(e);
      continue;
    }
    // A plain list of strings is valid when its tally (kept with the list and followed through edits inside it,
    // stringListTally.ts; a one-shot check's shared with the list's other readers) finds every item a string, none
    // empty where that is required, none twice where unique: ajv's own check of uniqueItems and minLength passes over
    // all 17,000 items with an object of them (~5 ms a keystroke, ~15 ms the first time). Otherwise ajv says what is wrong.
    const rule = stringLists && Object.hasOwn(stringLists, property) ? stringLists[property] : undefined;
    if (rule) {
      const tally = stringListCounts(list);
      if (tally.others === 0 && !(rule.nonEmpty && tally.empty > 0) && !(rule.unique && tally.repeated > 0)) {
        if (sameRule) Object.assign(hit, { instancePath, edits, errors: NO_ERRORS });
        else listResults.set(items, { validate, instancePath, property, edits, errors: NO_ERRORS });
        continue;
      }
    }
    const only: Record<string, unknown> = {};
    setOwn(only, property, whole[property]);
    const found = validateWith(validate, only, context);
    listResults.set(items, { validate, instancePath, property, edits, errors: found });
    for (const e of found) errors.push(e);
  }
  if (!errors.length) return NO_ERRORS;
  const rankOf = (e: SchemaError): number => {
    if (e.instancePath.length <= instancePath.length) return -1;
    const end = e.instancePath.indexOf('/', instancePath.length + 1);
    const first = e.instancePath.slice(instancePath.length + 1, end < 0 ? undefined : end).replace(/~1/g, '/').replace(/~0/g, '~');
    const at = properties.indexOf(first);
    return at < 0 ? properties.length : at;
  };
  // A stable sort: within one property, each part's own order.
  return errors.map((e, i) => ({ e, i, r: rankOf(e) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e);
}

/**
 * One map's entries as a validation of a file saw them, in order: each entry's name and model node, and the errors
 * kept for it when its node was a statement's table (undefined: validated anew each time). The first `count` are
 * that run's; the arrays are written again by the run after next (two per map, in turn: no allocation per keystroke).
 */
interface MapPlaces {
  validate: ValidateFunction | undefined;
  count: number;
  names: string[];
  nodes: ModelNode[];
  kept: (readonly SchemaError[] | undefined)[];
  /**
   * The map's entries as that run validated them (the Map patched in place from one version to the next,
   * modelBuilder.ts), where its journal stood then, and the entries that had errors, by name, in the map's order:
   * the next run asks the journal which entries changed since and validates those alone (see validateDocument).
   * No map when the run visited an index key (its order is not the map's).
   */
  map: Map<string, ModelEntry> | undefined;
  mark: EntriesMark | undefined;
  failing: Map<string, readonly SchemaError[]>;
}

/**
 * What the last validation of one file saw, by map (`components`, …: the last run's record, then the spare one):
 * the next validation of that file compares each entry with the one at its place (from the head, from the tail once
 * they differed) and takes the kept errors of an entry whose node and name are the same, with no weak-map lookup.
 * A node that was a statement's table and is still at its place is one still (a table renewed for a change is a
 * new object in its parent, modelBuilder.ts).
 */
export type ValidationPlaces = Map<string, [MapPlaces, MapPlaces]>;

const noPlaces = (): MapPlaces => ({ validate: undefined, count: 0, names: [], nodes: [], kept: [], map: undefined, mark: undefined, failing: new Map() });

/**
 * The errors of a map's changed entries (`names`, from its journal) validated alone, in place of their last ones:
 * the map's errors, in its order (the entries that have any, kept by name in that order), or undefined when more
 * than JOURNAL_CHANGES entries would have errors to put in the map's order or a name is an index key.
 */
function throughJournal(places: MapPlaces, entries: Map<string, ModelEntry>, names: readonly string[], errorsOf: (node: ModelNode, name: string) => readonly SchemaError[]): SchemaError[] | undefined {
  const updates: [string, readonly SchemaError[] | undefined][] = [];
  for (const name of names) {
    if (isIndexKey(name)) return undefined;
    const entry = entries.get(name);
    const errors = entry ? errorsOf(entry.node, name) : NO_ERRORS;
    updates.push([name, errors.length ? errors : undefined]);
  }
  const failing = updatedInMapOrder(entries, places.failing, updates, JOURNAL_CHANGES);
  if (!failing) return undefined;
  places.failing = failing;
  const out: SchemaError[] = [];
  for (const errors of places.failing.values()) for (const e of errors) out.push(e);
  return out;
}

/**
 * ajv's errors for the document `root` under `validate` (none when it is valid). `keep` (default true) keeps each
 * statement table's plain value and errors for the next validation of an edited document; a one-shot check, which
 * validates each document once, keeps nothing. `places`: the file's record of its last validation (read and
 * replaced), so that a keystroke in components.toml finds its 7,400 unchanged entries by place.
 */
export function validateDocument(validate: ValidateFunction, maps: ConfigMaps | undefined, root: ModelTable, keep = true, places?: ValidationPlaces): readonly SchemaError[] {
  const plain = keep ? toJSShared : toJS;
  if (!maps) return validate(plain(root)) ? [] : (validate.errors ?? []);
  const skeleton: Record<string, unknown> = {};
  const split: [string, ModelTable][] = [];
  root.entries.forEach((e, k) => {
    if (e.node.type === 'table' && maps.entry.has(k)) {
      split.push([k, e.node]);
      setOwn(skeleton, k, {});
    } else setOwn(skeleton, k, plain(e.node));
  });
  const errors: SchemaError[] = validate(skeleton) ? [] : [...(validate.errors ?? [])];
  if (!split.length) return errors;
  for (const [key, table] of split) {
    const entryValidate = maps.entry.get(key) as ValidateFunction;
    const parentData: Record<string, unknown> = {};
    const prefix = `/${pointerSegment(key)}/`;
    let pair = keep ? places?.get(key) : undefined;
    if (keep && places && !pair) places.set(key, (pair = [noPlaces(), noPlaces()]));
    const entryErrors = (node: ModelNode, name: string): readonly SchemaError[] => {
      const kept = keep && node.type === 'table' && isStatementTable(node);
      const hit = kept ? entryResults.get(node) : undefined;
      if (hit && hit.validate === entryValidate && hit.name === name && hit.map === key) return hit.errors;
      const value = plain(node);
      const instancePath = prefix + pointerSegment(name);
      const context: ValidationContext = { instancePath, parentData, parentDataProperty: name, rootData: skeleton, dynamicAnchors: {} };
      // Long lists are validated apart: their errors kept for the next edit, a plain list of strings judged by its tally.
      const properties = node.type === 'table' ? maps.entryProperties?.get(key) : undefined;
      const found = properties ? validateByProperty(entryValidate, properties, node as ModelTable, value, context, maps.stringLists?.get(key)) : validateWith(entryValidate, value, context);
      if (kept) entryResults.set(node, { validate: entryValidate, map: key, name, errors: found });
      return found;
    };
    const previous = pair && pair[0].validate === entryValidate ? pair[0] : undefined;
    // The same Map as the last run's, changed in place since by a few entries: those alone (entriesJournal.ts). The
    // last run's record stays the last (its places as they were: a later walk finds fewer entries at their place).
    if (previous?.map === table.entries && previous.mark) {
      const changed = entriesChangedSince(table.entries, previous.mark);
      const fromJournal = changed && changed.length <= JOURNAL_CHANGES ? throughJournal(previous, table.entries, changed, entryErrors) : undefined;
      if (fromJournal) {
        previous.mark = entriesMark(table.entries);
        for (const e of fromJournal) errors.push(e);
        continue;
      }
    }
    // This run writes the spare record while it reads the last one; then they swap.
    const last = previous;
    const now = pair?.[1];
    if (pair && now) {
      pair[1] = pair[0];
      pair[0] = now;
      now.validate = entryValidate;
      // Counted once written whole: a run that stopped half way leaves nothing to reuse.
      now.count = 0;
      now.map = undefined;
      now.failing.clear();
    }
    const lastCount = last ? last.count : 0;
    const shift = lastCount - table.entries.size;
    let head = true;
    let at = 0;
    const errorsBefore = errors.length;
    let indexKeys = false;
    const restart = (): void => {
      errors.length = errorsBefore;
      head = true;
      at = 0;
      indexKeys = true;
      now?.failing.clear();
    };
    inObjectOrder(table, (node, name) => {
      const i = at++;
      if (now) {
        now.names[i] = name;
        now.nodes[i] = node;
      }
      if (last) {
        if (head && (i >= lastCount || last.nodes[i] !== node || last.names[i] !== name)) head = false;
        const j = head ? i : i + shift;
        const same = j >= 0 && j < lastCount ? last.kept[j] : undefined;
        if (same && last.nodes[j] === node && last.names[j] === name) {
          for (let e = 0; e < same.length; e++) errors.push(same[e] as SchemaError);
          if (now) {
            now.kept[i] = same;
            if (same.length) now.failing.set(name, same);
          }
          return;
        }
      }
      const found = entryErrors(node, name);
      if (now) {
        now.kept[i] = node.type === 'table' && isStatementTable(node) ? found : undefined;
        if (found.length) now.failing.set(name, found);
      }
      for (let e = 0; e < found.length; e++) errors.push(found[e] as SchemaError);
    }, restart);
    if (now) {
      now.count = at;
      if (!indexKeys) {
        now.map = table.entries;
        now.mark = entriesMark(table.entries);
      }
    }
  }
  if (!errors.length) return errors;
  // In the whole-file validator's order: the top level's own errors, then each property's in the schema's order.
  const rank = new Map(maps.order.map((p, i) => [p, i]));
  const rankOf = (e: SchemaError): number => {
    if (!e.instancePath) return -1;
    const end = e.instancePath.indexOf('/', 1);
    const first = (end < 0 ? e.instancePath.slice(1) : e.instancePath.slice(1, end)).replace(/~1/g, '/').replace(/~0/g, '~');
    return rank.get(first) ?? maps.order.length;
  };
  return errors.map((e, i) => ({ e, i, r: rankOf(e) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e);
}
