// Half-typed and broken documents: each error's span («…») and message, and the value of the rest of the
// document, which must survive the slip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToml, toJS } from '../../../server/src/core/toml';
import { marked } from './markers';

interface RecoveryCase {
  name: string;
  /** The document, with «…» around each expected error span in document order. */
  source: string;
  messages: string[];
  /** toJS of what survives. */
  rest: unknown;
}

const CASES: RecoveryCase[] = [
  {
    name: '[components. alone',
    source: '[components.«»\n',
    messages: ['Expected a key after the dot'],
    rest: {},
  },
  {
    name: '[components. followed by more tables',
    source: '[components.a]\nx = 1\n[components.«»\n[components]\nlocal = true\n[components.b]\ny = 2',
    messages: ['Expected a key after the dot'],
    rest: { components: { a: { x: 1 }, local: true, b: { y: 2 } } },
  },
  {
    // What follows a header being typed belongs to that table, not to the one before it.
    name: '[ alone mid-file',
    source: 'a = 1\n«[»\nb = 2\n[t]\nc = 3',
    messages: ['Expected a table name after ['],
    rest: { a: 1, t: { c: 3 } },
  },
  {
    name: 'missing ] of a header keeps the table',
    source: '[«t»\nc = 3\n[u]\nd = 4',
    messages: ["Expected ']' to close the table header"],
    rest: { t: { c: 3 }, u: { d: 4 } },
  },
  {
    name: 'missing ]] of an array-of-tables header',
    source: '[[«t»]\nc = 3\n[[t]]\nc = 4',
    messages: ["Expected ']]' to close the array of tables header"],
    rest: { t: [{ c: 3 }, { c: 4 }] },
  },
  {
    name: 'key = at EOF',
    source: 'a = 1\nkey = «»',
    messages: ['Expected a value'],
    rest: { a: 1 },
  },
  {
    name: 'key = mid-file, with a comment',
    source: '[t]\na = 1\nkey = «»# soon\nb = 2',
    messages: ['Expected a value'],
    rest: { t: { a: 1, b: 2 } },
  },
  {
    name: 'dotted key = mid-file defines no parent',
    source: 'spec.path = «»\nname = "x"',
    messages: ['Expected a value'],
    rest: { name: 'x' },
  },
  {
    name: 'key with no = at all',
    source: '«name»\nb = 2',
    messages: ["Expected '=' after the key 'name'"],
    rest: { b: 2 },
  },
  {
    name: 'trailing dot in a key',
    source: 'a.«=» 1\nb = 2',
    messages: ['Expected a key after the dot'],
    rest: { b: 2 },
  },
  {
    name: 'unclosed "',
    source: 'a = «"abc»\nb = 2',
    messages: ['Unterminated string: add the closing "'],
    rest: { a: 'abc', b: 2 },
  },
  {
    name: "unclosed '",
    source: "a = «'abc»\r\nb = 2",
    messages: ["Unterminated string: add the closing '"],
    rest: { a: 'abc', b: 2 },
  },
  {
    name: 'unclosed """ resumes after its opening line',
    source: 'a = «"""abc»\nb = 2\n[t]\nc = 3',
    messages: ['Unterminated multi-line string: add the closing """'],
    rest: { a: 'abc', b: 2, t: { c: 3 } },
  },
  {
    name: "unclosed '''",
    source: "x = 0\na = «'''»\nb = 2",
    messages: ["Unterminated multi-line string: add the closing '''"],
    rest: { x: 0, a: '', b: 2 },
  },
  {
    name: 'unclosed [ before a key/value',
    source: 'a = «[»1, 2\nb = 2',
    messages: ["Unclosed array: add the closing ']'"],
    rest: { a: [1, 2], b: 2 },
  },
  {
    name: 'unclosed multi-line [ before a header, comments kept once',
    source: 'a = «[»\n  "x", # one\n  "y"\n# two\n[t]\nc = 1',
    messages: ["Unclosed array: add the closing ']'"],
    rest: { a: ['x', 'y'], t: { c: 1 } },
  },
  {
    name: 'unclosed [ before a quoted-key line',
    source: "[components.x]\nlist = «[»\n  'a',\n'rust-nix0.23'.spec = 1",
    messages: ["Unclosed array: add the closing ']'"],
    rest: { components: { x: { list: ['a'], 'rust-nix0.23': { spec: 1 } } } },
  },
  {
    name: 'unclosed {',
    source: 'a = «{»x = 1\n[t]\nc = 3',
    messages: ["Unclosed inline table: add the closing '}'"],
    rest: { a: { x: 1 }, t: { c: 3 } },
  },
  {
    name: 'unclosed { with a half-typed entry',
    source: 'a = «{»x = 1, y = «»\nb = 2',
    messages: ["Unclosed inline table: add the closing '}'", 'Expected a value'],
    rest: { a: { x: 1 }, b: 2 },
  },
  {
    name: 'garbage lines',
    source: 'a = 1\n«!!! garbage»\n«@»\nb = 2',
    messages: ["Unexpected '!': expected a key, a [table] or a comment", "Unexpected '@': expected a key, a [table] or a comment"],
    rest: { a: 1, b: 2 },
  },
  {
    name: 'text after a value',
    source: 'a = 1 «b = 2»\nc = 3',
    messages: ["Expected the end of the line, found 'b = 2'"],
    rest: { a: 1, c: 3 },
  },
  {
    name: 'bad literal drops only its key',
    source: 'x = 1\na = «tru»\nb = [1, «12abc», 3]\nc = 2',
    messages: ["Invalid value 'tru': strings must be quoted (\"tru\")", "Invalid number '12abc'"],
    rest: { x: 1, b: [1, 3], c: 2 },
  },
  {
    name: 'invalid date keeps the rest',
    source: 'a = «2021-02-30»\nb = 2021-02-28',
    messages: ["Invalid date-time '2021-02-30': day 30 does not exist in 2021-02"],
    rest: { b: '2021-02-28' },
  },
  {
    name: 'bad escape keeps the string',
    source: 'a = "x«\\q»y"\nb = 1',
    messages: ["Invalid escape sequence '\\q'"],
    rest: { a: 'xy', b: 1 },
  },
  {
    name: 'lone CR',
    source: 'a = 1«\r»b = 2\nc = 3',
    messages: ["Expected the end of the line, found a carriage return without a line feed"],
    rest: { a: 1, c: 3 },
  },
  {
    name: 'control character in a comment',
    source: 'a = 1 # x«\x01»\nb = 2',
    messages: ['Control characters are not allowed in comments'],
    rest: { a: 1, b: 2 },
  },
];

