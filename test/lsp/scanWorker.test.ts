// The start-up scan checks the files no editor has open on a worker thread (scanChecks.ts, scanCheckWorker.ts), over
// stdio on a copy of the real tree seeded with errors of every kind and two overlay documents: the Problems panel
// is the same whether the worker checks every file, dies before its first file or dies halfway (the files it did
// not answer are checked on the main thread), and a path that exists only as an open document counts as existing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { seededTree, seedOverlayDocuments } from '../support/seededTree';
import { LspClient } from './lspClient';

interface ScanResult {
  /** Every published file's diagnostics (code, severity, range, message), by path in the tree. */
  published: Map<string, string[]>;
  /** The scan's closing log line. */
  checked: string;
  logs: string[];
}

async function scan(dir: string, openSpec: { file: string; text: string }, env: NodeJS.ProcessEnv = {}): Promise<ScanResult> {
  const client = new LspClient({}, { env });
  try {
    await client.initialize(dir);
    client.open(openSpec.file, openSpec.text);
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 120_000, 'ready status');
    const checked = await client.waitFor(() => client.logs.find((l) => l.startsWith('Checked project ')), 10_000, 'the scan\'s log line');
    const published = new Map<string, string[]>();
    for (const [uri, p] of client.diagnostics) {
      if (!uri.endsWith('.toml')) continue;
      published.set(path.relative(dir, decodeURIComponent(new URL(uri).pathname)), p.diagnostics.map((d) => `${d.code} ${d.severity} ${JSON.stringify(d.range)} ${d.message}`));
    }
    return { published, checked, logs: [...client.logs] };
  } finally {
    client.kill();
  }
}

describe('the start-up scan\'s worker thread (seeded copy of the real tree, stdio)', () => {
  const dir = seededTree();
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  seedOverlayDocuments(dir);
  // The spec azurelinux-repos names exists only as an open (unsaved) document.
  const spec = path.join(dir, 'base/comps/azurelinux-repos/azurelinux-repos.spec');
  const openSpec = { file: spec, text: fs.readFileSync(spec, 'utf8') };
  fs.rmSync(spec);
  const results: ScanResult[] = [];

  it('checks every file no editor has open on the worker', async () => {
    const r = await scan(dir, openSpec);
    results.push(r);
    const [, onWorker, whileWalking] = (/\((\d+) on the scan's worker thread, (\d+) of them handed over while the walk read the project\)/.exec(r.checked) ?? []).map(Number);
    assert.ok(onWorker !== undefined && onWorker >= 210, r.checked);
    // The worker checks while the main thread reads the project: the walk hands over what it reaches.
    assert.ok(whileWalking !== undefined && whileWalking >= 200, r.checked);
    assert.ok(r.published.size >= 210, `${r.published.size} files published`);
    const codes = (rel: string) => r.published.get(rel)?.map((d) => d.split(' ')[0]) ?? [];
    // The seeds are found; the overlay documents are checked as overlay documents; the open spec counts.
    assert.ok(codes('base/packages/sdk.packages.toml').length > 0 && codes('base/comps/kernel/kernel.comp.toml').length > 0);
    assert.ok(codes('base/comps/bash/more-fixes.toml').length > 0 && !codes('base/comps/bash/more-fixes.toml').includes('schema-unknown-key'), `${codes('base/comps/bash/more-fixes.toml')}`);
    assert.ok(codes('base/comps/bash/fixes.overlay.toml').includes('schema-unknown-key'));
    assert.deepEqual(codes('base/comps/azurelinux-repos/azurelinux-repos.comp.toml'), []);
  });

  for (const exitAt of [0, 100]) {
    it(`publishes the same when the worker dies before its file number ${exitAt}: the rest is checked on the main thread`, async () => {
      const r = await scan(dir, openSpec, { DISTRO_TOML_TEST_SCAN_WORKER_EXIT_AT: String(exitAt) });
      assert.match(r.checked, new RegExp(`\\(${exitAt} on the scan's worker thread, `));
      assert.ok(r.logs.some((l) => /The scan check worker stopped \(exit code 70\)/.test(l)), r.logs.join('\n'));
      const first = results[0];
      assert.ok(first, 'the first case ran');
      assert.deepEqual(r.published, first.published);
    });
  }
});
