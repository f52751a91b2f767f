// The package index in the language server, over stdio: before the index is synced package rules are silent
// and the status says why; with an index loaded from a synced cache, unknown names are warnings at the exact
// range, a quick fix puts the suggested name in, and the fixed file is clean; with downloads allowed, a
// missing index is synced in the background and the diagnostics follow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { syncRepository } from '../../server/src/core/packages/fetchRepo';
import type { PackageIndexStatus } from '../../server/src/protocol';
import { writeHandmadeRepo } from '../support/handmadeRepo';
import { DIST, tempProject, tempDir } from '../support/paths';
import { LspClient } from './lspClient';
import { buildRpmFixture } from '../support/rpmRepoFixture';
import { serveDirectory } from '../support/repoHttpServer';
import { FIXTURE_SPECS } from '../unit/packages/fixturePackages';
import { cacheFileFor } from '../../server/src/core/packages/indexCache';
import { sectionPlaces } from '../support/indexSections';

function pkg(name: string, arch: string, srpm: string, provides = ''): string {
  return `<package type="rpm"><name>${name}</name><arch>${arch}</arch><version epoch="0" ver="8.11.1" rel="2.fc43"/><summary>${name} summary</summary><url>https://curl.se</url><format><rpm:sourcerpm>${srpm}</rpm:sourcerpm><rpm:provides><rpm:entry name="${name}" flags="EQ" epoch="0" ver="8.11.1" rel="2.fc43"/>${provides}</rpm:provides></format></package>`;
}

const PRIMARY = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="6">
${pkg('curl', 'src', '')}
${pkg('cups', 'src', '')}
${pkg('cups-libs', 'x86_64', 'cups-8.11.1-2.fc43.src.rpm')}
${pkg('curl', 'x86_64', 'curl-8.11.1-2.fc43.src.rpm')}
${pkg('libcurl', 'x86_64', 'curl-8.11.1-2.fc43.src.rpm')}
${pkg('libcurl-devel', 'x86_64', 'curl-8.11.1-2.fc43.src.rpm', '<rpm:entry name="pkgconfig(libcurl)" flags="EQ" epoch="0" ver="8.11.1"/>')}
</metadata>
`;

const COMP = `[components.curl]

[components.crul]

