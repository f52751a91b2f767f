// textDocument/completion over stdio: the server answers with text edits at the right range, overlay
// types with Markdown documentation, snippets marked as snippets, and component names from the project.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.comp.toml"]\n',
  'comps/libs.comp.toml': '[components.glibc]\n[components.gcc]\n[components.bash]\n',
  'comps/a.comp.toml': '[components.a]\n',
};

describe('completion over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('completes overlay types, keys and group members with edits the editor can apply', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    const init = await client.initialize(dir);
    assert.ok(init.capabilities.completionProvider?.triggerCharacters?.includes('.'));
    assert.ok(init.capabilities.completionProvider?.triggerCharacters?.includes(' '), 'a space can open completion (after =)');
    const file = path.join(dir, 'comps', 'a.comp.toml');
    const text = '[components.a]\n[[components.a.overlays]]\ntype = "spec-a"\n';
    const uri = client.open(file, text);
    await client.diagnosticsFor(uri, 1);
    const types = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 13 } });
    const add = types.items.find((i) => i.label === 'spec-add-tag');
    assert.deepEqual(add?.textEdit, { range: { start: { line: 2, character: 7 }, end: { line: 2, character: 15 } }, newText: '"spec-add-tag"' });
    assert.equal((add?.documentation as { kind: string } | undefined)?.kind, 'markdown');
    assert.equal(types.items.length, 17);

    client.change(uri, 2, '[components.a]\n[[components.a.overlays]]\ntype = "spec-add-tag"\n\n');
    const keys = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 0 } });
    const byLabel = (l: string): CompletionItem | undefined => keys.items.find((i) => i.label === l);
    assert.deepEqual(byLabel('tag')?.textEdit, { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: 'tag = "$1"' });
    assert.equal(byLabel('tag')?.insertTextFormat, 2);
    assert.equal(byLabel('overlay: patch-add')?.kind, 15);

    // A space after `=` opens completion on its own; a space anywhere else answers nothing.
    client.change(uri, 3, '[components.a]\n[[components.a.overlays]]\ntype = \n');
    const spaced = await client.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 7 }, context: { triggerKind: 2, triggerCharacter: ' ' } });
    assert.equal(spaced?.items.length, 17);
    assert.equal(spaced?.items.find((i) => i.label === 'spec-add-tag')?.textEdit?.newText, '"spec-add-tag"');
    client.change(uri, 4, '[components.a]\n# a comment \n');
    const inComment = await client.connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 12 }, context: { triggerKind: 2, triggerCharacter: ' ' } });
    assert.equal(inComment, null);

    const group = path.join(dir, 'comps', 'g.comp.toml');
    const gUri = client.open(group, '[component-groups.g]\ncomponents = ["g"]\n');
    const names = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: gUri }, position: { line: 1, character: 16 } });
    assert.deepEqual(names.items.map((i) => i.label).sort(), ['gcc', 'glibc']);
    assert.equal(names.isIncomplete, false);
    await client.shutdown();
  });
});
