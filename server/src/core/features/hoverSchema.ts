// The schema's documentation of a key: walks the JSON schema along the key's model path (properties,
// additionalProperties for maps, items for arrays, following $ref and allOf/anyOf/oneOf) and returns
// its title, description and allowed values, for hover on any key that is not a component name.

export type Schema = Record<string, unknown>;

export interface KeyDoc {
  title?: string;
  /** markdownDescription when the schema has one, else description. */
  description?: string;
  enum?: { value: unknown; description?: string }[];
  /** The type(s) the schema allows, as written there. */
  type?: string;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows `#/...` references within the document (our schemas use no external ones). */
function deref(root: Schema, node: Schema, seen = new Set<string>()): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || seen.has(ref)) return node;
  seen.add(ref);
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = isSchema(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isSchema(target) ? deref(root, target, seen) : node;
}

/** The node and the schemas it is made of (itself, its $ref target, allOf/anyOf/oneOf members), nearest first. */
export function schemaParts(root: Schema, node: Schema): Schema[] {
  const out: Schema[] = [];
  const work: Schema[] = [node];
  const seen = new Set<Schema>();
  for (let n = work.shift(); n; n = work.shift()) {
    if (seen.has(n)) continue;
    seen.add(n);
    out.push(n);
    const target = deref(root, n);
    if (target !== n) work.push(target);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = n[k];
      if (Array.isArray(list)) for (const s of list) if (isSchema(s)) work.push(s);
    }
  }
  return out;
}

/** The schemas of a key (or, for a number, an array element) below `node`; for a map, its value schema. */
export function subSchemas(root: Schema, node: Schema, seg: string | number): Schema[] {
  const found: Schema[] = [];
  for (const p of schemaParts(root, node)) {
    if (typeof seg === 'number') {
      if (isSchema(p.items)) found.push(p.items);
      continue;
    }
    const props = p.properties;
    if (isSchema(props) && isSchema(props[seg])) found.push(props[seg] as Schema);
  }
  if (found.length || typeof seg === 'number') return found;
  for (const p of schemaParts(root, node)) if (isSchema(p.additionalProperties)) found.push(p.additionalProperties);
  return found;
}

/** The documentation of the key at `path` (model path segments), or undefined when the schema does not describe it. */
export function keyDocumentation(schema: Schema, path: readonly (string | number)[]): KeyDoc | undefined {
  let nodes: Schema[] = [schema];
  for (const seg of path) {
    nodes = nodes.flatMap((n) => subSchemas(schema, n, seg));
    if (!nodes.length) return undefined;
  }
  const doc: KeyDoc = {};
  // The property's own words first (they name the key in context), then its referenced definition's.
  for (const p of nodes.flatMap((n) => schemaParts(schema, n))) {
    if (doc.title === undefined && typeof p.title === 'string') doc.title = p.title;
    const description = typeof p.markdownDescription === 'string' ? p.markdownDescription : typeof p.description === 'string' ? p.description : undefined;
    if (doc.description === undefined && description !== undefined) doc.description = description;
    if (doc.type === undefined && (typeof p.type === 'string' || Array.isArray(p.type))) doc.type = Array.isArray(p.type) ? p.type.join(' | ') : (p.type as string);
    if (doc.enum === undefined && Array.isArray(p.enum)) {
      const descriptions = Array.isArray(p.markdownEnumDescriptions) ? p.markdownEnumDescriptions : Array.isArray(p.enumDescriptions) ? p.enumDescriptions : [];
      doc.enum = p.enum.map((value, i) => ({ value, ...(typeof descriptions[i] === 'string' ? { description: descriptions[i] as string } : {}) }));
    }
  }
  return doc.title || doc.description || doc.enum ? doc : undefined;
}
