// The server's open documents keep their text in pieces (server/src/pieceTextDocument.ts). Differential against
// vscode-languageserver-textdocument's TextDocument, which they replace: the same incremental changes (random
// ranges and texts with LF, CRLF, lone CR, surrogate pairs; CRLF pairs split and joined by edits; several changes
// in one event; a full replacement now and then) give the library's text, and the line count, positions,
// offsets, line ranges and line ends of a library document made fresh from that text. (The library's own
// incrementally kept line table can go stale: a lone CR typed before a line feed that an earlier change of the
// same event moved; a fresh one is the truth.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { pieceTextDocuments } from '../../../server/src/pieceTextDocument';
import { CORPUS_ROOT } from '../../support/paths';
import { prng } from '../../support/prng';

const SNIPPETS = ['x', '\n', '\r\n', '\r', '\n\r', 'é', '😀', '\uD83D', '\uDE00', 'key = "v"\r\n', '  "pkg", # srpm: pkg\n', '', '\t'];

function randomPosition(doc: TextDocument, rand: () => number) {
  const line = Math.floor(rand() * (doc.lineCount + 1)) - (rand() < 0.05 ? 1 : 0);
  return { line, character: Math.floor(rand() * 30) - (rand() < 0.05 ? 1 : 0) };
}

test('documents in pieces answer as vscode-languageserver-textdocument over random incremental changes', () => {
  const rand = prng(20261206);
  const sdk = readFileSync(path.join(CORPUS_ROOT, 'base/packages/sdk.packages.toml'), 'utf8');
  const starts = ['a = 1\r\nb = 2\r\n', 'x\ry\rz', '', sdk.slice(0, 50_000), sdk.slice(0, 50_000).replace(/\n/g, '\r\n')];
  let changes = 0;
  for (const [n, start] of starts.entries()) {
    const uri = `file:///t/${n}.toml`;
    let reference = TextDocument.create(uri, 'toml', 1, start);
    const ours = pieceTextDocuments.create(uri, 'toml', 1, start);
    for (let step = 0; step < 300; step++) {
      const event: TextDocumentContentChangeEvent[] = [];
      if (rand() < 0.02) event.push({ text: start.slice(0, Math.floor(rand() * start.length)) });
      else {
        for (let k = 1 + Math.floor(rand() * 2); k > 0; k--) {
          let text = '';
          for (let j = Math.floor(rand() * 3); j > 0; j--) text += SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
          const a = randomPosition(reference, rand);
          const b = rand() < 0.5 ? a : randomPosition(reference, rand);
          event.push({ range: { start: a, end: b }, text });
        }
      }
      const version = step + 2;
      reference = TextDocument.update(reference, event, version);
      pieceTextDocuments.update(ours, event, version);
      changes += event.length;
      const label = `document ${n}, step ${step}: ${JSON.stringify(event).slice(0, 200)}`;
      assert.equal(ours.version, version);
      const text = reference.getText();
      reference = TextDocument.create(uri, 'toml', version, text);
      assert.equal(ours.lineCount, reference.lineCount, label);
      for (let k = 0; k < 12; k++) {
        const offset = Math.floor(rand() * (text.length + 3)) - 1;
        assert.deepStrictEqual(ours.positionAt(offset), reference.positionAt(offset), `${label}: positionAt(${offset})`);
        const position = randomPosition(reference, rand);
        assert.equal(ours.offsetAt(position), reference.offsetAt(position), `${label}: offsetAt(${JSON.stringify(position)})`);
        assert.deepStrictEqual(ours.getLineRange(position.line), reference.getLineRange(position.line), `${label}: line range ${position.line}`);
        assert.equal(ours.getEOLCharacters(position.line), reference.getEOLCharacters(position.line), `${label}: line end ${position.line}`);
        const range = { start: randomPosition(reference, rand), end: randomPosition(reference, rand) };
        if (reference.offsetAt(range.start) <= reference.offsetAt(range.end)) assert.equal(ours.getText(range), reference.getText(range), `${label}: getText(range)`);
      }
      // Joining the pieces now and then: later edits and positions must not depend on it.
      if (rand() < 0.1) assert.equal(ours.getText(), text, label);
    }
    assert.equal(ours.getText(), reference.getText());
  }
  assert.ok(changes > 1500, `only ${changes} changes`);
});

