// Expand Selection in a TOML document: from the word under the cursor outwards — a word inside a string, the
// string's content, the string, the value, the key/value, each array or inline table around it, the table
// (header and entries), the whole document. On a key: the segment, the dotted key, the key/value.
import type { Span } from '../diagnostics';
import type { KeyNode, KeyValueNode, ValueNode } from '../toml/ast';
import type { TomlDocument } from '../toml/model';

const contains = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/**
 * The most steps a chain keeps: the innermost ones and the two outermost. Each step nests the LSP answer one
 * level deeper (`parent`), and clients' JSON decoders stop at about 1,000 levels (Neovim's at 1,000), which a
 * value nested as deep as the parser allows would pass.
 */
export const MAX_SELECTION_STEPS = 200;

/** For each offset, the spans around it from the innermost out, each holding the one before. */
export function selectionRanges(doc: TomlDocument, offsets: readonly number[]): Span[][] {
  return offsets.map((offset) => chainAt(doc, offset));
}

function chainAt(doc: TomlDocument, offset: number): Span[] {
  const tree = doc.syntax;
  const inner: Span[] = [];
  const outer: Span[] = [];
  // The table the offset's line belongs to: the last header at or before it.
  let table: (typeof tree.tables)[number] | undefined;
  for (const t of tree.tables) {
    if (t.headerSpan.start > offset) break;
    table = t;
  }
  const entries = table ? table.entries : tree.rootEntries;
  if (table?.key && contains(table.headerSpan, offset)) {
    keyChain(table.key, offset, inner);
    inner.push(table.headerSpan);
  } else {
    const kv = entries.find((e) => contains(e.span, offset));
    if (kv) keyValueChain(tree.text, kv, offset, inner);
    else {
      const comment = tree.comments.find((c) => contains(c.span, offset));
      if (comment) inner.push(comment.span);
    }
  }
  if (table) outer.push({ start: table.headerSpan.start, end: Math.max(table.span.end, table.headerSpan.end) });
  outer.push({ start: 0, end: tree.text.length });
  // Innermost first; a span equal to the one before it adds nothing.
  const chain: Span[] = [];
  for (const span of [...inner, ...outer]) {
    const last = chain[chain.length - 1];
    if (last && span.start === last.start && span.end === last.end) continue;
    if (last && !(span.start <= last.start && span.end >= last.end)) continue;
    chain.push(span);
  }
  return chain.length <= MAX_SELECTION_STEPS ? chain : [...chain.slice(0, MAX_SELECTION_STEPS - 2), ...chain.slice(-2)];
}

function keyChain(key: KeyNode, offset: number, out: Span[]): void {
  const seg = key.segments.find((s) => contains(s.span, offset));
  if (seg) out.push(seg.span);
  out.push(key.span);
}

function keyValueChain(text: string, kv: KeyValueNode, offset: number, out: Span[]): void {
  if (contains(kv.key.span, offset)) keyChain(kv.key, offset, out);
  else if (kv.value && contains(kv.value.span, offset)) valueChain(text, kv.value, offset, out);
  out.push(kv.span);
}

function valueChain(text: string, value: ValueNode, offset: number, out: Span[]): void {
  if (value.kind === 'array') {
    const item = value.items.find((i) => contains(i.span, offset));
    if (item) valueChain(text, item, offset, out);
  } else if (value.kind === 'inline-table') {
    const entry = value.entries.find((e) => contains(e.span, offset));
    if (entry) keyValueChain(text, entry, offset, out);
  } else if (value.kind === 'string') {
    const quote = value.style === 'ml-basic' || value.style === 'ml-literal' ? 3 : 1;
    const content = { start: value.span.start + quote, end: value.span.end - quote };
    if (content.end >= content.start && contains(content, offset)) {
      const word = wordAt(text, content, offset);
      if (word) out.push(word);
      out.push(content);
    }
  }
  out.push(value.span);
}

/** The run of name characters (letters, digits, `_`, `-`) around the offset, when it is inside the content. */
function wordAt(text: string, content: Span, offset: number): Span | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);
  let start = offset;
  let end = offset;
  while (start > content.start && isWord(text[start - 1])) start--;
  while (end < content.end && isWord(text[end])) end++;
  return end > start ? { start, end } : undefined;
}
