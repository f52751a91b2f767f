// An editor buffer kept in pieces (core/text/pieceText.ts) and the re-parse that reads only windows of it.
// Differential: the pieces answer as the string they stand for (characters, slices, searches, what changed
// since an earlier version), and random edit chains of every corpus file, each applied to the pieces as an
// editor sends it and re-parsed taking the previous document over, equal a from-scratch parse of the string at
// every step — without joining the text (the tree's text is read only at the end of a chain).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PieceText } from '../../../server/src/core/text/pieceText';
import { parseToml, parseTomlPieces, reparseToml, textLengthOf, type TomlDocument } from '../../../server/src/core/toml';
import type { ArrayNode } from '../../../server/src/core/toml/ast';
import { corpusRoot, prng, randomEdit, tomlFiles, type Edit } from './editCorpus';

const SDK = path.join(corpusRoot, 'base/packages/sdk.packages.toml');

function assertSameText(pieces: PieceText, text: string, rand: () => number, label: string): void {
  assert.equal(pieces.length, text.length, label);
  for (let k = 0; k < 20; k++) {
    const at = Math.floor(rand() * (text.length + 2)) - 1;
    assert.ok(Object.is(pieces.charCodeAt(at), text.charCodeAt(at)), `${label}: charCodeAt(${at})`);
    const to = at + Math.floor(rand() * 40_000);
    assert.equal(pieces.slice(Math.max(0, at), to), text.slice(Math.max(0, at), to), `${label}: slice(${at}, ${to})`);
    assert.equal(pieces.indexOfCode(10, at), text.indexOf('\n', Math.max(0, at)), `${label}: indexOf LF from ${at}`);
    assert.equal(pieces.lastIndexOfCode(10, at), at < 0 ? -1 : text.lastIndexOf('\n', at), `${label}: lastIndexOf LF from ${at}`);
  }
}

test('pieces answer as the string they stand for, and know what changed since earlier versions', () => {
  const rand = prng(20261204);
  for (const original of [readFileSync(SDK, 'utf8'), 'a = 1\n', '', 'x'.repeat(70_000)]) {
    let text = original;
    let pieces = PieceText.of(original);
    const versions: { pieces: PieceText; text: string }[] = [{ pieces, text }];
    for (let i = 0; i < 150; i++) {
      // Now and then a long insertion (a paste), which splits into several chunks.
      const edit: Edit = rand() < 0.05 ? { ...paste(text, rand) } : randomEdit(text, rand);
      pieces = pieces.edit(edit.start, edit.end, edit.insert);
      text = edit.text;
      assert.equal(pieces.isJoined, false);
      assertSameText(pieces, text, rand, `step ${i} (${edit.label})`);
      versions.push({ pieces, text });
      for (const earlier of versions.slice(-20)) {
        const change = pieces.changeSince(earlier.pieces);
        const back = versions.length - 1 - versions.indexOf(earlier);
        if (back > 16) {
          assert.equal(change, undefined, `remembers only 16 versions back (${back})`);
          continue;
        }
        assert.ok(change, `step ${i}: the change since ${back} versions back`);
        assert.ok(change.prefix + change.suffix <= Math.min(text.length, earlier.text.length), `step ${i}: prefix and suffix overlap`);
        assert.equal(text.slice(0, change.prefix), earlier.text.slice(0, change.prefix), `step ${i}: prefix since ${back} back`);
        assert.equal(text.slice(text.length - change.suffix), earlier.text.slice(earlier.text.length - change.suffix), `step ${i}: suffix since ${back} back`);
      }
    }
    assert.equal(pieces.toString(), text);
    assert.equal(pieces.isJoined, true);
  }
});

function paste(text: string, rand: () => number): Edit {
  const at = Math.floor(rand() * (text.length + 1));
  const insert = text.slice(0, 40_000) || 'k = 1\n';
  return { text: text.slice(0, at) + insert + text.slice(at), label: `paste ${insert.length} at ${at}`, start: at, end: at, insert };
}