[[components.curl.overlays]]
type = "spec-add-tag"
tag = "BuildRequires"
value = "pkgconfig(libcurl) >= 8, pkgconfig(libcrul)"
`;

const GROUPS = `[package-groups.base]
default-package-config.publish.channel = "rpm-base"
packages = ["curl", "libcurl", "libcurl-devel", "libcurll"]
`;

function setup(): { dir: string; repo: string; cache: string } {
  const dir = tempProject({ 'azldev.toml': 'includes = ["comps/*.toml"]\n', 'comps/curl.comp.toml': COMP, 'comps/groups.toml': GROUPS });
  const repo = tempDir('distro-toml-lsp-repo-');
  writeHandmadeRepo(repo, PRIMARY);
  return { dir, repo, cache: path.join(dir, '.cache') };
}

function statusesOf(client: LspClient): PackageIndexStatus[] {
  return client.packageIndexStatuses as PackageIndexStatus[];
}

const settingsFor = (repo: string, cache: string, offline: boolean) => ({ diagnostics: { debounceMs: 0 }, packageIndex: { repositories: [repo], replaceRepositories: true, cacheDir: cache, offline } });

const at = (text: string, name: string, from = 0) => {
  const lines = text.slice(0, text.indexOf(name, from)).split('\n');
  const line = lines.length - 1;
  const character = (lines[line] as string).length;
  return { start: { line, character }, end: { line, character: character + name.length } };
};

const packageCodes = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('package-'));

describe('package index over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('is silent before the index is synced, and the status says why', async () => {
    const { dir, repo, cache } = setup();
    const client = new LspClient(settingsFor(repo, cache, true));
    clients.push(client);
    const seen = statusesOf(client);
    await client.initialize(dir, settingsFor(repo, cache, true));
    const file = path.join(dir, 'comps', 'curl.comp.toml');
    const uri = client.open(file, COMP);
    const missing = await client.waitFor(() => seen.find((s) => s.state === 'missing'), 20_000, 'a missing status');
    assert.match(missing.text, /not synced \(offline\)/);
    assert.match(missing.detail, /Package rules are silent/);
    assert.deepEqual(packageCodes(await client.diagnosticsFor(uri)), []);
    await client.shutdown();
  });

  it('reports unknown names from a synced cache at the exact range, and a quick fix clears them', async () => {
    const { dir, repo, cache } = setup();
    await syncRepository(repo, { cacheDir: cache });
    const client = new LspClient(settingsFor(repo, cache, true));
    clients.push(client);
    const seen = statusesOf(client);
    await client.initialize(dir, settingsFor(repo, cache, true));
    const file = path.join(dir, 'comps', 'curl.comp.toml');
    const uri = client.open(file, COMP);
    const ready = await client.waitFor(() => seen.find((s) => s.state === 'ready'), 20_000, 'a ready status');
    assert.match(ready.text, /^Packages · 6 packages · synced \d+ min ago$/);
    const diags = await client.waitFor(() => {
      const list = packageCodes(client.diagnostics.get(uri)?.diagnostics ?? []);
      return list.length >= 2 ? list : undefined;
    }, 20_000, 'package diagnostics');
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range]),
      [
        ['package-source-unknown', 2, at(COMP, 'crul')],
        ['package-capability-unknown', 2, at(COMP, 'pkgconfig(libcrul)')],
      ],
    );
    assert.match(String(diags[0]!.message), /Did you mean `curl`\?/);
    const groupsUri = 'file://' + path.join(dir, 'comps', 'groups.toml');
    const groupDiags = await client.waitFor(() => {
      const list = packageCodes(client.diagnostics.get(groupsUri)?.diagnostics ?? []);
      return list.length ? list : undefined;
    }, 20_000, 'package-group diagnostics');
    assert.deepEqual(groupDiags.map((d) => [d.code, d.range]), [['package-binary-unknown', at(GROUPS, 'libcurll')]]);

    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: [diags[0]] } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Change to 'curl'", true]]);
    const edit = actions[0]!.edit!.changes![uri]![0]!;
    assert.deepEqual(edit, { range: at(COMP, 'crul'), newText: 'curl' });
    const fixed = COMP.replace('[components.crul]', '[components.curl-minimal]').replace('libcrul', 'libcurl');
    client.change(uri, 2, fixed);
    await client.waitFor(() => {
      const p = client.diagnostics.get(uri);
      return p?.version === 2 && !packageCodes(p.diagnostics).some((d) => d.code === 'package-capability-unknown') ? true : undefined;
    }, 20_000, 'the capability fixed');
    assert.deepEqual(packageCodes(client.diagnostics.get(uri)!.diagnostics).map((d) => [d.code, d.range]), [['package-source-unknown', at(fixed, 'curl-minimal')]]);
    await client.shutdown();
  });

  it('says in the status when the cached index turns out damaged while answering', async () => {
    const { dir, repo, cache } = setup();
    await syncRepository(repo, { cacheDir: cache });
    // The package ordering, which every lookup by name reads (on first use, after the index has loaded).
    const file = cacheFileFor(cache, repo);
    const damaged = fs.readFileSync(file);
    const order = sectionPlaces(damaged)[14] as { pos: number; bytes: number };
    damaged.fill(0xff, order.pos, order.pos + order.bytes);
    fs.writeFileSync(file, damaged);
    const client = new LspClient(settingsFor(repo, cache, true));
    clients.push(client);
    const seen = statusesOf(client);
    await client.initialize(dir, settingsFor(repo, cache, true));
    client.open(path.join(dir, 'comps', 'curl.comp.toml'), COMP);
    const ready = await client.waitFor(() => seen.find((s) => s.state === 'ready'), 20_000, 'a ready status');
    assert.doesNotMatch(ready.text, /damaged/);
    const reported = await client.waitFor(() => seen.find((s) => /damaged/.test(s.text)), 20_000, 'a status saying the cache is damaged');
    assert.match(reported.text, /^Packages · 6 packages · synced \d+ min ago · cache damaged$/);
    assert.ok(reported.detail.includes(`${repo}: 6 packages; the cached index is damaged (package ordering): answers may be missing until it is synced again (force)`), reported.detail);
    await client.shutdown();
  });

  it('completes package names from the index and explains them on hover', async () => {
    const { dir, repo, cache } = setup();
    await syncRepository(repo, { cacheDir: cache });
    const client = new LspClient(settingsFor(repo, cache, true));
    clients.push(client);
    await client.initialize(dir, settingsFor(repo, cache, true));
    const file = path.join(dir, 'comps', 'curl.comp.toml');
    const text = COMP + '\n[components.cu]\n';
    const uri = client.open(file, text);
    await client.waitFor(() => client.packageIndexStatuses.find((s) => s.state === 'ready'), 20_000, 'a ready status');
    const complete = async (t: string, marker: string) => {
      client.change(uri, ++version, t);
      const offset = t.lastIndexOf(marker) + marker.length;
      const lines = t.slice(0, offset).split('\n');
      const r = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: lines[lines.length - 1]!.length } });
      return r.items.filter((i) => i.kind === 18 && /package|capability/.test(i.detail ?? '')).sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    };
    let version = 1;
    // Source names the project does not use yet come first.
    const header = await complete(text, '[components.cu');
    assert.deepEqual(header.map((i) => [i.label, i.detail]), [['cups', 'Fedora source package'], ['curl', 'Fedora source package (already a component)']]);
    const dep = await complete(COMP.replace('pkgconfig(libcrul)', 'libcu'), 'libcu');
    assert.deepEqual(dep.slice(0, 2).map((i) => i.label), ['libcurl', 'libcurl-devel']);
    assert.deepEqual((dep[0]!.textEdit as { range: unknown }).range, { start: at(COMP, 'pkgconfig(libcrul)').start, end: { line: at(COMP, 'pkgconfig(libcrul)').start.line, character: at(COMP, 'pkgconfig(libcrul)').start.character + 5 } });

    const groupsFile = path.join(dir, 'comps', 'groups.toml');
    const groupsUri = client.open(groupsFile, GROUPS);
    const hoverAt = async (u: string, t: string, name: string) => {
      const r = at(t, name);
      return client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: r.start.line, character: r.start.character + 1 } });
    };
    const h = await hoverAt(groupsUri, GROUPS, '"libcurl"');
    const md = (h?.contents as { value: string }).value;
    assert.match(md, /\*\*libcurl\*\* 8\.11\.1-2\.fc43\.x86_64/);
    assert.match(md, /libcurl summary/);
    assert.match(md, /URL: https:\/\/curl\.se/);
    assert.match(md, /Source package: `curl`/);
    assert.ok(md.includes(`Repository: ${repo}`), md);
    assert.match(md, /Built from `curl` with `curl`, `libcurl`, `libcurl-devel`/);
    assert.deepEqual(h?.range, { start: { ...at(GROUPS, '"libcurl"').start, character: at(GROUPS, '"libcurl"').start.character + 1 }, end: { ...at(GROUPS, '"libcurl"').end, character: at(GROUPS, '"libcurl"').end.character - 1 } });
    client.change(uri, ++version, COMP);
    const cap = await hoverAt(uri, COMP, 'pkgconfig(libcurl)');
    assert.match((cap?.contents as { value: string }).value, /Capability `pkgconfig\(libcurl\)` — provided by `libcurl-devel`/);
    await client.shutdown();
  });

  it('syncs a missing index in the background when downloads are allowed, then reports', async () => {
    const { dir, repo, cache } = setup();
    const client = new LspClient(settingsFor(repo, cache, false));
    clients.push(client);
    const seen = statusesOf(client);
    await client.initialize(dir, settingsFor(repo, cache, false));
    const uri = client.open(path.join(dir, 'comps', 'curl.comp.toml'), COMP);
    await client.diagnosticsWithCode(uri, 'package-source-unknown');
    assert.ok(seen.some((s) => s.state === 'syncing'), JSON.stringify(seen.map((s) => s.state)));
    assert.equal(seen[seen.length - 1]?.state, 'ready');
    assert.ok(fs.readdirSync(cache).some((f) => f.endsWith('.idx')));
    await client.shutdown();
  });

  it('a failed sync says, per repository, whether a previous index stays in use or there is none yet', async () => {
    const { dir, repo, cache } = setup();
    await syncRepository(repo, { cacheDir: cache });
    // The synced repository then loses its metadata; a second one never had any.
    fs.rmSync(path.join(repo, 'repodata'), { recursive: true, force: true });
    const never = tempDir('distro-toml-lsp-repo-');
    const base = settingsFor(repo, cache, false);
    const settings = { ...base, packageIndex: { ...base.packageIndex, repositories: [repo, never], refreshIntervalHours: 0 } };
    const client = new LspClient(settings);
    clients.push(client);
    await client.initialize(dir, settings);
    client.open(path.join(dir, 'comps', 'curl.comp.toml'), COMP);
    await client.waitFor(() => client.packageIndexStatuses.find((s) => s.state === 'ready'), 20_000, 'the index loaded');
    const status = await client.connection.sendRequest<PackageIndexStatus>('distroToml/refreshPackageIndex', {});
    const failed = status.detail.slice(status.detail.indexOf('\nSync failed'));
    assert.match(failed, /^\nSync failed for 2 of 2 repositories: /, status.detail);
    assert.ok(failed.includes(`${repo}: `) && failed.includes(`${never}: `), failed);
    const [first, second] = failed.slice(failed.indexOf(': ') + 2).split('; ');
    assert.match(first ?? '', /\(its previous index stays in use\)$/, failed);
    assert.match(second ?? '', /\(no index of it yet\)$/, failed);
    assert.ok(!failed.includes(`${repo}: ${repo}: `), `the repository named once: ${failed}`);
    await client.shutdown();
    fs.rmSync(never, { recursive: true, force: true });
  });

  it('a cache folder setting written with ~ is in the home folder, not a folder named ~ in the project', async () => {
    const { dir, repo } = setup();
    const home = tempDir('distro-toml-home-');
    const settings = settingsFor(repo, '~/package-cache', false);
    const client = new LspClient(settings, { env: { HOME: home } });
    clients.push(client);
    await client.initialize(dir, settings);
    const uri = client.open(path.join(dir, 'comps', 'curl.comp.toml'), COMP);
    await client.diagnosticsWithCode(uri, 'package-source-unknown');
    assert.ok(!fs.existsSync(path.join(dir, '~')), 'no folder named ~ in the project');
    assert.ok(fs.readdirSync(path.join(home, 'package-cache')).some((f) => f.endsWith('.idx')));
    await client.shutdown();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('syncs on distroToml/refreshPackageIndex and reports the new index', async () => {
    const { dir, repo, cache } = setup();
    await syncRepository(repo, { cacheDir: cache });
    const settings = { ...settingsFor(repo, cache, false), packageIndex: { ...settingsFor(repo, cache, false).packageIndex, refreshIntervalHours: 0 } };
    const client = new LspClient(settings);
    clients.push(client);
    await client.initialize(dir, settings);
    const uri = client.open(path.join(dir, 'comps', 'curl.comp.toml'), COMP);
    await client.diagnosticsWithCode(uri, 'package-source-unknown');
    assert.ok(!client.packageIndexStatuses.some((s) => s.state === 'syncing'), 'a fresh index with no refresh interval is not synced at start');
    writeHandmadeRepo(repo, PRIMARY.replace('packages="6">', 'packages="7">\n' + pkg('crul', 'src', '')), { revision: '2' });
    const status = await client.connection.sendRequest<PackageIndexStatus>('distroToml/refreshPackageIndex', {});
    assert.equal(status.state, 'ready');
    assert.equal(status.packageCount, 7);
    assert.ok(client.packageIndexStatuses.some((s) => s.state === 'syncing'));
    // `crul` is now a source package: its warning goes.
    await client.waitFor(() => (packageCodes(client.diagnostics.get(uri)?.diagnostics ?? []).some((d) => d.code === 'package-source-unknown') ? undefined : true), 20_000, 'the warning gone');
    await client.shutdown();
  });

  it('never reads a repository the project names as a local directory; the status says why', async () => {
    const { dir, repo, cache } = setup();
    // The tree names a real repository outside the project; only the user's settings may name local ones.
    fs.writeFileSync(path.join(dir, 'azldev.toml'), `includes = ["comps/*.toml"]\n\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora.versions.'43']\nrelease-ver = "43"\n\n[resources.rpm-repos.local]\nbase-uri = "${repo}"\n`);
    const settings = { diagnostics: { debounceMs: 0 }, packageIndex: { repositories: [], cacheDir: cache, offline: false } };
    const client = new LspClient(settings);
    clients.push(client);
    const seen = statusesOf(client);
    await client.initialize(dir, settings);
    client.open(path.join(dir, 'comps', 'curl.comp.toml'), COMP);
    const disabled = await client.waitFor(() => seen.find((s) => s.state === 'disabled' && s.detail.includes(repo)), 20_000, 'a status naming the refused repository').catch((e: Error) => {
      throw new Error(`${e.message} ${JSON.stringify(seen)}`);
    });
    assert.match(disabled.detail, /resources\.rpm-repos\.local\): not indexed: a repository the project names must be an http\(s\) URL/);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!fs.existsSync(cache) || fs.readdirSync(cache).length === 0, 'nothing was synced into the cache');
    assert.ok(!seen.some((s) => s.state === 'syncing' || s.state === 'ready'));
    await client.shutdown();
  });

  it('never downloads in an untrusted workspace', async () => {
    const { dir, repo, cache } = setup();
    const client = new LspClient(settingsFor(repo, cache, false));
    clients.push(client);
    const seen = statusesOf(client);
    await client.initialize(dir, { ...settingsFor(repo, cache, false), workspaceTrusted: false });
    const missing = await client.waitFor(() => seen.find((s) => s.state === 'missing'), 5_000, 'a missing status').catch((e: Error) => {
      throw new Error(`${e.message} ${JSON.stringify(seen)}`);
    });
    assert.match(missing.text, /untrusted workspace/);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!fs.existsSync(cache) || !fs.readdirSync(cache).some((f) => f.endsWith('.idx')));
    assert.ok(!seen.some((s) => s.state === 'syncing'));
    await client.shutdown();
  });

  it('syncs on a worker thread: the main thread neither loads the download code nor builds the index, and an edit after it is judged on the new index', async () => {
    // A preload records, in the real server process, each cache file renamed into place and by which thread, the
    // modules of Node's download stack (undici, behind fetch) the main thread loaded, and its uses of Intl's number
    // formatting.
    const { dir, repo, cache } = setup();
    const work = tempDir('distro-toml-sync-record-');
    const record = path.join(work, 'record.txt');
    const recorder = path.join(work, 'recorder.cjs');
    fs.writeFileSync(recorder, `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { isMainThread } = require('node:worker_threads');
