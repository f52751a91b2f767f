// The server as editors other than VS Code start and configure it: `distro-toml lsp` from the CLI bundle,
// settings flat or under `distroToml` in initializationOptions (Helix's `config`) and in
// workspace/didChangeConfiguration (Neovim's `settings`), and a configuration pull answered with null
// (Neovim, for a section it does not have) that keeps what the client set.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DIST, tempProject } from '../support/paths';
import { LspClient, type LspClientOptions } from './lspClient';
import { RawClient } from './rawClient';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.comp.toml"]\n\n[project]\ndescription = "any client"\n',
  // An overlay without a description: the authoring guide's lint reports it unless `lint.authoringGuide` is off.
  'comps/c.comp.toml': '[components.c]\n[[components.c.overlays]]\ntype = "spec-remove-tag"\ntag = "Vendor"\n',
};
const LINT = 'guide-overlay-description';
const LINT_OFF = { lint: { authoringGuide: false }, packageIndex: { offline: true } };
const CLI_LSP = [path.join(DIST, 'cli.js'), 'lsp'];
const CAPABILITIES = { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } };

describe('any LSP client: distro-toml lsp and the settings shapes', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  /** A client on `distro-toml lsp`, initialized with these initializationOptions, and the lint file opened. */
  async function started(initializationOptions: unknown, options: LspClientOptions = {}): Promise<{ client: LspClient; uri: string; codes(version: number): Promise<string[]> }> {
    const dir = tempProject(PROJECT);
    const client = new LspClient({}, { args: CLI_LSP, ...options });
    clients.push(client);
    await client.initializeWith(dir, initializationOptions, CAPABILITIES);
    const uri = client.open(path.join(dir, 'comps', 'c.comp.toml'), PROJECT['comps/c.comp.toml'], 1);
    const codes = async (version: number) => (await client.diagnosticsFor(uri, version)).map((d) => String(d.code));
    return { client, uri, codes };
  }

  /** Edits the file (same text) so it is checked again with the settings now in force; the codes published. */
  async function recheck(s: { client: LspClient; uri: string; codes(v: number): Promise<string[]> }, version: number): Promise<string[]> {
    s.client.change(s.uri, version, PROJECT['comps/c.comp.toml']);
    return s.codes(version);
  }

  it('starts from the CLI bundle, over stdio by default, and says who it is', async () => {
    const s = await started({ packageIndex: { offline: true } });
    assert.deepEqual(await s.codes(1), [LINT], 'the default settings: the guide lint is on');
    assert.equal(await s.client.shutdown(), 0);
    const help = spawnSync(process.execPath, [...CLI_LSP, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: distro-toml lsp \[--stdio/);
    const bad = spawnSync(process.execPath, [...CLI_LSP, '--socket'], { encoding: 'utf8' });
    assert.deepEqual([bad.status, bad.stderr.split('\n')[0]], [2, 'distro-toml lsp: --socket needs a value']);
  });

  it('takes settings flat in initializationOptions', async () => {
    const s = await started(LINT_OFF);
    assert.deepEqual(await s.codes(1), []);
    await s.client.shutdown();
  });

  it('takes settings under distroToml in initializationOptions (Helix passes its config so)', async () => {
    const s = await started({ distroToml: LINT_OFF });
    assert.deepEqual(await s.codes(1), []);
    await s.client.shutdown();
  });

  it('takes settings pushed flat in workspace/didChangeConfiguration', async () => {
    const s = await started({ packageIndex: { offline: true } });
    assert.deepEqual(await s.codes(1), [LINT]);
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: LINT_OFF });
    assert.deepEqual(await recheck(s, 2), []);
    assert.equal(s.client.configurationPulls.length, 0, 'a push that carries the settings needs no pull');
    await s.client.shutdown();
  });

  it('takes settings pushed under distroToml (Neovim sends its settings table so), and a null pull keeps them', async () => {
    // Neovim answers a pull for a section its settings lack with null.
    const s = await started(null, { configuration: (p) => p.items.map(() => null) });
    assert.deepEqual(await s.codes(1), [LINT]);
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { distroToml: LINT_OFF } });
    assert.deepEqual(await recheck(s, 2), []);
    // A push without our section makes the server pull it; the null answer must not reset the lint to on.
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { otherServer: { x: 1 } } });
    await s.client.waitFor(() => s.client.configurationPulls.length === 1 || undefined, 10_000, 'a configuration pull');
    assert.deepEqual(s.client.configurationPulls[0]?.items.map((i) => i.section), ['distroToml']);
    assert.deepEqual(await recheck(s, 3), []);
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.client.waitFor(() => s.client.configurationPulls.length === 2 || undefined, 10_000, 'a second pull');
    assert.deepEqual(await recheck(s, 4), []);
    await s.client.shutdown();
  });

  it('keeps the settings of initializationOptions when a pull is answered with null', async () => {
    const s = await started({ distroToml: LINT_OFF }, { configuration: (p) => p.items.map(() => null) });
    assert.deepEqual(await s.codes(1), []);
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await s.client.waitFor(() => s.client.configurationPulls.length === 1 || undefined, 10_000, 'a configuration pull');
    assert.deepEqual(await recheck(s, 2), []);
    await s.client.shutdown();
  });

  it('applies a pulled section, nested or flat', async () => {
    let answer: unknown = LINT_OFF;
    const s = await started({ packageIndex: { offline: true } }, { configuration: (p) => p.items.map(() => answer) });
    assert.deepEqual(await s.codes(1), [LINT]);
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.client.waitFor(() => s.client.configurationPulls.length === 1 || undefined, 10_000, 'a configuration pull');
    assert.deepEqual(await recheck(s, 2), []);
    // A client that answers with its whole settings table instead of the section.
    answer = { distroToml: { lint: { authoringGuide: true }, packageIndex: { offline: true } } };
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.client.waitFor(() => s.client.configurationPulls.length === 2 || undefined, 10_000, 'a second pull');
    assert.deepEqual(await recheck(s, 3), [LINT]);
    await s.client.shutdown();
  });
});

