// Render Preview of an upstream component over the protocol, against a real dist-git served on loopback:
// while typing nothing is fetched and no overlay is judged; an explicit preview fetches once; from then
// on — in this server and in a new one with the same cache — a failing overlay is marked without any request.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempProject } from '../support/paths';
import { fedoraProjectToml, FOO_WITH_FAILING_OVERLAY, startWorld, type World } from '../unit/upstream/upstreamFixture';
import { LspClient } from './lspClient';

const COMP = FOO_WITH_FAILING_OVERLAY;

describe('upstream render preview over stdio, against dist-git on loopback', () => {
  let w: World;
  const clients: LspClient[] = [];
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    clients.forEach((c) => c.kill());
    await w.close();
  });

  it('fetches only for an explicit preview, then marks failing overlays from the cache, also after a restart', { timeout: 120_000 }, async () => {
    const dir = tempProject({
      'azldev.toml': fedoraProjectToml(w.server.baseUri, { snapshot: '2025-02-20T00:00:00Z' }),
      'comps/foo.comp.toml': COMP,
    });
    const cacheDir = w.cache();
    const settings = { diagnostics: { debounceMs: 0 }, upstream: { cacheDir } };
    const file = path.join(dir, 'comps', 'foo.comp.toml');

    const first = new LspClient(settings);
    clients.push(first);
    await first.initialize(dir, settings);
    const uri = first.open(file, COMP, 1);
    await first.diagnosticsFor(uri, 1);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(w.server.requests.length, 0, 'typing fetches nothing');
    assert.ok(!first.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'overlay-does-not-apply'));

    type View = { ok: boolean; spec?: string; upstreamSpec?: string; source?: string; overlays: { kind: string; ok: boolean; message: string }[] };
    const view = await first.connection.sendRequest<View>('distroToml/render', { uri, component: 'foo' });
    assert.ok(w.server.requests.length > 0, 'the preview fetched');
    assert.match(view.upstreamSpec ?? '', /^Version: 2$/m, 'the commit at the snapshot (c2)');
    assert.match(view.spec ?? '', /^Vendor:\s*Example$/m);
    assert.deepEqual(view.overlays.filter((o) => o.kind === 'user').map((o) => o.ok), [true, false]);
    assert.match(view.source ?? '', /@ [0-9a-f]{40}/);

    const requests = w.server.requests.length;
    first.change(uri, 2, COMP + '\n');
    const marked = await first.diagnosticsWithCode(uri, 'overlay-does-not-apply', 30_000);
    assert.deepEqual(marked.map((d) => d.range.start.line), [8]);
    assert.equal(w.server.requests.length, requests, 'the mark came from the cache');
    await first.shutdown();

    const second = new LspClient(settings);
    clients.push(second);
    await second.initialize(dir, settings);
    const uri2 = second.open(file, COMP, 1);
    const again = await second.diagnosticsWithCode(uri2, 'overlay-does-not-apply', 30_000);
    assert.equal(again.length, 1);
    assert.equal(w.server.requests.length, requests, 'a new server reads the same cache without the network');
    await second.shutdown();
  });
});
