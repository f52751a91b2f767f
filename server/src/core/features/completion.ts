// Completion at an offset of an azldev TOML file: keys the schema allows in the table at the cursor (an
// overlay's by its type, required first), table headers, enum/boolean/section values, component names in
// component groups and distro names/versions from the project, and whole-overlay snippets. Pure: text and
// offset in, items with offset edits out; the LSP handler converts offsets to positions.
import { lookup, type ModelTable, type TomlDocument } from '../toml';
import { cursorContext, type CursorContext } from './completionContext';
import { isOverlayType } from '../azldev/overlayTypes';
import { COMMON_OVERLAY_FIELDS, isOverlayPath, OVERLAY_TYPE_FIELDS, overlaySnippets, tomlString } from './completionOverlays';
import { componentNames, distroReferenceValues, isGroupMemberPath, schemaValues, sectionValues, type ValueCandidate } from './completionValues';
import { SchemaWalk, type FeatureEnv, type JsonSchema, type PropertyInfo, type SchemaDocuments } from './schemaWalk';
import { appendAll } from '../appendAll';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export type CompletionKind = 'property' | 'table' | 'value' | 'enum' | 'keyword' | 'reference' | 'snippet';

export interface CoreCompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  edit: OffsetEdit;
  /** The edit's text is an LSP snippet (tab stops). */
  snippet?: boolean;
  filterText?: string;
  sortText: string;
}

export interface CoreCompletionList {
  items: CoreCompletionItem[];
  /** The list was cut short (too many names matched): ask again as the user types. */
  isIncomplete: boolean;
}

const EMPTY: CoreCompletionList = { items: [], isIncomplete: false };

interface Request {
  env: FeatureEnv;
  file: string;
  doc: TomlDocument;
  docs: SchemaDocuments;
  root: JsonSchema;
  overlayFile: boolean;
}

export function complete(env: FeatureEnv, file: string, text: string, offset: number): CoreCompletionList {
  const doc = env.service.cache.withText(file, text).doc;
  const ctx = cursorContext(doc, offset);
  if (ctx.kind === 'none') return EMPTY;
  const docs = env.schemas.documentsFor(env.service, file);
  const overlayFile = env.service.classify(file) === 'overlay-file';
  const req: Request = { env, file, doc, docs, root: overlayFile ? docs.overlayFile : docs.config, overlayFile };
  switch (ctx.kind) {
    case 'key':
      return { items: keyItems(req, ctx), isIncomplete: false };
    case 'header':
      return { items: headerItems(req, ctx), isIncomplete: false };
    case 'value':
      return valueItems(req, ctx);
  }
}

