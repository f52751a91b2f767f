// localCheckouts: a dist-git checkout already on disk (`<dir>/<pkg>/`) answers instead of the network — with the
// same commit rules, reading the checkout without changing it — while packages without a checkout still go to
// dist-git. The configured base URI points at a closed port, so any network use would fail the test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveUpstreamSource, type UpstreamResult } from '../../../server/src/core/upstream/distGit';
import { closedPort } from './gitHttpServer';
import { SPEC, startWorld, type World } from './upstreamFixture';
import { tempDir } from '../../support/paths';

const T = { timeout: 30_000 };

function expectOk(r: UpstreamResult) {
  if (!r.ok) assert.fail(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe('resolveUpstreamSource: local checkouts', () => {
  let w: World;
  let checkouts: string;
  let deadBase: string;
  before(async () => {
    w = await startWorld();
    checkouts = tempDir('upstream-checkouts-');
    // Like `fedpkg clone foo`: the default branch checked out locally, f43 only as origin/f43.
    git(checkouts, ['clone', '--quiet', path.join(w.root, 'rpms', 'foo.git'), 'foo']);
    // A local edit and an uncommitted file must not leak into the answer.
    fs.writeFileSync(path.join(checkouts, 'foo', 'foo.spec'), 'edited\n');
    fs.writeFileSync(path.join(checkouts, 'foo', 'scratch.txt'), 'x');
    fs.mkdirSync(path.join(checkouts, 'plain'));
    fs.writeFileSync(path.join(checkouts, 'plain', 'plain.spec'), 'Name: plain\n');
    deadBase = `http://127.0.0.1:${await closedPort()}/rpms/$pkg.git`;
  });
  after(async () => {
    fs.rmSync(checkouts, { recursive: true, force: true });
    await w.close();
  });
  const ref = (extra: { pkg?: string; branch?: string; commit?: string; snapshot?: string } = {}) => ({ pkg: 'foo', baseUri: deadBase, branch: 'f43', ...extra });

  test('tip, snapshot and pinned commit from the checkout, with no network', T, async () => {
    const cacheDir = w.cache();
    const options = { cacheDir, localCheckouts: [path.join(checkouts, 'missing-root'), checkouts] };
    const requests = w.server.requests.length;
    const tip = expectOk(await resolveUpstreamSource(ref(), options));
    assert.equal(tip.commit, w.foo.c3);
    assert.equal(tip.origin, path.join(checkouts, 'foo'));
    assert.equal(fs.readFileSync(tip.specPath, 'utf8'), SPEC('3'));
    assert.deepEqual(tip.files, ['files/foo.conf', 'foo.spec', 'sources']);
    assert.ok(!tip.dir.startsWith(path.join(checkouts, 'foo')), 'an exported tree, not the work tree');
    assert.equal(expectOk(await resolveUpstreamSource(ref({ snapshot: '2025-02-20T00:00:00Z' }), options)).commit, w.foo.c2);
    assert.equal(expectOk(await resolveUpstreamSource(ref({ branch: 'rawhide' }), options)).commit, w.foo.c4);
    const pinned = expectOk(await resolveUpstreamSource(ref({ commit: w.foo.c1.slice(0, 9) }), options));
    assert.equal(pinned.commit, w.foo.c1);
    assert.equal(fs.readFileSync(pinned.specPath, 'utf8'), SPEC('1'));
    assert.equal(w.server.requests.length, requests);
  });

  test('the checkout is left as it was', T, async () => {
    const foo = path.join(checkouts, 'foo');
    const status = git(foo, ['status', '--porcelain']);
    const head = git(foo, ['rev-parse', 'HEAD']);
    expectOk(await resolveUpstreamSource(ref({ commit: w.foo.c2 }), { cacheDir: w.cache(), localCheckouts: [checkouts] }));
    assert.equal(git(foo, ['status', '--porcelain']), status);
    assert.equal(git(foo, ['rev-parse', 'HEAD']), head);
    assert.equal(fs.readFileSync(path.join(foo, 'foo.spec'), 'utf8'), 'edited\n');
  });

  test('a commit or branch the checkout lacks is reported against the checkout, without going to the network', T, async () => {
    const options = { cacheDir: w.cache(), localCheckouts: [checkouts] };
    const commit = await resolveUpstreamSource(ref({ commit: '0123456789abcdef0123456789abcdef01234567' }), options);
    assert.ok(!commit.ok);
    assert.equal(commit.code, 'bad-commit');
    assert.match(commit.message, /is not in the local checkout .*foo of package 'foo' — run git fetch there/);
    const branch = await resolveUpstreamSource(ref({ branch: 'f99' }), options);
    assert.ok(!branch.ok);
    assert.equal(branch.code, 'not-found');
    assert.match(branch.message, /has no branch 'f99' \(nor origin\/f99\)/);
    const early = await resolveUpstreamSource(ref({ snapshot: '2020-01-01T00:00:00Z' }), options);
    assert.ok(!early.ok);
    assert.equal(early.code, 'no-commit-before-snapshot');
  });

  test('a folder that is not a git checkout is reported, not silently skipped', T, async () => {
    const r = await resolveUpstreamSource(ref({ pkg: 'plain' }), { cacheDir: w.cache(), localCheckouts: [checkouts] });
    assert.ok(!r.ok);
    assert.equal(r.code, 'not-found');
    assert.match(r.message, /the local checkout .*plain of package 'plain' is not a git repository .* — clone it there with git or fedpkg, or remove its folder from distroToml.upstream.localCheckouts/);
  });

  test('local checkouts are read with git too: without it, git-missing', T, async () => {
    const r = await resolveUpstreamSource(ref(), { cacheDir: w.cache(), localCheckouts: [checkouts], git: path.join(checkouts, 'no-git-here') });
    assert.ok(!r.ok);
    assert.equal(r.code, 'git-missing');
  });

  test('a package with no checkout goes to dist-git', T, async () => {
    const r = expectOk(await resolveUpstreamSource({ pkg: 'foo', baseUri: w.server.baseUri, branch: 'f43' }, { cacheDir: w.cache(), localCheckouts: [path.join(checkouts, 'plain')] }));
    assert.equal(r.origin, w.server.url('foo'));
    assert.ok(w.server.requests.length > 0);
  });
});
