// Finds model nodes by path (as ajv's instancePath names them) and by text offset (for features at the cursor).
import type { Span } from '../diagnostics';
import type { KeyNode, KeySegment, KeyValueNode, TableNode, ValueNode } from './ast';
import type { ModelEntry, ModelNode, ModelPath, ModelTable, TomlDocument } from './model';
import { appendAll } from '../appendAll';

export function lookupEntry(root: ModelTable, path: ModelPath): ModelEntry | undefined {
  let node: ModelNode = root;
  let entry: ModelEntry | undefined;
  for (const seg of path) {
    if (node.type === 'table' && typeof seg === 'string') {
      entry = node.entries.get(seg);
      if (!entry) return undefined;
      node = entry.node;
    } else if (node.type === 'array') {
      const index = typeof seg === 'number' ? seg : Number(seg);
      const item: ModelNode | undefined = node.items[index];
      if (!item) return undefined;
      entry = { keySpan: item.span, definitionSpan: item.span, node: item };
      node = item;
    } else return undefined;
  }
  return entry;
}

export function lookup(root: ModelTable, path: ModelPath): ModelNode | undefined {
  return path.length === 0 ? root : lookupEntry(root, path)?.node;
}

export interface NodeAtOffset {
  /** The model path named at the offset; it may go past the model when the text there defines nothing yet. */
  path: (string | number)[];
  /** What `path` names in the model, when it names something. */
  node?: ModelNode;
  entry?: ModelEntry;
  /** True when the offset is on a key (of a key/value or a header) rather than on a value. */
  onKey: boolean;
}

function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/**
 * The deepest model node named by the text at the offset. Works from the syntax: the statement under the
 * offset gives the path (header key, key segments up to the one under the offset, array indices), which is
 * then resolved in the model; so every occurrence of a key (`a` in both `a.b = 1` and `a.c = 2`) leads to it.
 */
export function nodeAtOffset(doc: TomlDocument, offset: number): NodeAtOffset {
  const syntax = doc.syntax;
  let path: (string | number)[] = [];
  let entries: readonly KeyValueNode[] = syntax.rootEntries;
  for (const table of syntax.tables) {
    if (table.headerSpan.start > offset) break;
    if (!contains(table.span, offset) || !table.key) continue;
    path = headerPath(doc.root, table);
    if (contains(table.headerSpan, offset)) {
      const i = table.key.segments.findIndex((seg) => contains(seg.span, offset));
      if (i >= 0) return resolve(doc.root, segmentPath(doc.root, table, i), true);
      return resolve(doc.root, path, false);
    }
    entries = table.entries;
  }
  // Descend through key/values, inline tables and arrays without recursion.
  let onKey = false;
  for (let kv = entries.find((e) => contains(e.span, offset)); kv; ) {
    const segs = kv.key.segments;
    const i = segs.findIndex((seg) => contains(seg.span, offset));
    if (i >= 0) {
      appendAll(path, segs.slice(0, i + 1).map((seg) => seg.value));
      onKey = true;
      break;
    }
    appendAll(path, segs.map((seg) => seg.value));
    let value: ValueNode | undefined = kv.value && contains(kv.value.span, offset) ? kv.value : undefined;
    kv = undefined;
    while (value?.kind === 'array') {
      const index: number = value.items.findIndex((item) => contains(item.span, offset));
      if (index < 0) break;
      path.push(index);
      value = value.items[index];
    }
    if (value?.kind === 'inline-table') kv = value.entries.find((e) => contains(e.span, offset));
  }
  return resolve(doc.root, path, onKey);
}

function resolve(root: ModelTable, path: (string | number)[], onKey: boolean): NodeAtOffset {
  const entry = path.length ? lookupEntry(root, path) : undefined;
  const node = path.length ? entry?.node : root;
  return node ? { path, node, entry, onKey } : { path, onKey };
}

/** The model path of a header, with the array-of-tables element each `[[...]]` segment meant at that point. */
function headerPath(root: ModelTable, table: TableNode): (string | number)[] {
  return segmentPath(root, table, (table.key as KeyNode).segments.length - 1);
}

function segmentPath(root: ModelTable, table: TableNode, last: number): (string | number)[] {
  const segs = (table.key as KeyNode).segments;
  const path: (string | number)[] = [];
  let node: ModelNode | undefined = root;
  for (let i = 0; i <= last; i++) {
    const seg = segs[i] as KeySegment;
    path.push(seg.value);
    node = node?.type === 'table' ? node.entries.get(seg.value)?.node : undefined;
    if (node?.type === 'array' && node.origin === 'array-table') {
      // The element this header wrote into: its own for its last segment, else the latest one before it.
      const items: ModelNode[] = node.items;
      let index = -1;
      for (let k = 0; k < items.length; k++) {
        const item = items[k] as ModelNode;
        const opened = item.type === 'table' && item.syntax?.kind === 'array-table' ? item.syntax.headerSpan.start : -1;
        if (opened <= table.headerSpan.start) index = k;
      }
      if (index < 0) break;
      if (i < last || table.kind === 'array-table' || i < segs.length - 1) {
        path.push(index);
        node = items[index];
      }
    }
  }
  return path;
}

/**
 * The model path of the table the offset's line belongs to: the one whose header stands on that line (the
 * cursor anywhere on `[components.curl]  # comment` names `components.curl`), else the last header above
 * it (a key typed there would land in that table); undefined above the first header.
 */
export function enclosingHeaderPath(doc: TomlDocument, offset: number): (string | number)[] | undefined {
  const text = doc.syntax.text;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  let found: TableNode | undefined;
  for (const table of doc.syntax.tables) {
    if (table.headerSpan.start > lineEnd) break;
    if (table.key) found = table;
  }
  return found ? headerPath(doc.root, found) : undefined;
}

/** The value of a string scalar (undefined for any other node, or none). */
export function stringValueOf(node: ModelNode | undefined): string | undefined {
  return node?.type === 'scalar' && node.syntax.kind === 'string' ? node.syntax.value : undefined;
}