/** The document without its tree's text (reading that would join the pieces). */
function withoutText(doc: TomlDocument): unknown {
  const { rootEntries, tables, comments, errors } = doc.syntax;
  return { syntax: { rootEntries, tables, comments, errors }, root: doc.root, errors: doc.errors };
}

/** A random edit inside one of the document's arrays of 3 items or more, else anywhere. */
function editNearItems(text: string, doc: TomlDocument, rand: () => number): Edit {
  const arrays: ArrayNode[] = [];
  for (const kv of [...doc.syntax.rootEntries, ...doc.syntax.tables.flatMap((t) => t.entries)]) {
    if (kv.value?.kind === 'array' && kv.value.closed && kv.value.items.length >= 3) arrays.push(kv.value);
  }
  const array = arrays[Math.floor(rand() * arrays.length)];
  if (!array || rand() < 0.3) return randomEdit(text, rand);
  const at = array.span.start + 1 + Math.floor(rand() * (array.span.end - array.span.start - 1));
  const edit = randomEdit(text.slice(at), rand);
  return { text: text.slice(0, at) + edit.text, label: `${edit.label} (+${at})`, start: edit.start + at, end: edit.end + at, insert: edit.insert };
}

test('random edit chains over every corpus file, re-parsed from pieces taking over: each step equals a from-scratch parse, the text never joined', () => {
  const files = tomlFiles();
  assert.ok(files.length >= 200, `expected the corpus at ${corpusRoot}, found ${files.length} TOML files`);
  const rand = prng(20261205);
  let steps = 0;
  let unjoined = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    const big = original.length > 100_000;
    let pieces = PieceText.of(original);
    let doc = parseTomlPieces(pieces);
    let text = original;
    const labels: string[] = [];
    // Every other file with windows of one character past the change: the windows grow as the parse reads on.
    const firstWindow = files.indexOf(file) % 2 ? 1 : undefined;
    for (let i = 0; i < (big ? 12 : 6); i++) {
      const edit = editNearItems(text, doc, rand);
      labels.push(edit.label);
      pieces = pieces.edit(edit.start, edit.end, edit.insert);
      text = edit.text;
      doc = reparseToml(doc, pieces, { takeOver: true, ...(firstWindow ? { firstWindow } : {}) });
      if (!pieces.isJoined) unjoined++;
      assert.equal(textLengthOf(doc.syntax), text.length);
      assert.deepStrictEqual(withoutText(doc), withoutText(parseToml(text)), `${path.relative(corpusRoot, file)} (first window ${firstWindow ?? 'default'}): ${labels.join(', ')}`);
      steps++;
    }
    assert.equal(doc.syntax.text, text, `${path.relative(corpusRoot, file)}: the joined text`);
  }
  assert.ok(steps >= 1000, `only ${steps} edits checked`);
  // Edits in a file's first statements parse it whole (and join it); most edits do not.
  assert.ok(unjoined > steps / 2, `the text was joined in ${steps - unjoined} of ${steps} steps`);
});

test('typing in sdk.packages.toml (a key at the top, items of its 17,000-item array) re-parses from pieces without joining the text', () => {
  const original = readFileSync(SDK, 'utf8');
  let pieces = PieceText.of(original);
  let doc = parseTomlPieces(pieces);
  let text = original;
  const spots = [text.indexOf('description') + 'description'.length, text.indexOf('"aalib-devel"') + '"aalib-devel"'.length, text.indexOf('"zypper-log"') - 4, Math.floor(text.length / 2)];
  for (const spot of spots) {
    for (let i = 0; i < 4; i++) {
      const insert = i % 2 === 0;
      const edit = insert ? { start: spot, end: spot, insert: 'x' } : { start: spot, end: spot + 1, insert: '' };
      pieces = pieces.edit(edit.start, edit.end, edit.insert);
      text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
      doc = reparseToml(doc, pieces, { takeOver: true });
      assert.equal(pieces.isJoined, false, `edit at ${spot}: the text was joined`);
    }
  }
  assert.deepStrictEqual(withoutText(doc), withoutText(parseToml(text)));
});
