// Spec documents over stdio, opened the way the VS Code client opens them (language `rpm-spec`): a `.spec`
// file of the tree and a Render Preview view (`distro-toml-render:` with the rendered text) get an outline,
// folding, hover and go-to-definition on macros — in a preview and a component's local spec, macros of
// azldev's generated macros file lead back to the TOML setting — while the TOML-only requests answer nothing for them and TOML files are
// served as before. Last, the real tree's kernel preview.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { DocumentSymbol, FoldingRange, Hover, Location, Position } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { RenderedView } from '../../server/src/protocol';
import { CORPUS_ROOT, tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const SPEC = [
  'Name:           hello',
  'Version:        1.0',
  'Release:        1%{?dist}',
  'Summary:        Hello',
  'License:        MIT',
  '%global srcname hello-src',
  '',
  '%description',
  'Hello.',
  '',
  '%package devel',
  'Summary:        Headers',
  '',
  '%description devel',
  'Headers.',
  '',
  '%prep',
  '%autosetup -n %{srcname}-%{version}',
  '',
  '%build',
  '%if 0%{?with_tests}',
  'make check',
  '%endif',
  '',
  '%files',
  '%{_bindir}/hello',
  '',
  '%files devel',
  '',
  '%changelog',
  '* Mon Jan 01 2024 Jane Doe <jane@example.com> - 1.0-1',
  '- First release.',
  '',
].join('\n');

const COMP = '[components.hello]\nspec = { type = "local", path = "hello.spec" }\n\n[components.hello.build]\ndefines = { with_tests = "0" }\n';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n\n[project]\ndescription = "spec documents"\n',
  'comps/hello/hello.comp.toml': COMP,
  'comps/hello/hello.spec': SPEC,
};

function openSpec(client: LspClient, uri: string, text: string, version = 1): void {
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rpm-spec', version, text } });
}

/** The position of the ‸ in `needle` (or of its start) at its first occurrence in `text`. */
function positionOf(text: string, needle: string): Position {
  const found = text.indexOf(needle.replace('‸', ''));
  assert.ok(found >= 0, `${needle} is in the text`);
  const offset = found + Math.max(0, needle.indexOf('‸'));
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: (before.at(-1) ?? '').length };
}

const names = (symbols: DocumentSymbol[]) => symbols.map((s) => `${s.name}${s.detail ? ` (${s.detail})` : ''}`);

