// Render Preview over the protocol: `distroToml/render` returns the effective spec, the spec it started
// from and each overlay's outcome at its place; an overlay that cannot apply is marked while typing;
// component headers carry Preview / Diff / overlay-count lenses.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { RenderedView } from '../../server/src/protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const SPEC = 'Name:           hello\nVersion:        1.0\nRelease:        1%{?dist}\nSummary:        Hello\nLicense:        MIT\n\n%description\nHello.\n\n%prep\n\n%build\n\n%install\n\n%files\n\n%changelog\n';

const COMP = [
  '[components.hello]',
  'spec = { type = "local", path = "hello.spec" }',
  '',
  '[[components.hello.overlays]]',
  'description = "Vendor"',
  'type = "spec-add-tag"',
  'tag = "Vendor"',
  'value = "Example"',
  '',
  '[[components.hello.overlays]]',
  'description = "Fix a path that is not there"',
  'type = "spec-search-replace"',
  'section = "%build"',
  'regex = "no-such-text"',
  'replacement = "x"',
  '',
  '[components.hello.build]',
  'defines = { with_tests = "0" }',
  '',
].join('\n');

const PROJECT = {
  'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n\n[project]\ndescription = "render test"\n',
  'comps/hello/hello.comp.toml': COMP,
  'comps/hello/hello.spec': SPEC,
};

describe('render preview over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('renders a component, reports each overlay, and marks the failing one while typing', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    const file = path.join(dir, 'comps', 'hello', 'hello.comp.toml');
    const uri = client.open(file, COMP, 1);

    const view = await client.connection.sendRequest<RenderedView>('distroToml/render', { uri, component: 'hello' });
    assert.equal(view.component, 'hello');
    assert.equal(view.ok, false);
    assert.equal(view.upstreamSpec, SPEC);
    // The preview banner comes apart from the spec, so the diff with upstream shows only real changes.
    assert.match(view.banner ?? '', /^# Distro TOML preview/);
    assert.doesNotMatch(view.spec ?? '', /Distro TOML preview/);
    assert.match(view.spec ?? '', /# This spec file has been modified by azldev to include build configuration overlays\./);
    assert.match(view.spec ?? '', /^Vendor:\s+Example$/m);
    const user = view.overlays.filter((o) => o.kind === 'user');
    assert.deepEqual(user.map((o) => [o.type, o.ok, o.location?.range.start.line]), [['spec-add-tag', true, 3], ['spec-search-replace', false, 9]]);
    assert.ok((user[1]?.message ?? '').length > 0);
    // Numbered as the Problems panel numbers them (azldev's own macros-file step before them is not
    // counted), with their descriptions.
    assert.ok((user[0]?.index ?? 0) > 0, 'the macros-file steps come before the first overlay');
    assert.deepEqual(user.map((o) => [o.label, o.description]), [['overlay 1 of component `hello`', 'Vendor'], ['overlay 2 of component `hello`', 'Fix a path that is not there']]);

    const diags = await client.diagnosticsWithCode(uri, 'overlay-does-not-apply', 20_000);
    assert.equal(diags.length, 1);
    assert.equal(diags[0]?.range.start.line, 9);
    assert.match(String(diags[0]?.message ?? ''), /^spec-search-replace overlay fails against/);

    // Fixing the regex clears the mark.
    client.change(uri, 2, COMP.replace('section = "%build"\nregex = "no-such-text"', 'section = "%description"\nregex = "Hello"'));
    await client.waitFor(() => (client.diagnostics.get(uri)?.version === 2 && !client.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'overlay-does-not-apply') ? true : undefined), 20_000, 'cleared');

    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => l.command?.title ?? 'unresolved'), ['Preview', 'Diff', 'unresolved']);
    const resolved = await client.connection.sendRequest<CodeLens>('codeLens/resolve', lenses[2]);
    assert.equal(resolved.command?.title, '2 overlays');
    await client.shutdown();
  });

  it('answers with the candidates when the cursor is on no component, and says why an upstream spec is missing', async () => {
    const dir = tempProject({ ...PROJECT, 'comps/up/up.comp.toml': '[components.up]\n' });
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { upstream: { fetch: false } });
    const uri = client.open(path.join(dir, 'azldev.toml'), PROJECT['azldev.toml'], 1);
    const none = await client.connection.sendRequest<{ candidates: string[] }>('distroToml/render', { uri, position: { line: 0, character: 0 } });
    assert.deepEqual(none.candidates, ['hello', 'up']);
    const up = await client.connection.sendRequest<{ ok: boolean; spec?: string; errors: string[] }>('distroToml/render', { uri, component: 'up' });
    assert.equal(up.ok, false);
    assert.equal(up.spec, undefined);
    assert.match(up.errors.join('\n'), /failed to fetch sources for component `up`/);
    await client.shutdown();
  });
});
