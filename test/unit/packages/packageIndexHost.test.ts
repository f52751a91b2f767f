// The server's package index host: a refresh the editor may cancel hands its cancellation signal to the sync and
// takes its listener off again when the refresh ends, so a long-lived signal collects no listeners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PackageIndexHost } from '../../../server/src/packageIndexHost';
import type { PackageIndexStatus } from '../../../server/src/protocol';
import { primaryXmlOf, writeHandmadeRepo } from '../../support/handmadeRepo';

test('a refresh leaves no abort listener on the signal it was given', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-host-'));
  try {
    const repo = path.join(work, 'repo');
    fs.mkdirSync(repo);
    writeHandmadeRepo(repo, primaryXmlOf(3));
    const statuses: PackageIndexStatus[] = [];
    const host = new PackageIndexHost({ changed: () => {}, status: (s) => statuses.push(s), log: () => {} });
    const ac = new AbortController();
    host.configure({ repositories: [repo], replaceRepositories: true, arches: ['x86_64'], cacheDir: path.join(work, 'cache'), refreshIntervalHours: 0, offline: false, filelists: false }, true, undefined, work);
    // Configuring starts a load, and a sync of the missing index: wait for it before refreshing.
    for (let waited = 0; !statuses.some((s) => s.state === 'ready'); waited += 20) {
      assert.ok(waited < 30_000, `no ready status: ${JSON.stringify(statuses)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (let i = 0; i < 3; i++) assert.equal((await host.refresh(true, undefined, ac.signal)).state, 'ready', JSON.stringify(statuses));
    assert.equal(host.status.packageCount, 3);
    assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
    host.dispose();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
