// Writes a tree of values as TOML: scalars and scalar arrays as `key = value` lines, tables as
// `[a.b]` headers, arrays of tables as `[[a.b]]`, each line optionally followed by a `# comment` (the
// origin of the value in the effective-config view and hover). Used by the view, the hover and `config dump`.
import { TomlDateTime } from '../toml';

export type TomlTree<O> =
  | { kind: 'table'; entries: Map<string, TomlTree<O>>; origin?: O }
  | { kind: 'array'; items: { value: TomlTree<O>; origin?: O }[]; origin?: O }
  | { kind: 'value'; value: unknown; origin?: O };

/**
 * The comment for a value's origin. `key` says which layer and file it is: a value whose key equals its
 * table's (the fields of an overlay written in one block) gets no comment of its own.
 */
export type Annotate<O> = (origin: O) => { text: string; key: string } | undefined;

export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

function tomlString(s: string): string {
  // JSON's escapes are TOML's, except that TOML also forbids a raw DEL.
  return JSON.stringify(s).replace(/\u007f/g, '\\u007F');
}

export function tomlScalar(v: unknown): string {
  if (typeof v === 'string') return tomlString(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (typeof v === 'boolean') return String(v);
  if (v instanceof TomlDateTime) return v.raw;
  return tomlString(String(v));
}

function inline<O>(node: TomlTree<O>): string {
  if (node.kind === 'value') return tomlScalar(node.value);
  if (node.kind === 'array') return `[${node.items.map((i) => inline(i.value)).join(', ')}]`;
  const parts = [...node.entries].map(([k, v]) => `${tomlKey(k)} = ${inline(v)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

function isTableArray<O>(node: TomlTree<O>): boolean {
  return node.kind === 'array' && node.items.length > 0 && node.items.every((i) => i.value.kind === 'table');
}

function withComment(line: string, comment: string | undefined): string {
  return comment ? `${line}  # ${comment}` : line;
}

export interface TableOptions {
  /** A comment for the table's header line. */
  headerComment?: string;
  /** The header is already written (an element of an array of tables). */
  headerWritten?: boolean;
  /** Origins with this key get no comment: the header already says it. */
  inherited?: string;
}

/** Appends the lines of `table` (at `prefix`) to `out`. */
export function writeTomlTable<O>(out: string[], prefix: string[], table: Extract<TomlTree<O>, { kind: 'table' }>, annotate: Annotate<O>, options: TableOptions = {}): void {
  const note = (origin: O | undefined): string | undefined => {
    const c = origin === undefined ? undefined : annotate(origin);
    return c && c.key !== options.inherited ? c.text : undefined;
  };
  const scalars: [string, TomlTree<O>][] = [];
  const nested: [string, TomlTree<O>][] = [];
  for (const [k, v] of table.entries) (v.kind === 'table' || isTableArray(v) ? nested : scalars).push([k, v]);
  if (prefix.length && !options.headerWritten && (scalars.length || !nested.length || options.headerComment)) {
    if (out.length) out.push('');
    out.push(withComment(`[${prefix.map(tomlKey).join('.')}]`, options.headerComment));
  }
  for (const [k, v] of scalars) {
    if (v.kind !== 'array' || !v.items.length) {
      out.push(withComment(`${tomlKey(k)} = ${inline(v)}`, note(v.origin)));
      continue;
    }
    const comments = new Set(v.items.map((i) => note(i.origin)));
    if (comments.size === 1) {
      out.push(withComment(`${tomlKey(k)} = ${inline(v)}`, [...comments][0]));
      continue;
    }
    // Items from different layers (arrays append across layers): one line each, with its own origin.
    out.push(`${tomlKey(k)} = [`);
    for (const i of v.items) out.push(withComment(`  ${inline(i.value)},`, note(i.origin)));
    out.push(']');
  }
  for (const [k, v] of nested) {
    const at = [...prefix, k];
    if (v.kind === 'table') writeTomlTable(out, at, v, annotate, { ...(options.inherited ? { inherited: options.inherited } : {}) });
    else if (v.kind === 'array') {
      for (const item of v.items) {
        if (item.value.kind !== 'table') continue;
        const own = item.origin === undefined ? undefined : annotate(item.origin);
        if (out.length) out.push('');
        out.push(withComment(`[[${at.map(tomlKey).join('.')}]]`, note(item.origin)));
        const inherited = own?.key ?? options.inherited;
        writeTomlTable(out, at, item.value, annotate, { headerWritten: true, ...(inherited ? { inherited } : {}) });
      }
    }
  }
}
