// Requests and notifications with malformed parameters, sent as raw frames over stdio to every method the server
// registers (the requests from its capabilities and the protocol's custom requests, so a method added later is
// swept too): a request is answered InvalidParams naming the parameter, never InternalError with a JavaScript
// error's text; a position past the document is clamped; a notification is dropped and said in the log once per
// method; and after each one a good request is answered. Also positions inside a surrogate pair, and edits whose
// range runs past the end of the document (the text kept as VS Code keeps it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as protocol from '../../server/src/protocol';
import { CORPUS_ROOT, tempProject } from '../support/paths';
import { RawClient, type RawMessage } from './rawClient';

const KERNEL = 'base/comps/kernel-headers/kernel-headers.comp.toml';
const EMOJI = 'base/comps/emoji/emoji.comp.toml';
const EMOJI_TEXT = '[components.emoji]\n# 😀 grin\nspec = { type = "upstream", upstream-name = "😀😀" }\n\n[components.emoji.build]\n';
const corpusText = (rel: string) => fs.readFileSync(path.join(CORPUS_ROOT, rel), 'utf8');

const INVALID_PARAMS = -32602;
/** LSP's RequestFailed: a rename the core refuses (a valid request it cannot carry out). */
const REQUEST_FAILED = -32803;
/** What a message must never carry: a JavaScript error's words or a stack. */
const JS_INTERNALS = /Cannot read|Cannot set|undefined is not|null is not|is not a function|is not iterable|TypeError|ReferenceError|RangeError|failed with message|\n\s+at /;

/** The requests each capability the server announces registers (a capability not listed here fails the test). */
const REQUESTS_OF_CAPABILITY: Record<string, string[]> = {
  textDocumentSync: [],
  workspace: [],
  completionProvider: ['textDocument/completion'],
  hoverProvider: ['textDocument/hover'],
  definitionProvider: ['textDocument/definition'],
  referencesProvider: ['textDocument/references'],
  renameProvider: ['textDocument/prepareRename', 'textDocument/rename'],
  documentSymbolProvider: ['textDocument/documentSymbol'],
  workspaceSymbolProvider: ['workspace/symbol'],
  codeActionProvider: ['textDocument/codeAction'],
  codeLensProvider: ['textDocument/codeLens', 'codeLens/resolve'],
  executeCommandProvider: ['workspace/executeCommand'],
  foldingRangeProvider: ['textDocument/foldingRange'],
  selectionRangeProvider: ['textDocument/selectionRange'],
  documentLinkProvider: ['textDocument/documentLink'],
  documentFormattingProvider: ['textDocument/formatting'],
  documentRangeFormattingProvider: ['textDocument/rangeFormatting'],
};

/** The protocol's custom requests (every RequestType protocol.ts exports). */
const CUSTOM_REQUESTS = (Object.values(protocol) as unknown[])
  .filter((v): v is { method: string } => typeof v === 'object' && v !== null && v.constructor.name.startsWith('RequestType'))
  .map((v) => v.method);

const DROP = Symbol('drop');
/** What each field of a good request is replaced with: nothing, null, values of the wrong kinds, a string that is no URI. */
const BAD_VALUES: unknown[] = [DROP, null, 'x', 'a b:c', -1, 1.5, {}, []];

/** Every variant of `good` with one field (at any depth) replaced by a bad value, with the path replaced. */
function variants(good: unknown): { path: string[]; params: unknown }[] {
  const out: { path: string[]; params: unknown }[] = [];
  const walk = (value: unknown, p: string[]) => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      const at = [...p, key];
      for (const bad of BAD_VALUES) out.push({ path: at, params: replaced(good, at, bad) });
      walk((value as Record<string, unknown>)[key], at);
    }
  };
  walk(good, []);
  return out;
}

function replaced(value: unknown, at: string[], bad: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = at[at.length - 1] as string;
  if (bad === DROP) delete parent[last];
  else parent[last] = bad;
  return copy;
}

