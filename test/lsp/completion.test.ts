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

  it("completes an overlay's section, package and tag from the component's own spec, once the spec is looked up", async () => {
    const spec = ['Name: hello', 'Version: 1', 'Release: 1', 'Summary: s', 'License: MIT', 'Vendor: x', '', '%description', 'd', '', '%package devel', 'Summary: dev', '%description devel', 'dd', '', '%package -n hello-tools', 'Summary: tools', '%description -n hello-tools', 'td', '', '%prep', '', '%build', '', '%install', '', '%post', '/sbin/ldconfig', '', '%files', '', '%files devel', '', '%files -n hello-tools', '', '%changelog', ''].join('\n');
    const comp = '[components.hello]\nspec = { type = "local", path = "hello.spec" }\n[[components.hello.overlays]]\ntype = "spec-append-lines"\nsection = ""\npackage = ""\nlines = ["x"]\n';
    const dir = tempProject({ 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n', 'comps/hello.comp.toml': comp, 'comps/hello.spec': spec });
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    const uri = client.open(path.join(dir, 'comps', 'hello.comp.toml'), comp);
    await client.diagnosticsFor(uri, 1);
    const ask = (line: number, character: number) => client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    // The first answer may come before the spec is read: then it says it is incomplete, and the next one has the spec's names.
    let sections = await ask(4, 11);
    for (let i = 0; i < 50 && sections.isIncomplete; i++) {
      await new Promise((r) => setTimeout(r, 20));
      sections = await ask(4, 11);
    }
    assert.equal(sections.isIncomplete, false);
    const fromSpec = sections.items.filter((i) => i.detail === "in hello's spec").map((i) => i.label);
    assert.deepEqual(fromSpec, ['%description', '%package', '%prep', '%build', '%install', '%post', '%files', '%changelog']);
    assert.ok(sections.items.some((i) => i.label === '%check' && i.detail !== "in hello's spec"), 'the standard list follows');
    const packages = await ask(5, 11);
    assert.deepEqual(packages.items.map((i) => i.label), ['devel', 'hello-tools']);
    client.change(uri, 2, comp.replace('type = "spec-append-lines"\nsection = ""\npackage = ""\nlines = ["x"]', 'type = "spec-set-tag"\ntag = ""\nvalue = "y"'));
    const tags = await ask(4, 7);
    assert.deepEqual(tags.items.filter((i) => i.detail === "in hello's spec").map((i) => i.label), ['Name', 'Version', 'Release', 'Summary', 'License', 'Vendor']);
    await client.shutdown();
  });

  it("waits for the project's names when asked while the start-up scan still reads the tree, and only then", async () => {
    // 400 component files: the scan reads a file a turn, so the requests below arrive before it is done.
    const files: Record<string, string> = { 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n' };
    for (let i = 0; i < 400; i++) files[`comps/c${String(i).padStart(3, '0')}.comp.toml`] = `[components.pkg${i}]\n[components.lib${i}]\n`;
    const dir = tempProject(files);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    const gUri = client.open(path.join(dir, 'comps', 'g.comp.toml'), '[component-groups.g]\ncomponents = ["pkg39"]\n');
    const ask = (character: number) => client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: gUri }, position: { line: 1, character } });
    // A schema key needs no model: answered without waiting, before the group's names (message order, not time).
    const order: string[] = [];
    const names = ask(20).then((l) => (order.push('names'), l));
    const keys = client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: gUri }, position: { line: 2, character: 0 } }).then((l) => (order.push('keys'), l));
    const [list, keyList] = await Promise.all([names, keys]);
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['pkg39', 'pkg390', 'pkg391', 'pkg392', 'pkg393', 'pkg394', 'pkg395', 'pkg396', 'pkg397', 'pkg398', 'pkg399']);
    assert.equal(list.isIncomplete, false);
    assert.ok(keyList.items.some((i) => i.label === 'description'), JSON.stringify(keyList.items.map((i) => i.label)));
    assert.deepEqual(order, ['keys', 'names']);
    await client.shutdown();
  });

  it('keeps its first, incomplete answer when the buffer changed while it waited for the names', async () => {
    const files: Record<string, string> = { 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n' };
    for (let i = 0; i < 400; i++) files[`comps/c${String(i).padStart(3, '0')}.comp.toml`] = `[components.pkg${i}]\n`;
    const dir = tempProject(files);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    const gUri = client.open(path.join(dir, 'comps', 'g.comp.toml'), '[component-groups.g]\ncomponents = ["pkg39"]\n');
    const stale = client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: gUri }, position: { line: 1, character: 20 } });
    // Typed on: the position no longer means what it did, so the names are not computed for the new text.
    client.change(gUri, 2, '[component-groups.g]\ndescription = "pkg39 and pkg4"\n');
    assert.deepEqual(await stale, { isIncomplete: true, items: [] });
    const fresh = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: gUri }, position: { line: 1, character: 29 } });
    assert.equal(fresh.isIncomplete, false);
    await client.shutdown();
  });

  it('sends plain text, with every field and its example, to a client that cannot take snippets', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, {}, { configuration: true }, undefined, { publishDiagnostics: {} });
    const uri = client.open(path.join(dir, 'comps', 'a.comp.toml'), '[components.a]\n\n');
    await client.diagnosticsFor(uri, 1);
    const items = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
    const block = items.items.find((i) => i.label === 'overlay: spec-add-tag');
    assert.equal(block?.insertTextFormat, 1);
    assert.equal(block?.textEdit?.newText, '[[components.a.overlays]]\ndescription = "What this spec-add-tag overlay does and why"\ntype = "spec-add-tag"\ntag = "BuildRequires"\nvalue = "pkgconfig(zlib)"\n');
    assert.ok(items.items.every((i) => i.insertTextFormat !== 2 && !/\$\{?\d/.test(i.textEdit?.newText ?? '')), 'no snippet syntax reaches this client');
    await client.shutdown();
  });
});
