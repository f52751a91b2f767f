// Fetching, verifying and caching a repository over loopback HTTP: every compression, the conditional refresh,
// and each way a download or a cache can go wrong — the previous index stays in use and the error says why.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { getEventListeners } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncRepository, type SyncOptions } from '../../../server/src/core/packages/fetchRepo';
import { cacheFileFor, readCachedIndex } from '../../../server/src/core/packages/indexCache';
import { PackageIndex } from '../../../server/src/core/packages/queries';
import { fileListCacheFor } from '../../../server/src/core/packages/fileListCache';
import { FileListIndex } from '../../../server/src/core/packages/fileLists';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import { RepoIndex } from '../../../server/src/core/packages/repoIndex';
import type { RepoIndexData } from '../../../server/src/core/packages/indexData';
import { buildRpmFixture, type BuiltFixture } from '../../support/rpmRepoFixture';
import { serveDirectory, type RepoHttpServer } from '../../support/repoHttpServer';
import { primaryXmlOf, writeHandmadeRepo } from '../../support/handmadeRepo';
import { DIST, tempDir } from '../../support/paths';
import { FIXTURE_SPECS } from './fixturePackages';

let fixture: BuiltFixture;
let server: RepoHttpServer;
let hand: RepoHttpServer;
let work: string;
let handRoot: string;

before(async () => {
  fixture = buildRpmFixture(FIXTURE_SPECS);
  server = await serveDirectory(fixture.dir);
  work = tempDir('distro-toml-sync-');
  handRoot = path.join(work, 'served');
  fs.mkdirSync(handRoot);
  hand = await serveDirectory(handRoot);
});

after(async () => {
  await server?.close();
  await hand?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

let n = 0;
/** A fresh handmade repository served over HTTP, and a fresh cache directory. */
function handRepo(): { dir: string; url: string; cache: string } {
  const name = `r${++n}`;
  const dir = path.join(handRoot, name);
  fs.mkdirSync(dir);
  return { dir, url: `${hand.base}${name}`, cache: path.join(work, `cache-${name}`) };
}

const quick = (cache: string, extra: Partial<SyncOptions> = {}): SyncOptions => ({ cacheDir: cache, backoffMs: 1, retries: 2, ...extra });

function loaded(cache: string, url: string): RepoIndexData {
  const c = readCachedIndex(cache, url);
  assert.equal(c.state, 'ok', JSON.stringify(c.state === 'invalid' ? c.reason : c.state));
  return (c as { data: RepoIndexData }).data;
}

/** Every package with its provides and files, as text, for comparing indexes. */
function dump(data: RepoIndexData): string[] {
  const r = new RepoIndex(data);
  const out: string[] = [];
  for (let p = 0; p < r.packageCount; p++) {
    const i = r.info(p);
    out.push(`${i.name}-${i.evr}.${i.arch} ${i.sourceName} ${i.summary} | ${r.dependencies(p, 'provides').map((d) => `${d.name} ${d.flags} ${d.evr}`).join(', ')} | ${r.dependencies(p, 'requires').map((d) => `${d.name} ${d.flags} ${d.evr}`).join(', ')} | ${r.files(p).join(' ')}`);
  }
  return out.sort();
}

async function rejects(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.match(e.message, pattern);
    return true;
  });
}

test('gzip, xz, bzip2 and zstd primaries made by createrepo_c give the same index', async () => {
  const dumps: string[][] = [];
  for (const c of ['gz', 'xz', 'bz2', 'zstd'] as const) {
    const url = `${server.base}bin-${c}`;
    const cache = path.join(work, `cache-${c}`);
    const res = await syncRepository(url, { cacheDir: cache });
    assert.equal(res.status, 'updated');
    dumps.push(dump(loaded(cache, url)));
  }
  assert.ok((dumps[0] as string[]).length >= 40);
  for (const d of dumps.slice(1)) assert.deepEqual(d, dumps[0]);
});

/** The zstd decoder's thread as the bundles start it (the test bundles have no zstd-worker.js beside them, so
 * every other test here decodes on the reader's thread). */
const ZSTD_WORKER = path.join(DIST, 'zstd-worker.js');

