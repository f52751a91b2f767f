// What completion knows about overlays beyond the schema: the fields each overlay type reads when azldev
// applies it (sources/overlays.go; the schema only states the required ones), and snippets for whole
// `[[components.NAME.overlays]]` blocks whose fields come from the schema's per-type requirements.
import type { ModelTable } from '../toml';
import { OVERLAY_REQUIRED_FIELDS, OVERLAY_TYPE_FIELDS, isOverlayType } from '../azldev/overlayTypes';
import { SchemaWalk, type JsonSchema, type SchemaDocuments } from './schemaWalk';

export { COMMON_OVERLAY_FIELDS, OVERLAY_TYPE_FIELDS } from '../azldev/overlayTypes';

/** True when the path names one overlay: `...overlays[N]`. */
export function isOverlayPath(path: readonly (string | number)[]): boolean {
  return typeof path[path.length - 1] === 'number' && path[path.length - 2] === 'overlays';
}

/** A table holding only `type = T`, to decide the schema's per-type conditions for a type not yet written. */
function typedOverlay(type: string): ModelTable {
  const span = { start: 0, end: 0 };
  const node = { type: 'scalar' as const, span, syntax: { kind: 'string' as const, value: type, style: 'basic' as const, span } };
  return { type: 'table', origin: 'header', span, entries: new Map([['type', { keySpan: span, definitionSpan: span, node }]]) };
}

/**
 * Fields a block offers beyond azldev's requirements: a search-replace's replacement (empty is allowed, but
 * rarely meant), and the section the authoring guide asks for (its guide-unscoped-search-replace lint).
 */
const SNIPPET_EXTRA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'spec-search-replace': ['replacement', 'section'],
  'file-search-replace': ['replacement'],
};

/** Placeholders for required fields the schema gives no example of. */
const PLACEHOLDERS: Readonly<Record<string, string>> = { 'file-rename.replacement': 'new-name.conf' };

export interface OverlaySnippet {
  type: string;
  documentation?: string;
  /** Snippet text (LSP snippet syntax) of the whole block, header included. */
  body: string;
}

function snippetEscape(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** A TOML string for `value`: basic quotes, or literal ones when that keeps backslashes readable. */
export function tomlString(value: string): string {
  if (value.includes('\\') && !value.includes("'") && !/[\n\r]/.test(value)) return `'${value}'`;
  return JSON.stringify(value);
}

/**
 * One block per overlay type: the header, a description, the type, and the fields its schema branch
 * requires, each a tab stop with the schema's first example as placeholder.
 */
export function overlaySnippets(docs: SchemaDocuments, root: JsonSchema, itemPath: readonly (string | number)[], header: string): OverlaySnippet[] {
  // The blocks depend only on the schema documents (kept until a schema changes) and the path and header:
  // walking every overlay type's schema branch is most of a key completion's time, so each is built once.
  let memo = snippetMemo.get(root);
  if (!memo || memo.bundledConfig !== docs.bundledConfig || memo.overlayFile !== docs.overlayFile) {
    memo = { bundledConfig: docs.bundledConfig, overlayFile: docs.overlayFile, byKey: new Map() };
    snippetMemo.set(root, memo);
  }
  const key = `${JSON.stringify(itemPath)}\0${header}`;
  let hit = memo.byKey.get(key);
  if (!hit) {
    if (memo.byKey.size >= SNIPPET_MEMO_LIMIT) memo.byKey.clear();
    hit = buildOverlaySnippets(docs, root, itemPath, header);
    memo.byKey.set(key, hit);
  }
  return hit;
}

/** Blocks per schema root, by path and header (one per component completed in; bounded). */
const snippetMemo = new WeakMap<JsonSchema, { bundledConfig: JsonSchema; overlayFile: JsonSchema; byKey: Map<string, OverlaySnippet[]> }>();
const SNIPPET_MEMO_LIMIT = 256;

function buildOverlaySnippets(docs: SchemaDocuments, root: JsonSchema, itemPath: readonly (string | number)[], header: string): OverlaySnippet[] {
  const overlays = SchemaWalk.at(docs, root, undefined, itemPath.slice(0, -1));
  const out: OverlaySnippet[] = [];
  for (const { value, documentation } of overlays.child(0, undefined).child('type', undefined).enumValues()) {
    if (typeof value !== 'string' || !isOverlayType(value)) continue;
    // Expanded against a table holding this type, so the schema's per-type branches give examples and shapes.
    const walk = overlays.child(0, typedOverlay(value));
    const props = walk.properties();
    // Every field azldev's validation demands of the type (the schema may mark fewer), then the extras.
    const wanted = [...OVERLAY_REQUIRED_FIELDS[value], ...(SNIPPET_EXTRA_FIELDS[value] ?? [])];
    const required = wanted.flatMap((key) => props.filter((p) => p.key === key));
    let stop = 1;
    const lines = [header, `description = "\${${stop++}:${snippetEscape(describeDefault(value))}}"`, `type = "${value}"`];
    for (const field of required) {
      const example = (field.shape === 'array' && Array.isArray(field.examples[0]) ? field.examples[0][0] : field.examples[0]) ?? PLACEHOLDERS[`${value}.${field.key}`];
      // A value with backslashes (a regex) as a literal string, as the authoring guide writes them (guide-regex-basic-string).
      const literal = typeof example === 'string' && tomlString(example).startsWith("'");
      const placeholder = literal ? `'\${${stop++}:${snippetEscape(example)}}'` : `"\${${stop++}:${snippetEscape(typeof example === 'string' ? JSON.stringify(example).slice(1, -1) : '')}}"`;
      lines.push(`${field.key} = ${field.shape === 'array' ? `[${placeholder}]` : placeholder}`);
    }
    out.push({ type: value, ...(documentation !== undefined ? { documentation } : {}), body: lines.join('\n') + '\n$0' });
  }
  return out;
}

function describeDefault(type: string): string {
  return `What this ${type} overlay does and why`;
}
