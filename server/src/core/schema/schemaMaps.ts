// The top-level maps of a config schema (`components`, `distros`, `images`, …: a table of named tables, each
// validated by one schema of `$defs`), found so that each named table can be validated alone and its result
// kept while its `[header]` statement is unchanged (splitValidation.ts). A map qualifies only when nothing in the
// schema relates its entries to each other or to the rest of the file: the top level is a `$ref` to a plain
// object schema with `properties`, and the map's schema says only `type: object` and
// `additionalProperties: { $ref: '#/$defs/…' }` (plus annotations). Then validating the whole file gives exactly
// the errors of the file with each map emptied, plus the errors of each entry validated alone at its path.

/** Keywords that only describe (validation ignores them). */
const ANNOTATIONS = new Set(['title', 'description', 'markdownDescription', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly']);

export interface SchemaMapPlan {
  /** The top-level properties in the schema's order (ajv reports their errors in this order). */
  order: string[];
  /** Map property → the `$ref` (absolute, with the schema's `$id`) of the schema of each entry. */
  maps: Map<string, string>;
  /**
   * Map property → the properties of its entry schema in order, when that schema relates no property to
   * another: `type: object`, `properties`, and `additionalProperties` absent or a boolean (plus annotations).
   * Then an entry's errors are its errors without one property, with that property's own errors (the entry
   * validated holding only it) put in its place in this order: ajv reports `additionalProperties` first, then
   * each property in the schema's order. splitValidation.ts keeps a long list's errors that way.
   */
  entryProperties: Map<string, string[]>;
  /**
   * Map property → its entry properties that are plain lists of strings (`type: array`, `items: { type: string }`
   * with a `minLength` of at most 1, `uniqueItems` or not; plus annotations): a long one is valid exactly when every
   * item is a string, none empty where `minLength` is 1, none twice where unique (splitValidation.ts follows that
   * from the list's tally instead of validating it whole after an edit inside it).
   */
  stringLists: Map<string, Record<string, StringListRule>>;
}

/** What a plain list of strings requires of its items (see SchemaMapPlan.stringLists). */
export interface StringListRule {
  nonEmpty: boolean;
  unique: boolean;
}

/** The rule of a property schema that is a plain list of strings; undefined for any other. */
function stringListRule(schema: unknown): StringListRule | undefined {
  if (!isObject(schema) || schema['type'] !== 'array' || !onlyKeys(schema, ['type', 'items', 'uniqueItems'])) return undefined;
  const items = schema['items'];
  const unique = schema['uniqueItems'];
  if (!isObject(items) || items['type'] !== 'string' || !onlyKeys(items, ['type', 'minLength']) || (unique !== undefined && typeof unique !== 'boolean')) return undefined;
  const min = items['minLength'] ?? 0;
  if (min !== 0 && min !== 1) return undefined;
  return { nonEmpty: min === 1, unique: unique === true };
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyKeys(schema: Json, allowed: readonly string[]): boolean {
  return Object.keys(schema).every((k) => allowed.includes(k) || ANNOTATIONS.has(k));
}

function localDef(root: Json, ref: unknown): Json | undefined {
  if (typeof ref !== 'string' || !/^#\/\$defs\/[A-Za-z0-9_-]+$/.test(ref)) return undefined;
  const defs = root['$defs'];
  const def = isObject(defs) ? defs[ref.slice('#/$defs/'.length)] : undefined;
  return isObject(def) ? def : undefined;
}

/** The maps of a config schema that can be validated entry by entry; undefined when there are none. */
export function schemaMapPlan(schema: unknown): SchemaMapPlan | undefined {
  if (!isObject(schema)) return undefined;
  const id = schema['$id'];
  if (typeof id !== 'string' || id.includes('#') || !onlyKeys(schema, ['$schema', '$id', '$ref', '$defs'])) return undefined;
  const top = localDef(schema, schema['$ref']);
  if (!top || top['type'] !== 'object' || !isObject(top['properties']) || !onlyKeys(top, ['type', 'properties', 'additionalProperties'])) return undefined;
  if (top['additionalProperties'] !== undefined && typeof top['additionalProperties'] !== 'boolean') return undefined;
  const properties = top['properties'];
  const maps = new Map<string, string>();
  const entryProperties = new Map<string, string[]>();
  const stringLists = new Map<string, Record<string, StringListRule>>();
  for (const [name, sub] of Object.entries(properties)) {
    if (!isObject(sub) || sub['type'] !== 'object' || !onlyKeys(sub, ['type', 'additionalProperties'])) continue;
    const entry = sub['additionalProperties'];
    const def = isObject(entry) && onlyKeys(entry, ['$ref']) ? localDef(schema, entry['$ref']) : undefined;
    if (!isObject(entry) || !def) continue;
    maps.set(name, `${id}${entry['$ref'] as string}`);
    const additional = def['additionalProperties'];
    if (def['type'] === 'object' && isObject(def['properties']) && onlyKeys(def, ['type', 'properties', 'additionalProperties']) && (additional === undefined || typeof additional === 'boolean')) {
      entryProperties.set(name, Object.keys(def['properties']));
      const lists: Record<string, StringListRule> = {};
      for (const [property, schema] of Object.entries(def['properties'])) {
        const rule = stringListRule(schema);
        if (rule) lists[property] = rule;
      }
      if (Object.keys(lists).length) stringLists.set(name, lists);
    }
  }
  return maps.size ? { order: Object.keys(properties), maps, entryProperties, stringLists } : undefined;
}