/** The same repository synced with zstd decoded on the reader's thread and on its own: both outcomes. */
async function bothWays(url: string, cache: string, extra: Partial<SyncOptions> = {}): Promise<{ inThread: PromiseSettledResult<unknown>; onThread: PromiseSettledResult<unknown> }> {
  const [inThread] = await Promise.allSettled([syncRepository(url, quick(`${cache}-in`, { ...extra, zstdWorker: false }))]);
  const [onThread] = await Promise.allSettled([syncRepository(url, quick(`${cache}-on`, { ...extra, zstdWorker: ZSTD_WORKER }))]);
  return { inThread: inThread as PromiseSettledResult<unknown>, onThread: onThread as PromiseSettledResult<unknown> };
}

function failureOf(r: PromiseSettledResult<unknown>): string {
  assert.equal(r.status, 'rejected', 'the sync fails');
  return ((r as PromiseRejectedResult).reason as Error).message;
}

test('zstd decoded on its own thread: the same index, and the same refusals (bombs, truncation, open-checksum)', async () => {
  assert.ok(fs.existsSync(ZSTD_WORKER), 'npm run build makes dist/zstd-worker.js');
  // createrepo_c's primary, and a handmade one of several MB (many output buffers, the reader held back).
  const big = handRepo();
  writeHandmadeRepo(big.dir, primaryXmlOf(8000), { compression: 'zst' });
  for (const [url, cache] of [[`${server.base}bin-zstd`, path.join(work, 'cache-zw-bin')], [big.url, big.cache]] as const) {
    const r = await bothWays(url, cache);
    assert.equal(r.inThread.status, 'fulfilled');
    assert.equal(r.onThread.status, 'fulfilled');
    const a = dump(loaded(`${cache}-in`, url)), b = dump(loaded(`${cache}-on`, url));
    assert.ok(a.length >= 40);
    assert.deepEqual(b, a);
  }
  const bomb = `<?xml version="1.0"?><metadata packages="0">${' '.repeat(64 << 20)}</metadata>`;
  const declared = handRepo();
  writeHandmadeRepo(declared.dir, bomb, { compression: 'zst', openSize: 4096 });
  const d = await bothWays(declared.url, declared.cache);
  assert.match(failureOf(d.onThread), /exceeds 4096 bytes/);
  assert.equal(failureOf(d.onThread), failureOf(d.inThread));
  const undeclared = handRepo();
  writeHandmadeRepo(undeclared.dir, bomb, { compression: 'zst', openSize: null });
  const u = await bothWays(undeclared.url, undeclared.cache, { maxXmlBytes: 1 << 20 });
  assert.match(failureOf(u.onThread), /exceeds 1048576 bytes/);
  assert.equal(failureOf(u.onThread), failureOf(u.inThread));
  // Cut short, with a repomd.xml that agrees (so it is not a download cut short: no retry).
  const cut = handRepo();
  writeHandmadeRepo(cut.dir, primaryXmlOf(3000), { compression: 'zst' });
  const zst = path.join(cut.dir, 'repodata', fs.readdirSync(path.join(cut.dir, 'repodata')).find((f) => f.endsWith('.zst')) as string);
  const whole = fs.readFileSync(zst);
  const half = whole.subarray(0, whole.length >> 1);
  fs.writeFileSync(zst, half);
  const repomd = path.join(cut.dir, 'repodata', 'repomd.xml');
  const sha = (b: Buffer): string => require('node:crypto').createHash('sha256').update(b).digest('hex');
  fs.writeFileSync(repomd, fs.readFileSync(repomd, 'utf8').replace(sha(whole), sha(half)).replace(`<size>${whole.length}</size>`, `<size>${half.length}</size>`));
  const c = await bothWays(cut.url, cut.cache);
  assert.match(failureOf(c.onThread), /: zstd: /);
  assert.equal(failureOf(c.onThread), failureOf(c.inThread));
  // The uncompressed bytes differ from what repomd.xml says (its open-checksum is hashed on the zstd thread).
  const wrong = handRepo();
  writeHandmadeRepo(wrong.dir, primaryXmlOf(20), { compression: 'zst' });
  const wrongRepomd = path.join(wrong.dir, 'repodata', 'repomd.xml');
  fs.writeFileSync(wrongRepomd, fs.readFileSync(wrongRepomd, 'utf8').replace(/(<open-checksum type="sha256">)[0-9a-f]+/, `$1${'ab'.repeat(32)}`));
  const w = await bothWays(wrong.url, wrong.cache);
  assert.match(failureOf(w.onThread), /uncompressed checksum mismatch/);
  assert.equal(failureOf(w.onThread), failureOf(w.inThread));
  // Bad XML early in a large stream: the reader stops while the decoder is ahead of it (and waiting).
  const early = handRepo();
  writeHandmadeRepo(early.dir, primaryXmlOf(30000).replace('<name>pkg3</name>', '<name>pkg3</nam>'), { compression: 'zst' });
  const e = await bothWays(early.url, early.cache);
  // (The message may differ in the bytes downloaded by then: the decoder's thread reads up to 4 MiB ahead.)
  assert.match(failureOf(e.onThread), /<\/nam> closes <name>/);
  assert.match(failureOf(e.inThread), /<\/nam> closes <name>/);
  for (const r of [declared, undeclared, cut, wrong, early]) assert.equal(readCachedIndex(`${r.cache}-on`, r.url).state, 'missing');
});

