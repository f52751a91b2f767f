// The server as editors other than VS Code start and configure it: `distro-toml lsp` from the CLI bundle,
// settings flat or under `distroToml` in initializationOptions (Helix's `config`) and in
// workspace/didChangeConfiguration (Neovim's `settings`), and a configuration pull answered with null
// (Neovim, for a section it does not have) that keeps what the client set; custom requests in LSP's
// parameter shape and InvalidParams for garbage; code lenses and hover links that name only commands the
// client runs or the server executes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as fs from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { CORPUS_ROOT, DIST, REPO_ROOT, tempProject } from '../support/paths';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient, VSCODE_CLIENT_COMMANDS, type LspClientOptions } from './lspClient';
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

  /**
   * Once the answer to a pull is applied: the server re-checks open documents with the new settings and publishes.
   * (The pull is seen before its answer reaches the server, and with no debounce an edit sent at once could be
   * checked first.)
   */
  async function applied(s: { client: LspClient; uri: string }, expected: string[]): Promise<void> {
    await s.client.waitFor(() => {
      const last = s.client.published.filter((p) => p.uri === s.uri).at(-1);
      return last && JSON.stringify(last.diagnostics.map((d) => String(d.code))) === JSON.stringify(expected) ? true : undefined;
    }, 10_000, `diagnostics ${JSON.stringify(expected)} after the settings change`);
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
    await applied(s, []);
    assert.deepEqual(await recheck(s, 2), []);
    // A client that answers with its whole settings table instead of the section.
    answer = { distroToml: { lint: { authoringGuide: true }, packageIndex: { offline: true } } };
    await s.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.client.waitFor(() => s.client.configurationPulls.length === 2 || undefined, 10_000, 'a second pull');
    await applied(s, [LINT]);
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

describe('code lenses and hover links in a client without the VS Code extension', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));
  const SPEC = 'Name:           hello\nVersion:        1.0\nRelease:        1%{?dist}\nSummary:        Hello\nLicense:        MIT\n\n%description\nHello.\n\n%prep\n\n%build\n\n%install\n\n%files\n\n%changelog\n';
  const COMP = '[components.hello]\nspec = { type = "local", path = "hello.spec" }\n\n[[components.hello.overlays]]\ndescription = "Vendor"\ntype = "spec-add-tag"\ntag = "Vendor"\nvalue = "Example"\n';
  const LENS_PROJECT = { 'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n', 'comps/hello/hello.comp.toml': COMP, 'comps/hello/hello.spec': SPEC };

  it('names only commands the server executes, and executing one checks the component', async () => {
    const dir = tempProject(LENS_PROJECT);
    const client = new LspClient({}, { args: CLI_LSP });
    clients.push(client);
    const messages: { type: number; message: string }[] = [];
    client.connection.onNotification('window/showMessage', (m: { type: number; message: string }) => void messages.push(m));
    const init = await client.initializeWith(dir, { packageIndex: { offline: true } }, CAPABILITIES);
    const executable = init.capabilities.executeCommandProvider?.commands ?? [];
    const file = path.join(dir, 'comps', 'hello', 'hello.comp.toml');
    const uri = client.open(file, COMP, 1);
    await client.diagnosticsFor(uri, 1);

    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const resolved = await Promise.all(lenses.map((l) => (l.command ? l : client.connection.sendRequest<CodeLens>('codeLens/resolve', l))));
    assert.deepEqual(resolved.map((l) => [l.command?.title, l.command?.command]), [['1 overlay · check', 'distroToml.checkComponent']]);
    for (const l of resolved) assert.ok(executable.includes(l.command?.command ?? ''), `${l.command?.command} is advertised in executeCommandProvider`);

    const result = await client.connection.sendRequest<{ component: string; ok: boolean; summary: string }>('workspace/executeCommand', { command: resolved[0]?.command?.command, arguments: resolved[0]?.command?.arguments });
    assert.deepEqual([result.component, result.ok, result.summary], ['hello', true, 'hello: all 1 overlay apply (spec from comps/hello)']);
    await client.waitFor(() => messages.length || undefined, 10_000, 'window/showMessage');
    assert.deepEqual(messages, [{ type: 3, message: 'Distro TOML: hello: all 1 overlay apply (spec from comps/hello)' }]);

    // A failing overlay is named in the answer and the message.
    const broken = COMP.replace('type = "spec-add-tag"\ntag = "Vendor"\nvalue = "Example"', 'type = "spec-search-replace"\nsection = "%build"\nregex = "no-such-text"\nreplacement = "x"');
    client.change(uri, 2, broken);
    await client.diagnosticsFor(uri, 2);
    const failing = await client.connection.sendRequest<{ ok: boolean; summary: string }>('workspace/executeCommand', { command: 'distroToml.checkComponent', arguments: [{ uri, component: 'hello' }] });
    assert.equal(failing.ok, false);
    assert.match(failing.summary, /^hello: 1 of \d+ steps fail — overlay 1 of component `hello` \(spec-search-replace\): /);

    // Garbage arguments and unknown commands are errors, not crashes.
    for (const params of [{ command: 'distroToml.checkComponent', arguments: [] }, { command: 'distroToml.checkComponent', arguments: [{ uri, position: { line: 0, character: 0 } }] }, { command: 'distroToml.renderPreview', arguments: [] }]) {
      await assert.rejects(client.connection.sendRequest('workspace/executeCommand', params), (err: { code: number }) => err.code === -32602, JSON.stringify(params));
    }

    // The component hover links to the effective-config view only where that command exists.
    const hover = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 14 } });
    assert.match(hover.contents.value, /^\*\*Component `hello`\*\*/);
    assert.doesNotMatch(hover.contents.value, /command:/);
    assert.equal(await client.shutdown(), 0);
  });

  it('names the extension\'s commands to a client that says it runs them', async () => {
    const dir = tempProject(LENS_PROJECT);
    const client = new LspClient({}, { args: CLI_LSP });
    clients.push(client);
    await client.initializeWith(dir, { packageIndex: { offline: true } }, { ...CAPABILITIES, experimental: VSCODE_CLIENT_COMMANDS });
    const uri = client.open(path.join(dir, 'comps', 'hello', 'hello.comp.toml'), COMP, 1);
    await client.diagnosticsFor(uri, 1);
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const resolved = await Promise.all(lenses.map((l) => (l.command ? l : client.connection.sendRequest<CodeLens>('codeLens/resolve', l))));
    assert.deepEqual(resolved.map((l) => [l.command?.title, l.command?.command]), [['Preview', 'distroToml.renderPreview'], ['Diff', 'distroToml.diffUpstream'], ['1 overlay', 'distroToml.showEffectiveConfig']]);
    const hover = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 14 } });
    assert.match(hover.contents.value, /\[Show Effective Config\]\(command:distroToml\.showEffectiveConfig\?/);
    await client.shutdown();
  });
});

