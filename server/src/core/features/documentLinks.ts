// Links in a TOML document: http(s) URLs in string values and comments, and the files that `includes`,
// `overlay-files`, a local spec's `path`, an image definition's `path` and an overlay's `source` or `file`
// name — each resolved as go to definition resolves it, linked only when it is a literal path (no glob),
// inside the project and an existing file. URLs holding an rpm macro or a `$variable` are not links: they
// name no page as written.
import * as path from 'node:path';
import { checkConfined } from '../confinement';
import type { Span } from '../diagnostics';
import { containsPattern } from '../glob/pattern';
import type { LanguageService } from '../languageService';
import { resolveIncludePattern } from '../project/includes';
import { findProjectRoot } from '../project/root';
import type { ModelNode, ValueNode } from '../toml';
import { cursorAt, symbolAt } from './symbolsAtCursor';

export interface DocumentLinkData {
  span: Span;
  /** An http(s) URL, or an absolute file path. */
  target: string;
  kind: 'url' | 'file';
}

const URL_PATTERN = /https?:\/\/[^\s"'<>`\\]+/g;

/** URLs in a piece of text starting at `offset`, without the punctuation that ends a sentence around them. */
function urlsIn(raw: string, offset: number, out: DocumentLinkData[]): void {
  for (const m of raw.matchAll(URL_PATTERN)) {
    const url = m[0].replace(/[.,;:!?)\]}]+$/, '');
    if (/%[{(]|\$/.test(url) || url.length <= 'https://'.length) continue;
    const start = offset + (m.index ?? 0);
    out.push({ span: { start, end: start + url.length }, target: url, kind: 'url' });
  }
}

export function documentLinks(service: LanguageService, file: string): DocumentLinkData[] {
  const cursor = cursorAt(service, file, 0);
  if (!cursor) return [];
  const tree = cursor.doc.syntax;
  const text = tree.text;
  const links: DocumentLinkData[] = [];

  // URLs: in every string as written (escapes and all: offsets stay the text's), and in comments.
  const strings = (value: ValueNode | undefined) => {
    if (!value) return;
    if (value.kind === 'string') urlsIn(text.slice(value.span.start, value.span.end), value.span.start, links);
    else if (value.kind === 'array') value.items.forEach(strings);
    else if (value.kind === 'inline-table') value.entries.forEach((e) => strings(e.value));
  };
  for (const kv of [...tree.rootEntries, ...tree.tables.flatMap((t) => t.entries)]) strings(kv.value);
  for (const c of tree.comments) urlsIn(c.text, c.span.start + 1, links);

  // Files: every string of the model that names a path where go to definition would follow it.
  const fs = service.cache.fs;
  const root = findProjectRoot(fs, file) ?? path.dirname(file);
  const work: [ModelNode, (string | number)[]][] = [[cursor.doc.root, []]];
  for (let next = work.pop(); next; next = work.pop()) {
    const [node, at] = next;
    if (node.type === 'table') node.entries.forEach((entry, key) => work.push([entry.node, [...at, key]]));
    else if (node.type === 'array') node.items.forEach((item, i) => work.push([item, [...at, i]]));
    else if (node.syntax.kind === 'string') {
      const sym = symbolAt({ ...cursor, at: { path: at, node, onKey: false }, offset: node.span.start });
      let target: string | undefined;
      if (sym?.kind === 'include' || sym?.kind === 'overlay-files') target = containsPattern(sym.pattern) ? undefined : resolveIncludePattern(file, sym.pattern);
      else if (sym?.kind === 'path') target = path.isAbsolute(sym.value) ? path.normalize(sym.value) : path.join(path.dirname(file), sym.value);
      if (!target || !checkConfined(fs, [root], target).ok || !fs.exists(target) || fs.isDirectory(target)) continue;
      const quote = node.syntax.style === 'ml-basic' || node.syntax.style === 'ml-literal' ? 3 : 1;
      links.push({ span: { start: node.span.start + quote, end: node.span.end - quote }, target, kind: 'file' });
    }
  }
  return links.sort((a, b) => a.span.start - b.span.start);
}