test('typing on one line moves the lines after it without rewriting the line table each keystroke; positions stay exact', () => {
  // Runs of keystrokes on one line (the shift of the lines after it is kept and grown), then on another (the kept
  // shift is written first), asking only positions and offsets in between (which read the shift, and do not write
  // it), and now and then a whole-line reader (which writes it).
  const rand = prng(20261204);
  const sdk = readFileSync(path.join(CORPUS_ROOT, 'base/packages/sdk.packages.toml'), 'utf8').slice(0, 60_000);
  const uri = 'file:///t/typing.toml';
  let reference = TextDocument.create(uri, 'toml', 1, sdk);
  const ours = pieceTextDocuments.create(uri, 'toml', 1, sdk);
  let version = 1;
  let checked = 0;
  for (let run = 0; run < 40; run++) {
    const line = Math.floor(rand() * reference.lineCount);
    for (let key = 0; key < 25; key++) {
      const lineLength = reference.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '').length;
      const character = Math.floor(rand() * (lineLength + 1));
      const remove = rand() < 0.4 && character < lineLength;
      const range = { start: { line, character }, end: { line, character: remove ? character + 1 : character } };
      const event: TextDocumentContentChangeEvent[] = [{ range, text: remove ? '' : SNIPPETS[Math.floor(rand() * 3) === 0 ? 12 : 0] ?? 'x' }];
      version++;
      reference = TextDocument.create(uri, 'toml', version, TextDocument.update(reference, event, version).getText());
      pieceTextDocuments.update(ours, event, version);
      const label = `run ${run}, key ${key}, line ${line}`;
      for (let k = 0; k < 6; k++) {
        const offset = Math.floor(rand() * (reference.getText().length + 2));
        assert.deepStrictEqual(ours.positionAt(offset), reference.positionAt(offset), `${label}: positionAt(${offset})`);
        const position = { line: Math.floor(rand() * reference.lineCount), character: Math.floor(rand() * 20) };
        assert.equal(ours.offsetAt(position), reference.offsetAt(position), `${label}: offsetAt(${JSON.stringify(position)})`);
        checked++;
      }
      if (rand() < 0.05) assert.deepStrictEqual(ours.getLineRange(line + 1), reference.getLineRange(line + 1), `${label}: line range`);
    }
  }
  assert.equal(ours.getText(), reference.getText());
  assert.ok(checked >= 5000, `only ${checked} answers compared`);
});

test('an edit whose range runs past the end of the document keeps the text and the line table as VS Code would', () => {
  // VS Code clamps such a range to the end of the text; the library's text does too, but its line table was
  // patched at the range's own line numbers (a line 10^12 wrote far past the table's end).
  const rand = prng(20261204);
  const far = [1, 2, 10, 1000, 1e9, 1e12];
  let reference = TextDocument.create('file:///t/far.toml', 'toml', 1, 'a = 1\nb = 2\r\nc = 3');
  const ours = pieceTextDocuments.create('file:///t/far.toml', 'toml', 1, reference.getText());
  for (let step = 0; step < 400; step++) {
    const past = () => ({ line: reference.lineCount - 1 + (far[Math.floor(rand() * far.length)] as number), character: Math.floor(rand() * 3) * 1e6 });
    const start = rand() < 0.5 ? past() : randomPosition(reference, rand);
    const end = rand() < 0.7 ? past() : start;
    let text = '';
    for (let j = Math.floor(rand() * 3); j > 0; j--) text += SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
    const event = [{ range: { start, end }, text }];
    const version = step + 2;
    reference = TextDocument.update(reference, event, version);
    pieceTextDocuments.update(ours, event, version);
    const label = `step ${step}: ${JSON.stringify(event)}`;
    const fresh = TextDocument.create('file:///t/far.toml', 'toml', version, reference.getText());
    reference = fresh;
    assert.equal(ours.getText(), fresh.getText(), label);
    assert.equal(ours.lineCount, fresh.lineCount, label);
    for (let line = 0; line <= fresh.lineCount; line++) {
      assert.deepStrictEqual(ours.getLineRange(line), fresh.getLineRange(line), `${label}: line range ${line}`);
      assert.deepStrictEqual(ours.positionAt(fresh.offsetAt({ line, character: 1 })), fresh.positionAt(fresh.offsetAt({ line, character: 1 })), `${label}: line ${line}`);
    }
  }
});
