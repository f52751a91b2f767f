// The package diagnostics of components and their dependency overlays kept between edits (each component's
// references kept with its model table, a file's component list compared with its last parse's from the head and
// the tail, the findings of the references an edit did not touch kept, those of dependencies written with macros
// kept while the macros known for them are the same) against the same diagnostics computed from scratch, over
// random edits of the real tree's components.toml and of .comp.toml files with dependency overlays, typed into the
// document cache in pieces as an editor sends them: a character typed into or deleted from a component's name, a
// component header added or removed, an `upstream-name` or a dependency overlay (some written with macros) added,
// a character typed into a dependency, the `[components` of a header broken and mended, a blank line typed above
// a component. The macros of a component's spec come to hand now and then (another map, naming a known package or
// a typo of one for `%{dep_name}`, which is loose and never reported until then), and the arch changes.
// At every step both paths must give the same findings, at the same spans, in the same order, with the same
// messages, and the kept references the same names at the same spans as a fresh parse's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { createLanguageService, type LanguageService } from '../../../server/src/core/languageService';
import { packageDiagnostics, type PackageCheckContext } from '../../../server/src/core/packageRules/packageDiagnostics';
import { fileReferences, type PackageRef } from '../../../server/src/core/packageRules/packageReferences';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import type { PackageIndex } from '../../../server/src/core/packages/queries';
import { PieceText } from '../../../server/src/core/text/pieceText';
import { CORPUS_ROOT, SCHEMAS_DIR, tempDir } from '../../support/paths';
import { prng } from '../../support/prng';
import { treeNames, writeTreeRepo } from '../../support/treeRepo';

const COMPS = path.join(CORPUS_ROOT, 'base', 'comps');
const FILES = [path.join(COMPS, 'components.toml'), ...['glade', 'open-vm-tools', 'kernel'].map((c) => path.join(COMPS, c, `${c}.comp.toml`))];

let tmp = '';
let index: PackageIndex;
let knownNames: string[] = [];

