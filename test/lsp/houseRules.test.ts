// House rules in a real LSP client over stdio: the project's .distro-toml.toml and the `rules` setting set the
// published severities; an ignore comment silences its line and a stale one is published as unused-ignore with
// a quick fix; editing .distro-toml.toml in the editor reports its mistakes there and re-publishes every file
// at the new levels; a pushed settings change does too.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';
import { applyTextEdits } from './textEdits';

const AZLDEV = 'includes = ["comps/*.comp.toml"]\n\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora]\ndefault-version = "43"\n\n[distros.fedora.versions.43]\nrelease-ver = "43"\n';
const COMP = '[components.a]\n\n[[components.a.overlays]]\ntype = "spec-set-tag"\ntag = "Name"\nvalue = "b"\n';

const shape = (diags: Diagnostic[]) => diags.map((d) => `${d.range.start.line + 1} ${d.severity} ${String(d.code)}`).sort();

describe('house rules over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('publishes at the project file and settings levels; ignore comments and unused-ignore with its fix', async () => {
    const dir = tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP, '.distro-toml.toml': '[rules]\nguide-overlay-description = "warning"\n' });
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 }, rules: { 'guide-name-tag': 'error' } });
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const file = path.join(dir, 'comps', 'a.comp.toml');
    const uri = client.open(file, COMP);
    // 2 = Warning (the team's level for a missing description), 1 = Error (the user's level for Name:).
    assert.deepEqual(shape(await client.diagnosticsFor(uri, 1)), ['3 2 guide-overlay-description', '5 1 guide-name-tag']);

    const ignored = COMP.replace('tag = "Name"', 'tag = "Name"  # distro-toml: ignore[guide-name-tag] imported as b').replace('[components.a]\n', '[components.a]\n# distro-toml: ignore[guide-inline-overlays]\n');
    client.change(uri, 2, ignored);
    const published = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(shape(published), ['2 2 unused-ignore', '4 2 guide-overlay-description']);
    const unused = published.filter((d) => d.code === 'unused-ignore');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unused[0]?.range, context: { diagnostics: unused } });
    assert.deepEqual(actions.map((a) => a.title), ['Remove the ignore comment']);
    const fixed = applyTextEdits(ignored, actions[0]?.edit?.changes?.[uri] ?? []);
    client.change(uri, 3, fixed);
    assert.deepEqual(shape(await client.diagnosticsFor(uri, 3)), ['3 2 guide-overlay-description']);
    await client.shutdown();
  });

  it('editing .distro-toml.toml reports its mistakes there and re-publishes the other files at the new levels', async () => {
    const dir = tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP });
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const compUri = client.open(path.join(dir, 'comps', 'a.comp.toml'), COMP);
    assert.deepEqual(shape(await client.diagnosticsFor(compUri, 1)), ['3 3 guide-overlay-description', '5 2 guide-name-tag']);

    const rulesUri = client.open(path.join(dir, '.distro-toml.toml'), '[rules]\nguide-name-tag = "of"\nguide-overlay-description = "off"\n');
    const own = await client.diagnosticsFor(rulesUri, 1);
    assert.deepEqual(shape(own), ['2 1 house-rules-invalid']);
    assert.match(String(own[0]?.message ?? ''), /did you mean "off"\?/);
    await client.waitFor(() => (shape(client.diagnostics.get(compUri)?.diagnostics ?? []).join() === '5 2 guide-name-tag' ? true : undefined), 20_000, 'comp file at the new levels');
    const fix = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: rulesUri }, range: own[0]?.range, context: { diagnostics: own } });
    assert.deepEqual(fix.map((a) => a.title), ["Change to 'off'"]);
    client.change(rulesUri, 2, applyTextEdits('[rules]\nguide-name-tag = "of"\nguide-overlay-description = "off"\n', fix[0]?.edit?.changes?.[rulesUri] ?? []));
    assert.deepEqual(await client.diagnosticsFor(rulesUri, 2), []);
    await client.waitFor(() => (client.diagnostics.get(compUri)?.diagnostics.length === 0 ? true : undefined), 20_000, 'every rule of the comp file off');

    // A pushed settings change overrides the project file for this user.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { distroToml: { diagnostics: { debounceMs: 0 }, packageIndex: { offline: true }, rules: { 'guide-name-tag': 'hint' } } } });
    await client.waitFor(() => (shape(client.diagnostics.get(compUri)?.diagnostics ?? []).join() === '5 4 guide-name-tag' ? true : undefined), 20_000, 'guide-name-tag as a hint');
    await client.shutdown();
  });
});
