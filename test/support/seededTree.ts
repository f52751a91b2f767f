// A copy of the real tree seeded with errors of every kind — schema, syntax, rule and cross-file — in its biggest
// files and a component, for differential tests of the whole check.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_ROOT, tempDir } from './paths';

/** Seeded into the copy of the real tree: schema, rule, syntax and cross-file errors in its biggest files and a component. */
const SEEDS: { file: string; edit: (text: string) => string }[] = [
  // An unknown key and a wrong type in components.toml.
  { file: 'base/comps/components.toml', edit: (t) => t.replace(/^\[components\.7zip\]\n/m, '[components.7zip]\nsepc = { type = "upstream" }\nrelease = 3\n') },
  // A syntax error in the middle of sdk.packages.toml's 17,000-item array, and a name listed twice.
  { file: 'base/packages/sdk.packages.toml', edit: (t) => t.replace('"aalib-devel", # srpm: aalib', '"aalib-devel" x, # srpm: aalib\n    "7zip", # srpm: 7zip') },
  // A package listed in two groups (sdk.packages.toml lists aalib too).
  { file: 'base/packages/base.packages.toml', edit: (t) => t.replace(/packages = \[\n/, 'packages = [\n    "aalib", # srpm: aalib\n') },
  // A component's overlay with a bad regex and no description, and an unterminated string.
  { file: 'base/comps/kernel/kernel.comp.toml', edit: (t) => `${t}\n[[components.kernel.overlays]]\ntype = "spec-search-replace"\nregex = "(unclosed"\nreplacement = "x"\n\n[components.kernel.broken]\nname = "no end\n` },
];

/** The copy's directory (the caller removes it). */
export function seededTree(): string {
  const dir = tempDir('distro-toml-cache-tree-');
  fs.cpSync(CORPUS_ROOT, dir, { recursive: true });
  for (const s of SEEDS) {
    const file = path.join(dir, s.file);
    const before = fs.readFileSync(file, 'utf8');
    const after = s.edit(before);
    assert.notEqual(after, before, `the seed for ${s.file} applies`);
    fs.writeFileSync(file, after);
  }
  return dir;
}


/**
 * Adds two overlay documents to bash in a copy of the tree, each with an error: one named by the conventional
 * suffix, one whose kind only the project's `overlay-files` set tells. Returns their paths.
 */
export function seedOverlayDocuments(dir: string): string[] {
  const bashDir = path.join(dir, 'base/comps/bash');
  const comp = path.join(bashDir, 'bash.comp.toml');
  const before = fs.readFileSync(comp, 'utf8');
  const after = before.replace('[components.bash]\n', '[components.bash]\noverlay-files = ["fixes.overlay.toml", "more-fixes.toml"]\n');
  assert.notEqual(after, before, 'bash.comp.toml opens with its table');
  fs.writeFileSync(comp, after);
  const files = [path.join(bashDir, 'fixes.overlay.toml'), path.join(bashDir, 'more-fixes.toml')] as const;
  fs.writeFileSync(files[0], '[metadata]\ncategory = "fix"\n\n[[overlays]]\ntype = "spec-add-tag"\ntag = "Provides"\nvalue = "x"\nbogus = 1\n');
  fs.writeFileSync(files[1], '[[overlays]]\ntype = "spec-remove-tag"\ntag = "Provides"\n[[overlays]]\ndescription = 5\n');
  return [...files];
}
