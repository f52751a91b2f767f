// Over stdio, as an editor sees it: a misspelt overlay key next to a missing required field is published
// with its own code at its own range, and its quick fix clears both findings.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';
import { applyTextEdits } from './textEdits';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.comp.toml"]\n\n[project]\ndefault-distro = { name = "f", version = "1" }\n\n[distros.f.versions.1]\n',
  'comps/a.comp.toml': '[components.a]\n',
};

const problems = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 1 || d.severity === 2).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

describe('an unknown overlay key over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('is published beside the missing field, and its fix clears both', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    const file = path.join(dir, 'comps', 'a.comp.toml');
    const text = '[components.a]\n\n[[components.a.overlays]]\ndescription = "drop the test"\ntype = "spec-search-replace"\nsection = "%check"\nregexp = "^make test$"\n';
    const uri = client.open(file, text);
    const diags = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(problems(diags), ['overlay-missing-field 2:0-2:25', 'schema-unknown-key 6:0-6:6']);
    const unknown = diags.filter((d) => d.code === 'schema-unknown-key');
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown[0]?.range, context: { diagnostics: unknown } });
    const preferred = actions.find((a) => a.isPreferred);
    assert.equal(preferred?.title, "Change to 'regex'");
    const fixed = applyTextEdits(text, preferred?.edit?.changes?.[uri] ?? []);
    assert.ok(fixed.includes('\nregex = "^make test$"\n'), fixed);
    client.change(uri, 2, fixed);
    assert.deepEqual(problems(await client.diagnosticsFor(uri, 2)), []);
    await client.shutdown();
  });
});
