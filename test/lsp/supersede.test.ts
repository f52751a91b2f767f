// Edits supersede the checks of older versions (server.ts `schedule`, transport/pendingChanges.ts): with the
// default settings a burst of keystrokes read at once is checked once, at its newest version, and however
// edits are paced, diagnostics of a version never arrive after those of a newer one.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.comp.toml"]\n\n[project]\ndescription = "supersede test"\n',
  'comps/a.comp.toml': '[components.a]\n',
};

/** The text of version `v`: one misspelt key named after the version, so each version's diagnostics differ. */
const textOf = (v: number, body = '') => `${body}[components.a]\nsepc${v} = 1\n`;

const unknownKeysOf = (p: { diagnostics: Diagnostic[] }) =>
  p.diagnostics.filter((d) => d.code === 'schema-unknown-key').map((d) => /sepc\d+/.exec(typeof d.message === 'string' ? d.message : d.message.value)?.[0]);

describe('edits supersede older checks', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  /** Resolves once nothing has been published for `ms`. */
  async function quiet(client: LspClient, ms: number): Promise<void> {
    for (let seen = -1; seen !== client.published.length; ) {
      seen = client.published.length;
      await new Promise((r) => setTimeout(r, ms));
    }
  }

  /** A server on the project, ready, with comps/a.comp.toml open and its version 1 checked. */
  async function openedOnReadyServer(): Promise<{ client: LspClient; uri: string }> {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const uri = client.open(path.join(dir, 'comps', 'a.comp.toml'), textOf(1), 1);
    assert.deepEqual(unknownKeysOf({ diagnostics: await client.diagnosticsFor(uri, 1) }), ['sepc1']);
    return { client, uri };
  }

  it('checks a burst of edits read at once only at its newest version (default settings)', async () => {
    const { client, uri } = await openedOnReadyServer();
    // The open's background work (the overlay check, the house rules) may publish version 1 again: let it settle.
    await quiet(client, 400);
    const before = client.published.length;
    client.changeBurst(uri, Array.from({ length: 10 }, (_, i) => ({ version: i + 2, text: textOf(i + 2) })));
    await client.diagnosticsFor(uri, 11);
    // Whatever else was coming (nothing should) has time to arrive.
    await new Promise((r) => setTimeout(r, 500));
    const mine = client.published.slice(before).filter((p) => p.uri === uri);
    // Versions 2–10 are never published; 11 may be published again by the background overlay check.
    assert.deepEqual([...new Set(mine.map((p) => p.version))], [11], 'only the newest version was checked and published');
    assert.deepEqual(unknownKeysOf(mine[0]!), ['sepc11']);
    await client.shutdown();
  });

  it('checks an edit followed in the same burst by a didChange that changes nothing (empty, or malformed)', async () => {
    // Neovim 0.7 sends a didChange with no content changes (same version) after a burst of undos; a malformed
    // one is dropped. Neither schedules a check, so the edit before it must not stand down for it.
    const { client, uri } = await openedOnReadyServer();
    client.changeBurst(uri, [{ version: 2, text: textOf(2) }, { version: 2, text: '', contentChanges: [] }]);
    assert.deepEqual(unknownKeysOf({ diagnostics: await client.diagnosticsFor(uri, 2, 20_000) }), ['sepc2']);
    client.changeBurst(uri, [{ version: 3, text: textOf(3) }, { version: 4, text: '', contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] }]);
    assert.deepEqual(unknownKeysOf({ diagnostics: await client.diagnosticsFor(uri, 3, 20_000) }), ['sepc3']);
    await client.shutdown();
  });

  it('never publishes a version after a newer one, however the edits are paced', async () => {
    // 2,000 components, so a check takes long enough for edits to arrive while one runs.
    const body = Array.from({ length: 2000 }, (_, i) => `[components.c${i}]\nspec = { type = "upstream" }\n\n`).join('');
    const dir = tempProject({ ...PROJECT, 'comps/a.comp.toml': textOf(1, body) });
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 60_000, 'ready status');
    const uri = client.open(path.join(dir, 'comps', 'a.comp.toml'), textOf(1, body), 1);
    await client.diagnosticsFor(uri, 1, 60_000);
    const before = client.published.length;
    const last = 40;
    for (let v = 2; v <= last; v++) {
      client.change(uri, v, textOf(v, body));
      // Uneven pacing: some edits back to back, some while a check runs, some after it.
      if (v % 3 !== 0) await new Promise((r) => setTimeout(r, v % 5 === 0 ? 60 : (v * 7) % 11));
    }
    await client.diagnosticsFor(uri, last, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const versions = client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version as number);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `version ${versions[i]} published after ${versions[i - 1]}: ${versions.join(', ')}`);
    assert.equal(versions[versions.length - 1], last);
    // Each published version's diagnostics are that version's.
    const final = client.published.filter((p) => p.uri === uri).at(-1)!;
    assert.deepEqual(unknownKeysOf(final), [`sepc${last}`]);
    assert.ok(versions.length < last - 1, `some checks were superseded (${versions.length} publishes for ${last - 1} edits)`);
    await client.shutdown();
  });
});
