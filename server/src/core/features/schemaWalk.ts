// Walks a JSON schema along a TOML path, the way completion and quick fixes need it: `$ref`s (also into the
// config schema from the overlay-file schema), `allOf`/`anyOf`/`oneOf` branches and `if`/`then`/`else`
// decided against the document's own values, so the answer is "what may be written here, in this table".
import * as path from 'node:path';
import { BUNDLED_CONFIG_SCHEMA, BUNDLED_OVERLAY_FILE_SCHEMA, type LanguageService } from '../languageService';
import { lookup, type ModelNode, type ModelTable } from '../toml';
import type { SpecFacts } from './specFacts';
import type { ProjectModel } from '../project/projectModel';
import { appendAll } from '../appendAll';

export type JsonSchema = { [key: string]: unknown };

/** A schema object together with the document its `#/...` references resolve in. */
interface Located {
  schema: JsonSchema;
  doc: JsonSchema;
}

/** What the schema says about one key of a table. */
export interface PropertyInfo {
  key: string;
  title?: string;
  /** Markdown when the schema has it, else the plain description. */
  documentation?: string;
  /** The value's shape: `table` for objects, `array-of-tables` for arrays of objects. */
  shape: 'table' | 'array-of-tables' | 'array' | 'string' | 'boolean' | 'integer' | 'number' | 'unknown';
  required: boolean;
  /** Set when an applicable branch forbids the key here (`false`, or a string forced empty). */
  forbidden: boolean;
  examples: unknown[];
}

/** An enum value with its description. */
export interface EnumValue {
  value: unknown;
  documentation?: string;
}

export interface SchemaDocuments {
  /** The schema of azldev config files (the project's choice: bundled, workspace or a file). */
  config: JsonSchema;
  /** Our per-file overlay document schema; its references point into the bundled config schema. */
  overlayFile: JsonSchema;
  bundledConfig: JsonSchema;
}

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the completion and code-action features read: the language service and the schema documents. */
export interface FeatureEnv {
  service: LanguageService;
  schemas: SchemaStore;
  /** What the component's own spec has (sections, sub-packages, tags), when a spec was seen; `want` asks for it. */
  specFacts?: { get(component: string): SpecFacts | undefined; want?(component: string): void };
  /**
   * The project model of a file as completion may use it: undefined when the file has no project, `loading`
   * while it is being read (the names it would give are left out and the list is marked incomplete, so the
   * editor asks again). Default: `service.projectOf`, which reads the project when first asked.
   */
  projectOf?(file: string): ProjectModel | undefined | 'loading';
}

/**
 * Reads and caches the schema documents by path, until the service's schemas are reloaded (a schema file
 * changed on disk), so an edited workspace schema is picked up and a request never reads a schema file.
 */
export class SchemaStore {
  private readonly parsed = new Map<string, { service: WeakRef<LanguageService>; epoch: number; schema: JsonSchema }>();

  constructor(private readonly bundledSchemaDir: string) {}

  private read(service: LanguageService, file: string): JsonSchema {
    const epoch = service.schemaEpoch;
    const hit = this.parsed.get(file);
    if (hit && hit.epoch === epoch && hit.service.deref() === service) return hit.schema;
    const text = service.cache.fs.readFile(file) ?? '';
    let schema: JsonSchema = {};
    try {
      const value: unknown = JSON.parse(text);
      if (isObject(value)) schema = value;
    } catch {
      // A broken schema file offers nothing; validation reports why it cannot be used.
    }
    this.parsed.set(file, { service: new WeakRef(service), epoch, schema });
    return schema;
  }

  documentsFor(service: LanguageService, file: string): SchemaDocuments {
    const bundledPath = path.join(this.bundledSchemaDir, BUNDLED_CONFIG_SCHEMA);
    const bundledConfig = this.read(service, bundledPath);
    let configPath = bundledPath;
    try {
      configPath = service.schemaFor(file).path;
    } catch {
      // The bundled schema stands in when the choice cannot be resolved.
    }
    const config = configPath === bundledPath ? bundledConfig : this.read(service, configPath);
    return { config: Object.keys(config).length ? config : bundledConfig, overlayFile: this.read(service, path.join(this.bundledSchemaDir, BUNDLED_OVERLAY_FILE_SCHEMA)), bundledConfig };
  }
}

/** The schemas that apply at a path of the document, branches and conditions expanded. */
export class SchemaWalk {
  private constructor(
    private readonly located: Located[],
    private readonly docs: SchemaDocuments,
  ) {}

