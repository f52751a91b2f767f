// Folding, selection ranges, document links and formatting over stdio, as an editor asks for them, on files
// of the real tree copied into a project: Format Document leaves a tree file as it is and brings a messed-up
// copy back to it; Format Selection touches only the statements selected.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DocumentLink, FoldingRange, SelectionRange, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { messUp } from '../support/messUp';
import { CORPUS_ROOT, tempProject } from '../support/paths';
import { prng } from '../support/prng';
import { LspClient } from './lspClient';

const KERNEL = 'base/comps/kernel-headers/kernel-headers.comp.toml';
const SSHD = 'base/comps/apache-sshd/apache-sshd.comp.toml';
const PATCH = 'base/comps/apache-sshd/add-maven-compiler-release.patch';
const corpusText = (rel: string) => fs.readFileSync(path.join(CORPUS_ROOT, rel), 'utf8');

describe('editor basics over stdio', () => {
  let client: LspClient;
  let dir: string;
  let other: string;
  const uriOf = (rel: string) => 'file://' + path.join(dir, rel);
  const texts = new Map<string, string>();
  let version = 1;

  /** Formats the open document holding `text` and returns the text the client would end up with. */
  async function formatted(rel: string, text: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<string> {
    client.change(uriOf(rel), ++version, text);
    const method = range ? 'textDocument/rangeFormatting' : 'textDocument/formatting';
    const edits = await client.connection.sendRequest<TextEdit[] | null>(method, { textDocument: { uri: uriOf(rel) }, options: { tabSize: 8, insertSpaces: false }, ...(range ? { range } : {}) });
    const result = TextDocument.applyEdits(TextDocument.create(uriOf(rel), 'toml', version, text), edits ?? []);
    // The editor applies the edits to its buffer.
    client.change(uriOf(rel), ++version, result);
    return result;
  }

  before(async () => {
    const files = { 'azldev.toml': corpusText('azldev.toml'), 'distro/distro.toml': '', 'base/project.toml': 'includes = ["comps/*/*.comp.toml"]\n', [KERNEL]: corpusText(KERNEL), [SSHD]: corpusText(SSHD), [PATCH]: corpusText(PATCH) };
    dir = tempProject(files);
    other = tempProject({ 'Cargo.toml': '[package]\nname   =  "x"\n' });
    client = new LspClient();
    const init = await client.initialize(dir, { diagnostics: { debounceMs: 10_000 } }, { configuration: true }, undefined, { foldingRange: { lineFoldingOnly: true } });
    const caps = init.capabilities;
    assert.deepEqual([caps.foldingRangeProvider, caps.selectionRangeProvider, caps.documentLinkProvider, caps.documentFormattingProvider, caps.documentRangeFormattingProvider], [true, true, { resolveProvider: false }, true, true]);
    for (const [rel, text] of Object.entries(files)) {
      if (!rel.endsWith('.toml')) continue;
      texts.set(rel, text);
      client.open(path.join(dir, rel), text);
    }
    client.open(path.join(other, 'Cargo.toml'), '[package]\nname   =  "x"\n');
  });
  after(() => client.kill());

  it('Format Document leaves tree files as they are, whatever the client\'s tab settings', async () => {
    for (const [rel, text] of texts) assert.equal(await formatted(rel, text), text, rel);
  });

  it('Format Document brings a messed-up copy of a tree file back to it', async () => {
    for (const seed of [1, 2, 3]) {
      const text = corpusText(KERNEL);
      const messy = messUp(text, prng(seed), 'tidy');
      assert.notEqual(messy, text);
      assert.equal(await formatted(KERNEL, messy), text, `seed ${seed}`);
    }
  });

  it('Format Selection formats only the statements it touches', async () => {
    const messy = 'includes  =  ["distro/distro.toml",   "base/project.toml"]\n[project]\ndescription   = "x"\n';
    const result = await formatted('azldev.toml', messy, { start: { line: 2, character: 3 }, end: { line: 2, character: 5 } });
    assert.equal(result, 'includes  =  ["distro/distro.toml",   "base/project.toml"]\n[project]\ndescription = "x"\n');
    client.change(uriOf('azldev.toml'), ++version, texts.get('azldev.toml') as string);
  });

  it('formats nothing in a TOML file that is not azldev\'s', async () => {
    const edits = await client.connection.sendRequest<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri: 'file://' + path.join(other, 'Cargo.toml') }, options: { tabSize: 4, insertSpaces: true } });
    assert.equal(edits, null);
  });

  it('folds the tables, comment blocks and scripts of a tree file, whole lines as the client asked', async () => {
    const text = corpusText(KERNEL);
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
    const folds = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: uriOf(KERNEL) } });
    assert.ok(folds.every((f) => f.startCharacter === undefined && f.endCharacter === undefined));
    const has = (start: number, end: number, kind?: string) => folds.some((f) => f.startLine === start && f.endLine === end && f.kind === kind);
    assert.ok(has(0, lineOf('release = ')), JSON.stringify(folds));
    assert.ok(has(lineOf('# Kernel-headers using'), lineOf('# use Azure Linux kernel source'), 'comment'));
    assert.ok(has(lineOf('lines = ["""\nnative_karch'), lineOf('exit 0"""]')));
  });

  it('expands a selection from a word to the document', async () => {
    const text = corpusText(KERNEL);
    const offset = text.indexOf('mrproper') + 2;
    const position = TextDocument.create('x', 'toml', 1, text).positionAt(offset);
    const [range] = await client.connection.sendRequest<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: uriOf(KERNEL) }, positions: [position] });
    const doc = TextDocument.create('x', 'toml', 1, text);
    const chain: string[] = [];
    for (let r: SelectionRange | undefined = range; r; r = r.parent) chain.push(doc.getText(r.range));
    assert.equal(chain[0], 'mrproper');
    assert.ok((chain[2] as string).startsWith('"""\nmake mrproper'));
    assert.ok((chain[chain.length - 2] as string).startsWith('[[components.kernel-headers.overlays]]\ntype = "spec-append-lines"'));
    assert.equal(chain[chain.length - 1], text);
  });

  it('links includes and overlay sources to their files, and URLs to their pages', async () => {
    const top = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uriOf('azldev.toml') } });
    assert.deepEqual(top.map((l) => [l.target, l.range.start.line]), [[uriOf('distro/distro.toml'), 6], [uriOf('base/project.toml'), 6]]);
    const sshd = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uriOf(SSHD) } });
    assert.ok(sshd.some((l) => l.target === uriOf(PATCH)), JSON.stringify(sshd));
    const kernel = await client.connection.sendRequest<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: uriOf(KERNEL) } });
    // The source-file URI is a link; Source0's, which holds rpm macros, is not.
    assert.deepEqual(kernel.map((l) => l.target), ['https://github.com/microsoft/CBL-Mariner-Linux-Kernel/archive/rolling-lts/mariner-3/6.18.5.1.tar.gz']);
  });
});
