// Which commit resolveUpstreamSource picks, against real repositories over smart HTTP: the branch tip, a pinned
// commit (full, abbreviated, on another branch), and the snapshot rule azldev uses (git.go GetCommitHashBeforeDate:
// `git rev-list -1 --first-parent --before=<RFC 3339>` — committer dates, inclusive, first parents only).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readSpecFromCheckout, resolveUpstreamSource, type UpstreamResult } from '../../../server/src/core/upstream/distGit';
import { SPEC, startWorld, type World } from './upstreamFixture';

const T = { timeout: 30_000 };

function expectOk(r: UpstreamResult) {
  if (!r.ok) assert.fail(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

describe('resolveUpstreamSource: commit selection', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.close();
  });
  const ref = (extra: { branch?: string; commit?: string; snapshot?: string } = {}) => ({ pkg: 'foo', baseUri: w.server.baseUri, branch: extra.branch ?? 'f43', ...extra });

  test('branch tip: the commit, the spec and the sidecar files of f43', T, async () => {
    const r = expectOk(await resolveUpstreamSource(ref(), { cacheDir: w.cache() }));
    assert.equal(r.commit, w.foo.c3);
    assert.equal(r.origin, w.server.url('foo'));
    assert.deepEqual(r.files, ['files/foo.conf', 'foo.spec', 'sources']);
    assert.equal(r.specPath, path.join(r.dir, 'foo.spec'));
    assert.equal(fs.readFileSync(r.specPath, 'utf8'), SPEC('3'));
    assert.equal(fs.readFileSync(path.join(r.dir, 'files', 'foo.conf'), 'utf8'), 'conf\n');
    // Exactly the commit's files: no .git, nothing left from other commits.
    assert.deepEqual(fs.readdirSync(r.dir).sort(), ['files', 'foo.spec', 'sources']);
    const spec = await readSpecFromCheckout(r.dir, 'foo');
    assert.ok(spec.ok);
    assert.equal(spec.text, SPEC('3'));
  });

  test('branch tip of another branch (rawhide) from the same cache', T, async () => {
    const cacheDir = w.cache();
    expectOk(await resolveUpstreamSource(ref(), { cacheDir }));
    const r = expectOk(await resolveUpstreamSource(ref({ branch: 'rawhide' }), { cacheDir }));
    assert.equal(r.commit, w.foo.c4);
    assert.equal(fs.readFileSync(r.specPath, 'utf8'), SPEC('4'));
  });

  test('pinned full hash wins over the snapshot', T, async () => {
    const r = expectOk(await resolveUpstreamSource(ref({ commit: w.foo.c2, snapshot: '2025-12-31T00:00:00Z' }), { cacheDir: w.cache() }));
    assert.equal(r.commit, w.foo.c2);
    assert.equal(fs.readFileSync(r.specPath, 'utf8'), SPEC('2'));
    assert.deepEqual(r.files, ['foo-fix.patch', 'foo.spec', 'sources']);
  });

  test('pinned abbreviated hash (8 digits, upper case) resolves to the full hash', T, async () => {
    const r = expectOk(await resolveUpstreamSource(ref({ commit: w.foo.c1.slice(0, 8).toUpperCase() }), { cacheDir: w.cache() }));
    assert.equal(r.commit, w.foo.c1);
    assert.equal(fs.readFileSync(r.specPath, 'utf8'), SPEC('1'));
  });

  test('pinned commit that only another branch contains (azldev checks out any commit of the clone)', T, async () => {
    for (const commit of [w.foo.c4, w.foo.c4.slice(0, 10)]) {
      const r = expectOk(await resolveUpstreamSource(ref({ commit }), { cacheDir: w.cache() }));
      assert.equal(r.commit, w.foo.c4);
      assert.equal(fs.readFileSync(r.specPath, 'utf8'), SPEC('4'));
    }
  });

  const snapshotCases: Array<[string, keyof World['foo'] | 'none', string]> = [
    ['2024-12-31T23:59:59Z', 'none', 'before the first commit'],
    ['2025-01-01T00:00:00Z', 'c1', 'exactly at c1 (inclusive)'],
    ['2025-02-01T07:59:59Z', 'c1', 'one second before c2 (c2 is 08:00Z)'],
    ['2025-01-31T23:59:59-08:00', 'c1', 'one second before c2, in c2’s own offset'],
    ['2025-02-01T00:00:00-08:00', 'c2', 'exactly at c2 in -08:00'],
    ['2025-02-01T09:30:00+01:30', 'c2', 'after c2, written in +01:30'],
    ['2025-02-20T00:00:00Z', 'c2', 'after the side commit: first parents only, so c2 and not side'],
    ['2025-03-10T00:00:00Z', 'm', 'exactly at the merge'],
    ['2025-03-20T06:29:59Z', 'm', 'one second before c3 (c3 is 06:30Z)'],
    ['2025-03-20T12:00:00+05:30', 'c3', 'exactly at c3 in +05:30'],
    ['2025-03-20T06:30:00.999Z', 'c3', 'fraction dropped as Go’s time.Format(RFC3339) does'],
    ['2030-01-01T00:00:00Z', 'c3', 'long after: the tip'],
  ];

  test('snapshot: last first-parent commit at or before the date-time, offsets honoured', T, async () => {
    const cacheDir = w.cache();
    for (const [snapshot, want, why] of snapshotCases) {
      const r = await resolveUpstreamSource(ref({ snapshot }), { cacheDir });
      if (want === 'none') {
        assert.equal(r.ok, false, why);
        assert.ok(!r.ok);
        assert.equal(r.code, 'no-commit-before-snapshot', why);
        assert.match(r.message, /package 'foo' has no commit on branch f43 at or before the snapshot 2024-12-31T23:59:59Z \(its first commit is dated 2025-01-01T00:00:00\+00:00\)/);
        continue;
      }
      assert.equal(expectOk(r).commit, w.foo[want], `${snapshot}: ${why}`);
    }
  });

  test('the first-parent case discriminates: plain rev-list --before would pick the side commit', T, () => {
    const bare = path.join(w.root, 'rpms', 'foo.git');
    const plain = spawnSync('git', ['--git-dir', bare, 'rev-list', '-1', '--before=2025-02-20T00:00:00Z', 'f43'], { encoding: 'utf8' });
    assert.equal(plain.stdout.trim(), w.foo.side);
  });

  test('snapshot on rawhide selects along rawhide', T, async () => {
    const r = expectOk(await resolveUpstreamSource(ref({ branch: 'rawhide', snapshot: '2025-03-31T23:59:59Z' }), { cacheDir: w.cache() }));
    assert.equal(r.commit, w.foo.c1);
  });
});