describe('custom requests: the standard parameter shape, and InvalidParams for garbage', () => {
  const clients: LspClient[] = [];
  const raws: RawClient[] = [];
  after(() => [...clients, ...raws].forEach((c) => c.kill()));
  const INVALID_PARAMS = -32602;
  const ABSENT = Symbol('no params member');

  it('accept TextDocumentPositionParams (textDocument.uri) as well as uri', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient({}, { args: CLI_LSP });
    clients.push(client);
    await client.initializeWith(dir, LINT_OFF, CAPABILITIES);
    const uri = client.open(path.join(dir, 'comps', 'c.comp.toml'), PROJECT['comps/c.comp.toml'], 1);
    await client.diagnosticsFor(uri, 1);
    const onComponent = { line: 0, character: 13 };
    const standard = await client.connection.sendRequest<{ component?: string; text?: string }>('distroToml/effectiveConfig', { textDocument: { uri }, position: onComponent });
    const ours = await client.connection.sendRequest<{ component?: string; text?: string }>('distroToml/effectiveConfig', { uri, position: onComponent });
    assert.equal(standard.component, 'c');
    assert.deepEqual(standard, ours);
    // Render: no spec is at hand offline, but the component is found through either shape.
    const rendered = await client.connection.sendRequest<{ component?: string }>('distroToml/render', { textDocument: { uri }, component: 'c' });
    assert.equal(rendered.component, 'c');
    const all = await client.connection.sendRequest<{ cancelled: boolean }>('distroToml/checkAllOverlays', { textDocument: { uri } });
    assert.equal(all.cancelled, false);
    await client.shutdown();
  });

  it('answer malformed parameters with InvalidParams and keep serving', async () => {
    // Frames written as they are, so each garbage value reaches the server exactly as given.
    const dir = tempProject(PROJECT);
    const client = new RawClient();
    raws.push(client);
    let id = 0;
    const ask = async (method: string, params: unknown): Promise<number | 'result'> => {
      const n = ++id;
      client.frame({ jsonrpc: '2.0', id: n, method, ...(params === ABSENT ? {} : { params }) });
      const m = await client.response(n);
      return m.error ? m.error.code : 'result';
    };
    await ask('initialize', { processId: null, rootUri: 'file://' + dir, capabilities: {}, initializationOptions: LINT_OFF });
    client.frame({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'file://' + path.join(dir, 'comps', 'c.comp.toml');
    client.frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'toml', version: 1, text: PROJECT['comps/c.comp.toml'] } } });
    const garbageForComponent: unknown[] = [
      ABSENT,
      null,
      42,
      'c',
      [uri, { line: 0, character: 0 }],
      {},
      { uri },
      { uri: 7, position: { line: 0, character: 0 } },
      { textDocument: uri, position: { line: 0, character: 0 } },
      { textDocument: {}, position: { line: 0, character: 0 } },
      { uri, position: { line: -1, character: 0 } },
      { uri, position: { line: 0.5, character: 0 } },
      { uri, position: { line: '0', character: 0 } },
      { uri, position: null },
      { uri, component: 3 },
      { uri, component: '' },
    ];
    for (const method of ['distroToml/effectiveConfig', 'distroToml/render']) {
      for (const params of garbageForComponent) {
        assert.equal(await ask(method, params), INVALID_PARAMS, `${method} ${params === ABSENT ? '(no params)' : JSON.stringify(params)}`);
      }
    }
    for (const params of [42, 'x', [1], { uri: 5 }, { textDocument: 'x' }, { textDocument: { uri: null } }]) {
      assert.equal(await ask('distroToml/checkAllOverlays', params), INVALID_PARAMS, `checkAllOverlays ${JSON.stringify(params)}`);
    }
    for (const params of [42, 'x', [true], { force: 'yes' }, { force: 1 }]) {
      assert.equal(await ask('distroToml/refreshPackageIndex', params), INVALID_PARAMS, `refreshPackageIndex ${JSON.stringify(params)}`);
    }
    // Well-formed requests still answer, and the server is still up (one by-position parameter is JSON-RPC too).
    assert.equal(await ask('distroToml/effectiveConfig', { uri, position: { line: 0, character: 13 } }), 'result');
    assert.equal(await ask('distroToml/effectiveConfig', [{ uri, position: { line: 0, character: 13 } }]), 'result');
    assert.equal(await ask('distroToml/checkAllOverlays', null), 'result');
    assert.equal(await ask('distroToml/refreshPackageIndex', { force: false }), 'result');
    await ask('shutdown', ABSENT);
    client.frame({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await client.exited, 0);
  });
});
