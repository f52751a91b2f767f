// Shared by the navigation handlers (definition, references, symbols, hover, effective config): brings
// the open editor buffers into the core's document cache before a request, and turns the core's
// offsets into LSP ranges — in the requesting document or in any other file a result points to.
import type { Location, Position, Range } from 'vscode-languageserver/node';
import type { Span } from '../core/diagnostics';
import type { LanguageService } from '../core/languageService';
import { LineIndex } from '../core/text/lineIndex';
import type { ServerContext } from './context';

/** One line index per parsed text (the cache hands out a new entry when a file changes). */
const indexes = new WeakMap<object, LineIndex>();

/** The line index of an open buffer's text: the last one built is kept while the buffer holds that text. */
let lastText: { text: string; index: LineIndex } | undefined;
export function lineIndexOfText(text: string): LineIndex {
  if (lastText?.text !== text) lastText = { text, index: new LineIndex(text) };
  return lastText.index;
}

export interface RequestDocument {
  file: string;
  service: LanguageService;
  offsetAt(position: Position): number;
}

/** The service, with every open TOML buffer's current text in its cache. */
export function syncOpenDocuments(ctx: ServerContext): LanguageService {
  const service = ctx.service();
  for (const doc of ctx.documents.all()) {
    const file = ctx.filePathOf(doc.uri);
    if (file?.endsWith('.toml')) service.cache.withText(file, doc.getText());
  }
  return service;
}

/**
 * The service with every open TOML buffer in its cache (diagnostics are debounced, so the cache may
 * not have seen the last keystrokes yet), and the requesting document's path; undefined for a non-file URI.
 */
export function requestDocument(ctx: ServerContext, uri: string): RequestDocument | undefined {
  const service = syncOpenDocuments(ctx);
  const file = ctx.filePathOf(uri);
  if (!file) return undefined;
  return { file, service, offsetAt: (position) => lineIndexOf(service, file)?.offsetAt(position) ?? 0 };
}

function lineIndexOf(service: LanguageService, file: string): LineIndex | undefined {
  const entry = service.cache.get(file);
  if (!entry) return undefined;
  let index = indexes.get(entry);
  if (!index) {
    index = new LineIndex(entry.text);
    indexes.set(entry, index);
  }
  return index;
}

/** The range of a span in a file; an empty span at 0 (a whole-file target, maybe not TOML) is the file's start. */
export function rangeIn(service: LanguageService, file: string, span: Span): Range {
  if (span.start === 0 && span.end === 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const index = lineIndexOf(service, file);
  return index ? index.rangeAt(span.start, span.end) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export function locationOf(ctx: ServerContext, service: LanguageService, file: string, span: Span): Location {
  return { uri: ctx.uriOf(file), range: rangeIn(service, file, span) };
}