describe("hover and completion documentation in the client's content format", () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));
  const COMP = '[components.hello]\nspec = { type = "upstream" }\n\n[[components.hello.overlays]]\ndescription = "Vendor"\ntype = "spec-add-tag"\ntag = "Vendor"\nvalue = "Example"\n';
  const PROJECT_FILES = { 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n', 'comps/hello.comp.toml': COMP };

  /** The component hover, the overlay-type hover and the documentation of the `type` value completions, as this client gets them. */
  async function asSeenBy(textDocument: Record<string, unknown>) {
    const dir = tempProject(PROJECT_FILES);
    const client = new LspClient({}, { args: CLI_LSP });
    clients.push(client);
    await client.initializeWith(dir, { packageIndex: { offline: true } }, { ...CAPABILITIES, textDocument });
    const uri = client.open(path.join(dir, 'comps', 'hello.comp.toml'), COMP, 1);
    await client.diagnosticsFor(uri, 1);
    type Markup = { kind: string; value: string };
    const hover = async (line: number, character: number) => (await client.connection.sendRequest<{ contents: Markup }>('textDocument/hover', { textDocument: { uri }, position: { line, character } })).contents;
    const component = await hover(0, 14);
    const overlayType = await hover(5, 10);
    const completion = await client.connection.sendRequest<{ items: { label: string; documentation?: Markup }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 8 } });
    const docs = completion.items.flatMap((i) => (i.documentation ? [i.documentation] : []));
    await client.shutdown();
    return { component, overlayType, docs };
  }

  it('sends Markdown by default and to clients that prefer it, plain text to clients that ask for it', async () => {
    const markdown = await asSeenBy({ hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { documentationFormat: ['markdown'] } } });
    assert.equal(markdown.component.kind, 'markdown');
    assert.match(markdown.component.value, /^\*\*Component `hello`\*\*/);
    assert.ok(markdown.docs.length > 0, 'completion items carry documentation');
    assert.ok(markdown.docs.every((d) => d.kind === 'markdown'));
    const unsaid = await asSeenBy({});
    assert.equal(unsaid.component.kind, 'markdown', 'a client that lists no format gets Markdown');
    assert.match(unsaid.component.value, /^\*\*Component `hello`\*\*/);

    const plain = await asSeenBy({ hover: { contentFormat: ['plaintext'] }, completion: { completionItem: { documentationFormat: ['plaintext'] } } });
    for (const m of [plain.component, plain.overlayType, ...plain.docs]) {
      assert.equal(m.kind, 'plaintext');
      assert.doesNotMatch(m.value, /\*\*|```|`[^`]+`|\]\(/, m.value);
    }
    // The same words, links as their text and address.
    assert.match(plain.component.value, /^Component hello — defined in comps\/hello\.comp\.toml:1 \(file:\/\/\S+\/comps\/hello\.comp\.toml#L1\)\n/);
    assert.ok(plain.overlayType.value.trim().length > 0);
    assert.equal(plain.docs.length, markdown.docs.length);
  });
});

