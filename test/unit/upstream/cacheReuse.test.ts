// The retrieval cache: a second call for the same package stays off the network (the server's request log proves
// it), a moved snapshot or an expired tip fetches into the same clone (a marker file inside the clone proves it
// was not re-cloned), concurrent calls are serialized into one clone, and a damaged clone is rebuilt.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveUpstreamSource, type UpstreamResult } from '../../../server/src/core/upstream/distGit';
import { cacheKey } from '../../../server/src/core/upstream/distGitCache';
import { startGitHttpServer, UpstreamRepo } from './gitHttpServer';
import { startWorld, type World } from './upstreamFixture';

const T = { timeout: 30_000 };

function expectOk(r: UpstreamResult) {
  if (!r.ok) assert.fail(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

describe('resolveUpstreamSource: cache', () => {
  let w: World;
  let moving: UpstreamRepo;
  before(async () => {
    w = await startWorld((root) => {
      moving = new UpstreamRepo(root, 'moving');
      moving.branch('f43');
      moving.commit('2025-01-01T00:00:00Z', { 'moving.spec': 'Version: 1\n' });
      moving.push();
    });
  });
  after(async () => {
    moving.dispose();
    await w.close();
  });
  const ref = (extra: { pkg?: string; commit?: string; snapshot?: string } = {}) => ({ pkg: 'foo', baseUri: w.server.baseUri, branch: 'f43', ...extra });
  const keyDir = (cacheDir: string, pkg = 'foo') => path.join(cacheDir, cacheKey(pkg, w.server.url(pkg)));

  test('a second call for the same package sends no request at all (tip, pinned, snapshot)', T, async () => {
    for (const extra of [{}, { commit: w.foo.c2 }, { commit: w.foo.c1.slice(0, 7) }, { snapshot: '2025-02-20T00:00:00Z' }]) {
      const cacheDir = w.cache();
      const first = expectOk(await resolveUpstreamSource(ref(extra), { cacheDir }));
      const before = w.server.requests.length;
      assert.ok(w.server.uploadPackPosts('foo').length > 0);
      // refreshAfterMs 0 would refresh a tip; a pinned commit on disk and a settled snapshot need nothing.
      const again = expectOk(await resolveUpstreamSource(ref(extra), { cacheDir, refreshAfterMs: 'snapshot' in extra || 'commit' in extra ? 0 : undefined }));
      assert.equal(w.server.requests.length, before, `no request for ${JSON.stringify(extra)}`);
      assert.equal(again.commit, first.commit);
      assert.equal(again.dir, first.dir);
    }
  });

  test('a pinned commit not yet on disk is fetched into the existing clone', T, async () => {
    const cacheDir = w.cache();
    expectOk(await resolveUpstreamSource(ref(), { cacheDir }));
    fs.writeFileSync(path.join(keyDir(cacheDir), 'repo.git', 'test-marker'), 'same clone');
    const r = expectOk(await resolveUpstreamSource(ref({ commit: w.foo.c4 }), { cacheDir }));
    assert.equal(r.commit, w.foo.c4);
    assert.ok(fs.existsSync(path.join(keyDir(cacheDir), 'repo.git', 'test-marker')), 'not re-cloned');
  });

  test('a new upstream commit is picked up when the snapshot moves; the old snapshot keeps its answer offline', T, async () => {
    const cacheDir = w.cache();
    const mref = (snapshot: string) => ({ pkg: 'moving', baseUri: w.server.baseUri, branch: 'f43', snapshot });
    const first = expectOk(await resolveUpstreamSource(mref('2025-06-01T00:00:00Z'), { cacheDir }));
    fs.writeFileSync(path.join(keyDir(cacheDir, 'moving'), 'repo.git', 'test-marker'), 'same clone');
    // Pushed after the cache was filled, dated between the old and the new snapshot.
    const later = moving.commit('2025-07-01T00:00:00Z', { 'moving.spec': 'Version: 2\n' });
    moving.push();
    let requests = w.server.requests.length;
    const same = expectOk(await resolveUpstreamSource(mref('2025-06-01T00:00:00Z'), { cacheDir, refreshAfterMs: 0 }));
    assert.equal(same.commit, first.commit);
    assert.equal(w.server.requests.length, requests, 'a settled snapshot is answered offline');
    const moved = expectOk(await resolveUpstreamSource(mref('2025-08-01T00:00:00Z'), { cacheDir, refreshAfterMs: 0 }));
    assert.equal(moved.commit, later);
    assert.equal(fs.readFileSync(moved.specPath, 'utf8'), 'Version: 2\n');
    assert.ok(w.server.uploadPackPosts('moving').length > 0);
    assert.ok(fs.existsSync(path.join(keyDir(cacheDir, 'moving'), 'repo.git', 'test-marker')), 'fetched, not re-cloned');
    // The first tree is untouched by the second export.
    assert.equal(fs.readFileSync(first.specPath, 'utf8'), 'Version: 1\n');
    requests = w.server.requests.length;
    expectOk(await resolveUpstreamSource(mref('2025-08-01T00:00:00Z'), { cacheDir, refreshAfterMs: 0 }));
    assert.equal(w.server.requests.length, requests, 'the moved snapshot is settled too');
  });

  test('the branch tip is refreshed only after refreshAfterMs', T, async () => {
    const cacheDir = w.cache();
    const tref = { pkg: 'moving', baseUri: w.server.baseUri, branch: 'f43' };
    const first = expectOk(await resolveUpstreamSource(tref, { cacheDir }));
    const newer = moving.commit('2025-09-01T00:00:00Z', { 'moving.spec': 'Version: 3\n' });
    moving.push();
    const requests = w.server.requests.length;
    const cached = expectOk(await resolveUpstreamSource(tref, { cacheDir }));
    assert.equal(cached.commit, first.commit, 'within the default five minutes the cached tip is used');
    assert.equal(w.server.requests.length, requests);
    const refreshed = expectOk(await resolveUpstreamSource(tref, { cacheDir, refreshAfterMs: 0 }));
    assert.equal(refreshed.commit, newer);
  });

  test('concurrent calls for one package make one clone and agree', T, async () => {
    const single = w.cache();
    let before = w.server.uploadPackPosts('foo').length;
    expectOk(await resolveUpstreamSource(ref(), { cacheDir: single }));
    const perCall = w.server.uploadPackPosts('foo').length - before;
    const cacheDir = w.cache();
    before = w.server.uploadPackPosts('foo').length;
    const results = await Promise.all(Array.from({ length: 6 }, () => resolveUpstreamSource(ref(), { cacheDir })));
    for (const r of results) assert.equal(expectOk(r).commit, w.foo.c3);
    assert.equal(w.server.uploadPackPosts('foo').length - before, perCall, 'the same traffic as one call');
    assert.deepEqual(fs.readdirSync(cacheDir).sort(), ['.locks', cacheKey('foo', w.server.url('foo'))].sort());
    assert.deepEqual(fs.readdirSync(path.join(cacheDir, '.locks')), [], 'locks released');
  });

  const damage: Array<[string, (repo: string, key: string, cacheDir: string) => void, boolean]> = [
    ['HEAD truncated', (repo) => fs.writeFileSync(path.join(repo, 'HEAD'), ''), true],
    ['objects deleted', (repo) => {
      fs.rmSync(path.join(repo, 'objects'), { recursive: true, force: true });
      fs.mkdirSync(path.join(repo, 'objects'));
    }, true],
    ['packs deleted, refs kept', (repo) => {
      for (const f of fs.readdirSync(path.join(repo, 'objects', 'pack'))) fs.rmSync(path.join(repo, 'objects', 'pack', f));
    }, true],
    ['state file garbled', (_repo, key) => fs.writeFileSync(path.join(key, 'state.json'), '{"url": 3'), true],
    ['clone folder gone, state left', (repo) => fs.rmSync(repo, { recursive: true, force: true }), true],
    ['an exported tree lost a file', (_repo, key) => {
      const trees = path.join(key, 'trees');
      for (const t of fs.readdirSync(trees)) fs.rmSync(path.join(trees, t, 'sources'), { force: true });
    }, false],
    ['a half-written clone and a stale lock left by a dead process', (_repo, key, cacheDir) => {
      fs.rmSync(key, { recursive: true, force: true });
      fs.mkdirSync(path.join(cacheDir, `.tmp-${path.basename(key)}-99999-dead`, 'objects'), { recursive: true });
      fs.mkdirSync(path.join(cacheDir, '.locks', `${path.basename(key)}.lock`), { recursive: true });
      fs.writeFileSync(path.join(cacheDir, '.locks', `${path.basename(key)}.lock`, 'owner.json'), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname() }));
    }, true],
  ];

  for (const [what, harm, reclones] of damage) {
    test(`damaged cache (${what}) is detected, ${reclones ? 're-cloned' : 'repaired'}, and still answers`, T, async () => {
      const cacheDir = w.cache();
      for (const extra of [{}, { snapshot: '2025-02-20T00:00:00Z' }, { commit: w.foo.c2 }]) {
        const good = expectOk(await resolveUpstreamSource(ref(extra), { cacheDir }));
        const marker = path.join(keyDir(cacheDir), 'repo.git', 'test-marker');
        fs.writeFileSync(marker, 'first clone');
        harm(path.join(keyDir(cacheDir), 'repo.git'), keyDir(cacheDir), cacheDir);
        const again = expectOk(await resolveUpstreamSource(ref(extra), { cacheDir }));
        assert.equal(fs.existsSync(marker), !reclones, reclones ? 'a new clone replaced the damaged one' : 'the clone was kept');
        assert.equal(again.commit, good.commit);
        assert.deepEqual(again.files, good.files);
        for (const f of again.files) assert.ok(fs.existsSync(path.join(again.dir, f)), `${f} present`);
      }
      assert.deepEqual(fs.readdirSync(cacheDir).filter((n) => n.startsWith('.tmp-')), [], 'no leftovers');
    });
  }

  test('a second server on the same cache: a different URL gets its own clone', T, async () => {
    const other = await startGitHttpServer(w.root);
    try {
      const cacheDir = w.cache();
      const a = expectOk(await resolveUpstreamSource(ref(), { cacheDir }));
      const b = expectOk(await resolveUpstreamSource({ pkg: 'foo', baseUri: other.baseUri, branch: 'f43' }, { cacheDir }));
      assert.equal(a.commit, b.commit);
      assert.notEqual(a.dir, b.dir);
      assert.ok(other.uploadPackPosts('foo').length > 0);
    } finally {
      await other.close();
    }
  });
});

