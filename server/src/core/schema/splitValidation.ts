// Schema validation of a config file, map entry by map entry: the file with its top-level maps emptied is
// validated whole, and each entry of a map (`[components.NAME]`, `[distros.NAME]`, …; schemaMaps.ts) alone at its
// path, the way the whole-file validator would reach it. An entry whose `[header]` statement is unchanged keeps
// its model table (modelBuilder.ts), and its errors are kept with the table: a keystroke validates the entries
// its edit touched, not the 7,400 components of components.toml. The errors are ajv's, as the whole-file
// validator gives them (same instance paths, schema paths and order by top-level property).
import type { ValidateFunction } from 'ajv/dist/2020';
import { isStatementTable, toJS, toJSShared, type ModelEntry, type ModelTable } from '../toml';
import type { ConfigMaps, SchemaError } from './validator';

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

/** The entries' names in the order a `for…in` over the table's toJS value visits them. */
function inObjectOrder(table: ModelTable): Iterable<string> {
  const keys = table.entries.keys();
  for (const k of table.entries.keys()) {
    if (!isIndexKey(k)) continue;
    const all = [...keys];
    const index = all.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
    return index.concat(all.filter((x) => !isIndexKey(x)));
  }
  return keys;
}

/**
 * ajv's errors for the document `root` under `validate` (none when it is valid). `keep` (default true) keeps each
 * statement table's plain value and errors for the next validation of an edited document; a one-shot check, which
 * validates each document once, keeps nothing.
 */
export function validateDocument(validate: ValidateFunction, maps: ConfigMaps | undefined, root: ModelTable, keep = true): readonly SchemaError[] {
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
    for (const name of inObjectOrder(table)) {
      const node = (table.entries.get(name) as ModelEntry).node;
      const kept = keep && node.type === 'table' && isStatementTable(node);
      const hit = kept ? entryResults.get(node) : undefined;
      if (hit && hit.validate === entryValidate && hit.name === name && hit.map === key) {
        for (let i = 0; i < hit.errors.length; i++) errors.push(hit.errors[i] as SchemaError);
        continue;
      }
      const value = plain(node);
      const instancePath = prefix + pointerSegment(name);
      const found = entryValidate(value, { instancePath, parentData, parentDataProperty: name, rootData: skeleton, dynamicAnchors: {} }) ? NO_ERRORS : [...(entryValidate.errors ?? [])];
      if (kept) entryResults.set(node, { validate: entryValidate, map: key, name, errors: found });
      for (const e of found) errors.push(e);
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
