// The real tree against a repository that holds every name it uses: no package diagnostics at all; then one
// typo seeded in each kind of reference (component, upstream-name, dependency overlay, package-group entry,
// a rich dependency's inner name) is caught at the exact offsets of the name, with a did-you-mean.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { createLanguageService, type LanguageService } from '../../../server/src/core/languageService';
import { packageDiagnostics } from '../../../server/src/core/packageRules/packageDiagnostics';
import { editDistance } from '../../../server/src/core/packages/editDistance';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import type { PackageIndex } from '../../../server/src/core/packages/queries';
import { CORPUS_ROOT, SCHEMAS_DIR, tempDir } from '../../support/paths';
import { treeNames, writeTreeRepo } from '../../support/treeRepo';

let tmp = '';
let index: PackageIndex;
let packageCount = 0;

function serviceWith(overrides: Record<string, string>): LanguageService {
  const fsWith: FileSystem = { ...diskFileSystem, readFile: (p) => overrides[p] ?? diskFileSystem.readFile(p) };
  return createLanguageService({ fs: fsWith, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
}

function diagnosticsOf(service: LanguageService) {
  const model = service.projects.model(CORPUS_ROOT);
  return [...packageDiagnostics(model, index, (f) => service.cache.get(f)?.text).values()].flat();
}

before(async () => {
  tmp = tempDir('distro-toml-tree-repo-');
  const service = serviceWith({});
  const repo = path.join(tmp, 'repo');
  packageCount = writeTreeRepo(repo, treeNames(service.projects.model(CORPUS_ROOT)));
  const cacheDir = path.join(tmp, 'cache');
  await syncRepository(repo, { cacheDir });
  index = (await loadPackageIndex(cacheDir, [repo])).index;
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the real tree has no package diagnostics against a repository holding its names', () => {
  assert.ok(packageCount > 30000, `repository of ${packageCount} packages`);
  assert.equal(index.packageCount, packageCount);
  const diags = diagnosticsOf(serviceWith({}));
  assert.deepEqual(diags.map((d) => `${path.relative(CORPUS_ROOT, d.file)} ${d.code} ${d.message}`).slice(0, 10), []);
});

/** Replaces the first `from` (after `near`) in `file` and returns the text, the offsets of `to` and the service. */
function seeded(rel: string, near: string, from: string, to: string): { file: string; start: number; end: number; service: LanguageService } {
  const file = path.join(CORPUS_ROOT, rel);
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(from, text.indexOf(near));
  assert.ok(at >= 0, `${from} in ${rel}`);
  const changed = text.slice(0, at) + to + text.slice(at + from.length);
  return { file, start: at, end: at + to.length, service: serviceWith({ [file]: changed }) };
}

const cases: { kind: string; rel: string; near: string; from: string; to: string; inner?: string; code: string; suggest: string }[] = [
  { kind: 'component name', rel: 'base/comps/components.toml', near: '[components.7zip]', from: '7zip', to: '7zipp', code: 'package-source-unknown', suggest: '7zip' },
  { kind: 'upstream-name', rel: 'base/comps/rust-quick-xml0.38/rust-quick-xml0.38.comp.toml', near: 'upstream-name', from: 'rust-quick-xml0.38', to: 'rust-quick-xm0.38', code: 'package-source-unknown', suggest: 'rust-quick-xml0.38' },
  { kind: 'dependency overlay', rel: 'base/comps/kernel-headers/kernel-headers.comp.toml', near: 'value = "rsync"', from: 'rsync', to: 'rsymc', code: 'package-capability-unknown', suggest: 'rsync' },
  { kind: "rich dependency's inner name", rel: 'base/comps/kernel-headers/kernel-headers.comp.toml', near: 'value = "rsync"', from: 'rsync', to: '(make and (perl or rsymc >= 3.1))', inner: 'rsymc', code: 'package-capability-unknown', suggest: 'rsync' },
  { kind: 'package-group entry', rel: 'base/packages/sdk.packages.toml', near: '"aalib-devel"', from: 'aalib-devel', to: 'aalib-devle', code: 'package-binary-unknown', suggest: 'aalib-devel' },
];

for (const c of cases) {
  test(`a typo in a ${c.kind} is caught at the exact range, with a did-you-mean`, () => {
    const s = seeded(c.rel, c.near, c.from, c.to);
    if (c.inner) {
      s.start += c.to.indexOf(c.inner);
      s.end = s.start + c.inner.length;
    }
    const diags = diagnosticsOf(s.service).filter((d) => d.code.startsWith('package-') && d.code !== 'package-channel-split' && d.code !== 'package-binaries-ungrouped');
    assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
    const d = diags[0]!;
    assert.equal(d.code, c.code);
    assert.equal(d.file, s.file);
    assert.deepEqual(d.span, { start: s.start, end: s.end });
    assert.equal(d.severity, 'warning');
    assert.ok((d.data?.['suggestions'] as string[]).includes(c.suggest), d.message);
  });
}

test('a binary listed in another channel than its siblings is reported at its entry', () => {
  const s = seeded('base/packages/base.packages.toml', 'packages = [', 'packages = [', 'packages = [\n    "aalib-libs", # srpm: aalib');
  const entry = s.start + s.service.cache.get(s.file)!.text.slice(s.start).indexOf('aalib-libs');
  const diags = diagnosticsOf(s.service).filter((d) => d.code === 'package-channel-split');
  assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
  assert.equal(diags[0]!.file, s.file);
  assert.deepEqual(diags[0]!.span, { start: entry, end: entry + 'aalib-libs'.length });
  assert.match(diags[0]!.message, /source package `aalib`.*channel `rpm-base`.*`aalib`, `aalib-devel`, `aalib-libs` are in `sdk-packages` \(channel `rpm-sdk`\)/);
});

test('a carve-out in exceptions.packages.toml is not a channel split', () => {
  const s = seeded('base/packages/exceptions.packages.toml', 'packages = [', 'packages = [', 'packages = [\n    "aalib-libs", # srpm: aalib');
  assert.deepEqual(diagnosticsOf(s.service).filter((d) => d.code === 'package-channel-split'), []);
});

test('a source package with a binary in no group is reported at its first entry', () => {
  const s = seeded('base/packages/sdk.packages.toml', '"aalib", #', '    "aalib-devel", # srpm: aalib\n', '');
  const text = s.service.cache.get(s.file)!.text;
  const first = text.indexOf('"aalib", #') + 1;
  const diags = diagnosticsOf(s.service).filter((d) => d.code === 'package-binaries-ungrouped');
  assert.equal(diags.length, 1, diags.map((d) => d.message).join('\n'));
  assert.deepEqual(diags[0]!.span, { start: first, end: first + 'aalib'.length });
  assert.match(diags[0]!.message, /source package `aalib` also builds `aalib-devel`, which is in no package group/);
});

/** The did-you-mean answer of a scan over every name (what PackageIndex.didYouMean did before its index). */
function didYouMeanByScan(name: string, kind: 'binary' | 'source', limit = 3): string[] {
  const max = Math.min(3, Math.max(1, Math.floor(name.length / 4)));
  const found = new Map<string, number>();
  for (const r of index.repos) {
    const names = r.sortedNames(kind);
    for (let i = 0; i < names.count; i++) {
      const candidate = names.at(i);
      if (candidate === name || found.has(candidate)) continue;
      const d = editDistance(name, candidate, max);
      if (d <= max) found.set(candidate, d);
    }
  }
  return [...found].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([n]) => n);
}

/** Deterministic typos of real names: a deletion, an insertion, a substitution, a transposition, two and
 * three edits, a case change, the name itself, and an unrelated string. */
function typosOf(name: string, i: number): string[] {
  const at = i % Math.max(1, name.length - 1);
  const ch = 'aeiou-1x'[i % 8] as string;
  const swap = name.slice(0, at) + (name[at + 1] ?? '') + (name[at] ?? '') + name.slice(at + 2);
  const del = name.slice(0, at) + name.slice(at + 1);
  const ins = name.slice(0, at) + ch + name.slice(at);
  const sub = name.slice(0, at) + ch + name.slice(at + 1);
  return [del, ins, sub, swap, del.slice(0, -1) + ch, (ins + 'zq').slice(1), name.toUpperCase(), name, `zz${i}qq-nosuch`];
}

test('did-you-mean through the name index gives exactly what a scan of every name gives, on the real names', () => {
  let compared = 0, suggested = 0;
  for (const kind of ['binary', 'source'] as const) {
    const names = index.repos[0]!.sortedNames(kind);
    const step = Math.floor(names.count / (kind === 'binary' ? 16 : 8));
    for (let i = 0, k = 0; i < names.count; i += step, k++) {
      for (const q of typosOf(names.at(i), k)) {
        const expected = didYouMeanByScan(q, kind);
        assert.deepEqual(index.didYouMean(q, kind), expected, `${kind} ${JSON.stringify(q)}`);
        compared++;
        if (expected.length) suggested++;
      }
    }
  }
  assert.ok(compared > 200 && suggested > compared / 2, `${compared} queries, ${suggested} with suggestions`);
});