describe('resolveUpstreamSource: offline (what the editor uses while typing)', () => {
  let w: World;
  before(async () => {
    w = await startWorld(() => undefined);
  });
  after(async () => {
    await w.close();
  });
  const ref = (extra: { commit?: string; snapshot?: string } = {}) => ({ pkg: 'foo', baseUri: w.server.baseUri, branch: 'f43', ...extra });

  test('answers from the cache without a request, and says so when the cache does not hold the answer', T, async () => {
    const cacheDir = w.cache();
    const before = w.server.requests.length;
    const cold = await resolveUpstreamSource(ref(), { cacheDir, offline: true });
    assert.equal(cold.ok, false);
    assert.equal(!cold.ok && cold.code, 'network');
    assert.match(!cold.ok ? cold.message : '', /not in the upstream cache/);
    assert.equal(w.server.requests.length, before, 'offline sends nothing');

    const online = expectOk(await resolveUpstreamSource(ref({ snapshot: '2025-02-20T00:00:00Z' }), { cacheDir }));
    const afterFetch = w.server.requests.length;
    const again = expectOk(await resolveUpstreamSource(ref({ snapshot: '2025-02-20T00:00:00Z' }), { cacheDir, offline: true, refreshAfterMs: 0 }));
    assert.deepEqual([again.commit, again.dir], [online.commit, online.dir]);
    // A commit the clone holds but whose files were never written out would need the server: refused offline.
    const other = await resolveUpstreamSource(ref({ commit: w.foo.c1 }), { cacheDir, offline: true });
    assert.equal(other.ok, false);
    assert.equal(w.server.requests.length, afterFetch, 'offline sends nothing');
  });
});