/** Date-times compare by their text (TomlDateTime.toJSON). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

for (const c of CASES) {
  test(`recovery: ${c.name}`, () => {
    const { text, spans } = marked(c.source);
    const doc = parseToml(text);
    assert.deepEqual(
      doc.errors.map((e) => ({ span: e.span, message: e.message })),
      spans.map((span, i) => ({ span, message: c.messages[i] })),
    );
    assert.deepEqual(plain(toJS(doc.root)), c.rest);
  });
}

test('recovery: comments read again after an unclosed array are recorded once', () => {
  const doc = parseToml('a = [\n  1, # one\n  # two\nb = 2 # three');
  assert.deepEqual(doc.syntax.comments.map((c) => c.text), [' one', ' two', ' three']);
});

test('recovery: every prefix of a corpus-like document parses without throwing and keeps its complete lines', () => {
  const full = "[components.a]\nspec = { type = \"upstream\" }\n\n[components.'rust-nix0.23']\nbuild.defines = [\"a\", \"b\"]\n# end\n";
  for (let n = 0; n <= full.length; n++) {
    const prefix = full.slice(0, n);
    const doc = parseToml(prefix);
    const value = toJS(doc.root) as { components?: Record<string, unknown> };
    if (n >= full.indexOf('\n\n')) assert.deepEqual(value.components?.a, { spec: { type: 'upstream' } }, JSON.stringify(prefix));
  }
});

test('recovery: an array nested too deeply is skipped to its closing bracket, and the enclosing ones close', () => {
  const text = 'a = ' + '['.repeat(1001) + '"]"' + ']'.repeat(1001) + ' # c\nb = 1';
  const doc = parseToml(text);
  assert.deepEqual(
    doc.errors.map((e) => ({ span: e.span, message: e.message })),
    [{ span: { start: 1004, end: 1005 }, message: 'Arrays and inline tables cannot be nested more than 1000 levels deep' }],
  );
  const value = toJS(doc.root) as { a: unknown; b: number };
  assert.equal(value.b, 1);
  let depth = 0;
  for (let v: unknown = value.a; Array.isArray(v); v = v[0]) depth++;
  assert.equal(depth, 1000);
  assert.deepEqual(doc.syntax.comments.map((c) => c.text), [' c']);
});
