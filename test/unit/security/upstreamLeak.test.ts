// A hostile dist-git repository served over real HTTP: its tree holds a link `leak -> <a secret outside>`
// that the spec names as a source. Retrieval exports the tree with the link in it; the render's view of the
// tree lists the name but reads nothing through it, so the secret never reaches the rendered files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSpecProvider } from '../../../server/src/core/render';
import { resolveUpstreamSource } from '../../../server/src/core/upstream/distGit';
import { UpstreamRepo } from '../upstream/gitHttpServer';
import { startWorld, type World } from '../upstream/upstreamFixture';
import { tempDir } from '../../support/paths';

const SECRET = 'UPSTREAM-SECRET-' + process.pid;

describe('an upstream tree with a link out of it', () => {
  let w: World;
  let outside: string;
  before(async () => {
    outside = tempDir('distro-toml-outside-');
    fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET + '\n');
    w = await startWorld((root) => {
      const r = new UpstreamRepo(root, 'leaky');
      r.branch('f43');
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(r.work, 'leak'));
      r.commit('2025-01-01T00:00:00Z', { 'leaky.spec': 'Name: leaky\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\nSource0: leak\nSource1: ok.txt\n\n%description\nd\n', 'ok.txt': 'fine\n' });
      r.push();
      r.dispose();
    });
  });
  after(async () => {
    await w.close();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  test('reads nothing through the link (the export drops a link that leads out of the tree)', { timeout: 60_000 }, async () => {
    const options = { cacheDir: w.cache() };
    const provider = createSpecProvider({ upstream: (ref) => resolveUpstreamSource(ref, options) });
    const got = await provider({ component: 'leaky', kind: 'upstream', ref: { pkg: 'leaky', baseUri: w.server.baseUri, branch: 'f43' } });
    if (!got.ok) assert.fail(got.message);
    assert.deepEqual(got.tree.files.list().sort(), ['ok.txt']);
    assert.equal(new TextDecoder().decode(got.tree.files.read('ok.txt')), 'fine\n');
    assert.equal(got.tree.files.read('leak'), undefined);
  });
});
