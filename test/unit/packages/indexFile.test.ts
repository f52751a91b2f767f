// Opening a cached index the way the language server and the CLI do (tables read, string bytes paged in, requires
// on first use): the same answers as a full read, a replaced file that stays readable, and damage that never crashes.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { cacheFileFor, readCachedIndex } from '../../../server/src/core/packages/indexCache';
import { openIndexFile } from '../../../server/src/core/packages/indexFile';
import { StringPool } from '../../../server/src/core/packages/stringPool';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import { RepoIndex } from '../../../server/src/core/packages/repoIndex';
import type { RepoIndexData } from '../../../server/src/core/packages/indexData';
import { buildRpmFixture } from '../../support/rpmRepoFixture';
import { primaryXmlOf, writeHandmadeRepo } from '../../support/handmadeRepo';
import { FIXTURE_SPECS } from './fixturePackages';
import { sectionPlaces } from '../../support/indexSections';
import { tempDir } from '../../support/paths';

let work: string;
before(() => {
  work = tempDir('distro-toml-idxfile-');
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** A hand-made repository of `count` packages in `work/r<name>`, synced into `work/c<name>`. */
async function syncedHandmadeRepo(name: string, count: number): Promise<{ dir: string; cache: string }> {
  const dir = path.join(work, `r${name}`);
  fs.mkdirSync(dir);
  writeHandmadeRepo(dir, primaryXmlOf(count));
  const cache = path.join(work, `c${name}`);
  await syncRepository(dir, { cacheDir: cache });
  return { dir, cache };
}

function everything(data: RepoIndexData): string {
  const r = new RepoIndex(data);
  const out: unknown[] = [];
  for (let p = 0; p < r.packageCount; p++) out.push([r.info(p), r.dependencies(p, 'provides'), r.dependencies(p, 'requires'), r.files(p)]);
  return JSON.stringify(out);
}

test('an opened index answers exactly as a fully read one, requires included', async () => {
  const repo = buildRpmFixture(FIXTURE_SPECS).binaryRepo('zstd');
  const cache = path.join(work, 'c1');
  await syncRepository(repo, { cacheDir: cache });
  const full = readCachedIndex(cache, repo);
  assert.equal(full.state, 'ok');
  const opened = await openIndexFile(cacheFileFor(cache, repo));
  assert.equal(everything(opened.data), everything((full as { data: RepoIndexData }).data));
  await opened.close();
});

test('an open index stays readable after a newer sync replaces its file', async () => {
  const dir = path.join(work, 'r2');
  fs.mkdirSync(dir);
  writeHandmadeRepo(dir, primaryXmlOf(300, 'old'), { revision: '1' });
  const cache = path.join(work, 'c2');
  await syncRepository(dir, { cacheDir: cache });
  const before = await loadPackageIndex(cache, [dir]);
  writeHandmadeRepo(dir, primaryXmlOf(5, 'new'), { revision: '2' });
  await syncRepository(dir, { cacheDir: cache });
  assert.equal(before.index.binary('old299')[0]?.summary, 'Package 299');
  const after = await loadPackageIndex(cache, [dir]);
  assert.equal(after.summary, '5 packages from 1 of 1 repositories');
  assert.deepEqual(after.index.binary('old299'), []);
});

test('a damaged file: a cut is refused at open, damaged string bytes give wrong names but no crash', async () => {
  const { dir, cache } = await syncedHandmadeRepo('3', 50);
  const file = cacheFileFor(cache, dir);
  const good = fs.readFileSync(file);
  fs.writeFileSync(file, good.subarray(0, good.length - 100));
  const cut = await loadPackageIndex(cache, [dir]);
  assert.deepEqual(cut.repos.map((r) => [r.state, r.reason]), [['invalid', 'truncated index; it will be rebuilt on the next sync']]);
  // The string bytes are the first section after the header: overwrite some of them.
  const damaged = Buffer.from(good);
  const metaLen = damaged.readUInt32LE(12);
  const bytesStart = 16 + metaLen + ((4 - (metaLen % 4)) % 4) + 4;
  damaged.fill(0x7a, bytesStart, bytesStart + 200);
  fs.writeFileSync(file, damaged);
  const loaded = await loadPackageIndex(cache, [dir]);
  assert.equal(loaded.repos[0]?.state, 'loaded');
  assert.deepEqual(loaded.index.binary('pkg0'), []);
  for (const name of loaded.index.complete('', 'binary', 100)) assert.equal(typeof name, 'string');
  assert.equal(loaded.index.binary('pkg49')[0]?.name, 'pkg49');
});

test('tables read on first use are checked then: a damaged provides ordering answers nothing, the rest still answers', async () => {
  const repo = buildRpmFixture(FIXTURE_SPECS).binaryRepo('zstd');
  const cache = path.join(work, 'c4');
  await syncRepository(repo, { cacheDir: cache });
  const file = cacheFileFor(cache, repo);
  const good = await loadPackageIndex(cache, [repo]);
  const capability = good.index.repos[0]?.dependencies(0, 'provides')[0]?.name as string;
  assert.ok(good.index.whatProvides(capability).length > 0);
  const name = good.index.repos[0]?.info(0).name as string;
  const damaged = fs.readFileSync(file);
  const provByName = sectionPlaces(damaged)[15] as { pos: number; bytes: number };
  damaged.fill(0xff, provByName.pos, provByName.pos + 4);
  fs.writeFileSync(file, damaged);
  const loaded = await loadPackageIndex(cache, [repo]);
  assert.equal(loaded.repos[0]?.state, 'loaded');
  assert.deepEqual(loaded.index.whatProvides(capability), []);
  assert.deepEqual(loaded.index.repos[0]?.dependencies(0, 'provides'), []);
  assert.equal(loaded.index.binary(name)[0]?.name, name);
  const files = (l: typeof good): string[][] => Array.from({ length: l.index.packageCount }, (_, p) => l.index.repos[0]?.files(p) ?? []);
  assert.ok(files(good).flat().length > 0);
  assert.deepEqual(files(loaded), files(good));
});

test('string offsets and hash table are paged in and checked as read: damaged ones miss or give wrong names, never crash', async () => {
  const { dir, cache } = await syncedHandmadeRepo('5', 300);
  const file = cacheFileFor(cache, dir);
  const good = fs.readFileSync(file);
  const opened = await loadPackageIndex(cache, [dir]);
  assert.equal(opened.index.binary('pkg7')[0]?.name, 'pkg7');
  assert.deepEqual(opened.index.didYouMean('pkg7x', 'binary'), ['pkg7', 'pkg70', 'pkg71']);
  for (const [section, fill] of [[1, 0xff], [2, 0xff], [2, 0x00], [1, 0x00]] as const) {
    const damaged = Buffer.from(good);
    const place = sectionPlaces(damaged)[section] as { pos: number; bytes: number };
    // The middle of the section: the first and last offsets are checked at open, the rest as they are read.
    damaged.fill(fill, place.pos + 8, place.pos + place.bytes - 8);
    fs.writeFileSync(file, damaged);
    const loaded = await loadPackageIndex(cache, [dir]);
    assert.equal(loaded.repos[0]?.state, 'loaded', `section ${section} filled with ${fill}`);
    for (let i = 0; i < 300; i += 7) {
      for (const p of loaded.index.binary(`pkg${i}`)) assert.equal(typeof p.name, 'string');
    }
    for (const name of loaded.index.complete('', 'binary', 50)) assert.equal(typeof name, 'string');
    assert.ok(Array.isArray(loaded.index.didYouMean('pkg7x', 'binary')));
    assert.ok(Array.isArray(loaded.index.whatProvides('pkg7')));
  }
  fs.writeFileSync(file, good);
});

test('a lookup by name or source reads only the pages it touches; the tables it does not read may be damaged', async () => {
  const { dir, cache } = await syncedHandmadeRepo('6', 20_000);
  const file = cacheFileFor(cache, dir);
  const good = fs.readFileSync(file);
  const expected = (await loadPackageIndex(cache, [dir])).index;
  const answers = (index: typeof expected): unknown => ['pkg0', 'pkg12345', 'pkg19999', 'nosuch'].map((n) => [index.binary(n), index.source(n), index.sourceOf(n), index.binariesOf(n)]);
  const before = answers(expected);
  // Every table a lookup by name or source does not use: provides, requires, files and the sorted name lists.
  const damaged = Buffer.from(good);
  const places = sectionPlaces(damaged);
  for (const section of [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 18, 19]) {
    const place = places[section] as { pos: number; bytes: number };
    damaged.fill(0xff, place.pos, place.pos + place.bytes);
  }
  fs.writeFileSync(file, damaged);
  // Count the bytes the index reads (it reads its file with fs.readSync, through the module object).
  const nodeFs = require('node:fs') as { readSync: (...a: unknown[]) => number };
  const read = { bytes: 0 };
  const readSync = nodeFs.readSync;
  nodeFs.readSync = (...args: unknown[]): number => {
    const n = readSync(...args);
    read.bytes += n;
    return n;
  };
  let loaded: Awaited<ReturnType<typeof loadPackageIndex>>;
  let opened: number, answered: number;
  try {
    loaded = await loadPackageIndex(cache, [dir]);
    opened = read.bytes;
    assert.equal(loaded.repos[0]?.state, 'loaded');
    assert.deepEqual(answers(loaded.index), before);
    answered = read.bytes;
  } finally {
    nodeFs.readSync = readSync;
  }
  // Opening reads the header, the section lengths and the pages of the first and last string offsets (16 KiB
  // pages); the lookups a few pages each.
  assert.ok(opened < 3 * 16384, `opening read ${opened} bytes`);
  assert.ok(answered < good.length / 4, `the lookups read ${answered} of ${good.length} bytes`);
  assert.deepEqual(loaded.index.damaged(), []);
  // A damaged table that is read is reported, and answers nothing.
  assert.deepEqual(loaded.index.whatProvides('cap7'), []);
  assert.deepEqual(loaded.index.complete('pkg1', 'binary', 5), []);
  assert.deepEqual(loaded.index.damaged(), [{ url: dir, what: ['dependency ranges', 'name list'] }]);
  fs.writeFileSync(file, good);
});

test('damaged package rows or orderings are reported as they are read, and give misses, never a crash', async () => {
  const { dir, cache } = await syncedHandmadeRepo('7', 3000);
  const file = cacheFileFor(cache, dir);
  const good = fs.readFileSync(file);
  for (const [section, what] of [[3, 'package strings'], [14, 'package ordering'], [17, 'source ordering']] as const) {
    const damaged = Buffer.from(good);
    const place = sectionPlaces(damaged)[section] as { pos: number; bytes: number };
    damaged.fill(0xff, place.pos, place.pos + place.bytes);
    fs.writeFileSync(file, damaged);
    const loaded = await loadPackageIndex(cache, [dir]);
    assert.equal(loaded.repos[0]?.state, 'loaded', `section ${section}`);
    assert.deepEqual(loaded.index.damaged(), []);
    for (const name of ['pkg0', 'pkg1500', 'pkg2999']) {
      for (const p of [...loaded.index.binary(name), ...loaded.index.binariesOf(name)]) assert.equal(typeof p.name, 'string');
    }
    assert.deepEqual(loaded.index.damaged(), [{ url: dir, what: [what] }], `section ${section}`);
  }
  fs.writeFileSync(file, good);
});

test('tables read ahead in the thread pool and checked in steps answer as those read at first use, and damage is noted once either way', async () => {
  const { dir, cache } = await syncedHandmadeRepo('8', 3000);
  const file = cacheFileFor(cache, dir);
  const atFirstUse = await openIndexFile(file);
  const ahead = await openIndexFile(file);
  for (const field of ['provides', 'binaryNamesSorted', 'requires', 'fileName'] as const) {
    await ahead.data.lazy?.readAhead(field);
    const steps = ahead.data.lazy?.loading(field);
    assert.ok(steps, 'an opened file has lazily read tables');
    while (!steps.next().done);
  }
  assert.equal(everything(ahead.data), everything(atFirstUse.data));
  assert.deepEqual(new RepoIndex(ahead.data).sortedNames('binary').at(2999), new RepoIndex(atFirstUse.data).sortedNames('binary').at(2999));
  await atFirstUse.close();
  await ahead.close();
  // A damaged provides ordering: checked in steps, or at once by a use in the middle of them, it is noted once, and
  // answers nothing, as at first use.
  const good = fs.readFileSync(file);
  const damaged = Buffer.from(good);
  const provByName = sectionPlaces(damaged)[15] as { pos: number; bytes: number };
  damaged.fill(0xff, provByName.pos + provByName.bytes - 4, provByName.pos + provByName.bytes);
  fs.writeFileSync(file, damaged);
  for (const useMidway of [false, true]) {
    const opened = await openIndexFile(file);
    await opened.data.lazy?.readAhead('provides');
    const steps = opened.data.lazy?.loading('provides') as Generator<void>;
    steps.next();
    if (useMidway) assert.equal(opened.data.provByName.length, 0, 'a use meanwhile reads the damaged table as empty');
    while (!steps.next().done);
    assert.equal(opened.data.provides.name.length, 0);
    assert.deepEqual(opened.data.damage?.found, ['provide ordering'], `a use midway: ${useMidway}`);
    await opened.close();
  }
  fs.writeFileSync(file, good);
});

test('a pass over many names of a pool read from its file, in steps, decodes each as the pool read whole does', async () => {
  // A pool of several 64 KiB windows (3,000 packages: names, versions, summaries, capabilities, files).
  const { dir, cache } = await syncedHandmadeRepo('9', 3000);
  const whole = readCachedIndex(cache, dir) as { state: 'ok'; data: RepoIndexData };
  assert.equal(whole.state, 'ok');
  const opened = await openIndexFile(cacheFileFor(cache, dir));
  assert.ok(opened.data.strings.bytes.length > 3 * 65536, `a pool of ${opened.data.strings.bytes.length} bytes`);
  const inMemory = new StringPool(whole.data.strings);
  const paged = new StringPool(opened.data.strings);
  // Every string of the pool, in an order unlike the pool's (reversed, then every seventh first).
  const count = whole.data.strings.offsets.length - 1;
  const ids = Uint32Array.from({ length: count }, (_, k) => (k % 7 === 0 ? k : count - 1 - k));
  for (const perStep of [1, 97, 1024, count, Number.POSITIVE_INFINITY]) {
    const got = new Array<string>(count);
    let steps = 0;
    for (const _ of paged.decodeAllSteps(ids, (i, text) => (got[i] = text), perStep)) steps++;
    assert.ok(perStep === Number.POSITIVE_INFINITY || steps >= Math.floor(count / perStep), `${steps} steps of ${perStep}`);
    // Every window of the pool is read, one a step at most, however many strings a step may decode.
    const windows = Math.floor(opened.data.strings.bytes.length / 65536);
    if (perStep !== Number.POSITIVE_INFINITY) assert.ok(steps >= Math.ceil(count / perStep) + windows - 1, `${steps} steps of ${perStep} for ${windows} windows`);
    for (let i = 0; i < count; i++) assert.equal(got[i], inMemory.get(ids[i] as number), `string ${ids[i]}, ${perStep} a step`);
  }
  await opened.close();
});

test('a pass in steps over a pool read from its file reads a few pages of string offsets, or one window, a step', async () => {
  const { dir, cache } = await syncedHandmadeRepo('10', 8000);
  const whole = readCachedIndex(cache, dir) as { state: 'ok'; data: RepoIndexData };
  const opened = await openIndexFile(cacheFileFor(cache, dir));
  const count = opened.data.strings.offsets.length - 1;
  const pages = Math.ceil(((count + 1) * 4) / 16384);
  assert.ok(pages > 12 && count % 7919 !== 0, `${count} strings, ${pages} pages of offsets`);
  // Every string, scattered over the offsets (7,919 is prime), all in one step by count.
  const ids = Uint32Array.from({ length: count }, (_, k) => (k * 7919) % count);
  const nodeFs = require('node:fs') as typeof fs;
  const readSync = nodeFs.readSync;
  let reads = 0;
  nodeFs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
    reads++;
    return readSync.apply(nodeFs, args);
  }) as typeof fs.readSync;
  const perStep: number[] = [];
  const got = new Array<string>(count);
  try {
    const steps = new StringPool(opened.data.strings).decodeAllSteps(ids, (i, text) => (got[i] = text), count);
    for (let r = steps.next(); ; r = steps.next()) {
      perStep.push(reads);
      reads = 0;
      if (r.done) break;
    }
  } finally {
    nodeFs.readSync = readSync;
  }
  // The first string of a step may read two pages; eight more at most.
  assert.ok(Math.max(...perStep) <= 10, `reads per step: ${perStep.join(' ')}`);
  assert.ok(perStep.length >= pages / 10, `${perStep.length} steps`);
  const inMemory = new StringPool(whole.data.strings);
  for (let i = 0; i < count; i++) assert.equal(got[i], inMemory.get(ids[i] as number), `string ${ids[i]}`);
  await opened.close();
});
