// Every way an upstream retrieval fails, each with its code and a message that names the package, the URL and
// what to do — against a real HTTP git server, a closed port, a server that never answers, and a missing git.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readSpecFromCheckout, resolveUpstreamSource, type UpstreamResult } from '../../../server/src/core/upstream/distGit';
import { closedPort, processesMentioning, startGitHttpServer, startSilentServer, UpstreamRepo } from './gitHttpServer';
import { startWorld, type World } from './upstreamFixture';

const T = { timeout: 30_000 };

function expectFail(r: UpstreamResult, code: string) {
  if (r.ok) assert.fail(`expected ${code}, got success at ${r.commit}`);
  assert.equal(r.code, code, r.message);
  return r;
}

describe('resolveUpstreamSource: failures', () => {
  let w: World;
  let atCommit: string;
  before(async () => {
    w = await startWorld((root) => {
      const renamed = new UpstreamRepo(root, 'renamed');
      renamed.branch('f43');
      renamed.commit('2025-01-01T00:00:00Z', { 'other.spec': 'Name: other\n' });
      renamed.push();
      renamed.dispose();
      // Fedora's "at" carries a gitlink with no .gitmodules; azldev drops it (sourceprep.go removeSubmoduleEntries).
      const at = new UpstreamRepo(root, 'at');
      at.branch('f43');
      at.commit('2025-01-01T00:00:00Z', { 'at.spec': 'Name: at\n' });
      spawnSync('git', ['update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},bogus-submodule`], { cwd: at.work });
      atCommit = at.commit('2025-01-02T00:00:00Z', {});
      at.push();
      at.dispose();
      const plus = new UpstreamRepo(root, 'libsigc++20');
      plus.branch('f43');
      plus.commit('2025-01-01T00:00:00Z', { 'libsigc++20.spec': 'Name: libsigc++20\n' });
      plus.push();
      plus.dispose();
    });
  });
  after(async () => {
    await w.close();
  });
  const ref = (extra: { pkg?: string; branch?: string; commit?: string; snapshot?: string; baseUri?: string } = {}) => ({
    pkg: 'foo',
    baseUri: w.server.baseUri,
    branch: 'f43',
    ...extra,
  });

  test('unknown package → not-found, naming the package and the URL', T, async () => {
    const r = expectFail(await resolveUpstreamSource(ref({ pkg: 'no-such-package' }), { cacheDir: w.cache() }), 'not-found');
    assert.match(r.message, /^package 'no-such-package' not found at http:\/\/127\.0\.0\.1:\d+\/rpms\/no-such-package\.git /);
    assert.match(r.message, /check the component name or its upstream-name/);
  });

  test('unknown branch → not-found, naming the branch', T, async () => {
    const r = expectFail(await resolveUpstreamSource(ref({ branch: 'f99' }), { cacheDir: w.cache() }), 'not-found');
    assert.match(r.message, /package 'foo' has no branch 'f99' at http:\/\/127\.0\.0\.1:\d+\/rpms\/foo\.git — check dist-git-branch/);
  });

  test('unknown pinned commit → bad-commit (full and abbreviated)', T, async () => {
    for (const commit of ['0123456789abcdef0123456789abcdef01234567', 'abcdef0']) {
      const r = expectFail(await resolveUpstreamSource(ref({ commit }), { cacheDir: w.cache() }), 'bad-commit');
      assert.match(r.message, new RegExp(`commit ${commit} is not in package 'foo' at http://127\\.0\\.0\\.1:\\d+/rpms/foo\\.git`));
    }
  });

  test('malformed inputs are refused before any git runs', T, async () => {
    const before = w.server.requests.length;
    const cases: Array<[Partial<ReturnType<typeof ref>>, string, RegExp]> = [
      [{ commit: 'xyz' }, 'bad-commit', /upstream-commit 'xyz' for package 'foo' is not a git commit hash \(7 to 40 hex digits\)/],
      [{ commit: 'abc123' }, 'bad-commit', /7 to 40 hex digits/],
      [{ snapshot: '2025-02-01' }, 'bad-ref', /snapshot '2025-02-01' for package 'foo' is not an RFC 3339 date-time/],
      [{ snapshot: '2025-02-30T00:00:00Z' }, 'bad-ref', /not an RFC 3339/],
      [{ branch: '--upload-pack=evil' }, 'bad-ref', /dist-git branch '--upload-pack=evil' for package 'foo' is not a valid git branch name/],
      [{ pkg: '' }, 'bad-ref', /the upstream package name is empty/],
      [{ pkg: 'a$pkg' }, 'bad-ref', /contains the placeholder/],
      [{ baseUri: 'src.fedoraproject.org/rpms/$pkg.git' }, 'bad-ref', /is not an absolute URL \(it has no scheme\)/],
    ];
    for (const [extra, code, message] of cases) {
      const r = expectFail(await resolveUpstreamSource(ref(extra), { cacheDir: w.cache(), git: '/nonexistent/git' }), code);
      assert.match(r.message, message);
    }
    assert.equal(w.server.requests.length, before);
  });

  test('a dist-git on this machine (file://, a real repository outside the project) is never cloned', T, async () => {
    const cache = w.cache();
    const r = expectFail(await resolveUpstreamSource(ref({ baseUri: `file://${path.join(w.root, 'rpms')}/$pkg.git` }), { cacheDir: cache }), 'bad-ref');
    assert.match(r.message, /file:\/\/.*foo\.git' \(from dist-git-base-uri .*\) is not fetched: only http\(s\), ssh and git URLs are/);
    assert.deepEqual(fs.readdirSync(cache), [], 'nothing was cloned into the cache');
  });

  test('server down (closed port) → network, naming the URL', T, async () => {
    const port = await closedPort();
    const baseUri = `http://127.0.0.1:${port}/rpms/$pkg.git`;
    const r = expectFail(await resolveUpstreamSource(ref({ baseUri }), { cacheDir: w.cache() }), 'network');
    assert.match(r.message, new RegExp(`^cannot reach http://127\\.0\\.0\\.1:${port}/rpms/foo\\.git for package 'foo' \\(branch f43\\): .*(connect|refused)`, 'i'));
  });

  test('server down after caching: the cached branch is used with a warning; a missing pinned commit fails', T, async () => {
    const transient = await startGitHttpServer(w.root);
    const cacheDir = w.cache();
    const tref = ref({ baseUri: transient.baseUri });
    const first = await resolveUpstreamSource(tref, { cacheDir });
    assert.ok(first.ok);
    await transient.close();
    const offline = await resolveUpstreamSource(tref, { cacheDir, refreshAfterMs: 0 });
    if (!offline.ok) assert.fail(offline.message);
    assert.equal(offline.commit, first.commit);
    assert.match(offline.warning ?? '', /^cannot reach http:\/\/127\.0\.0\.1:\d+\/rpms\/foo\.git .*; using branch f43 as fetched at \d{4}-/);
    expectFail(await resolveUpstreamSource({ ...tref, commit: w.foo.c4 }, { cacheDir }), 'network');
  });

  test('git missing → git-missing, saying what to do', T, async () => {
    const r = expectFail(await resolveUpstreamSource(ref(), { cacheDir: w.cache(), git: '/nonexistent/bin/git' }), 'git-missing');
    assert.match(r.message, /^git is not installed \(cannot run '\/nonexistent\/bin\/git': .*\) — install git \(upstream specs are read with git, from dist-git and from local checkouts alike\)$/);
  });

  test('a server that never answers → timeout within the bound, and git is killed', T, async () => {
    const silent = await startSilentServer();
    try {
      const url = silent.baseUri.replace('$pkg', 'foo');
      const started = Date.now();
      const pending = resolveUpstreamSource(ref({ baseUri: silent.baseUri }), { cacheDir: w.cache(), timeoutMs: 1500 });
      // git is looked for until the clone gives up, not at a fixed moment: on a loaded machine git may take
      // longer than any fixed wait to start (700 ms failed at load ~10).
      let settled = false;
      void pending.then(() => (settled = true), () => (settled = true));
      let seen: number[] = [];
      while (!settled && !(seen = processesMentioning(url)).length) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.notDeepEqual(seen, [], 'git is waiting on the silent server');
      const r = expectFail(await pending, 'timeout');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1400 && elapsed < 6000, `took ${elapsed} ms`);
      assert.match(r.message, /^timed out after 1500 ms cloning package 'foo' \(branch f43\) from http:\/\/127\.0\.0\.1:\d+\/rpms\/foo\.git/);
      assert.deepEqual(processesMentioning(url), [], 'no git process left talking to the silent server');
    } finally {
      await silent.close();
    }
  });

  test('an aborted signal → cancelled', T, async () => {
    const silent = await startSilentServer();
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const r = expectFail(await resolveUpstreamSource(ref({ baseUri: silent.baseUri }), { cacheDir: w.cache(), signal: controller.signal }), 'cancelled');
      assert.match(r.message, /package 'foo'/);
    } finally {
      await silent.close();
    }
  });

  test('a repository without <pkg>.spec → not-found, listing the specs it has', T, async () => {
    const r = expectFail(await resolveUpstreamSource(ref({ pkg: 'renamed' }), { cacheDir: w.cache() }), 'not-found');
    assert.match(r.message, /package 'renamed' has no renamed\.spec in its root at commit [0-9a-f]{40} .*; it has other\.spec — check upstream-name/);
  });

  test('gitlink entries are left out, as azldev does', T, async () => {
    const r = await resolveUpstreamSource(ref({ pkg: 'at' }), { cacheDir: w.cache() });
    if (!r.ok) assert.fail(r.message);
    assert.equal(r.commit, atCommit);
    assert.deepEqual(r.files, ['at.spec']);
    assert.deepEqual(fs.readdirSync(r.dir), ['at.spec']);
  });

  test("package names are path-escaped like Go's url.PathEscape ('+' kept)", T, async () => {
    const r = await resolveUpstreamSource(ref({ pkg: 'libsigc++20' }), { cacheDir: w.cache() });
    if (!r.ok) assert.fail(r.message);
    assert.match(r.origin, /\/rpms\/libsigc\+\+20\.git$/);
    assert.ok(w.server.requests.some((q) => q.path === '/rpms/libsigc++20.git/info/refs'));
  });

  test('readSpecFromCheckout: a missing spec names the ones present', T, async () => {
    const dir = fs.mkdtempSync(path.join(w.root, 'tree-'));
    fs.writeFileSync(path.join(dir, 'other.spec'), 'x');
    const r = await readSpecFromCheckout(dir, 'foo');
    assert.ok(!r.ok);
    assert.equal(r.message, `no foo.spec in ${dir}; it has other.spec — azldev only uses foo.spec (set upstream-name if the package is named differently)`);
  });
});
