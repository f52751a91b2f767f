// The journal of a model map's changes in place (toml/entriesJournal.ts), on its own and as the model builder keeps it:
// a header typed in components.toml, an edit inside a component's array, an edit inside an array above the first header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToml, reparseToml, type ModelTable } from '../../../server/src/core/toml';
import { JOURNAL_LENGTH, entriesChangedSince, entriesMark, noteEntryChange, noteUntrackedChange } from '../../../server/src/core/toml/entriesJournal';

test('a journal answers the keys changed since a mark, each once, until it no longer reaches back', () => {
  const map = new Map<string, number>([['a', 1]]);
  const start = entriesMark(map);
  assert.deepStrictEqual(entriesChangedSince(map, start), [], 'nothing noted yet');
  noteEntryChange(map, 'a');
  noteEntryChange(map, 'b');
  noteEntryChange(map, 'a');
  assert.deepStrictEqual(entriesChangedSince(map, start)?.sort(), ['a', 'b']);
  const middle = entriesMark(map);
  noteEntryChange(map, 'c');
  assert.deepStrictEqual(entriesChangedSince(map, middle), ['c']);
  for (let i = 0; i < JOURNAL_LENGTH * 3; i++) noteEntryChange(map, `k${i}`);
  assert.equal(entriesChangedSince(map, start), undefined, 'older than the journal keeps');
  const recent = entriesMark(map);
  noteEntryChange(map, 'z');
  assert.deepStrictEqual(entriesChangedSince(map, recent), ['z']);
  noteUntrackedChange();
  assert.equal(entriesChangedSince(map, recent), undefined, 'a change no journal holds voids every answer before it');
  assert.deepStrictEqual(entriesChangedSince(map, entriesMark(map)), []);
  const other = new Map<string, number>();
  assert.deepStrictEqual(entriesChangedSince(other, entriesMark(other)), [], 'a map never changed');
  assert.equal(entriesChangedSince(other, entriesMark(map)), undefined, 'a mark of another map that went further');
});

const components = (root: ModelTable): Map<string, unknown> => {
  const node = root.entries.get('components')?.node;
  assert.ok(node?.type === 'table');
  return node.entries;
};

test('the model builder notes what it changes in place: headers typed, an array edited, an array above the first header', () => {
  const items = Array.from({ length: 40 }, (_, i) => `  "t${i}",\n`).join('');
  const text = `tags = [\n${items}]\n\n[components.a]\n\n[components.b]\nbuild = { defines = { x = "1" } }\n\n[components.c]\nsources = ["s1", "s2"]\n`;
  let doc = parseToml(text);
  const map = components(doc.root);
  let mark = entriesMark(map);
  // A header typed into: `b` leaves, `bq` comes, in the same map.
  let next = text.replace('[components.b]', '[components.bq]');
  doc = reparseToml(doc, next, { takeOver: true });
  assert.equal(components(doc.root), map, 'the map is patched in place');
  assert.deepStrictEqual(entriesChangedSince(map, mark)?.sort(), ['b', 'bq']);
  // Inside a component's array: the component's table is renewed, its key noted.
  mark = entriesMark(map);
  const rootMark = entriesMark(doc.root.entries);
  next = next.replace('"s2"', '"s3"');
  doc = reparseToml(doc, next, { takeOver: true });
  assert.equal(components(doc.root), map);
  assert.deepStrictEqual(entriesChangedSince(map, mark), ['c']);
  assert.deepStrictEqual(entriesChangedSince(doc.root.entries, rootMark), ['components'], 'the root notes the key above it');
  // Inside the array above the first header: which map holds it is not told, so every journal's answer is void.
  mark = entriesMark(map);
  next = next.replace('"t30",', '"t30x",');
  doc = reparseToml(doc, next, { takeOver: true });
  assert.equal(components(doc.root), map, 'the model changed in place (the array\'s items replaced)');
  assert.equal(entriesChangedSince(map, mark), undefined);
});
