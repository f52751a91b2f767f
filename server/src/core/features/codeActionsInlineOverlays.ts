// The quick fix for the authoring guide's "inline overlay array": rewrites `overlays = [ {...}, {...} ]`
// under `[components.X]` as one `[[components.X.overlays]]` block per overlay, keeping each entry's text
// and the comments written before it, so the document means exactly what it meant before.
import type { OffsetEdit } from './completion';
import type { TableNode, TomlDocument } from '../toml';

const bare = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The edit, or undefined when the overlays are not an inline array of inline tables right under `[components.NAME]`. */
export function inlineOverlaysToBlocks(doc: TomlDocument, component: string): OffsetEdit | undefined {
  const text = doc.syntax.text;
  const table = doc.syntax.tables.find(
    (t): t is TableNode & { key: NonNullable<TableNode['key']> } =>
      t.kind === 'table' && t.key !== undefined && t.key.segments.length === 2 && t.key.segments[0]?.value === 'components' && t.key.segments[1]?.value === component,
  );
  const kv = table?.entries.find((e) => e.key.segments.length === 1 && e.key.segments[0]?.value === 'overlays');
  const array = kv?.value;
  if (!table || !kv || array?.kind !== 'array' || !array.closed || !array.items.length || array.items.some((i) => i.kind !== 'inline-table' || !i.closed)) return undefined;
  const header = `[[components.${bare(component)}.overlays]]`;
  const commentsIn = (from: number, to: number) =>
    doc.syntax.comments.filter((c) => c.span.start >= from && c.span.end <= to).map((c) => text.slice(c.span.start, c.span.end).trim());
  const blocks: string[] = [];
  let previousEnd = array.span.start + 1;
  for (const item of array.items) {
    if (item.kind !== 'inline-table') return undefined;
    const lines = commentsIn(previousEnd, item.span.start).filter((c) => c !== '#');
    lines.push(header, ...item.entries.map((e) => text.slice(e.span.start, e.span.end)));
    blocks.push(lines.join('\n'));
    previousEnd = item.span.end;
  }
  const trailing = commentsIn(previousEnd, array.span.end);
  const start = lineStart(text, kv.span.start);
  const kvEnd = lineEnd(text, kv.span.end);
  const tableEnd = Math.max(kvEnd, lineEnd(text, table.span.end));
  let remainder = text.slice(kvEnd, tableEnd);
  if (remainder && !remainder.endsWith('\n')) remainder += '\n';
  const body = [...blocks, ...(trailing.length ? [trailing.join('\n')] : [])].join('\n\n');
  // One blank line before what follows, unless the text already has it.
  const closing = tableEnd < text.length && !text.startsWith('\n', tableEnd) && !text.startsWith('\r\n', tableEnd) ? '\n' : '';
  return { start, end: tableEnd, newText: `${remainder}${remainder.trim() ? '\n' : ''}${body}\n${closing}` };
}
