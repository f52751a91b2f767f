// The package index's sync on a worker thread of its own (packageSyncThread.ts, packageSyncWorker.ts), started on the
// built server (dist/server.js) as the language server starts it: it syncs real repositories over loopback HTTP into
// the cache (a createrepo_c repository with a zstd primary, a hand-made one with gzip) and reports progress; a
// cancelled sync stops downloading and answers at once; a worker that fails, runs out of its heap or ignores the
// cancellation never leaves the sync unanswered, and says why for each repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SyncProgress } from '../../../server/src/core/packages/fetchRepo';
import { cacheFileFor } from '../../../server/src/core/packages/indexCache';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import { failureOf } from '../../../server/src/core/packages/packageIndexRefresh';
import { syncOnWorkerThread } from '../../../server/src/packageSyncThread';
import { primaryXmlOf, writeHandmadeRepo } from '../../support/handmadeRepo';
import { DIST, tempDir } from '../../support/paths';
import { serveDirectory, type RepoHttpServer } from '../../support/repoHttpServer';
import { buildRpmFixture } from '../../support/rpmRepoFixture';
import { FIXTURE_SPECS } from '../packages/fixturePackages';

const SERVER_SCRIPT = path.join(DIST, 'server.js');

describe('the package index sync on a worker thread', () => {
  let work = '';
  let served: RepoHttpServer;
  const logs: string[] = [];
  const sync = syncOnWorkerThread({ script: SERVER_SCRIPT, log: (m) => logs.push(m) });

  before(async () => {
    work = tempDir('distro-toml-sync-thread-');
    fs.cpSync(path.join(buildRpmFixture(FIXTURE_SPECS).dir, 'bin-zstd'), path.join(work, 'served', 'bin-zstd'), { recursive: true });
    writeHandmadeRepo(path.join(work, 'served', 'handmade'), primaryXmlOf(500));
    served = await serveDirectory(path.join(work, 'served'));
  });
  after(async () => {
    await served?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('syncs repositories over HTTP into the cache, with progress, and the index loads', async () => {
    const cacheDir = path.join(work, 'cache');
    const urls = [`${served.base}bin-zstd`, `${served.base}handmade`];
    const progress: SyncProgress[] = [];
    const results = await sync(urls, { cacheDir, force: false, filelists: false, onProgress: (p) => progress.push(p) });
    assert.deepEqual(results.map((r) => [r.repo, r.status]), urls.map((u) => [u, 'updated']), JSON.stringify(results));
    for (const url of urls) assert.ok(fs.existsSync(cacheFileFor(cacheDir, url)), url);
    for (const url of urls) assert.ok(progress.some((p) => p.repo === url && p.phase === 'primary' && p.bytes > 0), `progress of ${url}'s primary: ${JSON.stringify(progress.slice(0, 5))}`);
    const loaded = await loadPackageIndex(cacheDir, urls);
    assert.ok(loaded.index.hasSource('pkg7'), 'a package of the hand-made repository');
    assert.equal(loaded.index.packageCount, loaded.repos.reduce((n, r) => n + (r.packageCount ?? 0), 0));
    assert.ok(loaded.repos.every((r) => r.state === 'loaded'), JSON.stringify(loaded.repos));
    // Asked again, nothing changed upstream: each is unchanged, and nothing but repomd.xml is downloaded.
    const before = served.requests.length;
    const again = await sync(urls, { cacheDir, force: false, filelists: false });
    assert.deepEqual(again.map((r) => r.status), ['unchanged', 'unchanged']);
    assert.deepEqual(served.requests.slice(before).sort(), urls.map((u) => `${new URL(u).pathname}/repodata/repomd.xml`).sort());
  });

  it('a repository that fails is that repository\'s outcome, said once, and the others sync', async () => {
    const cacheDir = path.join(work, 'cache-failing');
    const urls = [`${served.base}no-such-repo`, `${served.base}handmade`];
    const results = await sync(urls, { cacheDir, force: false, filelists: false });
    assert.equal(results[0]?.status, 'failed');
    assert.match(failureOf(results[0] as { repo: string; error: string }), new RegExp(`^${urls[0]}: .*404`));
    assert.equal(results[1]?.status, 'updated');
  });

  it('a cancelled sync stops downloading and answers at once', async () => {
    // A server that sends the first 64 KiB of primary and then nothing more.
    const repo = path.join(work, 'stalling');
    writeHandmadeRepo(repo, primaryXmlOf(4000), { compression: 'none' });
    let closed = false;
    const stalling = http.createServer((req, res) => {
      const file = path.join(repo, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'content-length': body.length });
      if (!file.endsWith('repomd.xml')) {
        req.socket.on('close', () => (closed = true));
        res.write(body.subarray(0, 65536));
        return;
      }
      res.end(body);
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/`;
      const ac = new AbortController();
      const started = Date.now();
      let downloading = false;
      // Cancelled once primary's first bytes arrived (or after 10 s, so that a sync without progress fails here, not hangs).
      const late = setTimeout(() => ac.abort(), 10_000);
      const results = await sync([url], { cacheDir: path.join(work, 'cache-cancelled'), force: false, filelists: false, signal: ac.signal, onProgress: (p) => p.phase === 'primary' && ((downloading = true), ac.abort()) });
      clearTimeout(late);
      assert.ok(downloading, 'primary\'s download had begun');
      assert.equal(results[0]?.status, 'failed');
      assert.match((results[0] as { error: string }).error, /cancelled/);
      assert.ok(Date.now() - started < 20_000, 'answered without waiting for the stalled download');
      for (let waited = 0; !closed && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      assert.ok(closed, 'the download\'s connection was closed');
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it('a worker that fails at its start fails every repository, in words', async () => {
    const script = path.join(work, 'throws.js');
    fs.writeFileSync(script, 'throw new Error("the worker could not load");\n');
    const urls = [`${served.base}handmade`, `${served.base}bin-zstd`];
    const results = await syncOnWorkerThread({ script, log: () => undefined })(urls, { cacheDir: path.join(work, 'cache-throws'), force: false, filelists: false });
    assert.deepEqual(results.map((r) => r.status), ['failed', 'failed']);
    for (const r of results) assert.match(failureOf(r as { repo: string; error: string }), /: the sync's worker failed: the worker could not load$/);
  });

  it('a worker that runs out of its heap fails the sync with the limit named, and the next sync runs', async () => {
    const big = path.join(work, 'served', 'big');
    writeHandmadeRepo(big, primaryXmlOf(20_000));
    const urls = [`${served.base}big`];
    const results = await syncOnWorkerThread({ script: SERVER_SCRIPT, log: () => undefined, maxHeapMb: 4 })(urls, { cacheDir: path.join(work, 'cache-oom'), force: false, filelists: false });
    assert.equal(results[0]?.status, 'failed', JSON.stringify(results));
    assert.match((results[0] as { error: string }).error, /^the sync ran out of memory \(its worker's heap limit is 4 MB\)$/);
    const next = await sync(urls, { cacheDir: path.join(work, 'cache-oom'), force: false, filelists: false });
    assert.equal(next[0]?.status, 'updated', JSON.stringify(next));
  });

  it('a worker that does not stop when cancelled is ended after the grace period', async () => {
    const script = path.join(work, 'deaf.js');
    fs.writeFileSync(script, 'setInterval(() => undefined, 1000);\n');
    const ac = new AbortController();
    const answer = syncOnWorkerThread({ script, log: () => undefined, abortGraceMs: 200 })([`${served.base}handmade`], { cacheDir: path.join(work, 'cache-deaf'), force: false, filelists: false, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const results = await answer;
    assert.deepEqual(results, [{ repo: `${served.base}handmade`, status: 'failed', error: 'cancelled' }]);
  });
});
