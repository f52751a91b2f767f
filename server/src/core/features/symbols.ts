// Document symbols (the outline and breadcrumbs): components with their spec, build and overlays (named
// by overlay type, described by `description`), distros with their versions, component and package
// groups, images, the project table. One pass over the document's model; no project load, so it stays
// fast on a 7,000-component file.
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import type { ModelEntry, ModelNode, TomlDocument } from '../toml';
import { stringValueOf } from '../toml';
import { appendAll } from '../appendAll';

export type SymbolKindName = 'module' | 'namespace' | 'package' | 'array' | 'object' | 'property' | 'enumMember' | 'event' | 'file' | 'string';

export interface DocumentSymbolData {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  /** Everything the symbol covers (its header up to its last key/value and sub-tables). */
  span: Span;
  /** The key naming it. */
  selectionSpan: Span;
  children: DocumentSymbolData[];
}

/** The text a node and everything below it covers, found with a work list (deep dotted keys are legal). */
function extentOf(entry: ModelEntry): Span {
  let start = entry.definitionSpan.start;
  let end = entry.definitionSpan.end;
  const widen = (s: Span) => {
    if (s.start < start) start = s.start;
    if (s.end > end) end = s.end;
  };
  const work: ModelNode[] = [entry.node];
  for (let node = work.pop(); node; node = work.pop()) {
    if (node.type === 'table') {
      if (node.syntax && (node.syntax.kind === 'table' || node.syntax.kind === 'array-table')) widen(node.syntax.span);
      for (const e of node.entries.values()) {
        widen(e.definitionSpan);
        if (e.node.type !== 'scalar') work.push(e.node);
      }
    } else if (node.type === 'array') {
      widen(node.span);
      for (const item of node.items) if (item.type !== 'scalar') work.push(item);
    }
  }
  return { start, end };
}

function entries(node: ModelNode): [string, ModelEntry][] {
  return node.type === 'table' ? [...node.entries] : [];
}

function symbol(name: string, kind: SymbolKindName, entry: ModelEntry, children: DocumentSymbolData[] = [], detail?: string): DocumentSymbolData {
  return { name, kind, span: extentOf(entry), selectionSpan: entry.keySpan, children, ...(detail ? { detail } : {}) };
}

/** Overlays of a component or overlay document, each named by its type. */
function overlaySymbols(node: ModelNode | undefined): DocumentSymbolData[] {
  if (node?.type !== 'array') return [];
  return node.items.map((item, i) => {
    const span = item.type === 'table' && item.syntax?.kind === 'array-table' ? item.syntax.headerSpan : item.span;
    const full: ModelEntry = { keySpan: span, definitionSpan: span, node: item };
    const type = item.type === 'table' ? stringValueOf(item.entries.get('type')?.node) : undefined;
    const description = item.type === 'table' ? stringValueOf(item.entries.get('description')?.node) : undefined;
    return symbol(type || `overlay ${i + 1}`, 'event', full, [], description);
  });
}

/** A generic outline of a table: its keys, one level of sub-tables. */
function tableChildren(node: ModelNode, depth: number): DocumentSymbolData[] {
  return entries(node).map(([k, e]) => symbol(k, e.node.type === 'table' ? 'object' : e.node.type === 'array' ? 'array' : 'property', e, depth > 0 ? tableChildren(e.node, depth - 1) : []));
}

function componentSymbol(name: string, entry: ModelEntry): DocumentSymbolData {
  const children: DocumentSymbolData[] = [];
  for (const [k, e] of entries(entry.node)) {
    if (k === 'overlays') appendAll(children, overlaySymbols(e.node));
    else if (k === 'spec') children.push(symbol(k, 'object', e, [], e.node.type === 'table' ? stringValueOf(e.node.entries.get('type')?.node) : undefined));
    else children.push(symbol(k, e.node.type === 'table' ? 'object' : e.node.type === 'array' ? 'array' : 'property', e, tableChildren(e.node, 0)));
  }
  const spec = entry.node.type === 'table' ? entry.node.entries.get('spec')?.node : undefined;
  return symbol(name, 'module', entry, children, spec?.type === 'table' ? stringValueOf(spec.entries.get('type')?.node) : undefined);
}

function distroSymbol(name: string, entry: ModelEntry): DocumentSymbolData {
  const versions = entry.node.type === 'table' ? entry.node.entries.get('versions') : undefined;
  const children = versions ? entries(versions.node).map(([v, e]) => symbol(v, 'enumMember', e, [], e.node.type === 'table' ? stringValueOf(e.node.entries.get('description')?.node) : undefined)) : [];
  const description = entry.node.type === 'table' ? stringValueOf(entry.node.entries.get('description')?.node) : undefined;
  return symbol(name, 'namespace', entry, children, description);
}

function groupSymbol(name: string, entry: ModelEntry, listKey: string): DocumentSymbolData {
  const list = entry.node.type === 'table' ? entry.node.entries.get(listKey)?.node : undefined;
  const count = list?.type === 'array' ? list.items.length : 0;
  return symbol(name, 'array', entry, [], `${count} ${listKey}`);
}

/** The outline of one parsed document. */
export function documentSymbolsOf(doc: TomlDocument): DocumentSymbolData[] {
  const out: DocumentSymbolData[] = [];
  for (const [key, entry] of doc.root.entries) {
    const named = (make: (name: string, e: ModelEntry) => DocumentSymbolData, kind: SymbolKindName) =>
      out.push(symbol(key, kind, entry, entries(entry.node).map(([n, e]) => make(n, e))));
    switch (key) {
      case 'components':
        named(componentSymbol, 'namespace');
        break;
      case 'distros':
        named(distroSymbol, 'namespace');
        break;
      case 'component-groups':
        named((n, e) => groupSymbol(n, e, 'components'), 'namespace');
        break;
      case 'package-groups':
        named((n, e) => groupSymbol(n, e, 'packages'), 'namespace');
        break;
      case 'images':
        named((n, e) => symbol(n, 'file', e, tableChildren(e.node, 0)), 'namespace');
        break;
      case 'overlays':
        out.push(symbol(key, 'array', entry, overlaySymbols(entry.node)));
        break;
      default:
        out.push(symbol(key, entry.node.type === 'table' ? 'object' : entry.node.type === 'array' ? 'array' : 'property', entry, tableChildren(entry.node, 1)));
    }
  }
  return out;
}

export function documentSymbols(service: LanguageService, file: string): DocumentSymbolData[] {
  const entry = service.cache.get(file);
  return entry ? documentSymbolsOf(entry.doc) : [];
}
