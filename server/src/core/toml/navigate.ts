// Finds model nodes by path (as ajv's instancePath names them) and by text offset (for features at the cursor).
import type { ModelEntry, ModelNode, ModelPath, ModelTable, TomlDocument } from './model';

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
  path: (string | number)[];
  node?: ModelNode;
  entry?: ModelEntry;
  /** True when the offset is on the entry's key rather than its value. */
  onKey: boolean;
}

function contains(span: { start: number; end: number }, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The deepest model node whose key or value spans the offset. */
export function nodeAtOffset(doc: TomlDocument, offset: number): NodeAtOffset {
  const path: (string | number)[] = [];
  let best: NodeAtOffset = { path: [], node: doc.root, onKey: false };
  let node: ModelNode = doc.root;
  outer: while (true) {
    if (node.type === 'table') {
      for (const [k, entry] of node.entries) {
        if (contains(entry.keySpan, offset) && entry.node.type === 'scalar') {
          return { path: [...path, k], node: entry.node, entry, onKey: true };
        }
        if (contains(entry.keySpan, offset) || contains(entry.node.span, offset) || containsDescendant(entry.node, offset)) {
          path.push(k);
          best = { path: [...path], node: entry.node, entry, onKey: contains(entry.keySpan, offset) && !contains(entry.node.span, offset) };
          node = entry.node;
          continue outer;
        }
      }
      return best;
    }
    if (node.type === 'array') {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as ModelNode;
        if (contains(item.span, offset) || containsDescendant(item, offset)) {
          path.push(i);
          best = { path: [...path], node: item, entry: { keySpan: item.span, definitionSpan: item.span, node: item }, onKey: false };
          node = item;
          continue outer;
        }
      }
      return best;
    }
    return best;
  }
}

/** Tables opened by headers own the entries written below them, which lie outside the header's span. */
function containsDescendant(node: ModelNode, offset: number): boolean {
  if (node.type === 'table') {
    if (node.syntax && 'kind' in node.syntax && (node.syntax.kind === 'table' || node.syntax.kind === 'array-table')) {
      if (contains(node.syntax.span, offset)) return true;
    }
    for (const e of node.entries.values()) if (contains(e.keySpan, offset) || contains(e.node.span, offset) || containsDescendant(e.node, offset)) return true;
    return false;
  }
  if (node.type === 'array') return node.items.some((i) => contains(i.span, offset) || containsDescendant(i, offset));
  return false;
}
