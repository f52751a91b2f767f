// A dist-git tree is data from the network: a symbolic link in it (`leak -> /etc/passwd`, `up -> ../../x`, or a
// link to such a link) must never be followed when the exported tree is read. Links that stay inside the tree are
// kept. Served over HTTP on loopback and through a local checkout, like the other upstream tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSpecProvider } from '../../../server/src/core/render';
import { resolveUpstreamSource, type UpstreamResult } from '../../../server/src/core/upstream/distGit';
import { UpstreamRepo } from './gitHttpServer';
import { startWorld, type World } from './upstreamFixture';
import { tempDir } from '../../support/paths';

const T = { timeout: 30_000 };
const SECRET = 'secret outside the tree\n';

function expectOk(r: UpstreamResult) {
  if (!r.ok) assert.fail(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

describe('upstream trees with symbolic links', () => {
  let w: World;
  let secret: string;
  before(async () => {
    secret = path.join(tempDir('upstream-secret-'), 'secret');
    fs.writeFileSync(secret, SECRET);
    w = await startWorld((root) => {
      const r = new UpstreamRepo(root, 'leaky');
      fs.symlinkSync(secret, path.join(r.work, 'leak'));
      fs.symlinkSync('leak', path.join(r.work, 'hop'));
      fs.mkdirSync(path.join(r.work, 'sub'));
      fs.symlinkSync('../../../../../../../../../..' + secret, path.join(r.work, 'sub', 'up'));
      fs.symlinkSync('../leaky.conf', path.join(r.work, 'sub', 'inside'));
      fs.symlinkSync('missing', path.join(r.work, 'dangling'));
      r.commit('2025-01-01T00:00:00Z', { 'leaky.spec': 'Name: leaky\nSource0: leak\nSource1: hop\nSource2: sub\n', 'leaky.conf': 'conf\n' });
      r.branch('f43');
      r.push();
      r.dispose();
    });
  });
  after(async () => {
    fs.rmSync(path.dirname(secret), { recursive: true, force: true });
    await w.close();
  });

  test('links leaving the tree are dropped from the export; links inside it are kept', T, async () => {
    const got = expectOk(await resolveUpstreamSource({ pkg: 'leaky', baseUri: w.server.baseUri, branch: 'f43' }, { cacheDir: w.cache() }));
    assert.deepEqual(got.files, ['leaky.conf', 'leaky.spec', 'sub/inside']);
    for (const name of ['leak', 'hop', 'sub/up', 'dangling']) assert.equal(fs.existsSync(path.join(got.dir, name)), false, name);
    assert.equal(fs.readFileSync(path.join(got.dir, 'sub', 'inside'), 'utf8'), 'conf\n');
    assert.deepEqual(got.droppedLinks, ['dangling', 'hop', 'leak', 'sub/up']);
  });

  test('a render never reads through a link: the spec provider sees no secret', T, async () => {
    const cacheDir = w.cache();
    const specs = createSpecProvider({ upstream: (ref) => resolveUpstreamSource(ref, { cacheDir }) });
    const tree = await specs({ component: 'leaky', kind: 'upstream', ref: { pkg: 'leaky', baseUri: w.server.baseUri, branch: 'f43' } });
    assert.ok(tree.ok);
    for (const name of tree.tree.files.list()) assert.notEqual(Buffer.from(tree.tree.files.read(name) ?? []).toString(), SECRET, name);
    assert.equal(tree.tree.files.read('leak'), undefined);
  });

  test('the same from a local checkout (and an export reused from the cache is checked again)', T, async () => {
    const checkouts = tempDir('upstream-checkouts-');
    try {
      const r = spawnSync('git', ['clone', '--quiet', '--branch', 'f43', path.join(w.root, 'rpms', 'leaky.git'), 'leaky'], { cwd: checkouts });
      assert.equal(r.status, 0, String(r.stderr));
      const cacheDir = w.cache();
      const options = { cacheDir, localCheckouts: [checkouts] };
      const ref = { pkg: 'leaky', baseUri: w.server.baseUri, branch: 'f43' };
      const first = expectOk(await resolveUpstreamSource(ref, options));
      assert.deepEqual(first.files, ['leaky.conf', 'leaky.spec', 'sub/inside']);
      // A cached export from an older version still holding the link: reused, but the link goes.
      fs.symlinkSync(secret, path.join(first.dir, 'leak'));
      const again = expectOk(await resolveUpstreamSource(ref, options));
      assert.equal(again.dir, first.dir);
      assert.equal(fs.existsSync(path.join(again.dir, 'leak')), false);
      assert.deepEqual(again.files, ['leaky.conf', 'leaky.spec', 'sub/inside']);
    } finally {
      fs.rmSync(checkouts, { recursive: true, force: true });
    }
  });

  test('a package name holding a path never picks a checkout outside the localCheckouts folder', T, async () => {
    const base = tempDir('upstream-checkouts-');
    try {
      fs.mkdirSync(path.join(base, 'allowed'));
      const r = spawnSync('git', ['clone', '--quiet', '--branch', 'f43', path.join(w.root, 'rpms', 'leaky.git'), 'outside'], { cwd: base });
      assert.equal(r.status, 0, String(r.stderr));
      const got = await resolveUpstreamSource(
        { pkg: '../outside', baseUri: 'http://127.0.0.1:9/rpms/$pkg.git', branch: 'f43' },
        { cacheDir: w.cache(), localCheckouts: [path.join(base, 'allowed')], timeoutMs: 5_000 },
      );
      assert.ok(!got.ok, 'not answered from base/outside');
      assert.notEqual(got.code, 'not-found');
      assert.ok(!got.message.includes(path.join(base, 'outside')), got.message);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
