// Rename over stdio: prepareRename gives the component name's range, rename one workspace edit across the
// defining file and the groups that list it, and a refusal is an error whose message says why.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.toml"]\n',
  'comps/groups.toml': '[component-groups.net]\ncomponents = ["curl"]\n',
  'comps/curl.toml': '[components.curl]\nspec = { type = "upstream" }\n[components.curl.build]\nwithout = ["tests"]\n',
  'comps/wget.toml': '[components.wget]\n',
};

describe('rename over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('prepares, renames across files, and refuses a taken name with the reason', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    const init = await client.initialize(dir);
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    const file = path.join(dir, 'comps', 'curl.toml');
    const uri = client.open(file, PROJECT['comps/curl.toml']);
    await client.diagnosticsFor(uri, 1);
    const prepared = await client.connection.sendRequest<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: { line: 0, character: 13 } });
    assert.deepEqual(prepared, { range: { start: { line: 0, character: 12 }, end: { line: 0, character: 16 } }, placeholder: 'curl' });

    const edit = await client.connection.sendRequest<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 13 }, newName: 'curl-ng' });
    const groupsUri = URI.file(path.join(dir, 'comps', 'groups.toml')).toString();
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [groupsUri, uri].sort());
    assert.deepEqual(edit.changes?.[groupsUri], [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 20 } }, newText: '"curl-ng"' }]);
    assert.deepEqual(
      edit.changes?.[uri]?.map((e) => e.newText),
      ['curl-ng', ', upstream-name = "curl"', 'curl-ng'],
    );

    await assert.rejects(
      client.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 13 }, newName: 'wget' }),
      (err: Error) => /A component `wget` is already defined/.test(err.message),
    );
    await assert.rejects(client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: { line: 1, character: 2 } }), (err: Error) => /Only a component can be renamed/.test(err.message));
    await client.shutdown();
  });
});
