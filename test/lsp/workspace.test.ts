// The workspace as the server knows it without any file open, over stdio: on a copy of the real tree, the
// start-up scan publishes every file's diagnostics and answers workspace symbols; the file watchers it
// registers (for a client that can register them) carry disk changes in, and a burst of 2,000 change
// notifications is applied in a few passes while a hover is answered; workspace-folder changes add and
// drop projects, for a client with and without workspace-folder support.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, LogMessageParams, Registration, RegistrationParams, SymbolInformation } from 'vscode-languageserver-protocol';
import { CORPUS_ROOT, tempProject, tempDir } from '../support/paths';
import { LspClient } from './lspClient';

const CHANGED = 2;
const CREATED = 1;
const DELETED = 3;

/** A client that records the server's registrations and log lines. */
function recordingClient() {
  const client = new LspClient();
  const registrations: Registration[] = [];
  const logs: string[] = [];
  client.connection.onRequest('client/registerCapability', (p: RegistrationParams) => {
    registrations.push(...p.registrations);
    return null;
  });
  client.connection.onNotification('window/logMessage', (p: LogMessageParams) => {
    logs.push(p.message);
  });
  return { client, registrations, logs };
}

const ready = (client: LspClient) => client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 60_000, 'ready status');
const symbols = (client: LspClient, query: string) => client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query });
const notifyFiles = (client: LspClient, changes: { uri: string; type: number }[]) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
const cleared = (client: LspClient, uri: string) => client.waitFor(() => (client.diagnostics.get(uri)?.diagnostics.length === 0 ? true : undefined), 30_000, `${uri} cleared`);

describe('the workspace before any file is opened (real tree copy)', () => {
  let dir: string;
  let rec: ReturnType<typeof recordingClient>;
  const uriOf = (rel: string) => 'file://' + path.join(dir, rel);

  before(async () => {
    dir = tempDir('distro-toml-ws-');
    fs.cpSync(CORPUS_ROOT, dir, { recursive: true });
    rec = recordingClient();
    await rec.client.initialize(dir, { diagnostics: { debounceMs: 0 } }, { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } });
    await ready(rec.client);
  });
  after(() => {
    rec.client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the whole tree and answers workspace symbols with nothing open', async () => {
    const published = [...rec.client.diagnostics.entries()].filter(([uri]) => uri.endsWith('.toml'));
    assert.ok(published.length >= 210, `${published.length} files published`);
    const problems = published.flatMap(([uri, p]) => p.diagnostics.filter((d) => (d.severity ?? 1) <= 2).map((d) => `${uri}: ${d.code}`));
    assert.deepEqual(problems, [], 'the real tree has no errors or warnings');
    const found = await symbols(rec.client, 'bash');
    assert.deepEqual(
      found.filter((s) => s.name === 'bash').map((s) => [s.containerName, s.location.uri]),
      [['component', uriOf('base/comps/bash/bash.comp.toml')]],
    );
  });

  it('registers file watchers and follows files changed, created and deleted on disk', async () => {
    const watch = rec.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual((watch?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern), ['**/*.toml', '**/*.spec', '**/*.schema.json']);
    const bash = path.join(dir, 'base/comps/bash/bash.comp.toml');
    fs.appendFileSync(bash, 'sepc = 1\n');
    await notifyFiles(rec.client, [{ uri: uriOf('base/comps/bash/bash.comp.toml'), type: CHANGED }]);
    const typo = await rec.client.diagnosticsWithCode(uriOf('base/comps/bash/bash.comp.toml'), 'schema-unknown-key', 30_000);
    assert.deepEqual(typo.map((d) => d.range.start), [{ line: 3, character: 0 }]);

    const created = 'base/comps/zz-new/zz-new.comp.toml';
    fs.mkdirSync(path.dirname(path.join(dir, created)));
    fs.writeFileSync(path.join(dir, created), '[components.zz-new]\nspec = { type = "upstrem" }\n');
    await notifyFiles(rec.client, [{ uri: uriOf(created), type: CREATED }]);
    assert.equal((await rec.client.diagnosticsWithCode(uriOf(created), 'schema-enum', 30_000)).length, 1);
    assert.deepEqual((await symbols(rec.client, 'zz-new')).map((s) => s.name), ['zz-new']);

    fs.rmSync(path.join(dir, created));
    await notifyFiles(rec.client, [{ uri: uriOf(created), type: DELETED }]);
    await cleared(rec.client, uriOf(created));
    assert.deepEqual((await symbols(rec.client, 'zz-new')).map((s) => s.name), []);
  });

  it('applies a burst of 2,000 change notifications in a few passes and answers a hover meanwhile', async () => {
    const files = [...rec.client.diagnostics.keys()].filter((u) => u.endsWith('.comp.toml')).slice(0, 200);
    assert.equal(files.length, 200);
    const bashUri = uriOf('base/comps/bash/bash.comp.toml');
    rec.client.open(path.join(dir, 'base/comps/bash/bash.comp.toml'), fs.readFileSync(path.join(dir, 'base/comps/bash/bash.comp.toml'), 'utf8'));
    const before = rec.logs.length;
    for (let i = 0; i < 2000; i++) void notifyFiles(rec.client, [{ uri: files[i % files.length] as string, type: CHANGED }]);
    const hover = await rec.client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: bashUri }, position: { line: 0, character: 13 } });
    assert.match(JSON.stringify(hover.contents), /bash/);
    // Every distinct file is applied at least once; the 2,000 notifications take a handful of passes, not 2,000.
    const passes = () => rec.logs.slice(before).map((l) => /^Applied (\d+) (?:of \d+ )?watched-file change/.exec(l)).filter((m) => m !== null);
    await rec.client.waitFor(() => (passes().reduce((n, m) => n + Number(m[1]), 0) >= files.length ? true : undefined), 60_000, 'every change applied');
    assert.ok(passes().length <= 20, `${passes().length} passes`);
  });

  it('drops the project and its diagnostics when its folder leaves the workspace', async () => {
    // An open file keeps its project in the workspace; closed, only the folders count.
    await rec.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('base/comps/bash/bash.comp.toml') } });
    await rec.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: 'file://' + dir, name: 'tree' }] } });
    await cleared(rec.client, uriOf('base/comps/components.toml'));
    assert.deepEqual(await symbols(rec.client, 'kernel'), []);
  });
});

