// Test helpers for the navigation features: a language service over an in-memory project (with our
// schemas read from disk), cursor-marker documents (‸ for the cursor, «…» for expected spans), and one
// service over the real Azure Linux tree shared by the corpus tests.
import * as path from 'node:path';
import type { Span } from '../../../server/src/core/diagnostics';
import { diskFileSystem, memoryFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { createLanguageService, type LanguageService } from '../../../server/src/core/languageService';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../../support/paths';
import { marked } from '../toml/markers';

export const ROOT = '/p';

export interface MarkedProject {
  service: LanguageService;
  /** The file holding the ‸ cursor. */
  file: string;
  offset: number;
  /** The «…» spans of each file, by absolute path. */
  spans: Map<string, Span[]>;
}

function withSchemas(fs: FileSystem): FileSystem {
  const schema = (p: string) => p.startsWith(SCHEMAS_DIR);
  return {
    readFile: (p) => (schema(p) ? diskFileSystem.readFile(p) : fs.readFile(p)),
    exists: (p) => (schema(p) ? diskFileSystem.exists(p) : fs.exists(p)),
    isDirectory: (p) => (schema(p) ? diskFileSystem.isDirectory(p) : fs.isDirectory(p)),
    readDirectory: (p) => (schema(p) ? diskFileSystem.readDirectory(p) : fs.readDirectory(p)),
  };
}

/** A project under /p from relative paths to marked texts; exactly one file may hold a ‸. */
export function markedProject(files: Record<string, string>): MarkedProject {
  const texts: Record<string, string> = {};
  const spans = new Map<string, Span[]>();
  let cursor: { file: string; offset: number } | undefined;
  for (const [rel, source] of Object.entries(files)) {
    const file = path.posix.join(ROOT, rel);
    const m = marked(source);
    texts[file] = m.text;
    spans.set(file, m.spans);
    const at = m.cursors[0];
    if (at !== undefined) cursor = { file, offset: at };
  }
  const service = createLanguageService({ fs: withSchemas(memoryFileSystem(texts)), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  return { service, file: cursor?.file ?? path.posix.join(ROOT, 'azldev.toml'), offset: cursor?.offset ?? 0, spans };
}

export function p(rel: string): string {
  return path.posix.join(ROOT, rel);
}

let corpusService: LanguageService | undefined;

/** One service over the real tree for every corpus test of a file (loading the project takes a few hundred ms). */
export function corpus(): LanguageService {
  corpusService ??= createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  return corpusService;
}

export function c(rel: string): string {
  return path.join(CORPUS_ROOT, rel);
}

/** The offset of the `nth` (0-based) occurrence of `needle` in a corpus file, plus `delta`. */
export function corpusOffset(service: LanguageService, file: string, needle: string, delta = 1, nth = 0): number {
  const text = service.cache.get(file)?.text ?? '';
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found in ${file}`);
  }
  return at + delta;
}

/** 1-based line of an offset in a corpus file. */
export function lineAt(service: LanguageService, file: string, offset: number): number {
  const text = service.cache.get(file)?.text ?? '';
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