before(async () => {
  tmp = tempDir('distro-toml-incremental-comps-');
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const names = treeNames(service.projects.model(CORPUS_ROOT));
  knownNames = [...names.sources].filter((n) => /^[a-z][a-z0-9-]+$/.test(n)).slice(0, 400);
  const repo = path.join(tmp, 'tree-repo');
  writeTreeRepo(repo, names);
  const cacheDir = path.join(tmp, 'cache');
  await syncRepository(repo, { cacheDir });
  index = (await loadPackageIndex(cacheDir, [repo])).index;
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function serviceOver(texts: Map<string, string>): LanguageService {
  const over: FileSystem = { ...diskFileSystem, readFile: (p) => texts.get(p) ?? diskFileSystem.readFile(p) };
  return createLanguageService({ fs: over, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
}

const all = (m: ReadonlyMap<string, readonly CoreDiagnostic[]>): CoreDiagnostic[] => [...m.values()].flat();
const refText = (r: PackageRef): string => `${r.kind} ${r.name} ${r.span.start} ${r.span.end}${r.kind === 'dependency' ? ` ${r.tag} ${r.flags} ${r.evr} ${r.loose} ${r.written?.name ?? ''}` : ''}`;

interface Edit {
  file: string;
  start: number;
  end: number;
  insert: string;
}

test('incremental component and dependency diagnostics equal the from-scratch ones over random edits of the real components.toml and .comp.toml files', () => {
  for (const f of FILES) assert.ok(fs.existsSync(f), f);
  const texts = new Map(FILES.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const inc = serviceOver(new Map());
  const scratch = serviceOver(texts);
  const rand = prng(5077);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const buffers = new Map([...texts].map(([f, t]) => [f, PieceText.of(t)]));
  for (const [f, b] of buffers) inc.cache.withText(f, b);
  const incText = (f: string) => inc.cache.get(f)?.source ?? inc.cache.get(f)?.text;
  // The macros of a spec, when at hand: another map each time one comes to hand (as the server's spec facts).
  let specs = new Map<string, ReadonlyMap<string, string>>();
  let arch: string | undefined = 'x86_64';
  const ctx = (): PackageCheckContext => ({ ...(arch ? { arch } : {}), specMacros: (c) => specs.get(c) });
  const seen = { steps: 0, findings: 0, codes: new Map<string, number>(), refsKept: 0, refsMade: 0, macroRefs: 0 };
  let lastOthers = new Map<string, PackageRef[]>();
  /** Components with a dependency written with macros. */
  const withMacros = new Set<string>();

  const compare = (changed: Iterable<string>): void => {
    for (const f of changed) scratch.cache.forget(f);
    const c = ctx();
    const incremental = all(packageDiagnostics(inc.projects.model(CORPUS_ROOT), index, incText, c));
    const fresh = all(packageDiagnostics(scratch.projects.model(CORPUS_ROOT), index, (f) => scratch.cache.get(f)?.text, c, { fromScratch: true }));
    assert.deepEqual(incremental, fresh, `step ${seen.steps}`);
    for (const f of FILES) {
      const kept = fileReferences(f, inc.cache.get(f)!.doc, incText).others;
      const made = fileReferences(f, scratch.cache.get(f)!.doc, (g) => scratch.cache.get(g)?.text, { fromScratch: true }).others;
      assert.deepEqual(kept.map(refText), made.map(refText), `step ${seen.steps}: the references of ${path.basename(f)}`);
      const before = new Set(lastOthers.get(f) ?? []);
      for (const r of kept) {
        if (before.has(r)) seen.refsKept++;
        else seen.refsMade++;
        if (r.kind === 'dependency' && r.written) {
          seen.macroRefs++;
          withMacros.add(r.component);
        }
      }
      lastOthers.set(f, kept);
    }
    seen.findings += fresh.length;
    for (const d of fresh) seen.codes.set(d.code, (seen.codes.get(d.code) ?? 0) + 1);
  };
  const apply = (e: Edit): void => {
    const text = texts.get(e.file) as string;
    texts.set(e.file, text.slice(0, e.start) + e.insert + text.slice(e.end));
    const buffer = (buffers.get(e.file) as PieceText).edit(e.start, e.end, e.insert);
    buffers.set(e.file, buffer);
    inc.cache.withText(e.file, buffer);
  };

  const headers = (text: string): { at: number; name: string }[] => [...text.matchAll(/^\[components\.([^\]\n.]+)\]$/gm)].map((m) => ({ at: m.index as number, name: m[1] as string }));
  const values = (text: string): number[] => [...text.matchAll(/^value = "[^"\n]*"$/gm)].map((m) => (m.index as number) + 'value = "'.length);
  const dependency = (name: string): string => {
    const r = rand();
    const dep = r < 0.25 ? pick(knownNames) : r < 0.4 ? `${pick(knownNames)}x` : r < 0.55 ? `%{name}-devel%{?_isa}` : r < 0.65 ? `%{name}-docs >= %{version}` : r < 0.85 ? '%{dep_name}' : `${pick(knownNames)} >= 1.0, %{mystery}-libs`;
    return `\n[[components.${name}.overlays]]\ntype = "${pick(['spec-add-tag', 'spec-set-tag'])}"\ntag = "${pick(['Requires', 'BuildRequires', 'Requires(post)', 'Provides'])}"\nvalue = "${dep}"\n`;
  };
  const randomEdits = (): Edit[] => {
    const file = rand() < 0.5 ? (FILES[0] as string) : pick(FILES);
    const text = texts.get(file) as string;
    const hs = headers(text);
    if (!hs.length) return [];
    const h = pick(hs);
    const nameAt = h.at + '[components.'.length;
    const kind = Math.floor(rand() * 9);
    if (kind === 0) {
      const p = nameAt + Math.floor(rand() * (h.name.length + 1));
      return [rand() < 0.6 || h.name.length < 2 ? { file, start: p, end: p, insert: 'x' } : { file, start: Math.min(p, nameAt + h.name.length - 1), end: Math.min(p, nameAt + h.name.length - 1) + 1, insert: '' }];
    }
    if (kind === 1) return [{ file, start: h.at, end: h.at, insert: `[components.${rand() < 0.5 ? pick(knownNames) : `${pick(knownNames)}-new`}]\n` }];
    if (kind === 2) {
      const end = text.indexOf('\n', h.at);
      return [{ file, start: h.at, end: end < 0 ? text.length : end + 1, insert: '' }];
    }
    if (kind === 3) {
      // An upstream-name under the header (another component's source, or a typo of one).
      const end = text.indexOf('\n', h.at);
      const at = end < 0 ? text.length : end + 1;
      return [{ file, start: at, end: at, insert: `spec = { type = "upstream", upstream-name = "${pick(knownNames)}${rand() < 0.4 ? 'x' : ''}" }\n` }];
    }
    if (kind === 4) {
      // A dependency overlay at the end of the file, for the last component defined there.
      const last = hs[hs.length - 1] as { name: string };
      return [{ file, start: text.length, end: text.length, insert: dependency(last.name) }];
    }
    if (kind === 5) {
      const vs = values(text);
      if (!vs.length) return [];
      const v = pick(vs);
      return [rand() < 0.6 ? { file, start: v, end: v, insert: 'x' } : { file, start: v, end: v + 1, insert: '' }];
    }
    if (kind === 6) {
      // The header's key broken (`[componentsx.NAME]`: another root table) or mended.
      const p = h.at + '[components'.length;
      return [{ file, start: p, end: p, insert: 'x' }];
    }
    if (kind === 7) {
      const broken = text.indexOf('[componentsx.');
      if (broken < 0) return [];
      const p = broken + '[components'.length;
      return [{ file, start: p, end: p + 1, insert: '' }];
    }
    return [{ file, start: h.at, end: h.at, insert: rand() < 0.5 ? '\n' : '# a comment\n' }];
  };

  compare([]);
  assert.equal(seen.findings, 0, "a repository of the tree's own names gives no finding");
  const changed = new Set<string>();
  for (let step = 1; step <= 120; step++) {
    seen.steps = step;
    for (const e of randomEdits()) {
      apply(e);
      changed.add(e.file);
    }
    if (rand() < 0.15) {
      // A spec comes to hand (new macros), or the arch changes.
      if (rand() < 0.7 && withMacros.size) specs = new Map([...specs, [pick([...withMacros]), new Map([['version', `${step}.0`], ['dep_name', rand() < 0.5 ? pick(knownNames) : `${pick(knownNames)}-typo`]])]]);
      else arch = arch ? undefined : 'x86_64';
    }
    compare(changed);
    changed.clear();
  }
  assert.ok(seen.findings > 100, `findings compared: ${seen.findings}`);
  for (const code of ['package-capability-unknown', 'package-source-unknown']) assert.ok(seen.codes.has(code), `${code}: ${[...seen.codes.keys()].join(', ')}`);
  assert.ok(seen.macroRefs > 50, `dependencies written with macros compared: ${seen.macroRefs}`);
  // An edit reads again only the components it touched: nearly every reference is the one the last parse had.
  assert.ok(seen.refsKept > 50 * seen.refsMade, `references kept ${seen.refsKept}, made ${seen.refsMade}`);
});