describe('workspace folders and watchers for a client without dynamic registration', () => {
  const project = (name: string) => ({
    'azldev.toml': 'includes = ["comps/*.comp.toml"]\n',
    [`comps/${name}.comp.toml`]: `[components.${name}]\nspec = { type = "upstrem" }\n`,
  });
  let rec: ReturnType<typeof recordingClient> | undefined;
  after(() => rec?.client.kill());

  it('registers no watcher, and scans a folder added later and drops one removed', async () => {
    const a = tempProject(project('alpha'));
    const b = tempProject(project('beta'));
    rec = recordingClient();
    await rec.client.initialize(a, {});
    await ready(rec.client);
    assert.deepEqual(rec.registrations.map((r) => r.method).filter((m) => m === 'workspace/didChangeWatchedFiles'), []);
    const alphaUri = 'file://' + path.join(a, 'comps/alpha.comp.toml');
    const betaUri = 'file://' + path.join(b, 'comps/beta.comp.toml');
    assert.equal((await rec.client.diagnosticsWithCode(alphaUri, 'schema-enum')).length, 1);
    assert.deepEqual((await symbols(rec.client, 'beta')).map((s) => s.name), []);

    await rec.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'file://' + b, name: 'b' }], removed: [] } });
    assert.equal((await rec.client.diagnosticsWithCode(betaUri, 'schema-enum')).length, 1);
    assert.deepEqual((await symbols(rec.client, 'beta')).map((s) => s.location.uri), [betaUri]);

    await rec.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: 'file://' + a, name: 'a' }] } });
    await cleared(rec.client, alphaUri);
    assert.deepEqual((await symbols(rec.client, 'alpha')).map((s) => s.name), []);
    assert.equal(rec.client.diagnostics.get(betaUri)?.diagnostics.length, 1);
  });

  it('reports ill-formed UTF-8 of a file read from disk at the bad byte', async () => {
    const dir = tempProject({
      'azldev.toml': 'includes = ["comps/*.comp.toml"]\n',
      'comps/a.comp.toml': Buffer.concat([Buffer.from('[components.a]\n# caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]),
    });
    const client = new LspClient();
    try {
      await client.initialize(dir, {});
      const uri = 'file://' + path.join(dir, 'comps/a.comp.toml');
      const [bad] = await client.diagnosticsWithCode(uri, 'invalid-utf8');
      assert.deepEqual(bad?.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
      assert.match(String(bad?.message), /^Invalid UTF-8: byte 0xE9 at byte offset 20/);
    } finally {
      client.kill();
    }
  });

  it('re-judges an open component\'s overlays when its spec changes on disk', async () => {
    const spec = (build: string) => `Name: hello\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\n\n%description\nd\n\n%build\n${build}\n\n%files\n\n%changelog\n`;
    const comp = '[components.hello]\nspec = { type = "local", path = "hello.spec" }\n\n[[components.hello.overlays]]\ndescription = "d"\ntype = "spec-search-replace"\nsection = "%build"\nregex = "make-old"\nreplacement = "make-new"\n';
    const dir = tempProject({ 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n', 'comps/hello.comp.toml': comp, 'comps/hello.spec': spec('true') });
    const client = new LspClient();
    try {
      await client.initialize(dir, {});
      const uri = client.open(path.join(dir, 'comps/hello.comp.toml'), comp);
      assert.equal((await client.diagnosticsWithCode(uri, 'overlay-does-not-apply')).length, 1);
      fs.writeFileSync(path.join(dir, 'comps/hello.spec'), spec('make-old'));
      await notifyFiles(client, [{ uri: 'file://' + path.join(dir, 'comps/hello.spec'), type: CHANGED }]);
      await client.waitFor(() => (client.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'overlay-does-not-apply') ? undefined : true), 20_000, 'overlay judged again');
    } finally {
      client.kill();
    }
  });
});
