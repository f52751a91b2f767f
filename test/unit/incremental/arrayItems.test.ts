// The re-parse of an edit inside a big array (a top-level key/value's value, such as the 17,000 items of
// sdk.packages.toml's `packages`): only the items around the edit are parsed again, the others are the
// previous document's own nodes, moved. Differential: seeded random edit chains inside the arrays of every
// corpus file, each document taken over by the next as the document cache does, equal a from-scratch parse
// (syntax tree, model, errors, every span) at every step; and the items far from an edit keep their identity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ArrayNode } from '../../../server/src/core/toml/ast';
import { markedCommentCount, parseToml, reparseToml, type TomlDocument } from '../../../server/src/core/toml';
import { corpusRoot, prng, randomEdit, tomlFiles } from './editCorpus';

/** The multi-line arrays that are a top-level statement's value, with at least `min` items. */
function bigArrays(doc: TomlDocument, min: number): ArrayNode[] {
  const out: ArrayNode[] = [];
  for (const kv of [...doc.syntax.rootEntries, ...doc.syntax.tables.flatMap((t) => t.entries)]) {
    if (kv.value?.kind === 'array' && kv.value.closed && kv.value.items.length >= min) out.push(kv.value);
  }
  return out;
}

/** A random edit whose position lies inside one of the document's big arrays (after its `[`, half the time after its first item). */
function editInsideArray(text: string, doc: TomlDocument, rand: () => number): { text: string; label: string } | undefined {
  const arrays = bigArrays(doc, 3);
  const array = arrays[Math.floor(rand() * arrays.length)];
  if (!array) return undefined;
  const first = array.items[0] as ArrayNode['items'][number];
  const from = rand() < 0.5 ? array.span.start + 1 : first.span.end;
  const at = from + Math.floor(rand() * (array.span.end - 1 - from));
  // randomEdit picks its own position: give it the text from `at` on and put the prefix back.
  const edit = randomEdit(text.slice(at), rand);
  return { text: text.slice(0, at) + edit.text, label: `${edit.label} (+${at})` };
}

test('random edit chains inside every corpus file\'s arrays, taking over: each step equals a from-scratch parse', () => {
  const files = tomlFiles();
  assert.ok(files.length >= 200, `expected the corpus at ${corpusRoot}, found ${files.length} TOML files`);
  const rand = prng(20261203);
  let steps = 0;
  let filesWithArrays = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    let doc = parseToml(original);
    if (!bigArrays(doc, 3).length) continue;
    filesWithArrays++;
    // Big files cost a deep comparison per step: fewer chains there.
    const chains = original.length > 100_000 ? 1 : 4;
    for (let c = 0; c < chains; c++) {
      if (c > 0) doc = parseToml(original);
      let text = original;
      const labels: string[] = [];
      for (let i = 0; i < (original.length > 100_000 ? 5 : 8); i++) {
        const edit = editInsideArray(text, doc, rand) ?? randomEdit(text, rand);
        labels.push(edit.label);
        // Asked before each re-parse, the count of comments naming distro-toml is carried by it (markedComments.ts).
        markedCommentCount(doc.syntax.comments);
        doc = reparseToml(doc, edit.text, { takeOver: true });
        text = edit.text;
        const fresh = parseToml(text);
        assert.deepStrictEqual(doc, fresh, `${path.relative(corpusRoot, file)}: ${labels.join(', ')}`);
        assert.equal(markedCommentCount(doc.syntax.comments), markedCommentCount(fresh.syntax.comments), `${path.relative(corpusRoot, file)}: ${labels.join(', ')}: the comments naming distro-toml`);
        steps++;
      }
    }
  }
  assert.ok(filesWithArrays >= 10, `only ${filesWithArrays} corpus files have arrays of 3 items or more`);
  assert.ok(steps >= 200, `only ${steps} edits checked`);
});

// With a duplicate key below the array: a model error that an edit of the items must leave in place, moved.
const LIST = ['description = "x"', 'packages = [', ...Array.from({ length: 200 }, (_, i) => `  "pkg-${i}", # srpm: src-${i}`), ']', '', '[t]', 'k = 1', 'k = 2', ''].join('\n');

/** Applies `edits` in turn (each a replacement of one occurrence), checking every step against a fresh parse. */
function chain(edits: [string, string][]): { before: TomlDocument; after: TomlDocument; beforeItems: ArrayNode['items'] } {
  let text = LIST;
  const before = parseToml(text);
  const beforeItems = [...((before.syntax.rootEntries[1]?.value as ArrayNode).items)];
  let doc = before;
  for (const [from, to] of edits) {
    const at = text.indexOf(from);
    assert.ok(at >= 0, from);
    text = text.slice(0, at) + to + text.slice(at + from.length);
    doc = reparseToml(doc, text, { takeOver: true });
    assert.deepStrictEqual(doc, parseToml(text), `${from} -> ${to}`);
  }
  return { before, after: doc, beforeItems };
}

