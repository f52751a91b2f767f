// The package index against dnf on the same real repository (RPMs built by rpmbuild, metadata by createrepo_c,
// served on loopback HTTP): the package list from `dnf repoquery --repofrompath`, then every name, every
// capability provided or required, every listed file, and versioned forms of each provide, asked of both.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { readCachedIndex } from '../../../server/src/core/packages/indexCache';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import { PackageIndex, primaryListsFile } from '../../../server/src/core/packages/queries';
import { RepoIndex, type PackageInfo } from '../../../server/src/core/packages/repoIndex';
import { parseDependencies } from '../../../server/src/core/packages/depString';
import { operatorOfFlags } from '../../../server/src/core/packages/dependencyMatch';
import { buildRpmFixture, toolsAvailable, type BuiltFixture } from '../../support/rpmRepoFixture';
import { serveDirectory, type RepoHttpServer } from '../../support/repoHttpServer';
import { REPO_ROOT, tempDir } from '../../support/paths';
import { FIXTURE_SPECS } from './fixturePackages';

let fixture: BuiltFixture;
let server: RepoHttpServer;
let index: PackageIndex;
let repo: RepoIndex;
let work: string;
let repoUrl: string;

const nevra = (p: PackageInfo): string => `${p.name}-${p.evr}.${p.arch}`;

