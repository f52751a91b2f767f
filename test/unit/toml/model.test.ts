// TOML's table rules in the semantic model — each broken rule an error at the second definition with a
// related span at the first — and navigation: lookup, lookupEntry and nodeAtOffset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookup, lookupEntry, nodeAtOffset, parseToml, toJS, type ModelError } from '../../../server/src/core/toml';
import { marked } from './markers';

interface RuleCase {
  name: string;
  /** «first definition» … «conflicting one»: the related span, then the error span. */
  source: string;
  code: ModelError['code'];
  message: string;
  relatedMessage: string;
}

const RULES: RuleCase[] = [
  {
    name: 'duplicate key',
    source: '«a» = 1\n«a» = 2',
    code: 'toml-duplicate-key',
    message: "Duplicate key 'a': it is already defined",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'duplicate key spelled differently',
    source: "[t]\n«'b'» = 1\n«\"b\"» = 2",
    code: 'toml-duplicate-key',
    message: "Duplicate key 'b': it is already defined",
    relatedMessage: "'b' is first defined here",
  },
  {
    name: 'duplicate dotted key',
    source: 'x.«y» = 1\nx.«y» = 2',
    code: 'toml-duplicate-key',
    message: "Duplicate key 'x.y': it is already defined",
    relatedMessage: "'x.y' is first defined here",
  },
  {
    name: 'redefined table',
    source: '«[a]»\nx = 1\n[«a»]',
    code: 'toml-redefined-table',
    message: "Table 'a' is already defined: a table can be defined only once",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'super-table defined twice after its sub-table',
    source: '[a.b]\n«[a]»\n[«a»]',
    code: 'toml-redefined-table',
    message: "Table 'a' is already defined: a table can be defined only once",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'header over a value',
    source: '«a = 1»\n[«a»]',
    code: 'toml-redefined-table',
    message: "Key 'a' is already defined as a value: a table can be defined only once",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'header over a table made by dotted keys',
    source: '«a.b = 1»\n[«a»]',
    code: 'toml-redefined-table',
    message: "Table 'a' is already defined: a table can be defined only once",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'dotted key into a table made by a header',
    source: '«[a.b]»\nc = 1\n[a]\n«b».d = 2',
    code: 'toml-invalid-extension',
    message: "Cannot add 'b.d': the table 'b' is defined elsewhere and cannot be extended with a dotted key",
    relatedMessage: "'b' is defined here",
  },
  {
    name: 'dotted key into an inline table',
    source: '«a = { b = 1 }»\n«a».c = 2',
    code: 'toml-invalid-extension',
    message: "Cannot add 'a.c': 'a' is already an inline table",
    relatedMessage: "'a' is defined here",
  },
  {
    name: 'dotted key inside an inline table over a value',
    source: 'x = { «b = 1», «b».c = 2 }',
    code: 'toml-invalid-extension',
    message: "Cannot add 'b.c': 'b' is already a value",
    relatedMessage: "'b' is defined here",
  },
  {
    name: 'header into an inline table',
    source: '«a» = { b = 1 }\n[«a».c]',
    code: 'toml-invalid-extension',
    message: "Cannot define a table inside 'a': it is already an inline table, defined here",
    relatedMessage: "'a' is defined here",
  },
  {
    name: 'header over an inline table',
    source: '«a = {}»\n[«a»]',
    code: 'toml-redefined-table',
    message: "Key 'a' is already defined as an inline table: a table can be defined only once",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'array of tables over a static array',
    source: '«a = []»\n[[«a»]]',
    code: 'toml-redefined-table',
    message: "'a' is already defined as an array: it cannot also be an array of tables",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'array of tables over a table',
    source: '«[a]»\n[[«a»]]',
    code: 'toml-redefined-table',
    message: "'a' is already defined as a table: it cannot also be an array of tables",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'table over an array of tables',
    source: '«[[a]]»\n[«a»]',
    code: 'toml-redefined-table',
    message: "Key 'a' is already defined as an array of tables: a table can be defined only once",
    relatedMessage: "'a' is first defined here",
  },
  {
    name: 'sub-table twice in one array element',
    source: '[[a]]\n«[a.b]»\n[«a.b»]',
    code: 'toml-redefined-table',
    message: "Table 'a.b' is already defined: a table can be defined only once",
    relatedMessage: "'a.b' is first defined here",
  },
  {
    name: 'header through a value',
    source: '[t]\n«b» = 1\n[t.«b».c]',
    code: 'toml-invalid-extension',
    message: "Cannot define a table inside 't.b': it is already a value, defined here",
    relatedMessage: "'t.b' is defined here",
  },
];