describe('malformed parameters over stdio', () => {
  let client: RawClient;
  let dir: string;
  let nextId = 1;
  const uriOf = (rel: string) => 'file://' + path.join(dir, rel);

  async function request(method: string, params?: unknown): Promise<RawMessage> {
    const id = nextId++;
    client.frame({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return client.response(id, 60_000);
  }

  function notify(method: string, params?: unknown): void {
    client.frame({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  /** A good request, answered without error: the server kept working. */
  async function stillAnswers(what: string): Promise<void> {
    const answer = await request('textDocument/documentSymbol', { textDocument: { uri: uriOf(KERNEL) } });
    assert.equal(answer.error, undefined, `after ${what}: ${JSON.stringify(answer.error)}`);
    assert.ok(Array.isArray(answer.result) && answer.result.length > 0, `after ${what}: ${JSON.stringify(answer.result)}`);
  }

  const logs = () => client.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);

  let capabilities: Record<string, unknown>;
  const kernelText = corpusText(KERNEL);
  const kernelDoc = TextDocument.create('x', 'toml', 1, kernelText);
  const positionOf = (needle: string, plus = 0) => kernelDoc.positionAt(kernelText.indexOf(needle) + plus);

  before(async () => {
    dir = tempProject({
      'azldev.toml': corpusText('azldev.toml'),
      'distro/distro.toml': '',
      'base/project.toml': 'includes = ["comps/*/*.comp.toml"]\n',
      [KERNEL]: kernelText,
      [EMOJI]: EMOJI_TEXT,
    });
    client = new RawClient();
    const init = await request('initialize', {
      processId: process.pid,
      rootUri: 'file://' + dir,
      workspaceFolders: [{ uri: 'file://' + dir, name: 'p' }],
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
      // No network: no package index download, no dist-git fetch for a render.
      initializationOptions: { packageIndex: { offline: true }, upstream: { fetch: false }, overlayDiagnostics: false },
    });
    capabilities = (init.result as { capabilities: Record<string, unknown> }).capabilities;
    notify('initialized', {});
    notify('textDocument/didOpen', { textDocument: { uri: uriOf(KERNEL), languageId: 'toml', version: 1, text: kernelText } });
    notify('textDocument/didOpen', { textDocument: { uri: uriOf(EMOJI), languageId: 'toml', version: 1, text: EMOJI_TEXT } });
    await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uriOf(KERNEL), 60_000, 'diagnostics of the kernel file');
  });
  after(() => client.kill());

  /** A request each registered method answers without error (the sweep's starting point). */
  function goodParams(): Record<string, unknown> {
    const uri = uriOf(KERNEL);
    const textDocument = { uri };
    const position = positionOf('kernel-headers]', 3);
    const range = { start: positionOf('spec = '), end: positionOf('release = ') };
    return {
      'textDocument/completion': { textDocument, position: positionOf('spec = ', 7), context: { triggerKind: 1 } },
      'textDocument/hover': { textDocument, position },
      'textDocument/definition': { textDocument, position },
      'textDocument/references': { textDocument, position, context: { includeDeclaration: true } },
      'textDocument/prepareRename': { textDocument, position },
      'textDocument/rename': { textDocument, position, newName: 'kernel-headers-2' },
      'textDocument/documentSymbol': { textDocument },
      'workspace/symbol': { query: 'kernel' },
      'textDocument/codeAction': { textDocument, range, context: { diagnostics: [{ range, message: 'm', code: 'unknown-key', source: 'distro-toml', severity: 2 }] } },
      'textDocument/codeLens': { textDocument },
      'codeLens/resolve': { range, data: { uri, component: 'kernel-headers' } },
      'workspace/executeCommand': { command: protocol.SERVER_COMMANDS.checkComponent, arguments: [{ uri, component: 'kernel-headers' }] },
      'textDocument/foldingRange': { textDocument },
      'textDocument/selectionRange': { textDocument, positions: [position] },
      'textDocument/documentLink': { textDocument },
      'textDocument/formatting': { textDocument, options: { tabSize: 2, insertSpaces: true } },
      'textDocument/rangeFormatting': { textDocument, range, options: { tabSize: 2, insertSpaces: true } },
      'distroToml/effectiveConfig': { textDocument, position },
      'distroToml/render': { textDocument, position },
      'distroToml/checkAllOverlays': { textDocument },
      'distroToml/reviewChanges': { uri, base: { label: 'base', files: [{ uri, text: null }] } },
      'distroToml/reviewDocument': { id: 1, component: 'kernel-headers', side: 'base', what: 'config' },
      'distroToml/refreshPackageIndex': { force: false },
    };
  }

  function registeredRequests(): string[] {
    const methods = new Set<string>();
    for (const capability of Object.keys(capabilities)) {
      const listed = REQUESTS_OF_CAPABILITY[capability];
      assert.ok(listed, `the server announces ${capability}: list the requests it registers in REQUESTS_OF_CAPABILITY`);
      listed.forEach((m) => methods.add(m));
    }
    CUSTOM_REQUESTS.forEach((m) => methods.add(m));
    return [...methods];
  }

  it('answers every registered request, good and with each field malformed, with a result or InvalidParams naming the field', async () => {
    const good = goodParams();
    const methods = registeredRequests();
    assert.ok(CUSTOM_REQUESTS.length >= 6, `custom requests found: ${CUSTOM_REQUESTS.join(', ')}`);
    let invalid = 0;
    for (const method of methods) {
      const params = good[method];
      assert.ok(params, `no good parameters for ${method}: add them to goodParams`);
      const answer = await request(method, params);
      assert.equal(answer.error, undefined, `${method} with good parameters: ${JSON.stringify(answer.error)}`);
      const bad: { path: string[]; params: unknown }[] = [
        ...[undefined, null, 'x', 5, [params]].map((p) => ({ path: [] as string[], params: p })),
        ...variants(params),
      ];
      for (const v of bad) {
        const what = `${method} with ${v.path.join('.') || 'params'} = ${JSON.stringify(v.path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v.params))}`;
        const reply = await request(method, v.params);
        if (reply.error) {
          assert.ok(reply.error.code === INVALID_PARAMS || (reply.error.code === REQUEST_FAILED && method.includes('ename')), `${what}: ${JSON.stringify(reply.error)}`);
          assert.doesNotMatch(reply.error.message, JS_INTERNALS, what);
          if (reply.error.code === INVALID_PARAMS) {
            invalid++;
            // The message names the parameter: the field replaced (or one around it), or the parameters as a whole.
            const names = v.path.length ? v.path.filter((k) => !/^\d+$/.test(k)) : ['params', 'object', 'needs', 'command'];
            assert.ok(names.some((n) => reply.error?.message.includes(n)), `${what}: the message names no parameter: ${reply.error.message}`);
          }
        }
        // Where LSP requires the field, a wrong value is InvalidParams: the document, the position. (A string is a
        // URI as vscode-uri reads one: `x` is the file /x; the custom requests answer a document they cannot read with
        // nothing; Check All Overlays without a document checks every project.)
        const field = v.path.join('.');
        const value = v.path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v.params);
        const required = ['textDocument', 'textDocument.uri', 'position', 'position.line', 'position.character'].includes(field);
        const customUri = method.startsWith('distroToml/') && field === 'textDocument.uri' && value === 'a b:c';
        if (required && !(field === 'textDocument.uri' && value === 'x') && !customUri && !(method === 'distroToml/checkAllOverlays' && field === 'textDocument' && value === undefined)) {
          assert.equal(reply.error?.code, INVALID_PARAMS, `${what} must be InvalidParams: ${JSON.stringify(reply)}`);
        }
        const standard = !method.startsWith('distroToml/');
        if (v.path.length === 0 && v.params !== undefined && v.params !== null && standard) {
          assert.equal(reply.error?.code, INVALID_PARAMS, `${what} must be InvalidParams: ${JSON.stringify(reply)}`);
        }
      }
      await stillAnswers(`the malformed ${method} requests`);
    }
    assert.ok(invalid > 300, `only ${invalid} InvalidParams answers`);
    assert.ok(!logs().some((l) => /Uncaught|Unhandled rejection/.test(l)), logs().join('\n'));
  });

  it('answers the malformed requests the user trial found with InvalidParams, and clamps positions past the document', async () => {
    const textDocument = { uri: uriOf(KERNEL) };
    const cases: [string, unknown, RegExp][] = [
      ['textDocument/hover', { textDocument }, /^textDocument\/hover: position must be \{ line, character \} \(got nothing\)$/],
      ['textDocument/hover', { textDocument, position: 'x' }, /position must be/],
      ['textDocument/completion', { textDocument: null, position: { line: 0, character: 0 } }, /^textDocument\/completion: textDocument must be \{ uri \} \(got null\)$/],
      ['textDocument/definition', { textDocument, position: { line: -1, character: 0 } }, /position\.line must be a non-negative integer \(got -1\)/],
      ['textDocument/hover', { textDocument: { uri: 'a b:c' }, position: { line: 0, character: 0 } }, /textDocument\.uri is not a URI/],
      ['workspace/symbol', { query: 5 }, /^workspace\/symbol: query must be a string \(got 5\)$/],
      ['textDocument/selectionRange', { textDocument, positions: 'x' }, /positions must be an array \(got a string\)/],
      ['textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, /context must be \{ diagnostics \} \(got nothing\)/],
      ['workspace/executeCommand', { command: 'constructor' }, /unknown command 'constructor'/],
    ];
    for (const [method, params, message] of cases) {
      const reply = await request(method, params);
      assert.equal(reply.error?.code, INVALID_PARAMS, `${method} ${JSON.stringify(params)}: ${JSON.stringify(reply)}`);
      assert.match(reply.error.message, message);
      await stillAnswers(`${method} ${JSON.stringify(params)}`);
    }
    // A position past the last line, or past the end of its line, is the end of the text or of the line.
    const far = await request('textDocument/definition', { textDocument, position: { line: 1e12, character: 0 } });
    assert.equal(far.error, undefined, JSON.stringify(far));
    const lineEnd = await request('textDocument/selectionRange', { textDocument, positions: [{ line: 0, character: 1e9 }] });
    const chain = (lineEnd.result as { range: { start: unknown; end: unknown } }[])[0];
    // (Read as the start of the next line, it selected the comment below the header.)
    assert.deepEqual(chain?.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 26 } }, JSON.stringify(lineEnd));
    // A document the server does not have, or a URI it cannot read: nothing, not an error.
    for (const uri of ['file:///no/such/file.toml', 'not a uri', 'untitled:Untitled-1']) {
      for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
        const reply = await request(method, { textDocument: { uri }, position: { line: 0, character: 0 } });
        assert.equal(reply.error, undefined, `${method} ${uri}: ${JSON.stringify(reply)}`);
        assert.ok(reply.result === null || (Array.isArray(reply.result) && reply.result.length === 0), `${method} ${uri}: ${JSON.stringify(reply.result)}`);
      }
    }
    // An inverted range is read the right way round.
    const inverted = await request('textDocument/rangeFormatting', { textDocument, range: { start: positionOf('release = '), end: positionOf('spec = ') }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(inverted, { ...inverted, result: [] });
  });

  it('answers a malformed initialize with InvalidParams, and a good one after it', async () => {
    const fresh = new RawClient();
    try {
      const good = { processId: null, rootUri: 'file://' + dir, capabilities: {}, initializationOptions: { packageIndex: { offline: true } } };
      const cases: [unknown, RegExp][] = [
        [undefined, /^initialize: params must be an object \(got nothing\)$/],
        [{ ...good, capabilities: null }, /^initialize: capabilities must be an object \(got null\)$/],
        [{ ...good, workspaceFolders: 'x' }, /^initialize: workspaceFolders must be an array \(got a string\)$/],
        [{ ...good, workspaceFolders: [{ uri: 'a b:c', name: 'p' }] }, /^initialize: workspaceFolders\[0\]\.uri is not a URI$/],
        [{ ...good, rootUri: 5 }, /^initialize: rootUri must be a URI string \(got 5\)$/],
        [{ ...good, processId: 1.5 }, /^initialize: processId must be an integer \(got 1.5\)$/],
        [{ ...good, capabilities: { textDocument: { hover: { contentFormat: 'markdown' } } } }, /capabilities\.textDocument\.hover\.contentFormat must be an array/],
        [{ ...good, capabilities: { textDocument: { foldingRange: { rangeLimit: -5 } } } }, /capabilities\.textDocument\.foldingRange\.rangeLimit must be a non-negative integer \(got -5\)/],
      ];
      let id = 1;
      for (const [params, message] of cases) {
        fresh.frame({ jsonrpc: '2.0', id, method: 'initialize', ...(params === undefined ? {} : { params }) });
        const reply = await fresh.response(id++, 60_000);
        assert.equal(reply.error?.code, INVALID_PARAMS, JSON.stringify(reply));
        assert.match(reply.error.message, message);
      }
      fresh.frame({ jsonrpc: '2.0', id, method: 'initialize', params: good });
      const reply = await fresh.response(id, 60_000);
      assert.ok((reply.result as { capabilities?: unknown } | undefined)?.capabilities, JSON.stringify(reply));
    } finally {
      await fresh.kill();
    }
  });

  it('drops malformed notifications, says so once per method, and keeps the document as it was', async () => {
    const uri = uriOf(KERNEL);
    const symbolsBefore = await request('textDocument/documentSymbol', { textDocument: { uri } });
    const malformed: [string, unknown][] = [
      ['textDocument/didChange', { textDocument: { uri }, contentChanges: [{ range: { start: { line: 0 }, end: { line: 0, character: 1 } }, text: 'x' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: 'x' }],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 5 }] }],
      ['textDocument/didChange', null],
      ['textDocument/didOpen', { textDocument: { uri: uriOf('x.toml'), languageId: 'toml', version: 1 } }],
      ['textDocument/didClose', { textDocument: null }],
      ['textDocument/didSave', {}],
      ['workspace/didChangeConfiguration', null],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri, type: 9 }] }],
      ['workspace/didChangeWorkspaceFolders', { event: { added: 'x' } }],
      ['$/setTrace', { value: 'loud' }],
      ['$/cancelRequest', null],
      ['$/cancelRequest', { id: {} }],
      ['window/workDoneProgress/cancel', {}],
    ];
    for (const [method, params] of malformed) {
      notify(method, params);
      await stillAnswers(`${method} ${JSON.stringify(params)}`);
    }
    const symbolsAfter = await request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbolsAfter.result, symbolsBefore.result, 'a dropped didChange changed the document');
    const dropped = logs().filter((l) => l.startsWith('Dropped a malformed'));
    for (const method of new Set(malformed.map(([m]) => m))) {
      const said = dropped.filter((l) => l.startsWith(`Dropped a malformed ${method} notification`));
      assert.equal(said.length, 1, `${method}: ${JSON.stringify(dropped)}`);
      assert.doesNotMatch(said[0] as string, JS_INTERNALS);
    }
    assert.ok(!logs().some((l) => /Uncaught|Unhandled rejection|failed with message|Notification handler/.test(l)), logs().join('\n'));
  });

  it('answers positions inside a surrogate pair at the pair, and keeps an edit past the end as VS Code does', async () => {
    const uri = uriOf(EMOJI);
    const doc = TextDocument.create(uri, 'toml', 1, EMOJI_TEXT);
    // Inside the first 😀 of the upstream name: between its two UTF-16 code units.
    const inside = doc.positionAt(EMOJI_TEXT.indexOf('😀😀') + 1);
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references', 'distroToml/effectiveConfig']) {
      const params = { textDocument: { uri }, position: inside, ...(method.endsWith('references') ? { context: { includeDeclaration: true } } : {}) };
      const reply = await request(method, params);
      assert.equal(reply.error, undefined, `${method}: ${JSON.stringify(reply)}`);
      const json = JSON.stringify(reply.result ?? null);
      // No answer splits the pair: a lone surrogate would be escaped as \ud83d or \ude00 by JSON.stringify.
      assert.doesNotMatch(json, /\\ud83d|\\ude00/i, `${method}: ${json}`);
    }
    const selection = await request('textDocument/selectionRange', { textDocument: { uri }, positions: [inside] });
    const first = (selection.result as { range: { start: { character: number } } }[])[0];
    // The innermost selection is the string's contents, from the pair's start.
    assert.deepEqual(first?.range, { start: { line: 2, character: 45 }, end: { line: 2, character: 49 } }, JSON.stringify(selection.result));

    // Edits whose range runs past the end of the document: VS Code keeps the text up to its end and adds the new text there.
    let text = EMOJI_TEXT;
    const edits = [
      { range: { start: { line: 40, character: 0 }, end: { line: 50, character: 3 } }, text: '[components.emoji.render]\n' },
      { range: { start: { line: 2, character: 500 }, end: { line: 1e9, character: 0 } }, text: '\n# tail\n' },
      { range: { start: { line: 1e12, character: 1e12 }, end: { line: 1e12 + 1, character: 0 } }, text: '[components.emoji2]\n' },
      { range: { start: { line: 1000, character: 0 }, end: { line: 1001, character: 0 } }, text: '[components.emoji3]\n' },
      // An edit after them lands where the text says (the line table is the text's).
      { range: { start: { line: 5, character: 12 }, end: { line: 5, character: 18 } }, text: 'smile' },
    ];
    let version = 1;
    for (const edit of edits) {
      notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [edit] });
      text = TextDocument.applyEdits(TextDocument.create(uri, 'toml', version, text), [{ range: edit.range, newText: edit.text }]);
    }
    assert.equal(text, '[components.emoji]\n# 😀 grin\nspec = { type = "upstream", upstream-name = "😀😀" }\n# tail\n[components.emoji2]\n[components.smile]\n');
    // What the server holds: formatting the whole document edits nothing but what the formatter would, and the
    // outline lists the components the text has, on the lines the text has them.
    const symbols = await request('textDocument/documentSymbol', { textDocument: { uri } });
    const names = JSON.stringify(symbols.result);
    assert.match(names, /"name":"emoji2".*?"range":\{"start":\{"line":4,"character":0\},"end":\{"line":4,"character":19\}/, names);
    assert.match(names, /"name":"smile".*?"range":\{"start":\{"line":5,"character":0\},"end":\{"line":5,"character":18\}/, names);
    const folds = await request('textDocument/foldingRange', { textDocument: { uri } });
    assert.equal(folds.error, undefined);
    assert.ok((folds.result as { endLine: number }[]).every((f) => f.endLine <= 6), JSON.stringify(folds.result));
    await stillAnswers('edits past the end');
    assert.ok(!logs().some((l) => /Uncaught|Unhandled rejection|failed with message/.test(l)), logs().join('\n'));
  });
});
