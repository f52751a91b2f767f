// Locates the repository and the shared corpus of azldev-rendered specs next to it, for the spec tests.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function findRepoRoot(): string {
  for (const from of [__dirname, process.cwd()]) {
    let dir = from;
    for (;;) {
      if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'server'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('cannot find the repository root (package.json) from ' + __dirname);
}

export const REPO_ROOT = findRepoRoot();

export const RENDERED_SPECS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'rendered-specs');

/** Every `<letter>/<name>/<name>.spec` in the corpus, sorted. */
export function listCorpusSpecs(): string[] {
  const out: string[] = [];
  for (const letter of readdirSync(RENDERED_SPECS_DIR).sort()) {
    for (const name of readdirSync(path.join(RENDERED_SPECS_DIR, letter)).sort()) {
      const file = path.join(RENDERED_SPECS_DIR, letter, name, `${name}.spec`);
      if (existsSync(file)) out.push(file);
    }
  }
  return out;
}

export function readCorpusSpec(name: string): string {
  return readFileSync(path.join(RENDERED_SPECS_DIR, name.charAt(0), name, `${name}.spec`), 'utf8');
}
