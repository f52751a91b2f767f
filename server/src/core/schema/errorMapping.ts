// Turns ajv's errors into diagnostics at the exact place in the TOML text: an unknown key at the key,
// a wrong type or enum at the value, a missing key at the table header or inline table, with messages
// that say in TOML terms what azldev expects.
import type { CoreDiagnostic, RuleCode, Span } from '../diagnostics';
import { lookupEntry, TomlDateTime, type ModelNode, type ModelTable, type TomlDocument } from '../toml';
import type { SchemaError } from './validator';
import { isRequirementAzldevLacks } from './unenforcedRequired';
import { closest } from './suggest';

type Path = (string | number)[];

function parsePointer(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `components.foo.overlays[0]` — how a TOML user names the place. */
export function tomlPathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(seg)) out += `[${seg}]`;
    else {
      const k = /^[A-Za-z0-9_-]+$/.test(seg) ? seg : JSON.stringify(seg);
      out += out ? `.${k}` : k;
    }
  }
  return out;
}

function nodeAt(doc: TomlDocument, path: Path): { node: ModelNode; keySpan?: Span } | undefined {
  if (path.length === 0) return { node: doc.root };
  const entry = lookupEntry(doc.root, path);
  return entry ? { node: entry.node, keySpan: entry.keySpan } : undefined;
}

/** Where to point for something missing from a table: its header, its braces, or the key that made it. */
function tableAnchor(doc: TomlDocument, table: ModelTable, keySpan: Span | undefined): Span {
  switch (table.origin) {
    case 'header':
    case 'array-table':
    case 'inline':
    case 'implicit':
      return table.span;
    case 'dotted':
      return keySpan ?? table.span;
    case 'root': {
      const nl = doc.syntax.text.indexOf('\n');
      return { start: 0, end: nl < 0 ? doc.syntax.text.length : nl };
    }
  }
}

function describeValue(node: ModelNode): string {
  if (node.type === 'table') return 'a table';
  if (node.type === 'array') return 'an array';
  switch (node.syntax.kind) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'float':
      return 'a float';
    case 'boolean':
      return 'a boolean';
    case 'datetime':
      return 'an unquoted date-time';
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'a table',
  array: 'an array',
  null: 'null',
};

function typeList(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => TYPE_NAMES[String(x)] ?? String(x)).join(' or ');
}

function where(path: Path): string {
  return path.length ? `'${tomlPathText(path)}'` : 'the top level';
}

/** Errors from conditional parts of a schema (per-overlay-type requirements): our azldev rules report those. */
function fromConditional(e: SchemaError): boolean {
  return e.keyword === 'if' || /\/(then|else)(\/|$)/.test(e.schemaPath);
}

export function mapSchemaErrors(file: string, doc: TomlDocument, errors: readonly SchemaError[], value: unknown): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const alternatives = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const insideAlternative = (e: SchemaError) => alternatives.some((a) => a !== e && e.schemaPath.startsWith(a.schemaPath + '/'));
  for (const e of errors) {
    if (fromConditional(e) || insideAlternative(e) || isRequirementAzldevLacks(e)) continue;
    const d = mapOne(file, doc, e, value);
    if (d && !out.some((o) => o.span.start === d.span.start && o.span.end === d.span.end && o.message === d.message)) out.push(d);
  }
  return out;
}