test('an unchanged repomd revision downloads nothing but repomd.xml', async () => {
  const url = `${server.base}src-zstd`;
  const cache = path.join(work, 'cache-refresh');
  assert.equal((await syncRepository(url, { cacheDir: cache })).status, 'updated');
  const before = server.requests.length;
  const again = await syncRepository(url, { cacheDir: cache });
  assert.equal(again.status, 'unchanged');
  assert.deepEqual(server.requests.slice(before), ['/src-zstd/repodata/repomd.xml']);
  const idx = new PackageIndex([new RepoIndex(loaded(cache, url))]);
  assert.deepEqual(idx.source('glib-demo')?.packages.map((p) => p.arch), ['src']);
});

test('a wrong checksum fails after retries and leaves the previous index in use', async () => {
  const r = handRepo();
  writeHandmadeRepo(r.dir, primaryXmlOf(3), { revision: '1' });
  await syncRepository(r.url, quick(r.cache));
  writeHandmadeRepo(r.dir, primaryXmlOf(5), { revision: '2', checksum: 'ab'.repeat(32) });
  const before = hand.requests.length;
  await rejects(syncRepository(r.url, quick(r.cache)), /checksum mismatch/);
  assert.equal(hand.requests.slice(before).filter((p) => p.includes('primary')).length, 3, 'first try and two retries');
  const kept = loaded(r.cache, r.url);
  assert.equal(kept.meta.revision, '1');
  assert.equal(kept.meta.packageCount, 3);
});

test('a server that goes away mid-download: retried, and the old index kept if it never recovers', async () => {
  const r = handRepo();
  writeHandmadeRepo(r.dir, primaryXmlOf(2000), { revision: '1', compression: 'none' });
  hand.faults.push({ match: new RegExp(`^/${path.basename(r.dir)}/repodata/.*primary`), cutAfter: 5000, times: 1 });
  const ok = await syncRepository(r.url, quick(r.cache));
  assert.equal(ok.status, 'updated', 'the retry after the cut succeeds');
  assert.equal(ok.meta.packageCount, 2000);
  writeHandmadeRepo(r.dir, primaryXmlOf(10, 'new'), { revision: '2', compression: 'gz' });
  hand.faults.push({ match: new RegExp(`^/${path.basename(r.dir)}/repodata/.*primary`), cutAfter: 40 });
  await rejects(syncRepository(r.url, quick(r.cache)), /interrupted|terminated|failed after|ended|truncated|closed/i);
  assert.equal(loaded(r.cache, r.url).meta.packageCount, 2000);
  hand.faults.length = 0;
});

test('a primary larger than repomd.xml declares is refused', async () => {
  const r = handRepo();
  writeHandmadeRepo(r.dir, primaryXmlOf(50), { size: 100 });
  await rejects(syncRepository(r.url, quick(r.cache)), /more than 100 allowed|larger than 100 bytes/);
  assert.equal(readCachedIndex(r.cache, r.url).state, 'missing');
});

test('decompression bombs stop at the declared open-size, or at the limit when none is declared', async () => {
  const bomb = `<?xml version="1.0"?><metadata packages="0">${' '.repeat(64 << 20)}</metadata>`;
  for (const compression of ['gz', 'zst'] as const) {
    const r = handRepo();
    writeHandmadeRepo(r.dir, bomb, { compression, openSize: 4096 });
    const compressed = fs.readdirSync(path.join(r.dir, 'repodata')).find((f) => f.includes('primary')) as string;
    assert.ok(fs.statSync(path.join(r.dir, 'repodata', compressed)).size < 200_000, 'a small file');
    await rejects(syncRepository(r.url, quick(r.cache)), /exceeds 4096 bytes|larger than 4096/);
    const s = handRepo();
    writeHandmadeRepo(s.dir, bomb, { compression, openSize: null });
    await rejects(syncRepository(s.url, quick(s.cache, { maxXmlBytes: 1 << 20 })), /exceeds 1048576 bytes|larger than 1048576/);
  }
});