describe('spec documents over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('a .spec file of the tree: outline, folding, hover and definition; TOML-only requests answer nothing', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    const init = await client.initialize(dir, { upstream: { fetch: false } });
    assert.equal(init.capabilities.foldingRangeProvider, true);
    const uri = URI.file(path.join(dir, 'comps', 'hello', 'hello.spec')).toString();
    openSpec(client, uri, SPEC);
    const textDocument = { uri };

    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    assert.deepEqual(names(symbols), [
      'Preamble (hello)', '%description (hello)', '%package devel (hello-devel)', '%description devel (hello-devel)',
      '%prep (hello)', '%build (hello)', '%files (hello)', '%files devel (hello-devel)', '%changelog',
    ]);
    assert.deepEqual(names(symbols[0]?.children ?? []), ['Name (hello)', 'Version (1.0)', 'Release (1%{?dist})', 'Summary (Hello)', 'License (MIT)', 'srcname (%global)']);
    assert.deepEqual(symbols[5]?.range, { start: { line: 19, character: 0 }, end: { line: 22, character: 6 } });
    assert.deepEqual(names(symbols[8]?.children ?? []), ['Mon Jan 01 2024 Jane Doe <jane@example.com> (1.0-1)']);

    const folds = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 5], [7, 8], [10, 11], [13, 14], [16, 17], [19, 22], [20, 22], [24, 25], [29, 31]]);

    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: positionOf(SPEC, '%{src‸name}-') });
    assert.equal((hover.contents as { value: string }).value, '**`%{srcname}`** — `%global` at line 6\n\n```spec\n%global srcname hello-src\n```');
    assert.deepEqual(hover.range, { start: { line: 17, character: 14 }, end: { line: 17, character: 24 } });
    const definition = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument, position: positionOf(SPEC, '%{vers‸ion}') });
    assert.deepEqual(definition, [{ uri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } } }]);
    // The local spec of component hello: azldev loads hello's generated macros into it when it renders it.
    const generated = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: positionOf(SPEC, '%{?with_‸tests}') });
    assert.match((generated.contents as { value: string }).value, /set to `0` by `build\.defines\.with_tests` in \[comps\/hello\/hello\.comp\.toml:5\]/);
    // A spec no component names as its local spec gets no generated macros.
    const stray = URI.file(path.join(dir, 'comps', 'hello', 'other.spec')).toString();
    openSpec(client, stray, SPEC);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: stray }, position: positionOf(SPEC, '%{?with_‸tests}') }), null);

    const position = positionOf(SPEC, '%{src‸name}-');
    assert.equal(await client.connection.sendRequest('textDocument/completion', { textDocument, position }), null);
    assert.equal(await client.connection.sendRequest('textDocument/codeLens', { textDocument }), null);
    assert.equal(await client.connection.sendRequest('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }), null);
    assert.equal(await client.connection.sendRequest('textDocument/prepareRename', { textDocument, position }), null);
    assert.deepEqual((await client.diagnosticsFor(uri)).length, 0);

    // The TOML beside it is served by the TOML features as before.
    const comp = client.open(path.join(dir, 'comps', 'hello', 'hello.comp.toml'), COMP);
    const tomlHover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: comp }, position: { line: 0, character: 14 } });
    assert.match((tomlHover.contents as { value: string }).value, /^\*\*Component `hello`\*\*/);
    const tomlSymbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: comp } });
    assert.deepEqual([tomlSymbols[0]?.name, tomlSymbols[0]?.children?.[0]?.name], ['components', 'hello']);
    await client.shutdown();
  });

  it("a Render Preview view: generated macros lead to their TOML setting, definitions stay in the preview, edits are seen", async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { upstream: { fetch: false } });
    const compFile = path.join(dir, 'comps', 'hello', 'hello.comp.toml');
    const comp = client.open(compFile, COMP);
    const view = await client.connection.sendRequest<RenderedView>('distroToml/render', { uri: comp, component: 'hello' });
    const text = `${view.banner ?? ''}\n${view.spec ?? ''}`;
    assert.match(text, /%\{load:%\{_sourcedir\}\/hello\.azl\.macros\}/);
    // As the client names it: the component in the path, the project file in the query.
    const uri = URI.from({ scheme: 'distro-toml-render', path: '/hello/hello.spec', query: comp }).toString();
    openSpec(client, uri, text);
    const textDocument = { uri };

    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: positionOf(text, '%{?with_‸tests}') });
    assert.equal(
      (hover.contents as { value: string }).value,
      `**\`%{with_tests}\`** — set to \`0\` by \`build.defines.with_tests\` in [comps/hello/hello.comp.toml:5](${comp}#L5), through \`hello.azl.macros\`, the macros file azldev generates and loads at the top of the spec.`,
    );
    const toSetting = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument, position: positionOf(text, '%{?with_‸tests}') });
    assert.deepEqual(toSetting.map((l) => [l.uri, l.range.start.line]), [[comp, 4]]);
    const load = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: positionOf(text, '%{lo‸ad:') });
    assert.match((load.contents as { value: string }).value, /rpm: reads macro definitions from a file/);
    const inPreview = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument, position: positionOf(text, '%{src‸name}-') });
    assert.deepEqual(inPreview.map((l) => [l.uri, l.range.start.line]), [[uri, positionOf(text, '%global srcname').line]]);

    // The view re-rendered with another value: the server reads the new text and the new setting.
    const edited = COMP.replace('"0"', '"1"');
    client.change(comp, 2, edited);
    const changed = `${text}\n%check\necho %{with_tests}\n`;
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: changed }] });
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    assert.equal(symbols.at(-1)?.name, '%check');
    const after = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: positionOf(changed, 'echo %{with_‸tests}') });
    assert.match((after.contents as { value: string }).value, /set to `1` by `build\.defines\.with_tests`/);
    await client.shutdown();
  });

  it('the real tree: the kernel preview explains %{azl_pkgrelease} from kernel.comp.toml and folds its %if blocks', async () => {
    const client = new LspClient();
    clients.push(client);
    await client.initialize(CORPUS_ROOT, { upstream: { fetch: false } });
    const compFile = path.join(CORPUS_ROOT, 'base', 'comps', 'kernel', 'kernel.comp.toml');
    const comp = URI.file(compFile).toString();
    const text = readFileSync(path.join(CORPUS_ROOT, '..', 'rendered-specs', 'k', 'kernel', 'kernel.spec'), 'utf8');
    const uri = URI.from({ scheme: 'distro-toml-render', path: '/kernel/kernel.spec', query: comp }).toString();
    // Timed once the background check of the tree is done, so the figures are the requests' own.
    await client.waitFor(() => client.statuses.some((st) => st.state === 'ready'), 60_000, 'the tree checked');
    openSpec(client, uri, text);
    const textDocument = { uri };
    const started = Date.now();
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument, position: positionOf(text, '%{azl_‸pkgrelease}') });
    const hoverMs = Date.now() - started;
    assert.match((hover.contents as { value: string }).value, /set to `8` by `build\.defines\.azl_pkgrelease` in \[base\/comps\/kernel\/kernel\.comp\.toml:13\]/);
    const definition = await client.connection.sendRequest<Location[]>('textDocument/definition', { textDocument, position: positionOf(text, '%{kextra‸version}') });
    assert.deepEqual(definition.map((l) => [l.uri, l.range.start.line]), [[comp, 15]]);
    const t0 = Date.now();
    const folds = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument });
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument });
    const outlineMs = Date.now() - t0;
    assert.ok(folds.length > 300, `${folds.length} folds`);
    assert.ok(symbols.filter((s) => s.name.startsWith('%package')).length > 20);
    process.stdout.write(`# kernel preview over stdio: first hover ${hoverMs} ms (parses the spec), folding + outline ${outlineMs} ms\n`);
    await client.shutdown();
  });
});
