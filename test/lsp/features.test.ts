// The navigation features over stdio, as an editor asks for them: definition, references, document and
// workspace symbols, hover and distroToml/effectiveConfig, on a small project — including an edit the
// server has not yet validated (the answers follow the open buffer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, Hover, Location, LocationLink, SymbolInformation } from 'vscode-languageserver-protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.comp.toml", "groups.toml"]\n[project]\ndefault-distro = { name = "azl" }\n[distros.azl]\ndefault-version = "1"\n[distros.azl.versions.1.default-component-config]\nspec = { type = "upstream" }\n',
  'comps/bash.comp.toml': '[components.bash]\n[[components.bash.overlays]]\ntype = "spec-set-tag"\ndescription = "Vendor"\ntag = "Vendor"\nvalue = "v"\n',
  'comps/zsh.comp.toml': '[components.zsh]\n',
  'groups.toml': '[component-groups.shells]\ncomponents = ["bash", "zsh"]\n[component-groups.shells.default-component-config.build]\ncheck = { skip = true, skip_reason = "flaky" }\n',
};

const at = (line: number, character: number) => ({ line, character });

describe('navigation features over stdio', () => {
  let client: LspClient;
  let dir: string;
  const uriOf = (rel: string) => 'file://' + path.join(dir, rel);

  before(async () => {
    dir = tempProject(PROJECT);
    client = new LspClient();
    client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: 'file://' + dir, name: 'p' }]);
    const init = await client.initialize(dir, { diagnostics: { debounceMs: 10_000 } });
    const caps = init.capabilities;
    assert.deepEqual([caps.definitionProvider, caps.referencesProvider, caps.hoverProvider, caps.workspaceSymbolProvider], [true, true, true, true]);
    assert.ok(caps.documentSymbolProvider);
    for (const rel of Object.keys(PROJECT)) client.open(path.join(dir, rel), fs.readFileSync(path.join(dir, rel), 'utf8'));
  });
  after(() => client.kill());

  it('jumps from an include glob to the files and from a group member to the component', async () => {
    const links = await client.connection.sendRequest<LocationLink[]>('textDocument/definition', { textDocument: { uri: uriOf('azldev.toml') }, position: at(0, 15) });
    assert.deepEqual(links.map((l) => l.targetUri), [uriOf('comps/bash.comp.toml'), uriOf('comps/zsh.comp.toml')]);
    assert.deepEqual(links[0]?.originSelectionRange, { start: at(0, 12), end: at(0, 31) });
    const member = await client.connection.sendRequest<LocationLink[]>('textDocument/definition', { textDocument: { uri: uriOf('groups.toml') }, position: at(1, 24) });
    assert.deepEqual(member.map((l) => [l.targetUri, l.targetSelectionRange]), [[uriOf('comps/zsh.comp.toml'), { start: at(0, 12), end: at(0, 15) }]]);
  });

  it('finds the references of a component, with and without its declaration', async () => {
    const params = (includeDeclaration: boolean) => ({ textDocument: { uri: uriOf('comps/bash.comp.toml') }, position: at(0, 13), context: { includeDeclaration } });
    const all = await client.connection.sendRequest<Location[]>('textDocument/references', params(true));
    assert.deepEqual(all.map((l) => [l.uri, l.range.start]), [[uriOf('comps/bash.comp.toml'), at(0, 12)], [uriOf('groups.toml'), at(1, 14)]]);
    const refs = await client.connection.sendRequest<Location[]>('textDocument/references', params(false));
    assert.deepEqual(refs.map((l) => l.uri), [uriOf('groups.toml')]);
  });

  it('outlines a document and searches the workspace (prefix matches before substrings)', async () => {
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf('comps/bash.comp.toml') } });
    const bash = symbols[0]?.children?.[0];
    assert.deepEqual([symbols[0]?.name, bash?.name, bash?.children?.map((c) => [c.name, c.detail])], ['components', 'bash', [['spec-set-tag', 'Vendor']]]);
    assert.deepEqual(bash?.range, { start: at(0, 0), end: at(5, 11) });
    const found = await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'sh' });
    assert.deepEqual(found.map((s) => [s.name, s.containerName, s.location.uri]), [
      ['shells', 'component group', uriOf('groups.toml')],
      ['zsh', 'component', uriOf('comps/zsh.comp.toml')],
      ['bash', 'component', uriOf('comps/bash.comp.toml')],
    ]);
  });

  it("hovers a component with what it inherits, and a value with its origin, following an edit not yet validated", async () => {
    client.change(uriOf('comps/zsh.comp.toml'), 2, '[components.zsh]\n[components.zsh.build]\nwith = ["x"]\n');
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: uriOf('comps/zsh.comp.toml') }, position: at(0, 13) });
    const md = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(md, /Groups: `shells`/);
    assert.match(md, /Inherits from: distro azl 1 default-component-config \(\[azldev\.toml:6\]/);
    assert.match(md, /component group shells default-component-config \(\[groups\.toml:3\]/);
    assert.match(md, /\[Show Effective Config\]\(command:distroToml\.showEffectiveConfig\?/);
    const onValue = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: uriOf('comps/zsh.comp.toml') }, position: at(2, 9) });
    const valueMd = typeof onValue.contents === 'object' && 'value' in onValue.contents ? onValue.contents.value : '';
    assert.match(valueMd, /Effective: `"x"` — from component zsh \(\[comps\/zsh\.comp\.toml:3\]/);
    assert.deepEqual(hover.range, { start: at(0, 12), end: at(0, 15) });
  });

  it('answers distroToml/effectiveConfig for a position, a name, and with candidates off any component', async () => {
    const byPosition = await client.connection.sendRequest<{ component: string; text: string }>('distroToml/effectiveConfig', { uri: uriOf('comps/bash.comp.toml'), position: at(3, 3) });
    assert.equal(byPosition.component, 'bash');
    assert.match(byPosition.text, /^\[\[components\.bash\.overlays\]\] {2}# from component bash \(comps\/bash\.comp\.toml:2\)$/m);
    const byName = await client.connection.sendRequest<{ component: string; text: string }>('distroToml/effectiveConfig', { uri: uriOf('azldev.toml'), component: 'zsh' });
    assert.match(byName.text, /^# Groups: shells$/m);
    const none = await client.connection.sendRequest<{ candidates: string[] }>('distroToml/effectiveConfig', { uri: uriOf('azldev.toml'), position: at(1, 2) });
    assert.deepEqual(none, { candidates: ['bash', 'zsh'] });
  });
});
