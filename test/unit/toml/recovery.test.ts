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
    messages: ["Expected ']]' to close the array of tables header, found ']'"],
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
    messages: ['Expected the end of the line, found U+000D CR (a carriage return without a line feed)'],
    rest: { a: 1, c: 3 },
  },
  {
    name: 'control character in a comment',
    source: 'a = 1 # x«\x01»\nb = 2',
    messages: ['Control character U+0001 SOH is not allowed in comments'],
    rest: { a: 1, b: 2 },
  },
  {
    name: 'NUL after a bare key',
    source: '«x»\0 = 1\nb = 2',
    messages: ["Expected '=' after the key 'x', found U+0000 NUL"],
    rest: { b: 2 },
  },
  {
    name: 'a visible character after a bare key is quoted',
    source: '«x» y = 1\nb = 2',
    messages: ["Expected '=' after the key 'x', found 'y'"],
    rest: { b: 2 },
  },
  {
    name: 'a control character starting a line',
    source: '«\x1b[31m = 1»\nb = 2',
    messages: ['Unexpected U+001B ESC: expected a key, a [table] or a comment'],
    rest: { b: 2 },
  },
  {
    name: 'DEL as a value',
    source: 'a = «\x7f»\nb = 2',
    messages: ['Unexpected U+007F DEL: expected a value (string, number, boolean, date-time, array or inline table)'],
    rest: { b: 2 },
  },
  {
    name: 'NUL after a bare value',
    source: 'a = 1«\0»\nb = 2',
    messages: ['Expected the end of the line, found U+0000 NUL'],
    rest: { a: 1, b: 2 },
  },
  {
    name: 'text after a value, cut before a control character',
    source: 'a = 1 «b\x07c»\nd = 2',
    messages: ["Expected the end of the line, found 'b'"],
    rest: { a: 1, d: 2 },
  },
  {
    name: 'a control character in a basic string names its escape',
    source: 'a = "x«\x01»y"\nb = 2',
    messages: ['Control character U+0001 SOH is not allowed in strings: write it as \\u0001'],
    rest: { a: 'x\x01y', b: 2 },
  },
  {
    name: 'a control character in a literal string',
    source: "a = 'x«\x1f»y'\nb = 2",
    messages: ['Control character U+001F US is not allowed in strings'],
    rest: { a: 'x\x1fy', b: 2 },
  },
  {
    name: 'NUL in a table header',
    source: '[«t»\0]\nb = 2',
    messages: ["Expected ']' to close the table header, found U+0000 NUL"],
    rest: { t: { b: 2 } },
  },
  {
    name: 'a backslash before a control character',
    source: 'a = "x«\\\x02»y"\nb = 2',
    messages: ['Invalid escape sequence: a backslash before U+0002 STX'],
    rest: { a: 'xy', b: 2 },
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

test('recovery: every error about a control character names it (U+XXXX NAME) and never carries it raw', () => {
  const controls = [...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a), 0x7f];
  const places = [(c: string) => `x${c} = 1`, (c: string) => `${c}x = 1`, (c: string) => `x = ${c}`, (c: string) => `x = 1${c}`, (c: string) => `x = tr${c}ue`, (c: string) => `x = "a${c}"`, (c: string) => `x = 'a${c}'`, (c: string) => `x = """a${c}"""`, (c: string) => `x = 1 # ${c}`, (c: string) => `[t${c}]`, (c: string) => `x = [1${c}]`, (c: string) => `x = "\\${c}"`];
  for (const code of controls) {
    const c = String.fromCharCode(code);
    const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
    for (const place of places) {
      // (A space before the line feed, so that a CR at the end of a place stays a lone CR, not a CRLF.)
      const text = 'before = 1\n' + place(c) + ' \n';
      const doc = parseToml(text);
      const label = JSON.stringify(text);
      assert.ok(doc.errors.length > 0, label);
      for (const e of doc.errors) assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(e.message), `${label}: ${JSON.stringify(e.message)}`);
      assert.ok(
        doc.errors.some((e) => e.message.includes(hex)),
        `${label}: ${JSON.stringify(doc.errors.map((e) => e.message))}`,
      );
      assert.equal((toJS(doc.root) as { before?: number }).before, 1, label);
    }
  }
});