function walkAt(req: Request, path: readonly (string | number)[]): SchemaWalk {
  return SchemaWalk.at(req.docs, req.root, req.doc.root, path);
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function keyText(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

function snippetEscape(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

function valueSkeleton(p: PropertyInfo, inline: boolean): string | undefined {
  switch (p.shape) {
    case 'table':
      return '{ $1 }';
    case 'array-of-tables':
      // Outside inline tables these are written as [[...]] blocks (the header completion offers them).
      return inline ? '[{ $1 }]' : undefined;
    case 'array':
      return '[$1]';
    case 'string':
      return '"$1"';
    case 'boolean':
      return '${1|true,false|}';
    default:
      return '$1';
  }
}

/** The keys an overlay of a known type may have; undefined when the table is not such an overlay. */
function overlayKeys(path: readonly (string | number)[], table: ModelTable | undefined): readonly string[] | undefined {
  if (!isOverlayPath(path) || !table) return undefined;
  const t = table.entries.get('type')?.node;
  const type = t?.type === 'scalar' && t.syntax.kind === 'string' ? t.syntax.value : undefined;
  const fields = type !== undefined && isOverlayType(type) ? OVERLAY_TYPE_FIELDS[type] : undefined;
  return fields ? [...COMMON_OVERLAY_FIELDS, ...fields] : undefined;
}

function keyItems(req: Request, ctx: Extract<CursorContext, { kind: 'key' }>): CoreCompletionItem[] {
  const walk = walkAt(req, ctx.path);
  const node = ctx.path.length ? lookup(req.doc.root, ctx.path) : req.doc.root;
  const table = node?.type === 'table' ? node : undefined;
  const allowed = overlayKeys(ctx.path, table);
  const items: CoreCompletionItem[] = [];
  for (const p of walk.properties()) {
    if (p.forbidden || (allowed && !allowed.includes(p.key))) continue;
    const present = table?.entries.get(p.key);
    if (present && !(present.keySpan.start === ctx.replace.start && present.keySpan.end === ctx.replace.end)) continue;
    const name = keyText(p.key);
    const skeleton = ctx.hasValue ? '' : valueSkeleton(p, ctx.inline);
    if (skeleton === undefined) continue;
    const newText = skeleton ? `${snippetEscape(name)} = ${skeleton}` : name;
    // Required keys first; an overlay's type and description lead while its type is unknown.
    const lead = p.required || (isOverlayPath(ctx.path) && !allowed && (p.key === 'type' || p.key === 'description'));
    items.push({
      label: p.key,
      kind: 'property',
      ...(p.title !== undefined ? { detail: p.required ? `${p.title} (required)` : p.title } : p.required ? { detail: 'required' } : {}),
      ...(p.documentation !== undefined ? { documentation: p.documentation } : {}),
      edit: { ...ctx.replace, newText },
      ...(skeleton ? { snippet: true } : {}),
      filterText: name,
      sortText: `${lead ? '0' : '1'}${p.key}`,
    });
  }
  appendAll(items, snippetItems(req, ctx));
  return items;
}

/** Whole `[[...overlays]]` blocks, offered on an empty line of a component's tables or of an overlay file. */
function snippetItems(req: Request, ctx: Extract<CursorContext, { kind: 'key' }>): CoreCompletionItem[] {
  if (ctx.inline) return [];
  const text = req.doc.syntax.text;
  const lineStart = text.lastIndexOf('\n', ctx.replace.start - 1) + 1;
  if (lineStart !== ctx.replace.start) return [];
  let header: string;
  let itemPath: (string | number)[];
  if (req.overlayFile) {
    header = '[[overlays]]';
    itemPath = ['overlays', 0];
  } else if (ctx.path[0] === 'components' && typeof ctx.path[1] === 'string') {
    header = `[[components.${snippetEscape(keyText(ctx.path[1]))}.overlays]]`;
    itemPath = ['components', ctx.path[1], 'overlays', 0];
  } else return [];
  return overlaySnippets(req.docs, req.root, itemPath, header).map((s) => ({
    label: `overlay: ${s.type}`,
    kind: 'snippet' as const,
    detail: `[[overlays]] block of type ${s.type}`,
    ...(s.documentation !== undefined ? { documentation: s.documentation } : {}),
    edit: { ...ctx.replace, newText: s.body },
    snippet: true,
    filterText: `overlay ${s.type}`,
    sortText: `2${s.type}`,
  }));
}

/** True when a table here can hold an array of tables within a few levels, so `[[` may continue through it. */
function leadsToArrayOfTables(walk: SchemaWalk, depth: number): boolean {
  if (depth === 0) return false;
  if (walk.isMap) return leadsToArrayOfTables(walk.child('name', undefined), depth - 1);
  return walk.properties().some((p) => p.shape === 'array-of-tables' || (p.shape === 'table' && leadsToArrayOfTables(walk.child(p.key, undefined), depth - 1)));
}

function headerItems(req: Request, ctx: Extract<CursorContext, { kind: 'header' }>): CoreCompletionItem[] {
  const walk = walkAt(req, ctx.path);
  const node = ctx.path.length ? lookup(req.doc.root, ctx.path) : req.doc.root;
  const table = node?.type === 'table' ? node : undefined;
  const items: CoreCompletionItem[] = [];
  if (walk.isMap) {
    // `[components.` names a new component: one the project already defines would be defined twice, so none
    // is offered (the package index, when loaded, offers Fedora's source names not yet used).
    if (ctx.path.length === 1 && ctx.path[0] === 'components') return items;
    // Other maps (`[component-groups.`…): the names this file defines, to add a sub-table to one of them;
    // they continue with a dot, since the same header again would define the table twice.
    for (const [name, entry] of table?.entries ?? []) {
      if (entry.node.type !== 'table' && !(entry.node.type === 'array' && entry.node.origin === 'array-table')) continue;
      if (entry.keySpan.start === ctx.replace.start && entry.keySpan.end === ctx.replace.end) continue;
      items.push({ label: name, kind: 'reference', detail: 'defined in this file: add a sub-table', edit: { ...ctx.replace, newText: `${keyText(name)}.` }, filterText: keyText(name), sortText: `1${name}` });
    }
    return items;
  }
  for (const p of walk.properties()) {
    if (p.forbidden) continue;
    const child = walk.child(p.key, undefined);
    const fits = ctx.arrayTable ? p.shape === 'array-of-tables' || (p.shape === 'table' && leadsToArrayOfTables(child, 3)) : p.shape === 'table';
    if (!fits) continue;
    const present = table?.entries.get(p.key)?.node;
    // A table written inline or by dotted keys cannot be extended by a header.
    if (present?.type === 'table' && (present.origin === 'inline' || present.origin === 'dotted')) continue;
    if (present && present.type !== 'table' && !(present.type === 'array' && present.origin === 'array-table')) continue;
    // An existing [header] table is offered to reach its sub-tables, not to be opened again.
    const reopened = present?.type === 'table' && present.origin === 'header';
    const terminal = !reopened && (ctx.arrayTable ? p.shape === 'array-of-tables' : !child.isMap);
    const name = keyText(p.key);
    items.push({
      label: p.key,
      kind: 'table',
      ...(p.title !== undefined ? { detail: p.title } : {}),
      ...(p.documentation !== undefined ? { documentation: p.documentation } : {}),
      edit: { ...ctx.replace, newText: name + (terminal ? ctx.close : '') },
      filterText: name,
      sortText: `${terminal ? '0' : '1'}${p.key}`,
    });
  }
  return items;
}

/**
 * `section`, `package` and `tag` of a component's overlay: what the component's spec has first (when a spec
 * was seen), then the standard lists. Without the spec, the list is marked incomplete and the spec asked
 * for, so the next keystroke brings the spec's own names.
 */
function specCandidates(req: Request, path: readonly (string | number)[], field: 'section' | 'package' | 'tag'): { values: ValueCandidate[]; incomplete: boolean } {
  const component = path[0] === 'components' && typeof path[1] === 'string' ? path[1] : undefined;
  const facts = component !== undefined ? req.env.specFacts?.get(component) : undefined;
  if (component !== undefined && !facts) req.env.specFacts?.want?.(component);
  const own = facts ? (field === 'section' ? facts.sections : field === 'package' ? facts.packages : facts.tags) : [];
  const fromSpec: ValueCandidate[] = own.map((value) => ({ value, rank: 0, detail: `in ${component}'s spec` }));
  const standard: ValueCandidate[] = field === 'section' ? sectionValues() : field === 'tag' ? schemaValues(walkAt(req, path)) : [];
  const seen = new Set(own);
  const rest = standard.filter((c) => !seen.has(String(c.value))).map((c) => ({ ...c, rank: c.rank + 1 }));
  return { values: [...fromSpec, ...rest], incomplete: component !== undefined && !facts && req.env.specFacts?.want !== undefined };
}

function valueText(value: ValueCandidate['value'], quote: '"' | "'" | undefined): string {
  if (typeof value !== 'string') return String(value);
  if (quote === "'" && !value.includes("'")) return `'${value}'`;
  return quote === '"' ? JSON.stringify(value) : tomlString(value);
}

function valueItems(req: Request, ctx: Extract<CursorContext, { kind: 'value' }>): CoreCompletionList {
  let candidates: ValueCandidate[] = [];
  let incomplete = false;
  const path = ctx.path;
  const model = () => {
    const m = req.env.projectOf ? req.env.projectOf(req.file) : req.env.service.projectOf(req.file);
    if (m !== 'loading') return m;
    incomplete = true;
    return undefined;
  };
  const last = path[path.length - 1];
  if (isGroupMemberPath(path)) {
    const m = model();
    if (m) {
      const names = componentNames(m, ctx.quote ? ctx.typed : ctx.typed.replace(/^["']/, ''), ctx.siblings ?? []);
      candidates = names.values;
      incomplete ||= names.incomplete;
    }
  } else if ((last === 'section' || last === 'package' || last === 'tag') && isOverlayPath(path.slice(0, -1))) {
    const fromSpec = specCandidates(req, path, last);
    candidates = fromSpec.values;
    incomplete = fromSpec.incomplete;
  } else {
    const m = last === 'name' || last === 'version' ? model() : undefined;
    const fromModel = m ? distroReferenceValues(m, req.doc.root, path) : undefined;
    candidates = fromModel ?? schemaValues(walkAt(req, path));
  }
  if (ctx.quote) candidates = candidates.filter((c) => typeof c.value === 'string');
  const items = candidates.map((c, i): CoreCompletionItem => {
    const text = valueText(c.value, ctx.quote);
    const kind: CompletionKind = typeof c.value === 'boolean' ? 'keyword' : isGroupMemberPath(path) ? 'reference' : c.detail === 'example' ? 'value' : 'enum';
    return {
      label: typeof c.value === 'string' ? c.value || '""' : String(c.value),
      kind,
      ...(c.detail !== undefined ? { detail: c.detail } : {}),
      ...(c.documentation !== undefined ? { documentation: c.documentation } : {}),
      edit: { ...ctx.replace, newText: (ctx.needsSpace ? ' ' : '') + text },
      filterText: text,
      sortText: `${c.rank}${String(i).padStart(5, '0')}`,
    };
  });
  return { items, isIncomplete: incomplete };
}