test('an edit after an item in the middle of a big array keeps the other items: the same nodes, moved', () => {
  const { after, beforeItems } = chain([['"pkg-100",', '"pkg-100"x,']]);
  const items = (after.syntax.rootEntries[1]?.value as ArrayNode).items;
  assert.equal(items.length, 200);
  assert.equal(items[0], beforeItems[0], 'the first item is the same node');
  assert.equal(items[199], beforeItems[199], 'the last item is the same node, moved');
  assert.equal(items[150], beforeItems[150]);
  assert.ok(after.syntax.errors.some((e) => e.span.start === LIST.indexOf('"pkg-100",') + 9), 'the stray x is reported');
  assert.ok(after.errors.some((e) => e.code === 'toml-duplicate-key'), 'the duplicate key below is still reported');
});

test('typing inside a big array and back, item by item, stays equal to a fresh parse (the array trace continues)', () => {
  chain([
    ['"pkg-100",', '"pkg-100"x,'],
    ['"pkg-100"x,', '"pkg-100",'],
    ['"pkg-50",', '"pkg-50", "new",'],
    ['"pkg-60"', '"pkg-6'],
    ['"pkg-6,', '"pkg-60",'],
    ['# srpm: src-70', '# srpm: src-70 ]'],
    ['"pkg-80",', '"pkg-80" "pkg-80b",'],
    ['"pkg-90",', '\n[x]\n"pkg-90",'],
    ['\n[x]\n"pkg-90",', '"pkg-90",'],
    ['"pkg-120",', '"pkg-120",\n  "a" = 1,'],
    ['"pkg-198",', ''],
  ]);
});

test('an edit in the first or second item of a big array re-parses from its `[`: the items after it are the same nodes, moved', () => {
  for (const [from, to] of [
    ['"pkg-0",', '"pkg-0"x,'],
    ['"pkg-1",', '"pkg-1x",'],
    ['"pkg-1",', '"pkg-1"x,'],
    ['"pkg-0",', '"pkg-0", "new",'],
  ] as const) {
    const { after, beforeItems } = chain([[from, to]]);
    const items = (after.syntax.rootEntries[1]?.value as ArrayNode).items;
    const added = items.length - beforeItems.length;
    assert.equal(items[items.length - 1], beforeItems[beforeItems.length - 1], `${to}: the last item is the same node, moved`);
    assert.equal(items[10 + added], beforeItems[10], `${to}: the eleventh item is the same node, moved`);
    assert.equal(items[3 + added], beforeItems[3], `${to}: the fourth item is the same node, moved`);
  }
});

test('an edit in the last items of a big array ends at its `]`: the items before it, and what follows the array, are the same nodes, moved', () => {
  // No comma after the edit to stop at: before, the whole key/value was parsed again (sdk.packages.toml's last
  // name: 50 ms a keystroke).
  for (const [from, to] of [
    ['"pkg-199",', '"pkg-199x",'],
    ['"pkg-199",', '"pkg-199", "new",'],
    ['"pkg-199",', '"pkg-199",\n  "new"'],
    ['"pkg-199",', '"pkg-199" # no comma'],
    ['"pkg-199",', ''],
    ['"pkg-199",', '"pkg-199", 7,'],
    ['"pkg-199",', '"pkg-199", "',],
  ] as const) {
    const { after, before, beforeItems } = chain(to ? [[from, to], [to, from], [from, to]] : [[from, to]]);
    const items = (after.syntax.rootEntries[1]?.value as ArrayNode).items;
    assert.equal(items[150], beforeItems[150], `${to}: the 151st item is the same node, moved`);
    assert.equal(items[0], beforeItems[0], `${to}: the first item is the same node`);
    // What follows the array: the statements after it are the previous document's nodes (chain checks them against a fresh parse).
    assert.equal(after.syntax.tables[0], before.syntax.tables[0], `${to}: the table after the array is the same node`);
  }
});

test('every place in the first lines of a big array, a character typed and one deleted: equal to a fresh parse (the re-parse from its `[` reads nothing the old one left)', () => {
  const start = LIST.indexOf('packages = [');
  const end = LIST.indexOf('"pkg-3"');
  for (let at = start; at < end; at++) {
    for (const edited of [LIST.slice(0, at) + 'x' + LIST.slice(at), LIST.slice(0, at) + LIST.slice(at + 1), LIST.slice(0, at) + '\n' + LIST.slice(at), LIST.slice(0, at) + '"' + LIST.slice(at)]) {
      const doc = reparseToml(parseToml(LIST), edited, { takeOver: true });
      assert.deepStrictEqual(doc, parseToml(edited), `at ${at}: ${JSON.stringify(edited.slice(Math.max(0, at - 5), at + 6))}`);
      const back = reparseToml(doc, LIST, { takeOver: true });
      assert.deepStrictEqual(back, parseToml(LIST), `at ${at}, back`);
    }
  }
});