describe("the README's Helix configuration, sent the ways Helix sends it", () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('starts the server its languages.toml names and applies its config', async () => {
    // Helix is not in Debian bookworm: the server is started as the README's languages.toml says and given its
    // `config` as Helix gives it — initializationOptions, then a didChangeConfiguration push, and pulls answered
    // by looking the section up in `config` (null: the config is flat).
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /<!-- helix-config -->\n```toml\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block, 'README.md has a toml block after <!-- helix-config -->');
    const helix = parseToml(block) as { 'language-server': Record<string, { command: string; args: string[]; config: Record<string, unknown> }>; language: { name: string; 'language-servers': string[] }[] };
    const server = helix['language-server']['distro-toml'];
    assert.ok(server, '[language-server.distro-toml]');
    assert.equal(server.command, 'distro-toml');
    assert.ok(helix.language.some((l) => l.name === 'toml' && l['language-servers'].includes('distro-toml')));
    // The tests stay offline.
    const config: Record<string, unknown> = { ...server.config, packageIndex: { offline: true } };
    assert.equal(config['schema'], 'workspace', 'the example config asks for the schema the tree vendors');
    const client = new LspClient({}, { args: [path.join(DIST, 'cli.js'), ...server.args], configuration: (p) => p.items.map((i) => (i.section ? (config[i.section] ?? null) : config)) });
    clients.push(client);
    await client.initializeWith(CORPUS_ROOT, config, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, workspaceFolders: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: config });
    const ready = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 60_000, 'ready status');
    assert.equal(ready.schema.kind, 'workspace');
    assert.equal(ready.schema.path, path.join(CORPUS_ROOT, 'external', 'schemas', 'azldev.schema.json'));
    // A pull (after a push without our settings) is answered null by Helix's lookup, and changes nothing.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.configurationPulls.length || undefined, 10_000, 'a configuration pull');
    const file = path.join(CORPUS_ROOT, 'base', 'comps', 'components.toml');
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
    const statusesBefore = client.statuses.length;
    client.change(uri, 2, fs.readFileSync(file, 'utf8'));
    await client.diagnosticsFor(uri, 2);
    assert.ok(client.statuses.slice(statusesBefore).every((s) => s.schema.kind === 'workspace'), 'no rescan back to the bundled schema');
    assert.equal(client.statuses.at(-1)?.schema.kind, 'workspace');
    await client.shutdown();
  });
});
