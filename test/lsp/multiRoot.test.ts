// Multi-root workspaces: each workspace folder's settings apply to its own files. The server pulls
// `workspace/configuration` with each folder as `scopeUri` (as VS Code answers it, per folder) before it scans,
// again after a settings push (which carries the workspace's settings only) and when folders are added; a
// folder whose answer holds nothing of ours keeps the workspace's settings.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const COMP = '[components.c]\n[[components.c.overlays]]\ntype = "spec-remove-tag"\ntag = "Vendor"\n';
// An overlay without a description: the authoring guide reports it (information) unless `lint.authoringGuide` is off.
const PROJECT = { 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n\n[project]\ndescription = "multi-root"\n', 'comps/c.comp.toml': COMP };
// A file nothing includes: reported as unreached unless the folder lists it in `extraConfigFiles`.
const WITH_EXTRA = { ...PROJECT, 'extra.distro.toml': '[distros.extra]\ndescription = "only with --config-file"\n' };
const LINT = 'guide-overlay-description';
const OFFLINE = { packageIndex: { offline: true } };
const INFORMATION = 3;
const WARNING = 2;

type Answer = Record<string, unknown> | null;

describe('multi-root workspaces: settings per workspace folder', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  /** A client on folders `dirs` whose pulls are answered by `answer(scopeUri)` (undefined: the unscoped section). */
  async function start(dirs: string[], answer: (scopeUri: string | undefined) => Answer, initializationOptions: unknown = { distroToml: OFFLINE }): Promise<LspClient> {
    const client = new LspClient({}, { configuration: (p) => p.items.map((i) => answer(i.scopeUri)) });
    clients.push(client);
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: 'file://' + dirs[0],
      workspaceFolders: dirs.map((d) => ({ uri: 'file://' + d, name: path.basename(d) })),
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } } },
      initializationOptions,
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** The guide lint's findings published for a folder's component file (closed: from the scan), once `done` holds for them. */
  function lintOf(client: LspClient, dir: string, done: (found: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    const uri = 'file://' + path.join(dir, 'comps', 'c.comp.toml');
    return client.waitFor(() => {
      const p = client.diagnostics.get(uri);
      if (!p) return undefined;
      const found = p.diagnostics.filter((d) => d.code === LINT);
      return done(found) ? found : undefined;
    }, 30_000, what);
  }

  it("checks each folder's files with that folder's settings, from the scan on, and follows changes and new folders", async () => {
    const a = tempProject(PROJECT);
    const b = tempProject(WITH_EXTRA);
    const c = tempProject(PROJECT);
    const uriOf = (d: string) => 'file://' + d;
    // Folder a raises the lint to a warning; folder b turns the guide off and loads its extra distro file.
    let folderB: Answer = { lint: { authoringGuide: false }, extraConfigFiles: ['extra.distro.toml'], ...OFFLINE };
    const folderA: Answer = { rules: { [LINT]: 'warning' }, ...OFFLINE };
    const client = await start([a, b], (scope) => (scope === uriOf(a) ? folderA : scope === uriOf(b) ? folderB : scope === uriOf(c) ? null : { ...OFFLINE }));

    const inA = await lintOf(client, a, (f) => f.length === 1, "folder a's lint");
    assert.equal(inA[0]?.severity, WARNING, "folder a's rule level");
    await lintOf(client, b, (f) => f.length === 0, 'folder b without the lint');
    const pulls = client.configurationPulls.flatMap((p) => p.items as { section?: string; scopeUri?: string }[]);
    assert.deepEqual(pulls.map((i) => [i.scopeUri, i.section]), [[uriOf(a), 'distroToml'], [uriOf(b), 'distroToml']]);
    // Folder b's extra config file is part of its project: not reported as unreached.
    const extra = client.diagnostics.get(uriOf(path.join(b, 'extra.distro.toml')));
    assert.ok(!extra?.diagnostics.some((d) => d.code === 'project-file-not-included'), JSON.stringify(extra?.diagnostics));

    // Open files follow their folder too.
    const open = client.open(path.join(b, 'comps', 'c.comp.toml'), COMP, 1);
    assert.deepEqual((await client.diagnosticsFor(open, 1)).filter((d) => d.code === LINT), []);

    // VS Code pushes the workspace's settings; the folders' own are pulled again.
    folderB = { lint: { authoringGuide: true }, ...OFFLINE };
    const before = client.configurationPulls.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { distroToml: { ...OFFLINE } } });
    await client.waitFor(() => client.configurationPulls.length > before || undefined, 10_000, 'a pull of the folders after the push');
    await client.waitFor(() => {
      const p = client.diagnostics.get(open);
      return p?.diagnostics.some((d) => d.code === LINT && d.severity === INFORMATION) || undefined;
    }, 10_000, 'the lint back on in folder b');
    // Now unreached: folder b no longer lists it.
    await client.waitFor(() => client.diagnostics.get(uriOf(path.join(b, 'extra.distro.toml')))?.diagnostics.some((d) => d.code === 'project-file-not-included') || undefined, 30_000, "b's extra file unreached");
    assert.equal((await lintOf(client, a, (f) => f.length === 1, "folder a's lint"))[0]?.severity, WARNING, 'folder a keeps its level');

    // A folder added answers null for its scope: it takes the workspace's settings (the lint at its default level).
    void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(c), name: 'c' }], removed: [] } });
    const inC = await lintOf(client, c, (f) => f.length === 1, "folder c's lint");
    assert.equal(inC[0]?.severity, INFORMATION);
    const scopes = client.configurationPulls.flatMap((p) => (p.items as { scopeUri?: string }[]).map((i) => i.scopeUri));
    assert.ok(scopes.includes(uriOf(c)), 'the added folder was asked for its settings');
    assert.equal(await client.shutdown(), 0);
  });

  it('a single folder is configured by the workspace settings alone: no per-folder pull', async () => {
    const a = tempProject(PROJECT);
    const client = await start([a], () => ({ rules: { [LINT]: 'warning' }, ...OFFLINE }), { distroToml: { lint: { authoringGuide: false }, ...OFFLINE } });
    await lintOf(client, a, (f) => f.length === 0, 'the lint off, as initializationOptions said');
    assert.equal(client.configurationPulls.length, 0);
    assert.equal(await client.shutdown(), 0);
  });
});