  /** The schemas at `segments` of a document whose root schema is `root`, conditions decided on `model`. */
  static at(docs: SchemaDocuments, root: JsonSchema, model: ModelTable | undefined, segments: readonly (string | number)[]): SchemaWalk {
    let walk = new SchemaWalk(expand([{ schema: root, doc: root }], model, docs), docs);
    segments.forEach((seg, i) => {
      walk = walk.child(seg, model ? lookup(model, segments.slice(0, i + 1)) : undefined);
    });
    return walk;
  }

  get isEmpty(): boolean {
    return this.located.length === 0;
  }

  /** The schemas of one child: a table key, or an array index (a key on an array steps into its items first). */
  child(segment: string | number, node: ModelNode | undefined): SchemaWalk {
    const out: Located[] = [];
    for (const l of this.located) {
      const s = l.schema;
      const isArraySchema = isObject(s.items) || Array.isArray(s.prefixItems);
      // A diagnostic's path (a JSON pointer) names array indices as digit strings.
      const seg = isArraySchema && typeof segment === 'string' && /^\d+$/.test(segment) ? Number(segment) : segment;
      if (typeof seg === 'number' || isArraySchema) {
        const items = typeof seg === 'number' && Array.isArray(s.prefixItems) ? s.prefixItems[seg] : s.items;
        if (isObject(items)) {
          if (typeof seg === 'number') out.push({ schema: items, doc: l.doc });
          else appendAll(out, childOfObject({ schema: items, doc: l.doc }, seg));
        }
        continue;
      }
      appendAll(out, childOfObject(l, seg));
    }
    return new SchemaWalk(expand(out, node, this.docs), this.docs);
  }

  /** True when a branch here describes a table (properties or a map of values). */
  get isTable(): boolean {
    return this.located.some((l) => l.schema.type === 'object' || isObject(l.schema.properties) || l.schema.additionalProperties !== undefined);
  }

  /** True when the table is a map of named entries (`components`, `distros`) rather than fixed keys. */
  get isMap(): boolean {
    return this.located.some((l) => isObject(l.schema.additionalProperties)) && this.propertyNames().length === 0;
  }

  private propertyNames(): string[] {
    const names = new Set<string>();
    for (const l of this.located) if (isObject(l.schema.properties)) for (const k of Object.keys(l.schema.properties)) names.add(k);
    return [...names];
  }

  /** The keys the schema names here, with their merged descriptions. */
  properties(): PropertyInfo[] {
    const required = new Set<string>();
    for (const l of this.located) if (Array.isArray(l.schema.required)) for (const k of l.schema.required) if (typeof k === 'string') required.add(k);
    return this.propertyNames().map((key) => {
      const own = this.located.flatMap((l) => (isObject(l.schema.properties) && key in l.schema.properties ? [l.schema.properties[key]] : []));
      const forbidden = own.some((s) => s === false || (isObject(s) && s.maxLength === 0));
      const value = this.child(key, undefined);
      return { key, ...value.describe(), shape: value.shape(), required: required.has(key), forbidden, examples: value.examples() };
    });
  }

  /** Title and documentation, from the first branch that has them. */
  describe(): { title?: string; documentation?: string } {
    let title: string | undefined;
    let documentation: string | undefined;
    for (const l of this.located) {
      if (title === undefined && typeof l.schema.title === 'string') title = l.schema.title;
      const doc = typeof l.schema.markdownDescription === 'string' ? l.schema.markdownDescription : typeof l.schema.description === 'string' ? l.schema.description : undefined;
      if (documentation === undefined && doc !== undefined) documentation = doc;
    }
    return { ...(title !== undefined ? { title } : {}), ...(documentation !== undefined ? { documentation } : {}) };
  }

  shape(): PropertyInfo['shape'] {
    const types = new Set<string>();
    for (const l of this.located) {
      const t = l.schema.type;
      for (const x of Array.isArray(t) ? t : [t]) if (typeof x === 'string') types.add(x);
      if (isObject(l.schema.properties) || isObject(l.schema.additionalProperties)) types.add('object');
    }
    if (types.has('object')) return 'table';
    if (types.has('array')) {
      const items = new SchemaWalk(this.located, this.docs).child(0, undefined);
      return items.shape() === 'table' ? 'array-of-tables' : 'array';
    }
    for (const t of ['string', 'boolean', 'integer', 'number'] as const) if (types.has(t)) return t;
    return 'unknown';
  }

