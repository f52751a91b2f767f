// Exact spans of the syntax tree: keys and their segments, headers, tables, values, array elements,
// inline tables and comments, written as documents with «…» around the expected span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToml, type KeyValueNode, type TableNode, type ValueNode } from '../../../server/src/core/toml';
import type { Span } from '../../../server/src/core/diagnostics';
import { marked } from './markers';

function parse(source: string) {
  const m = marked(source);
  const doc = parseToml(m.text);
  assert.deepEqual(doc.errors, [], `errors in ${JSON.stringify(m.text)}`);
  return { ...m, doc, tree: doc.syntax };
}

const kv0 = (entries: readonly KeyValueNode[]): KeyValueNode => entries[0] as KeyValueNode;
const table0 = (tables: readonly TableNode[]): TableNode => tables[0] as TableNode;
const valueOf = (kv: KeyValueNode): ValueNode => kv.value as ValueNode;

test('key segments: bare, basic, literal and dotted with blanks', () => {
  const { spans, tree } = parse(`«a» . «"b.c"»\t.«'rust-nix0.23'» = 1`);
  const key = kv0(tree.rootEntries).key;
  assert.deepEqual(key.segments.map((s) => s.span), spans);
  assert.deepEqual(key.segments.map((s) => [s.value, s.quoted]), [['a', 'bare'], ['b.c', 'basic'], ['rust-nix0.23', 'literal']]);
  assert.deepEqual(key.span, { start: (spans[0] as Span).start, end: (spans[2] as Span).end });
});

test('a key/value spans its key to its value, not the comment or the line break', () => {
  const { spans, tree } = parse(`«a = "x"» # note\r\n«b=1»`);
  assert.deepEqual(tree.rootEntries.map((kv) => kv.span), spans);
});

test('scalar values span exactly their literal', () => {
  for (const source of [
    'a = «"x\\ty"»',
    "a = «'lit'»",
    'a = «"""\nline\n"""» # c',
    "a = «'''x'''''»",
    'a = «-1_000»',
    'a = «0xff»',
    'a = «6.626e-34»',
    'a = «-inf»',
    'a = «true»',
    'a = «1979-05-27 07:32:00Z» # the space belongs to the date-time',
    'a = «1979-05-27» # a date',
    'a = «07:32»',
  ]) {
    const { spans, tree } = parse(source);
    assert.deepEqual(valueOf(kv0(tree.rootEntries)).span, spans[0], source);
  }
});

test('arrays: the brackets, and each element, nested ones too', () => {
  const { spans, tree } = parse('a = «[ «1», «"x"» , # c\n  «[«2»]», «{ b = «3» }», ]»');
  const array = valueOf(kv0(tree.rootEntries));
  assert.equal(array.kind, 'array');
  if (array.kind !== 'array') return;
  assert.deepEqual(array.span, spans[0]);
  assert.deepEqual(array.items.map((i) => i.span), [spans[1], spans[2], spans[3], spans[5]]);
  const nested = array.items[2];
  assert.ok(nested?.kind === 'array');
  assert.deepEqual(nested.items[0]?.span, spans[4]);
  const inline = array.items[3];
  assert.ok(inline?.kind === 'inline-table');
  assert.deepEqual(inline.entries[0]?.value?.span, spans[6]);
  assert.equal(array.closed, true);
});

test('inline tables: the braces, each entry, its key and value, across lines (TOML 1.1)', () => {
  const { spans, tree } = parse('t = «{\n  ««x».«y» = «1»»,\n  «z = «"s"»», # c\n}»');
  const inline = valueOf(kv0(tree.rootEntries));
  assert.ok(inline.kind === 'inline-table');
  assert.deepEqual(inline.span, spans[0]);
  const [first, second] = inline.entries as [KeyValueNode, KeyValueNode];
  assert.deepEqual(first.span, spans[1]);
  assert.deepEqual(first.key.segments.map((s) => s.span), [spans[2], spans[3]]);
  assert.deepEqual(first.value?.span, spans[4]);
  assert.deepEqual(second.span, spans[5]);
  assert.deepEqual(second.value?.span, spans[6]);
});

test('table headers: header span, key span, and the table up to its last entry', () => {
  const { spans, tree } = parse('««[ «components» . «\'rust-nix0.23\'» ]» # c\nspec = 1\nx = 2»\n\n# after\n');
  const table = table0(tree.tables);
  assert.equal(table.kind, 'table');
  assert.deepEqual(table.span, spans[0]);
  assert.deepEqual(table.headerSpan, spans[1]);
  assert.deepEqual(table.key?.segments.map((s) => s.span), [spans[2], spans[3]]);
  assert.deepEqual(table.key?.span, { start: (spans[2] as Span).start, end: (spans[3] as Span).end });
});

test('array-of-tables headers, and an empty table spanning only its header', () => {
  const { spans, tree } = parse('«[[ «a.b» ]]»\n«[empty]»\n«[[a.b]]»');
  assert.deepEqual(tree.tables.map((t) => t.kind), ['array-table', 'table', 'array-table']);
  assert.deepEqual(tree.tables.map((t) => t.headerSpan), [spans[0], spans[2], spans[3]]);
  assert.deepEqual(tree.tables.map((t) => t.span), [spans[0], spans[2], spans[3]]);
  assert.deepEqual(table0(tree.tables).key?.span, spans[1]);
});

test('comments everywhere: own line, after values and headers, inside arrays and inline tables, CRLF', () => {
  const { spans, tree } = parse('«# top»\r\na = [ «# in array»\n  1, «#after one»\n] «# after»\n[t] «#h»\nb = { «# in inline»\n c = 1 }\n«#»');
  assert.deepEqual(tree.comments.map((c) => c.span), spans);
  assert.deepEqual(tree.comments.map((c) => c.text), [' top', ' in array', 'after one', ' after', 'h', ' in inline', '']);
});

test('a byte-order mark shifts nothing: spans are offsets into the text as given', () => {
  const { spans, tree } = parse('\ufeff«a» = «1»');
  const kv = kv0(tree.rootEntries);
  assert.deepEqual([kv.key.span, valueOf(kv).span], spans);
});

test('spans on a real corpus-like component entry', () => {
  const { spans, tree } = parse(
    '[components.«\'rust-nix0.23\'»]\nspec = «{ type = "upstream", upstream-name = «"rust-nix"» }»\nbuild.defines = «[«"with_check 0"»]»\n',
  );
  const table = table0(tree.tables);
  assert.deepEqual(table.key?.segments[1]?.span, spans[0]);
  const spec = valueOf(table.entries[0] as KeyValueNode);
  assert.deepEqual(spec.span, spans[1]);
  assert.ok(spec.kind === 'inline-table');
  assert.deepEqual(spec.entries[1]?.value?.span, spans[2]);
  const defines = valueOf(table.entries[1] as KeyValueNode);
  assert.deepEqual(defines.span, spans[3]);
  assert.ok(defines.kind === 'array');
  assert.deepEqual(defines.items[0]?.span, spans[4]);
});