/** Runs a program without blocking this process, which serves the repository it reads. */
function run(cmd: string, args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

function dnf(args: string[]): Promise<string> {
  return run('dnf', ['repoquery', '-q', `--setopt=cachedir=${path.join(work, 'dnf')}`, '--releasever=43', `--repofrompath=t,${repoUrl}`, '--repo=t', ...args]);
}

async function oracle(queries: [string, string][]): Promise<string[][]> {
  const out = await run('/usr/bin/python3', [path.join(REPO_ROOT, 'test', 'support', 'dnfOracle.py')], JSON.stringify({ repo: repoUrl, cachedir: path.join(work, 'dnf-api'), queries }));
  return JSON.parse(out) as string[][];
}

before(async () => {
  const missing = toolsAvailable();
  assert.equal(missing, undefined, `${missing}: .ci/run installs it`);
  fixture = buildRpmFixture(FIXTURE_SPECS);
  server = await serveDirectory(fixture.dir);
  work = tempDir('distro-toml-diff-');
  repoUrl = `${server.base}bin-zstd`;
  await syncRepository(repoUrl, { cacheDir: path.join(work, 'cache') });
  const c = readCachedIndex(path.join(work, 'cache'), repoUrl);
  assert.equal(c.state, 'ok');
  repo = new RepoIndex((c as { data: ConstructorParameters<typeof RepoIndex>[0] }).data);
  index = new PackageIndex([repo]);
});

after(async () => {
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('every package dnf repoquery lists, with the same EVR, arch, source rpm and summary', async (t) => {
  const theirs = (await dnf(['--qf', '%{name}|%{epoch}|%{version}|%{release}|%{arch}|%{sourcerpm}|%{summary}'])).trim().split('\n').sort();
  const ours: string[] = [];
  for (let p = 0; p < repo.packageCount; p++) {
    const i = repo.info(p);
    ours.push(`${i.name}|${i.epoch}|${i.version}|${i.release}|${i.arch}|${i.sourceRpm}|${i.summary}`);
  }
  ours.sort();
  assert.ok(ours.length >= 40, `fixture has ${ours.length} packages`);
  assert.deepEqual(ours, theirs);
  t.diagnostic(`${ours.length} packages identical`);
});

test('every name, capability, file and versioned capability resolves to the same packages as dnf', async (t) => {
  const queries: [string, string][] = [];
  const seen = new Set<string>();
  const add = (kind: string, text: string): void => {
    const key = `${kind}\0${text}`;
    if (!seen.has(key)) {
      seen.add(key);
      queries.push([kind, text]);
    }
  };
  for (let p = 0; p < repo.packageCount; p++) {
    add('name', repo.info(p).name);
    for (const d of repo.dependencies(p, 'provides')) {
      add('whatprovides', d.name);
      if (d.evr) for (const op of ['=', '<', '>', '>=', '<=']) add('whatprovides', `${d.name} ${op} ${d.evr}`);
    }
    for (const d of repo.dependencies(p, 'requires')) {
      for (const r of parseDependencies(d.name).refs) add('whatprovides', r.name);
      if (d.evr && !d.name.startsWith('(')) add('whatprovides', `${d.name} ${operatorOfFlags(d.flags)} ${d.evr}`);
    }
    for (const f of repo.files(p)) add('whatprovides', f);
  }
  for (const typo of ['glib-dmo', 'pkgconfig(gcr-base-4)', 'libgcr-base-3.so.2()(64bit)', '/usr/bin/nothing-here', 'multi-cap > 2.0']) add('whatprovides', typo);
  const answers = await oracle(queries);
  const mismatches: string[] = [];
  let fileQueries = 0, versioned = 0;
  queries.forEach(([kind, text], i) => {
    let ours: string[];
    if (kind === 'name') ours = index.binary(text).map(nevra);
    else {
      const ref = parseDependencies(text).refs[0];
      assert.ok(ref, text);
      if (ref.flags) versioned++;
      if (text.startsWith('/')) fileQueries++;
      ours = index.whatProvides(ref.name, ref.flags, ref.evr).map(nevra);
    }
    const want = answers[i] as string[];
    if (JSON.stringify([...new Set(ours)].sort()) !== JSON.stringify(want)) mismatches.push(`${kind} ${text}: ours ${JSON.stringify(ours)}, dnf ${JSON.stringify(want)}`);
  });
  assert.deepEqual(mismatches, []);
  assert.ok(versioned > 50 && fileQueries > 20, `versioned ${versioned}, files ${fileQueries}`);
  t.diagnostic(`${queries.length} queries identical to dnf (${versioned} versioned, ${fileQueries} file paths)`);
});

test('binary -> source and source -> binaries agree with the source rpms dnf reports', async () => {
  const lines = (await dnf(['--qf', '%{name}|%{sourcerpm}'])).trim().split('\n');
  const bySource = new Map<string, Set<string>>();
  for (const l of lines) {
    const [name, srpm] = l.split('|') as [string, string];
    const src = srpm.replace(/-[^-]+-[^-]+\.src\.rpm$/, '');
    assert.deepEqual(index.sourceOf(name), [src], name);
    bySource.set(src, (bySource.get(src) ?? new Set()).add(name));
  }
  for (const [src, names] of bySource) {
    assert.deepEqual([...new Set(index.binariesOf(src).map((p) => p.name))].sort(), [...names].sort(), src);
    // The lean forms the package rules ask (names read alone, no PackageInfo) answer the same.
    assert.deepEqual(index.binaryNamesOf(src), [...names].sort(), src);
  }
  for (const name of [...bySource.keys(), ...lines.map((l) => l.split('|')[0] as string), 'no-such-package', '']) {
    assert.equal(index.hasSource(name), index.source(name) !== undefined, name);
  }
  assert.ok(bySource.size >= 25);
});

test('a file outside primary\'s file list is "not checked", never "unknown"; dnf finds it only through filelists', async () => {
  const outside = ['/usr/share/glib-demo/data.txt', '/usr/include/glib-demo.h', '/usr/share/gen3/readme'];
  const answers = await oracle(outside.map((f) => ['whatprovides', f]));
  outside.forEach((f, i) => {
    assert.equal(primaryListsFile(f), false);
    assert.equal((answers[i] as string[]).length, 1, `dnf (with filelists) finds ${f}`);
    assert.deepEqual(index.capabilityStatus(f), { status: 'not-checked' });
  });
  assert.equal(index.capabilityStatus('/usr/bin/nothing-here').status, 'unknown');
  assert.equal(index.capabilityStatus('/usr/bin/glib-demo-tool').status, 'provided');
});

test('with filelists fetched, every file rpm lists resolves to the same packages as dnf, and a missing one is unknown', async (t) => {
  const cache = path.join(work, 'cache-filelists');
  const synced = await syncRepository(repoUrl, { cacheDir: cache, filelists: true });
  assert.equal(synced.filelists?.status, 'updated');
  assert.equal(synced.filelists?.unmatched, 0);
  const loaded = await loadPackageIndex(cache, [repoUrl], { filelists: true });
  assert.equal(loaded.repos[0]?.fileList?.state, 'loaded', JSON.stringify(loaded.repos[0]));
  const withFiles = loaded.index;
  assert.ok(withFiles.hasFileLists);
  // Every path of every package, as dnf lists them (directories the packages own included).
  const paths = [...new Set((await dnf(['--list'])).trim().split('\n').filter((l) => l.startsWith('/')))].sort();
  const outside = paths.filter((p) => !primaryListsFile(p));
  const missing = ['/usr/share/nothing-here/data.txt', '/usr/include/glib-dem.h', '/usr/share/gen3/readm', '/usr/lib64/libmissing.so.1'];
  const queries = [...paths, ...missing].map((p): [string, string] => ['whatprovides', p]);
  const answers = await oracle(queries);
  const mismatches: string[] = [];
  queries.forEach(([, p], i) => {
    const ours = [...new Set(withFiles.whatProvides(p).map(nevra))].sort();
    if (JSON.stringify(ours) !== JSON.stringify(answers[i])) mismatches.push(`${p}: ours ${JSON.stringify(ours)}, dnf ${JSON.stringify(answers[i])}`);
    const status = withFiles.capabilityStatus(p).status;
    const want = (answers[i] as string[]).length ? 'provided' : 'unknown';
    if (status !== want) mismatches.push(`${p}: status ${status}, dnf says ${want}`);
  });
  assert.deepEqual(mismatches, []);
  assert.ok(outside.length >= 20, `${outside.length} paths outside primary's rule`);
  // Without filelists the same paths are "not checked"; the file-list index is used only beside its primary.
  for (const p of [...outside.slice(0, 5), ...missing]) assert.equal(index.capabilityStatus(p).status, 'not-checked', p);
  // A second sync downloads nothing new.
  assert.equal((await syncRepository(repoUrl, { cacheDir: cache, filelists: true })).filelists?.status, 'unchanged');
  t.diagnostic(`${queries.length} file queries identical to dnf with filelists (${outside.length} outside primary's file rule, ${missing.length} absent)`);
});
