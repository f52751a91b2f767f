// With `distroToml.upstream.fetch = false` an explicit Render Preview still reads what needs no network: a local
// checkout from `upstream.localCheckouts`, then the upstream cache an earlier preview (or the CLI) filled. Only
// when neither has the package does it say that fetching is off. Served by a real dist-git on loopback, whose
// request log proves nothing was fetched.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveUpstreamSource } from '../../server/src/core/upstream/distGit';
import { tempProject, tempDir } from '../support/paths';
import { fedoraProjectToml, startWorld, type World } from '../unit/upstream/upstreamFixture';
import { LspClient } from './lspClient';

const COMP = '[components.foo]\n\n[[components.foo.overlays]]\ntype = "spec-add-tag"\ntag = "Vendor"\nvalue = "Example"\n';

type View = { ok: boolean; spec?: string; upstreamSpec?: string; source?: string; errors: string[] };

describe('render preview with upstream.fetch = false', () => {
  let w: World;
  let dir: string;
  const clients: LspClient[] = [];
  before(async () => {
    w = await startWorld();
    dir = tempProject({
      'azldev.toml': fedoraProjectToml(w.server.baseUri),
      'comps/foo.comp.toml': COMP,
    });
  });
  after(async () => {
    clients.forEach((c) => c.kill());
    fs.rmSync(dir, { recursive: true, force: true });
    await w.close();
  });

  async function preview(settings: Record<string, unknown>, pushed?: Record<string, unknown>): Promise<View> {
    const client = new LspClient(settings);
    clients.push(client);
    await client.initialize(dir, settings);
    if (pushed) await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { distroToml: pushed } });
    const uri = client.open(path.join(dir, 'comps', 'foo.comp.toml'), COMP, 1);
    const view = await client.connection.sendRequest<View>('distroToml/render', { uri, component: 'foo' });
    await client.shutdown();
    return view;
  }

  it('reads a local checkout', { timeout: 60_000 }, async () => {
    const checkouts = tempDir('offline-checkouts-');
    try {
      const r = spawnSync('git', ['clone', '--quiet', path.join(w.root, 'rpms', 'foo.git'), 'foo'], { cwd: checkouts });
      assert.equal(r.status, 0, String(r.stderr));
      const requests = w.server.requests.length;
      const view = await preview({ upstream: { fetch: false, cacheDir: w.cache(), localCheckouts: [checkouts] } });
      assert.deepEqual(view.errors, []);
      assert.match(view.upstreamSpec ?? '', /^Version: 3$/m, 'the f43 tip (c3), from the checkout');
      assert.match(view.spec ?? '', /^Vendor:\s*Example$/m);
      assert.equal(view.source, `${path.join(checkouts, 'foo')} @ ${w.foo.c3}`);
      assert.equal(w.server.requests.length, requests, 'no request reached dist-git');
    } finally {
      fs.rmSync(checkouts, { recursive: true, force: true });
    }
  });

  it('reads the cache an earlier fetch filled, and says fetching is off when there is nothing', { timeout: 60_000 }, async () => {
    const empty = await preview({ upstream: { fetch: false, cacheDir: w.cache() } });
    assert.equal(empty.spec, undefined);
    assert.match(empty.errors.join('\n'), /fetching upstream specs is turned off \(distroToml\.upstream\.fetch\)/);

    const cacheDir = w.cache();
    const filled = await resolveUpstreamSource({ pkg: 'foo', baseUri: w.server.baseUri, branch: 'f43' }, { cacheDir });
    assert.ok(filled.ok);
    const requests = w.server.requests.length;
    const view = await preview({ upstream: { fetch: false, cacheDir } });
    assert.deepEqual(view.errors, []);
    assert.match(view.upstreamSpec ?? '', /^Version: 3$/m);
    assert.equal(w.server.requests.length, requests, 'no request reached dist-git');
  });

  it('an untrusted workspace reads no checkout and no cache folder it names, and fetches nothing', { timeout: 60_000 }, async () => {
    const checkouts = tempDir('untrusted-checkouts-');
    try {
      const r = spawnSync('git', ['clone', '--quiet', path.join(w.root, 'rpms', 'foo.git'), 'foo'], { cwd: checkouts });
      assert.equal(r.status, 0, String(r.stderr));
      const cacheDir = path.join(checkouts, 'named-cache');
      const upstream = { fetch: true, cacheDir, localCheckouts: [checkouts] };
      const requests = w.server.requests.length;
      // Settings pushed later (claiming trust) change nothing: trust is read once, from initializationOptions.
      const view = await preview({ workspaceTrusted: false, upstream }, { workspaceTrusted: true, upstream });
      assert.equal(view.upstreamSpec, undefined);
      assert.match(view.errors.join('\n'), /fetching upstream specs is turned off/);
      assert.equal(w.server.requests.length, requests, 'nothing fetched');
      assert.equal(fs.existsSync(cacheDir), false, 'the named cache folder is not used');
      // The same settings in a trusted workspace use the checkout.
      const trusted = await preview({ upstream: { ...upstream, fetch: false } });
      assert.equal(trusted.source, `${path.join(checkouts, 'foo')} @ ${w.foo.c3}`);
    } finally {
      fs.rmSync(checkouts, { recursive: true, force: true });
    }
  });
});