function mapOne(file: string, doc: TomlDocument, e: SchemaError, _value: unknown): CoreDiagnostic | undefined {
  const path = parsePointer(e.instancePath);
  const at = nodeAt(doc, path);
  if (!at) return undefined;
  const base = { file, severity: 'error' as const };
  const params = e.params as Record<string, unknown>;
  // A name a `propertyNames` schema rejects: ajv reports the inner failure with the name, then a summary.
  if (e.keyword === 'propertyNames') return undefined;
  if (e.propertyName !== undefined) {
    const entry = lookupEntry(doc.root, [...path, e.propertyName]);
    return { ...base, span: entry?.keySpan ?? at.node.span, code: 'schema-property-name', message: `Key '${e.propertyName}' in ${where(path)} ${e.message ?? 'is not a valid name'}`, data: { key: e.propertyName, path } };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const entry = lookupEntry(doc.root, [...path, key]);
      const props = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      const suggestion = closest(key, props);
      const expected = props.length ? ` azldev accepts: ${props.join(', ')}.` : '';
      return {
        ...base,
        span: entry?.keySpan ?? at.node.span,
        code: 'schema-unknown-key',
        message: `Unknown key '${key}' in ${where(path)}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${expected}`,
        data: { key, suggestion, path },
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const span = at.node.type === 'table' ? tableAnchor(doc, at.node, at.keySpan) : at.node.span;
      return { ...base, span, code: 'schema-missing-key', message: `Missing required key '${missing}' in ${where(path)}`, data: { key: missing, path } };
    }
    case 'type': {
      const node = at.node;
      if (node.type === 'scalar' && node.syntax.kind === 'datetime' && String(params.type).includes('string')) {
        return {
          ...base,
          span: node.span,
          code: 'schema-unquoted-datetime',
          message: `${where(path)} must be a quoted string: azldev reads it as text, so write "${node.syntax.raw}" in quotes (an unquoted TOML date-time is a different type)`,
          data: { path, quoted: JSON.stringify(node.syntax.raw) },
        };
      }
      return { ...base, span: node.span, code: 'schema-type', message: `${where(path)} must be ${typeList(params.type)}, found ${describeValue(node)}`, data: { path } };
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]) ?? [];
      const found = e.data;
      const suggestion = typeof found === 'string' ? closest(found, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
      return {
        ...base,
        span: at.node.span,
        code: 'schema-enum',
        message: `${where(path)} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; found ${JSON.stringify(found instanceof TomlDateTime ? found.raw : found)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        data: { path, allowed, suggestion },
      };
    }
    case 'false schema': {
      const entry = path.length ? lookupEntry(doc.root, path) : undefined;
      const parent = path.slice(0, -1);
      return {
        ...base,
        span: entry?.keySpan ?? at.node.span,
        code: 'schema-not-allowed',
        message: `'${String(path[path.length - 1] ?? '')}' is not allowed in ${where(parent)}`,
        data: { path },
      };
    }
    case 'oneOf':
    case 'anyOf':
      return { ...base, span: at.node.type === 'table' ? tableAnchor(doc, at.node, at.keySpan) : at.node.span, code: 'schema-alternatives', message: `${where(path)} ${describeAlternatives(e)}`, data: { path } };
    default:
      return {
        ...base,
        span: at.node.type === 'table' ? tableAnchor(doc, at.node, at.keySpan) : at.node.span,
        code: keywordCode(e.keyword),
        message: `${where(path)} ${e.message ?? 'is invalid'}`,
        data: { path },
      };
  }
}

/** The code of a schema keyword without its own mapping above: `minLength` → `schema-min-length`; others `schema-invalid`. */
const KEYWORD_CODES: Readonly<Record<string, RuleCode>> = {
  pattern: 'schema-pattern',
  format: 'schema-format',
  minLength: 'schema-min-length',
  maxLength: 'schema-max-length',
  minItems: 'schema-min-items',
  maxItems: 'schema-max-items',
  uniqueItems: 'schema-unique-items',
  minimum: 'schema-minimum',
  maximum: 'schema-maximum',
  not: 'schema-not',
};

function keywordCode(keyword: string): RuleCode {
  return Object.prototype.hasOwnProperty.call(KEYWORD_CODES, keyword) ? (KEYWORD_CODES[keyword] as RuleCode) : 'schema-invalid';
}

/** "needs exactly one of 'base-uri' or 'metalink'" when the alternatives are each a required key. */
function describeAlternatives(e: SchemaError): string {
  const branches = (e.schema as { required?: string[] }[] | undefined) ?? [];
  const keys = branches.map((b) => (b.required && b.required.length === 1 ? b.required[0] : undefined));
  if (keys.length && keys.every((k) => k !== undefined)) {
    return `needs ${e.keyword === 'oneOf' ? 'exactly one' : 'at least one'} of ${keys.map((k) => `'${k}'`).join(' or ')}`;
  }
  return e.keyword === 'oneOf' ? 'must match exactly one of the allowed forms' : 'must match one of the allowed forms';
}
