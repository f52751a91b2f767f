// The server's package index host: a refresh the editor may cancel hands its cancellation signal to the sync and
// takes its listener off again when the refresh ends, so a long-lived signal collects no listeners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageIndexHost } from '../../../server/src/packageIndexHost';
import type { PackageIndexStatus } from '../../../server/src/protocol';
import { primaryXmlOf, writeHandmadeRepo } from '../../support/handmadeRepo';
import { diskFileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { SCHEMAS_DIR, tempDir } from '../../support/paths';


/** A temporary folder holding `repo`, a repository of 3 packages. */
function workWithRepo(): { work: string; repo: string } {
  const work = tempDir('distro-toml-host-');
  const repo = path.join(work, 'repo');
  fs.mkdirSync(repo);
  writeHandmadeRepo(repo, primaryXmlOf(3));
  return { work, repo };
}

/** Waits until `done` holds, polling every 20 ms; fails with `what` after 30 s. */
async function until(done: () => boolean, what: () => string): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    assert.ok(waited < 30_000, what());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a refresh leaves no abort listener on the signal it was given', async () => {
  const { work, repo } = workWithRepo();
  try {
    const statuses: PackageIndexStatus[] = [];
    const host = new PackageIndexHost({ changed: () => {}, status: (s) => statuses.push(s), log: () => {} });
    const ac = new AbortController();
    host.configure({ repositories: [repo], replaceRepositories: true, arches: ['x86_64'], cacheDir: path.join(work, 'cache'), refreshIntervalHours: 0, offline: false, filelists: false }, true, undefined, work);
    // Configuring starts a load, and a sync of the missing index: wait for it before refreshing.
    await until(() => statuses.some((s) => s.state === 'ready'), () => `no ready status: ${JSON.stringify(statuses)}`);
    for (let i = 0; i < 3; i++) assert.equal((await host.refresh(true, undefined, ac.signal)).state, 'ready', JSON.stringify(statuses));
    assert.equal(host.status.packageCount, 3);
    assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
    host.dispose();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('a cache directory that cannot be created: the status says so in words, and the host keeps working', async () => {
  const { work, repo } = workWithRepo();
  try {
    fs.writeFileSync(path.join(work, 'a-file'), '');
    const statuses: PackageIndexStatus[] = [];
    const logs: string[] = [];
    const host = new PackageIndexHost({ changed: () => {}, status: (s) => statuses.push(s), log: (l) => logs.push(l) });
    const settings = { repositories: [repo], replaceRepositories: true, arches: ['x86_64'], cacheDir: path.join(work, 'a-file', 'cache'), refreshIntervalHours: 0, offline: false, filelists: false };
    host.configure(settings, true, undefined, work);
    // The load finds no index; the sync it starts cannot write one.
    await until(() => statuses.some((s) => /Sync failed/.test(s.detail ?? '')), () => `no failed sync in the status: ${JSON.stringify(statuses)}`);
    const last = host.status;
    assert.equal(last.state, 'missing', JSON.stringify(last));
    assert.match(last.detail ?? '', /its cache file cannot be read \(not a directory\)/);
    assert.match(last.detail ?? '', /Sync failed for 1 of 1 repository: .*cannot create the package cache directory .*a-file.cache: not a directory \(no index of it yet\)/);
    assert.ok(!statuses.some((s) => s.state === 'error' || /ENOTDIR|ENOENT/.test(`${s.text} ${s.detail ?? ''}`)), JSON.stringify(statuses));
    // Moved to a usable directory, the same host syncs and loads.
    host.configure({ ...settings, cacheDir: path.join(work, 'cache') }, true, undefined, work);
    await until(() => host.status.state === 'ready', () => `no ready status: ${JSON.stringify(statuses.slice(-3))}`);
    assert.equal(host.status.packageCount, 3);
    host.dispose();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('a local repository the project names is refused, and said so only while the project repositories are in use', async () => {
  const { work, repo } = workWithRepo();
  try {
    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'azldev.toml'),
      `[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora]\nrepos = [{ base-uri = "file://${repo}" }]\n\n[distros.fedora.versions.'43']\nrelease-ver = "43"\n`,
    );
    const model = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR }).projects.model(project);
    const statuses: PackageIndexStatus[] = [];
    const host = new PackageIndexHost({ changed: () => {}, status: (s) => statuses.push(s), log: () => {} });
    const settings = { repositories: [repo], replaceRepositories: false, arches: ['x86_64'], cacheDir: path.join(work, 'cache'), refreshIntervalHours: 0, offline: true, filelists: false };
    const loading = (): boolean => host.status.state === 'loading';
    host.configure(settings, true, model, project);
    await until(() => !loading(), () => JSON.stringify(statuses.slice(-3)));
    assert.match(host.status.detail ?? '', new RegExp(`file://${repo}.*not indexed: a repository the project names must be an http\\(s\\) URL`));
    // The user's setting replaces the project's repositories: the refused one is no longer the user's concern.
    const before = statuses.length;
    host.configure({ ...settings, replaceRepositories: true }, true, model, project);
    await until(() => statuses.length > before && !loading(), () => JSON.stringify(statuses.slice(-3)));
    assert.doesNotMatch(host.status.detail ?? '', /not indexed/, JSON.stringify(host.status));
    host.dispose();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('a repository setting with a user and password is left out, said with them hidden; the other repositories load', async () => {
  const { work, repo } = workWithRepo();
  try {
    const statuses: PackageIndexStatus[] = [];
    const logs: string[] = [];
    const host = new PackageIndexHost({ changed: () => {}, status: (s) => statuses.push(s), log: (m) => logs.push(m) });
    const settings = { repositories: ['https://ci-user:s3cret-pw@127.0.0.1:9/repo', repo], replaceRepositories: true, arches: ['x86_64'], cacheDir: path.join(work, 'cache'), refreshIntervalHours: 0, offline: false, filelists: false };
    host.configure(settings, true, undefined, work);
    await until(() => statuses.some((s) => s.state === 'ready'), () => `no ready status: ${JSON.stringify(statuses)}`);
    const said = JSON.stringify({ statuses, logs });
    assert.doesNotMatch(said, /s3cret-pw|ci-user/);
    assert.match(said, /https:\/\/\*\*\*@127\.0\.0\.1:9\/repo: a repository URL may not carry a user name or password/);
    assert.equal(host.status.packageCount, 3, JSON.stringify(host.status));
    host.dispose();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
