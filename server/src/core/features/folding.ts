// Folding in a TOML document: each table and array-of-tables element (its header to its last line, without
// the blank lines and the comments that lead into the next table), arrays and inline tables written over
// lines, multi-line strings, and blocks of comment lines. Line-only folds end before a closing bracket or
// quote that starts its line, so it stays visible; with character folds the end is the bracket itself.
import type { ArrayNode, InlineTableNode, KeyValueNode, StringNode, ValueNode } from '../toml/ast';
import type { TomlDocument } from '../toml/model';
import { LineIndex } from '../text/lineIndex';

export interface TomlFold {
  startLine: number;
  endLine: number;
  /** Only for character folds: where the fold starts on its first line and ends on its last. */
  startCharacter?: number;
  endCharacter?: number;
  kind: 'table' | 'array' | 'inline-table' | 'string' | 'comment';
}

export interface FoldingOptions {
  /** The client folds whole lines only (VS Code, Neovim): no characters, closing brackets left visible. */
  lineFoldingOnly: boolean;
  /** At most this many folds, the outermost first. */
  limit?: number;
}

type LineKind = 'blank' | 'comment' | 'code';

export function tomlFolding(doc: TomlDocument, options: FoldingOptions): TomlFold[] {
  const tree = doc.syntax;
  const text = tree.text;
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  const columnOf = (offset: number) => lines.positionAt(offset).character;
  // The document's lines as LineIndex counts them (LF, CRLF, or a lone CR ends a line).
  const lineTexts = text.split(/\r\n|\n|\r/);
  const lineText = (line: number) => lineTexts[line] ?? '';
  const lineLength = (line: number) => lineText(line).length;
  const folds: { fold: TomlFold; depth: number }[] = [];

  // What each line holds, for where tables end and which comments form blocks; lines inside a multi-line string are content.
  const kinds: LineKind[] = lineTexts.map((l) => (l.trim() === '' ? 'blank' : 'code'));
  const strings: StringNode[] = [];
  const containers: { node: ArrayNode | InlineTableNode; depth: number }[] = [];
  const visit = (value: ValueNode | undefined, depth: number) => {
    if (!value) return;
    if (value.kind === 'string' && (value.style === 'ml-basic' || value.style === 'ml-literal')) strings.push(value);
    if (value.kind === 'array') {
      containers.push({ node: value, depth });
      for (const item of value.items) visit(item, depth + 1);
    } else if (value.kind === 'inline-table') {
      containers.push({ node: value, depth });
      for (const entry of value.entries) visit(entry.value, depth + 1);
    }
  };
  const entries: KeyValueNode[] = [...tree.rootEntries, ...tree.tables.flatMap((t) => t.entries)];
  for (const kv of entries) visit(kv.value, 1);
  for (const s of strings) for (let l = lineOf(s.span.start) + 1; l <= lineOf(s.span.end); l++) kinds[l] = 'code';
  for (const c of tree.comments) {
    const { line, character } = lines.positionAt(c.span.start);
    if (lineText(line).slice(0, character).trim() === '') kinds[line] = 'comment';
  }

  const add = (fold: TomlFold, depth: number) => {
    if (fold.endLine > fold.startLine) folds.push({ fold, depth });
  };

  /** A fold from an opening delimiter to a closing one (its first character at `close`). */
  const delimited = (open: number, openLength: number, close: number, kind: TomlFold['kind'], depth: number) => {
    const startLine = lineOf(open);
    const closeLine = lineOf(close);
    if (options.lineFoldingOnly) {
      const closeStartsLine = lineText(closeLine).slice(0, columnOf(close)).trim() === '';
      add({ startLine, endLine: closeStartsLine ? closeLine - 1 : closeLine, kind }, depth);
    } else {
      add({ startLine, endLine: closeLine, startCharacter: columnOf(open) + openLength, endCharacter: columnOf(close), kind }, depth);
    }
  };

  // Tables: from the header to the line before the next one, less blank lines and the next table's leading comments.
  tree.tables.forEach((table, i) => {
    const startLine = lineOf(table.headerSpan.start);
    const next = tree.tables[i + 1];
    let end = next ? lineOf(next.headerSpan.start) - 1 : lines.lineCount - 1;
    while (end > startLine && kinds[end] === 'blank') end--;
    if (next) {
      let above = end;
      while (above > startLine && kinds[above] === 'comment') above--;
      if (above < end && kinds[above] === 'blank') {
        end = above;
        while (end > startLine && kinds[end] === 'blank') end--;
      }
    }
    if (options.lineFoldingOnly) add({ startLine, endLine: end, kind: 'table' }, 0);
    else add({ startLine, endLine: end, startCharacter: lineLength(startLine), endCharacter: lineLength(end), kind: 'table' }, 0);
  });

  for (const { node, depth } of containers) {
    if (!node.closed) continue;
    delimited(node.span.start, 1, node.span.end - 1, node.kind === 'array' ? 'array' : 'inline-table', depth);
  }
  for (const s of strings) {
    if (!text.startsWith(s.style === 'ml-basic' ? '"""' : "'''", s.span.end - 3) || s.span.end - s.span.start < 6) continue;
    delimited(s.span.start, 3, s.span.end - 3, 'string', 9);
  }

  // Blocks of two or more comment lines in a row.
  for (let l = 0; l < kinds.length; l++) {
    if (kinds[l] !== 'comment') continue;
    let end = l;
    while (kinds[end + 1] === 'comment') end++;
    add({ startLine: l, endLine: end, kind: 'comment' }, 1);
    l = end;
  }

  // One fold per first line (editors keep one): the outermost.
  folds.sort((a, b) => a.fold.startLine - b.fold.startLine || b.fold.endLine - a.fold.endLine || a.depth - b.depth);
  let kept = folds.filter((f, i) => i === 0 || (folds[i - 1] as (typeof folds)[number]).fold.startLine !== f.fold.startLine);
  if (options.limit !== undefined && kept.length > options.limit) {
    const outermost = new Set([...kept].sort((a, b) => a.depth - b.depth).slice(0, Math.max(0, options.limit)));
    kept = kept.filter((f) => outermost.has(f));
  }
  return kept.map((f) => f.fold);
}
