// textDocument/codeAction over stdio: the diagnostics the server published come back with their data and
// yield a WorkspaceEdit; applying it clears the diagnostic. A client that drops `data` still gets the fix.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';
import { applyTextEdits } from './textEdits';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.comp.toml"]\n',
  'comps/a.comp.toml': '[components.a]\n',
};

describe('code actions over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('turns a published diagnostic into a quick fix whose edit clears it', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    const init = await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    assert.ok(init.capabilities.codeActionProvider);
    const file = path.join(dir, 'comps', 'a.comp.toml');
    const text = '[components.a]\nsepc = { type = "upstream" }\n';
    const uri = client.open(file, text);
    const diags = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(diags.map((d) => d.code), ['schema-unknown-key']);
    const ask = (diagnostics: Diagnostic[]) =>
      client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range, context: { diagnostics } });
    const actions = await ask(diags);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [["Change to 'spec'", 'quickfix', true], ["Remove 'sepc'", 'quickfix', false]]);
    assert.deepEqual(actions[0]?.diagnostics?.map((d) => d.code), ['schema-unknown-key']);
    const edits = actions[0]?.edit?.changes?.[uri] ?? [];
    const fixed = applyTextEdits(text, edits);
    assert.equal(fixed, '[components.a]\nspec = { type = "upstream" }\n');
    client.change(uri, 2, fixed);
    assert.deepEqual(await client.diagnosticsFor(uri, 2), []);

    // Without `data` (some clients drop it) the server recomputes the diagnostic and still offers the fix.
    client.change(uri, 3, text);
    const again = await client.diagnosticsFor(uri, 3);
    const stripped = again.map(({ data: _data, ...rest }) => rest);
    assert.deepEqual((await ask(stripped)).map((a) => a.title), ["Change to 'spec'", "Remove 'sepc'"]);
    await client.shutdown();
  });

  it('edits another file to include a file nothing includes', async () => {
    const dir = tempProject({ ...PROJECT, 'comps/extra/new.comp.toml': '[components.new]\n' });
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const file = path.join(dir, 'comps', 'extra', 'new.comp.toml');
    const uri = client.open(file, '[components.new]\n');
    const diags = await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.filter((d) => d.code === 'project-file-not-included').length ? client.diagnostics.get(uri)?.diagnostics : undefined, 20_000, 'not-included');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags[0]?.range, context: { diagnostics: diags } });
    const rootUri = 'file://' + path.join(dir, 'azldev.toml');
    assert.deepEqual(actions.map((a) => a.title), ['Add "comps/extra/new.comp.toml" to the includes of azldev.toml']);
    assert.equal(applyTextEdits(PROJECT['azldev.toml'], actions[0]?.edit?.changes?.[rootUri] ?? []), 'includes = ["comps/*.comp.toml", "comps/extra/new.comp.toml"]\n');
    await client.shutdown();
  });
});