const rename = fs.renameSync;
fs.renameSync = function (from, to) {
  if (String(to).endsWith('.idx')) fs.appendFileSync(process.env.SYNC_RECORD, (isMainThread ? 'main' : 'worker') + ' wrote ' + path.basename(String(to)) + '\\n');
  return rename.call(this, from, to);
};
if (isMainThread) {
  // Intl's first use costs ~20 ms of the thread (the status's counts are grouped without it).
  const toLocaleString = Number.prototype.toLocaleString;
  Number.prototype.toLocaleString = function (...args) { fs.appendFileSync(process.env.SYNC_RECORD, 'main used toLocaleString\\n'); return toLocaleString.apply(this, args); };
  process.on('exit', () => fs.appendFileSync(process.env.SYNC_RECORD, process.moduleLoadList.filter((m) => /undici/.test(m)).map((m) => 'main loaded ' + m + '\\n').join('')));
}
`);
    const served = await serveDirectory(path.dirname(repo));
    try {
      const settings = settingsFor(`${served.base}${path.basename(repo)}`, cache, false);
      const client = new LspClient(settings, { args: ['-r', recorder, path.join(DIST, 'server.js'), '--stdio'], env: { SYNC_RECORD: record } });
      clients.push(client);
      await client.initialize(dir, settings);
      const file = path.join(dir, 'comps', 'curl.comp.toml');
      const uri = client.open(file, COMP);
      await client.diagnosticsWithCode(uri, 'package-source-unknown');
      assert.ok(client.packageIndexStatuses.some((s) => s.state === 'syncing'), 'the index was synced');
      client.change(uri, 2, COMP.replace('[components.crul]', '[components.curll]'));
      const after = await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.find((d) => d.code === 'package-source-unknown' && /curll/.test(String(d.message))), 20_000, 'the edited name judged');
      assert.match(String(after.message), /Did you mean `curl`/);
      await client.shutdown();
      const lines = fs.readFileSync(record, 'utf8').split('\n').filter(Boolean);
      assert.deepEqual(lines.filter((l) => l.startsWith('main ')), [], 'nothing of the sync on the main thread');
      assert.equal(lines.filter((l) => l.startsWith('worker wrote ') && l.endsWith('.idx')).length, 1, lines.join('\n'));
    } finally {
      await served.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('with distroToml.packageIndex.filelists, a file dependency outside primary\'s file list is checked against filelists', async () => {
    const fixture = buildRpmFixture(FIXTURE_SPECS);
    const server = await serveDirectory(fixture.dir);
    try {
      const comp = `[components.glib-demo]\n\n[[components.glib-demo.overlays]]\ntype = "spec-add-tag"\ntag = "Requires"\nvalue = "/usr/share/glib-demo/data.txt, /usr/share/glib-demo/dta.txt"\n`;
      const dir = tempProject({ 'azldev.toml': 'includes = ["comps/*.toml"]\n', 'comps/glib.comp.toml': comp });
      const repo = `${server.base}bin-zstd`;
      const cache = path.join(dir, '.cache');
      const base = settingsFor(repo, cache, false);
      const settings = { ...base, packageIndex: { ...base.packageIndex, filelists: true } };
      const client = new LspClient(settings);
      clients.push(client);
      await client.initialize(dir, settings);
      const uri = client.open(path.join(dir, 'comps', 'glib.comp.toml'), comp);
      const diags = await client.diagnosticsWithCode(uri, 'package-capability-unknown');
      assert.deepEqual(packageCodes(diags).map((d) => [d.code, d.range]), [['package-capability-unknown', at(comp, '/usr/share/glib-demo/dta.txt')]]);
      const ready = client.packageIndexStatuses[client.packageIndexStatuses.length - 1] as PackageIndexStatus;
      assert.match(ready.detail, /45 packages, \d+ files/);
      assert.ok(fs.readdirSync(cache).some((f) => f.endsWith('.files')));
      await client.shutdown();
    } finally {
      await server.close();
    }
  });
});
