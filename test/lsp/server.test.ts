// The language server over stdio with a real JSON-RPC client: diagnostics on open and change, the
// background scan of the whole project, the status notification, and survival of hostile input.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CORPUS_ROOT, REPO_ROOT, tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.comp.toml"]\n\n[project]\ndescription = "lsp test"\n',
  'comps/a.comp.toml': '[components.a]\n',
  'comps/b.comp.toml': '[components.b]\nspec = { type = "upstrem" }\n',
};

describe('language server over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('publishes diagnostics on open and again after a change', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    const init = await client.initialize(dir, { diagnostics: { debounceMs: 10 } });
    assert.equal(init.serverInfo?.name, 'distro-toml');
    // The version is package.json's, as the CLI's --version says.
    assert.equal(init.serverInfo?.version, (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const file = path.join(dir, 'comps', 'a.comp.toml');
    const uri = client.open(file, '[components.a]\nsepc = 1\n', 1);
    const first = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      first.map((d) => [d.code, d.range, d.source]),
      [['schema-unknown-key', { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, 'distro-toml']],
    );
    client.change(uri, 2, '[components.a]\nspec = { type = "upstream" }\n');
    assert.deepEqual(await client.diagnosticsFor(uri, 2), []);
    client.change(uri, 3, '[components.a]\n[[components.a.overlays]]\ndescription = "d"\ntype = "spec-add-tag"\ntag = "Vendor"\n');
    const third = await client.diagnosticsFor(uri, 3);
    assert.deepEqual(third.map((d) => [d.code, d.range.start.line]), [['overlay-missing-field', 1]]);
    assert.equal(await client.shutdown(), 0);
  });

  /** A project whose azldev.toml includes `count` component files, scanned, with azldev.toml open and answered. */
  async function openedIncludingComponents(count: number): Promise<{ client: LspClient; uri: string }> {
    const files: Record<string, string> = { 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n' };
    for (let i = 0; i < count; i++) files[`comps/c${i}.comp.toml`] = `[components.c${i}]\n`;
    const dir = tempProject(files);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 30_000, 'ready status');
    const uri = client.open(path.join(dir, 'azldev.toml'), files['azldev.toml'] as string, 1);
    await client.diagnosticsFor(uri, 1);
    return { client, uri };
  }

  it('answers a keystroke that changes many files\' cross-file findings with the edited file first', async () => {
    // An include pattern narrowed by a keystroke: 30 component files are reached by nothing, and each gets a finding.
    // The edited file's diagnostics go out before theirs (they were published first, ~1 ms each, closed files read).
    const { client, uri } = await openedIncludingComponents(30);
    const from = client.published.length;
    client.change(uri, 2, 'includes = ["comps/c1*.comp.toml"]\n');
    await client.waitFor(() => client.published.slice(from).filter((p) => p.diagnostics.some((d) => d.code === 'project-file-not-included')).length >= 19 || undefined, 20_000, 'the unreached files');
    const after = client.published.slice(from);
    assert.equal(after[0]?.uri, uri, `the first publish after the keystroke: ${after.map((p) => path.basename(p.uri)).join(', ')}`);
    assert.equal(after[0]?.version, 2);
    await client.shutdown();
  });

  it('reads the next keystroke before the files whose findings the last one changed have all gone out', async () => {
    // 1,199 of 1,200 component files made unreached by a keystroke in an include pattern: their publishes (closed files read
    // again for their line tables) go out in the turns after its answer, and the next keystroke is read and answered among them.
    const { client, uri } = await openedIncludingComponents(1200);
    const from = client.published.length;
    client.change(uri, 2, 'includes = ["comps/c1.comp.toml"]\n');
    await client.diagnosticsFor(uri, 2);
    // At once, as an editor sends the next key: a key the schema does not know (its finding marks the answer).
    client.change(uri, 3, 'includes = ["comps/c1.comp.toml"]\nx = 1\n');
    const unreached = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.some((d) => d.code === 'project-file-not-included');
    await client.waitFor(() => client.published.slice(from).filter(unreached).length >= 1199 || undefined, 30_000, 'the unreached files');
    const after = client.published.slice(from);
    const third = after.findIndex((p) => p.uri === uri && p.version === 3);
    assert.ok(third >= 0, 'the third version was answered');
    assert.ok(after[third]?.diagnostics.some((d) => d.code === 'schema-unknown-key'), 'with its own finding');
    const later = after.slice(third + 1).filter(unreached).length;
    assert.ok(later > 0, `some of the 1,199 unreached files went out after the next keystroke's answer (${after.slice(0, third).filter(unreached).length} before it)`);
    // Each of them once.
    assert.equal(new Set(after.filter(unreached).map((p) => p.uri)).size, 1199);
    await client.shutdown();
  });

  it('scans the whole project in the background and reports its state', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    const ready = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    assert.equal(ready.files, 3);
    assert.deepEqual([ready.schema.kind, path.basename(ready.schema.path ?? '')], ['bundled', 'azldev.schema.json']);
    assert.ok(client.statuses.some((s) => s.state === 'indexing'));
    const bUri = 'file://' + path.join(dir, 'comps', 'b.comp.toml');
    const diags = await client.diagnosticsFor(bUri);
    assert.deepEqual(diags.map((d) => d.code), ['schema-enum']);
    await client.shutdown();
  });

  it('reports a duplicate component in both files and clears both when one is fixed', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const aFile = path.join(dir, 'comps', 'a.comp.toml');
    const bUri = 'file://' + path.join(dir, 'comps', 'b.comp.toml');
    const aUri = client.open(aFile, '[components.a]\n[components.b]\n', 1);
    const inA = await client.diagnosticsFor(aUri, 1);
    assert.deepEqual(inA.map((d) => [d.code, d.range.start.line]), [['project-duplicate-component', 1]]);
    assert.equal(inA[0]?.relatedInformation?.[0]?.location.uri, bUri);
    const inB = await client.diagnosticsWithCode(bUri, 'project-duplicate-component', 10_000);
    assert.equal(inB.length, 1);
    client.change(aUri, 2, '[components.a]\n');
    assert.deepEqual(await client.diagnosticsFor(aUri, 2), []);
    await client.waitFor(() => (client.diagnostics.get(bUri)?.diagnostics.some((d) => d.code === 'project-duplicate-component') ? undefined : true), 10_000, 'b cleared');
    assert.deepEqual(client.diagnostics.get(bUri)?.diagnostics.map((d) => d.code), ['schema-enum']);
    await client.shutdown();
  });

  it('applies the settings sent at initialization: extra config files and the authoring-guide lints', async () => {
    const dir = tempProject({
      ...PROJECT,
      'overrides/extra.toml': '[project]\ndescripion = "typo"\n',
      'comps/c.comp.toml': '[components.c]\n[[components.c.overlays]]\ntype = "spec-remove-tag"\ntag = "Vendor"\n',
    });
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { extraConfigFiles: ['overrides/extra.toml'], lint: { authoringGuide: false } });
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const extraUri = 'file://' + path.join(dir, 'overrides', 'extra.toml');
    // Loaded as part of the project, so it is checked (the typo) and not reported as unincluded.
    assert.deepEqual((await client.diagnosticsWithCode(extraUri, 'schema-unknown-key')).length, 1);
    assert.ok(!client.diagnostics.get(extraUri)?.diagnostics.some((d) => d.code === 'project-file-not-included'));
    const cUri = 'file://' + path.join(dir, 'comps', 'c.comp.toml');
    await client.waitFor(() => client.diagnostics.get(cUri), 20_000, 'c published');
    assert.deepEqual(client.diagnostics.get(cUri)?.diagnostics.map((d) => d.code), [], 'no guide-overlay-description with the lints off');
    await client.shutdown();
  });

  it('uses the workspace schema when asked, and says so in the status', async () => {
    const client = new LspClient();
    clients.push(client);
    await client.initialize(CORPUS_ROOT, { schema: 'workspace' });
    const ready = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 30_000, 'ready status');
    assert.equal(ready.schema.kind, 'workspace');
    assert.equal(ready.schema.path, path.join(CORPUS_ROOT, 'external', 'schemas', 'azldev.schema.json'));
    assert.ok((ready.files ?? 0) >= 210);
    const file = path.join(CORPUS_ROOT, 'base', 'comps', 'components.toml');
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
    await client.shutdown();
  });

  it('survives half-typed and hostile documents and keeps answering', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient({ diagnostics: { debounceMs: 0 } });
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    const uri = client.open(path.join(dir, 'comps', 'a.comp.toml'), '[components.', 1);
    const half = await client.diagnosticsFor(uri, 1);
    assert.ok(half.length >= 1 && half.every((d) => d.code === 'toml-syntax'));
    const hostile = ['\u0000\uffff[=', 'a = ' + '['.repeat(50_000), 'x = """' + 'y'.repeat(200_000), '[[components.a.overlays]]\ntype = "spec-search-replace"\nregex = "(a*)*$' + '\\\\'.repeat(1000) + '"\n'];
    let version = 1;
    for (const text of hostile) {
      client.change(uri, ++version, text);
      await client.diagnosticsFor(uri, version);
    }
    client.change(uri, ++version, '[components.a]\n');
    assert.deepEqual(await client.diagnosticsFor(uri, version), []);
    assert.equal(await client.shutdown(), 0);
  });
});
