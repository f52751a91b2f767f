// The per-file overlay documents a component's `overlay-files` patterns load, in the order azldev's
// loadOverlayFiles gives them: patterns in order, each pattern's matches by file name then full path,
// the first occurrence of a file kept. Patterns are relative to the component's own config file.
import * as path from 'node:path';
import type { FileSystem } from '../fs';
import { containsPattern, expandGlob, globPaths } from '../glob';
import { resolveIncludePattern } from './includes';

export interface OrderedOverlayFiles {
  files: string[];
  /** Literal patterns (no `*`, `?`, `[`) that name no file: azldev rejects those. */
  missing: string[];
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function orderedOverlayFiles(fs: FileSystem, patterns: readonly string[], componentFile: string, expand = (abs: string) => globPaths(expandGlob(fs, abs))): OrderedOverlayFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const abs = resolveIncludePattern(componentFile, pattern);
    const matches = [...expand(abs)];
    if (matches.length === 0 && !containsPattern(pattern)) missing.push(pattern);
    matches.sort((a, b) => compareBytes(path.basename(a), path.basename(b)) || compareBytes(a, b));
    for (const m of matches) {
      if (seen.has(m)) continue;
      seen.add(m);
      files.push(m);
    }
  }
  return { files, missing };
}