  /** Enum (or const) values with their markdown descriptions. */
  enumValues(): EnumValue[] {
    const out: EnumValue[] = [];
    const seen = new Set<string>();
    for (const l of this.located) {
      const values = Array.isArray(l.schema.enum) ? l.schema.enum : 'const' in l.schema ? [l.schema.const] : [];
      const docs = Array.isArray(l.schema.markdownEnumDescriptions) ? l.schema.markdownEnumDescriptions : Array.isArray(l.schema.enumDescriptions) ? l.schema.enumDescriptions : [];
      values.forEach((value: unknown, i: number) => {
        const key = JSON.stringify(value);
        if (seen.has(key)) return;
        seen.add(key);
        const doc: unknown = docs[i];
        out.push(typeof doc === 'string' ? { value, documentation: doc } : { value });
      });
    }
    return out;
  }

  examples(): unknown[] {
    const out: unknown[] = [];
    for (const l of this.located) if (Array.isArray(l.schema.examples)) for (const e of l.schema.examples) if (!out.some((o) => JSON.stringify(o) === JSON.stringify(e))) out.push(e);
    return out;
  }
}

function childOfObject(l: Located, key: string): Located[] {
  const s = l.schema;
  if (isObject(s.properties) && key in s.properties) {
    const p = s.properties[key];
    return isObject(p) ? [{ schema: p, doc: l.doc }] : [];
  }
  if (isObject(s.patternProperties)) {
    const out: Located[] = [];
    for (const [pattern, p] of Object.entries(s.patternProperties)) {
      try {
        if (isObject(p) && new RegExp(pattern, 'u').test(key)) out.push({ schema: p, doc: l.doc });
      } catch {
        // A pattern JavaScript cannot read names nothing here.
      }
    }
    if (out.length) return out;
  }
  if (isObject(s.additionalProperties)) return [{ schema: s.additionalProperties, doc: l.doc }];
  return [];
}

/** Follows `$ref`s and flattens `allOf`/`anyOf`/`oneOf`, and the `if` branches that hold for the node. */
function expand(start: Located[], node: ModelNode | undefined, docs: SchemaDocuments): Located[] {
  const out: Located[] = [];
  const seen = new Set<JsonSchema>();
  const work = [...start];
  for (let l = work.shift(); l; l = work.shift()) {
    if (seen.has(l.schema)) continue;
    seen.add(l.schema);
    out.push(l);
    const s = l.schema;
    if (typeof s.$ref === 'string') {
      const target = resolveRef(s.$ref, l.doc, docs);
      if (target) work.push(target);
    }
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = s[k];
      if (Array.isArray(list)) for (const b of list) if (isObject(b)) work.push({ schema: b, doc: l.doc });
    }
    if (isObject(s.if) && node !== undefined) {
      // A condition on a key the table does not have yet is undecided: neither branch applies, so
      // completion still offers `path` before `type = "local"` is written.
      const verdict = evaluate(s.if, node);
      const branch = verdict === 'yes' ? s.then : verdict === 'no' ? s.else : undefined;
      if (isObject(branch)) work.push({ schema: branch, doc: l.doc });
    }
  }
  return out;
}

function resolveRef(ref: string, doc: JsonSchema, docs: SchemaDocuments): Located | undefined {
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const target = file === '' ? doc : path.basename(file) === BUNDLED_CONFIG_SCHEMA ? docs.bundledConfig : path.basename(file) === BUNDLED_OVERLAY_FILE_SCHEMA ? docs.overlayFile : undefined;
  if (!target) return undefined;
  let node: unknown = target;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[seg] : undefined;
  }
  return isObject(node) ? { schema: node, doc: target } : undefined;
}

type Verdict = 'yes' | 'no' | 'unknown';

/** A small evaluator for the `if` schemas azldev's schema uses: required keys, `not`, and const/enum/minLength on values. */
function evaluate(schema: JsonSchema, node: ModelNode): Verdict {
  if (node.type !== 'table') return 'unknown';
  if (isObject(schema.not)) {
    const inner = evaluate(schema.not, node);
    return inner === 'unknown' ? 'unknown' : inner === 'yes' ? 'no' : 'yes';
  }
  if (Array.isArray(schema.required) && !schema.required.every((k) => typeof k === 'string' && node.entries.has(k))) return 'unknown';
  if (isObject(schema.properties)) {
    for (const [k, p] of Object.entries(schema.properties)) {
      const child = node.entries.get(k)?.node;
      if (child && isObject(p) && !matchesValue(p, child)) return 'no';
    }
  }
  return 'yes';
}

function matchesValue(schema: JsonSchema, node: ModelNode): boolean {
  const value = node.type === 'scalar' && node.syntax.kind !== 'datetime' ? node.syntax.value : undefined;
  if ('const' in schema && schema.const !== value) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (typeof schema.minLength === 'number' && !(typeof value === 'string' && value.length >= schema.minLength)) return false;
  return true;
}