for (const c of RULES) {
  test(`rule: ${c.name}`, () => {
    const { text, spans } = marked(c.source);
    const [related, span] = spans;
    const doc = parseToml(text);
    assert.deepEqual(doc.errors, [{ code: c.code, span, message: c.message, related: [{ span: related, message: c.relatedMessage }] }]);
  });
}

test('rule: the first definition wins, and the rest of the document is still built', () => {
  const doc = parseToml('a = 1\na = 2\n[t]\nx = 1\n[t]\nx = 2\ny = 3\n[u]\nz = 4');
  assert.equal(doc.errors.length, 2);
  // Entries under a redefined header are checked among themselves but do not reach the model.
  assert.deepEqual(toJS(doc.root), { a: 1, t: { x: 1 }, u: { z: 4 } });
});

test('rule: arrays of tables, their sub-tables and nested arrays of tables are built per element', () => {
  const doc = parseToml('[[a]]\nn = 1\n[a.b]\nx = 1\n[[a.c]]\ny = 1\n[[a]]\nn = 2\n[a.b]\nx = 2\n[[a.c]]\n[[a.c]]\ny = 3');
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(toJS(doc.root), {
    a: [
      { n: 1, b: { x: 1 }, c: [{ y: 1 }] },
      { n: 2, b: { x: 2 }, c: [{}, { y: 3 }] },
    ],
  });
});

test('rule: sub-tables of dotted-key tables and super-tables after sub-tables are allowed', () => {
  const doc = parseToml('[fruit]\napple.color = "red"\n[fruit.apple.texture]\nsmooth = true\n[x.y]\n[x]\nz = 1');
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(toJS(doc.root), { fruit: { apple: { color: 'red', texture: { smooth: true } } }, x: { y: {}, z: 1 } });
});

test('model: origins and spans of tables', () => {
  const { text, spans } = marked('«a.b = 1»\n«[t.u]»\n«[[arr]]»\ni = «{ k = 1 }»');
  const doc = parseToml(text);
  const origin = (path: (string | number)[]) => {
    const n = lookup(doc.root, path);
    return n?.type === 'table' ? [n.origin, n.span] : undefined;
  };
  assert.deepEqual(origin([]), ['root', { start: 0, end: text.length }]);
  assert.deepEqual(origin(['a']), ['dotted', spans[0]]);
  assert.deepEqual(origin(['t']), ['implicit', spans[1]]);
  assert.deepEqual(origin(['t', 'u']), ['header', spans[1]]);
  assert.deepEqual(origin(['arr', 0]), ['array-table', spans[2]]);
  assert.deepEqual(origin(['arr', 0, 'i']), ['inline', spans[3]]);
});

test('lookupEntry: key span and definition span, through arrays by number or by numeric string', () => {
  const { text, spans } = marked("«[components.«'rust-nix0.23'»]»\n«spec = { «type» = «\"upstream\"» }»\n[[images]]\n«name» = 'a'\n[[images]]\n«name = «'b'»»");
  const doc = parseToml(text);
  const comp = lookupEntry(doc.root, ['components', 'rust-nix0.23']);
  assert.deepEqual([comp?.keySpan, comp?.definitionSpan], [spans[1], spans[0]]);
  const type = lookupEntry(doc.root, ['components', 'rust-nix0.23', 'spec', 'type']);
  assert.deepEqual([type?.keySpan, type?.node.span], [spans[3], spans[4]]);
  assert.deepEqual(lookupEntry(doc.root, ['components', 'rust-nix0.23', 'spec'])?.definitionSpan, spans[2]);
  assert.deepEqual(lookupEntry(doc.root, ['images', 0, 'name'])?.keySpan, spans[5]);
  const second = lookupEntry(doc.root, ['images', '1', 'name']);
  assert.deepEqual([second?.definitionSpan, second?.node.span], [spans[6], spans[7]]);
  assert.equal(lookupEntry(doc.root, ['images', 2]), undefined);
  assert.equal(lookupEntry(doc.root, ['components', 'missing']), undefined);
  assert.equal(lookupEntry(doc.root, ['components', 'rust-nix0.23', 'spec', 'type', 'deeper']), undefined);
  assert.equal(lookup(doc.root, []), doc.root);
});