test('hostile XML: entity declarations, undeclared entities and deep nesting are refused', async () => {
  const cases: [string, RegExp][] = [
    ['<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><metadata packages="1"><package><name>&b;</name></package></metadata>', /DOCTYPE/],
    ['<?xml version="1.0"?><metadata packages="1"><package><name>&xxe;</name></package></metadata>', /entity '&xxe;' is not expanded/],
    [`<?xml version="1.0"?><metadata>${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}</metadata>`, /nested deeper than 32/],
    ['<?xml version="1.0"?><metadata packages="1"><package><name>x</name></metadata>', /closes <package>/],
    ['<?xml version="1.0"?><metadata packages="2"><package type="rpm"><name>x</name></package></metadata>', /declares 2 packages but holds 1/],
  ];
  for (const [xml, pattern] of cases) {
    const r = handRepo();
    writeHandmadeRepo(r.dir, xml);
    await rejects(syncRepository(r.url, quick(r.cache)), pattern);
    assert.equal(readCachedIndex(r.cache, r.url).state, 'missing');
  }
});

test('a corrupt or older-format cache is detected and rebuilt, though the revision is unchanged', async () => {
  const r = handRepo();
  writeHandmadeRepo(r.dir, primaryXmlOf(20));
  await syncRepository(r.url, quick(r.cache));
  const file = cacheFileFor(r.cache, r.url);
  const good = fs.readFileSync(file);
  fs.writeFileSync(file, good.subarray(0, good.length - 7));
  assert.deepEqual(readCachedIndex(r.cache, r.url), { state: 'invalid', reason: 'truncated index' });
  const corrupt = Buffer.from(good);
  corrupt.fill(0xff, good.length - 400, good.length - 200);
  fs.writeFileSync(file, corrupt);
  const read = readCachedIndex(r.cache, r.url);
  assert.equal(read.state, 'invalid');
  const old = Buffer.from(good);
  old.writeUInt32LE(0, 8);
  fs.writeFileSync(file, old);
  assert.match((readCachedIndex(r.cache, r.url) as { reason: string }).reason, /index format 0, expected/);
  assert.equal((await syncRepository(r.url, quick(r.cache))).status, 'updated');
  assert.equal(loaded(r.cache, r.url).meta.packageCount, 20);
});

test('two processes syncing the same repository at once both succeed and leave one whole index', async () => {
  const r = handRepo();
  writeHandmadeRepo(r.dir, primaryXmlOf(3000), { compression: 'zst' });
  const runSync = (): Promise<number> => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), 'repo', 'sync', '--force', '--only-repos', '--repo', r.url, '--cache', r.cache], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  assert.deepEqual(await Promise.all([runSync(), runSync(), runSync()]), [0, 0, 0]);
  assert.deepEqual(fs.readdirSync(r.cache).filter((f) => f.endsWith('.tmp')), []);
  assert.equal(loaded(r.cache, r.url).meta.packageCount, 3000);
});

test('cancelling stops the download and keeps the cache as it was', async () => {
  const r = handRepo();
  writeHandmadeRepo(r.dir, primaryXmlOf(20000), { compression: 'none' });
  const ac = new AbortController();
  let progress = 0;
  await rejects(syncRepository(r.url, quick(r.cache, { signal: ac.signal, onProgress: (p) => {
    if (p.phase === 'primary' && ++progress === 1) ac.abort();
  } })), /cancelled/);
  assert.equal(readCachedIndex(r.cache, r.url).state, 'missing');
});

test('syncs leave no listener on the caller\'s signal: a server syncing for weeks never piles them up', async () => {
  // The server passes one signal to every repository of a refresh; each request, each retry's wait and each
  // download used to add an abort listener to it and leave it there (Node warns past ten).
  const ac = new AbortController();
  const url = `${server.base}bin-gz`;
  const cache = path.join(work, 'cache-listeners');
  assert.equal((await syncRepository(url, quick(cache, { signal: ac.signal }))).status, 'updated');
  assert.equal((await syncRepository(url, quick(cache, { signal: ac.signal }))).status, 'unchanged');
  assert.equal((await syncRepository(fixture.binaryRepo('zstd'), quick(path.join(work, 'cache-listeners-dir'), { signal: ac.signal }))).status, 'updated');
  const r = handRepo();
  writeHandmadeRepo(r.dir, primaryXmlOf(3));
  hand.faults.push({ match: new RegExp(`^/${path.basename(r.dir)}/`), status: 503 });
  await rejects(syncRepository(r.url, quick(r.cache, { signal: ac.signal })), /HTTP 503/);
  hand.faults.length = 0;
  assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
});

test('filelists: the same file index from every compression; a damaged one is refused, not used, and rebuilt', async () => {
  const keys: string[] = [];
  for (const c of ['gz', 'xz', 'bz2', 'zstd'] as const) {
    const url = `${server.base}bin-${c}`;
    const cache = path.join(work, `cache-files-${c}`);
    const res = await syncRepository(url, { cacheDir: cache, filelists: true });
    assert.equal(res.filelists?.status, 'updated', c);
    keys.push(FileListIndex.decode(fs.readFileSync(fileListCacheFor(cache, url))).meta.keysSha256);
  }
  for (const k of keys.slice(1)) assert.equal(k, keys[0]);
  const url = `${server.base}bin-gz`;
  const cache = path.join(work, 'cache-files-gz');
  const file = fileListCacheFor(cache, url);
  const outside = '/usr/share/glib-demo/data.txt';
  assert.equal((await loadPackageIndex(cache, [url], { filelists: true })).index.capabilityStatus(outside).status, 'provided');
  const damaged = fs.readFileSync(file);
  damaged.writeUInt8((damaged.readUInt8(damaged.length - 3) ^ 0x55) & 0xff, damaged.length - 3);
  fs.writeFileSync(file, damaged);
  const broken = await loadPackageIndex(cache, [url], { filelists: true });
  assert.equal(broken.repos[0]?.fileList?.state, 'invalid');
  assert.match(broken.repos[0]?.fileList && 'reason' in broken.repos[0].fileList ? broken.repos[0].fileList.reason : '', /checksum mismatch/);
  // Without a usable file list, a path outside primary's rule is back to "not checked", never "unknown".
  assert.equal(broken.index.capabilityStatus(outside).status, 'not-checked');
  assert.equal(broken.index.capabilityStatus('/usr/share/nothing/here').status, 'not-checked');
  fs.writeFileSync(file, damaged.subarray(0, damaged.length - 8));
  assert.equal((await loadPackageIndex(cache, [url], { filelists: true })).repos[0]?.fileList?.state, 'invalid');
  // The primary is unchanged, the file list is rebuilt.
  const again = await syncRepository(url, { cacheDir: cache, filelists: true });
  assert.equal(again.status, 'unchanged');
  assert.equal(again.filelists?.status, 'updated');
  assert.equal((await loadPackageIndex(cache, [url], { filelists: true })).index.capabilityStatus(outside).status, 'provided');
});

test('filelists: a file list built for another primary is not used', async () => {
  const url = `${server.base}bin-zstd`;
  const cache = path.join(work, 'cache-files-stale');
  await syncRepository(url, { cacheDir: cache, filelists: true });
  const file = fileListCacheFor(cache, url);
  const bytes = fs.readFileSync(file);
  const len = bytes.readUInt32LE(8);
  const header = bytes.toString('utf8', 12, 12 + len).replace(/"primaryChecksum":"sha256:[0-9a-f]/, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0'));
  Buffer.from(header, 'utf8').copy(bytes, 12);
  fs.writeFileSync(file, bytes);
  const stale = await loadPackageIndex(cache, [url], { filelists: true });
  assert.equal(stale.repos[0]?.fileList?.state, 'stale');
  assert.equal(stale.index.hasFileLists, false);
  assert.equal((await syncRepository(url, { cacheDir: cache, filelists: true })).filelists?.status, 'updated');
});

test('filelists: two processes syncing with --filelists at once both succeed and leave one whole file list', async () => {
  const url = `${server.base}bin-xz`;
  const cache = path.join(work, 'cache-files-race');
  const runSync = (): Promise<number> => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), 'repo', 'sync', '--force', '--filelists', '--only-repos', '--repo', url, '--cache', cache], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  assert.deepEqual(await Promise.all([runSync(), runSync(), runSync()]), [0, 0, 0]);
  assert.deepEqual(fs.readdirSync(cache).filter((f) => f.endsWith('.tmp')), []);
  const after = await loadPackageIndex(cache, [url], { filelists: true });
  assert.equal(after.repos[0]?.fileList?.state, 'loaded');
  assert.equal(after.index.capabilityStatus('/usr/include/glib-demo.h').status, 'provided');
});