interface CursorCase {
  source: string;
  path: (string | number)[];
  onKey: boolean;
  /** The node's type at the path, or undefined when the text there defines nothing yet. */
  type: 'table' | 'array' | 'scalar' | undefined;
}

const CURSORS: CursorCase[] = [
  { source: 'a.b = 1\n‸a.c = 2', path: ['a'], onKey: true, type: 'table' },
  { source: 'a.b = 1\na.‸c = 2', path: ['a', 'c'], onKey: true, type: 'scalar' },
  { source: 'a.b = 1\na.c = ‸2', path: ['a', 'c'], onKey: false, type: 'scalar' },
  { source: 'a.b = 1\na.c = 2‸', path: ['a', 'c'], onKey: false, type: 'scalar' },
  { source: 'list = [1, [2, ‸3]]', path: ['list', 1, 1], onKey: false, type: 'scalar' },
  { source: 'spec = { type = "up", upstream-distro = { na‸me = "fedora" } }', path: ['spec', 'upstream-distro', 'name'], onKey: true, type: 'scalar' },
  { source: 'xs = [{ a = 1 }, { b = ‸2 }]', path: ['xs', 1, 'b'], onKey: false, type: 'scalar' },
  { source: "[components.'rust-‸nix0.23']\nspec = 1", path: ['components', 'rust-nix0.23'], onKey: true, type: 'table' },
  { source: "[compo‸nents.'rust-nix0.23']\nspec = 1", path: ['components'], onKey: true, type: 'table' },
  { source: "[components.'rust-nix0.23'‸]\nspec = 1", path: ['components', 'rust-nix0.23'], onKey: true, type: 'table' },
  { source: "[components.x]\nsp‸ec = 1", path: ['components', 'x', 'spec'], onKey: true, type: 'scalar' },
  { source: '[[img]]\nname = "a"\n[[img]]\nname = ‸"b"', path: ['img', 1, 'name'], onKey: false, type: 'scalar' },
  { source: '[[img]]\nname = "a"\n[[im‸g]]\nname = "b"', path: ['img', 1], onKey: true, type: 'table' },
  { source: '[[img]]\n[[img]]\n[img.‸sub]\nx = 1', path: ['img', 1, 'sub'], onKey: true, type: 'table' },
  { source: '[[img]]\n[img.sub]\nx = ‸1\n[[img]]', path: ['img', 0, 'sub', 'x'], onKey: false, type: 'scalar' },
  { source: '[t]\nkey = ‸', path: ['t', 'key'], onKey: false, type: undefined },
  { source: '[components.‸\n', path: ['components', ''], onKey: true, type: undefined },
  { source: 'a = 1\n\n‸\nb = 2', path: [], onKey: false, type: 'table' },
];

test('nodeAtOffset: the path under the cursor on keys, values, headers, array elements and inline tables', () => {
  for (const c of CURSORS) {
    const { text, cursors } = marked(c.source);
    const doc = parseToml(text);
    const at = nodeAtOffset(doc, cursors[0] as number);
    assert.deepEqual({ path: at.path, onKey: at.onKey, type: at.node?.type }, { path: c.path, onKey: c.onKey, type: c.type }, c.source);
    if (at.node && at.path.length) assert.equal(at.entry?.node, at.node, c.source);
    if (at.node) assert.equal(at.node, lookup(doc.root, at.path), c.source);
  }
});

test('nodeAtOffset: every offset of a real corpus file resolves without throwing, within the model', () => {
  const doc = parseToml(
    '[components.a]\nspec = { type = "upstream", upstream-distro = { name = "fedora", version = "41" } }\n' +
      '[components.a.build]\ndefines = ["x", "y"]\n[[components.a.source-files]]\nfilename = "f"\n',
  );
  for (let offset = 0; offset <= doc.syntax.text.length; offset++) {
    const at = nodeAtOffset(doc, offset);
    if (at.node) assert.equal(lookup(doc.root, at.path), at.node);
  }
});
