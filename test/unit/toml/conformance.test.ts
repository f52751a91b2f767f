// Our TOML parser against smol-toml (the TOML 1.1 reference we follow): the real corpus, a table of
// hand-written vectors over the whole language, random mutations of both, and input sizes that must
// stay linear. Every disagreement is a bug unless listed in DOCUMENTED_EXCEPTIONS with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseToml, type ModelError } from '../../../server/src/core/toml';
import { ourVerdict, smolVerdict, type Verdict } from './oracle';
import { TRICKY_CASES } from './trickyCases';

function findRepoRoot(dir: string): string {
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

const corpusRoot = path.resolve(findRepoRoot(__dirname), '..', 'shared', 'corpus', 'azurelinux-4.0');

function tomlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tomlFiles(p));
    else if (name.endsWith('.toml')) out.push(p);
  }
  return out;
}

/**
 * Where smol-toml is plainly wrong against the TOML specification and we follow the specification.
 * `ours` recognises our error for that construct (in the document's text); `cases` are the vectors that show it.
 */
const DOCUMENTED_EXCEPTIONS: readonly { reason: string; ours: (error: ModelError, text: string) => boolean; cases: readonly string[] }[] = [
  {
    reason: 'smol-toml builds dates with JS Date, which rolls 2021-02-30 over to March 2; TOML requires a real calendar day',
    ours: (e) => /day \d+ does not exist in \d{4}-\d{2}/.test(e.message),
    cases: ['February 30', 'February 31', 'April 31', 'February 29 in a common year', 'February 29 in 1900'],
  },
  {
    reason: 'with integersAsBigInt smol-toml returns any bigint; TOML integers are int64 and an unrepresentable one is an error',
    ours: (e) => /does not fit in 64 bits/.test(e.message),
    cases: ['int64 max + 1', 'int64 min - 1', 'hex beyond int64'],
  },
  {
    reason: 'smol-toml hands the offset to JS Date, which takes +0700; TOML (RFC 3339) requires +07:00',
    ours: (e) => /^Invalid date-time '.*[+-]\d{4}': /.test(e.message),
    cases: ['offset without colon'],
  },
  {
    reason:
      'smol-toml lets a dotted key extend a table that a [[x.y.z]] header created implicitly, yet rejects the same for a ' +
      '[x.y.z] header; the specification lets dotted keys create only tables "not previously created" (toml-test rejects ' +
      '[a.b.c] / [a] / b.c.t = 1), and we reject both alike',
    ours: (e, text) => e.code === 'toml-invalid-extension' && (e.related ?? []).some((r) => text.startsWith('[[', r.span.start)),
    cases: ['dotted key into a table implied by an array-of-tables header', 'deeper dotted key into a table implied by an array-of-tables header'],
  },
];

const exceptionOfCase = new Map(DOCUMENTED_EXCEPTIONS.flatMap((e) => e.cases.map((c) => [c, e] as const)));

/** We reject, smol-toml accepts, and every one of our errors is a documented exception. */
function isDocumentedException(text: string, ours: Verdict, smol: Verdict): boolean {
  if (ours.valid || !smol.valid) return false;
  const errors = parseToml(text).errors;
  return errors.every((e) => DOCUMENTED_EXCEPTIONS.some((x) => x.ours(e, text)));
}

function assertAgree(text: string, label: string): void {
  const ours = ourVerdict(text);
  const smol = smolVerdict(text);
  if (isDocumentedException(text, ours, smol)) return;
  assert.equal(ours.valid, smol.valid, `${label}: verdicts differ on ${JSON.stringify(text)}\n  ours: ${ours.error ?? 'valid'}\n  smol: ${smol.error ?? 'valid'}`);
  if (ours.valid) assert.deepEqual(ours.value, smol.value, `${label}: values differ on ${JSON.stringify(text)}`);
}

test('every corpus file parses without errors to the same value as smol-toml', () => {
  const files = tomlFiles(corpusRoot);
  assert.ok(files.length >= 200, `expected the corpus at ${corpusRoot}, found ${files.length} TOML files`);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const doc = parseToml(text);
    const rel = path.relative(corpusRoot, file);
    assert.deepEqual(doc.errors.map((e) => `${e.span.start}: ${e.message}`), [], rel);
    const smol = smolVerdict(text);
    assert.ok(smol.valid, `${rel}: smol-toml rejects it: ${smol.error}`);
    assert.deepEqual(ourVerdict(text).value, smol.value, rel);
  }
});

test('the tricky-case table is large and its names are unique', () => {
  assert.ok(TRICKY_CASES.length >= 150, `${TRICKY_CASES.length} cases`);
  assert.ok(TRICKY_CASES.some((c) => c.valid) && TRICKY_CASES.some((c) => !c.valid));
  assert.equal(new Set(TRICKY_CASES.map((c) => c.name)).size, TRICKY_CASES.length);
  for (const name of exceptionOfCase.keys()) assert.ok(TRICKY_CASES.some((c) => c.name === name), `exception names a missing case: ${name}`);
});

test('tricky cases: our verdict is the specification’s, and smol-toml agrees in verdict and value', () => {
  for (const c of TRICKY_CASES) {
    const ours = ourVerdict(c.toml);
    const smol = smolVerdict(c.toml);
    assert.equal(ours.valid, c.valid, `${c.name}: we say ${ours.valid ? 'valid' : `invalid (${ours.error})`} on ${JSON.stringify(c.toml)}`);
    const exception = exceptionOfCase.get(c.name);
    if (exception) {
      // Still an exception: smol-toml accepts what the specification rejects, and we reject it for that reason.
      assert.equal(c.valid, false, c.name);
      assert.equal(smol.valid, true, `${c.name}: smol-toml now rejects it; drop the documented exception`);
      assert.ok(isDocumentedException(c.toml, ours, smol), `${c.name}: our errors are not the documented ones: ${ours.error}`);
      continue;
    }
    assert.equal(smol.valid, c.valid, `${c.name}: smol-toml says ${smol.valid ? 'valid' : `invalid (${smol.error})`} on ${JSON.stringify(c.toml)}`);
    if (c.valid) assert.deepEqual(ours.value, smol.value, `${c.name}: values differ`);
  }
});

test('nesting up to 1000 arrays or inline tables is accepted and deeper is rejected, as by smol-toml', () => {
  const arrays = (n: number) => 'a = ' + '['.repeat(n) + ']'.repeat(n);
  const tables = (n: number) => 'a = ' + '{ b = '.repeat(n - 1) + '{}' + ' }'.repeat(n - 1);
  for (const [text, valid] of [[arrays(1000), true], [arrays(1001), false], [tables(1000), true], [tables(1001), false]] as const) {
    assert.equal(ourVerdict(text).valid, valid, text.slice(0, 20));
    assert.equal(smolVerdict(text).valid, valid, text.slice(0, 20));
  }
});

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces of TOML syntax that mutations insert: every delimiter, escape and prefix the grammar knows. */
const INSERTIONS = ['"', "'", '"""', "'''", '[', ']', '[[', ']]', '{', '}', '=', '.', ',', '#', '\n', '\r', '\r\n', '\t', ' ', '\\', '\\u', '\\x', '0', '1', '9', 'e', 'E', '_', '+', '-', ':', 'T', 'Z', 'x', 'o', 'b', 'a', 'é', '\x7f', '\x00', '\ufeff', 'inf', 'nan', 'true', '1979-05-27', '07:32'];

test('random mutations of corpus files and tricky cases: same verdict and value as smol-toml, never an exception', () => {
  const corpus = tomlFiles(corpusRoot).map((f) => readFileSync(f, 'utf8').split('\n'));
  const random = prng(20240613);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const started = Date.now();
  let valid = 0;
  const iterations = 4000;
  for (let i = 0; i < iterations; i++) {
    let text: string;
    if (i % 2 === 0) text = pick(TRICKY_CASES).toml;
    else {
      const lines = pick(corpus);
      const from = int(lines.length);
      text = lines.slice(from, from + 5 + int(40)).join('\n');
    }
    const edits = 1 + int(3);
    for (let e = 0; e < edits; e++) {
      const at = int(text.length + 1);
      switch (int(4)) {
        case 0: // delete a few characters
          text = text.slice(0, at) + text.slice(at + 1 + int(3));
          break;
        case 1: // duplicate a run in place
          text = text.slice(0, at) + text.slice(at, at + 1 + int(20)) + text.slice(at);
          break;
        case 2: // insert a piece of syntax
          text = text.slice(0, at) + pick(INSERTIONS) + text.slice(at);
          break;
        default: {
          // copy a run from elsewhere in the document
          const from = int(text.length + 1);
          text = text.slice(0, at) + text.slice(from, from + 1 + int(30)) + text.slice(at);
        }
      }
    }
    assertAgree(text, `mutation ${i}`);
    if (smolVerdict(text).valid) valid++;
  }
  // Both outcomes must be well represented, or the test would prove little.
  assert.ok(valid > iterations / 10 && valid < (iterations * 9) / 10, `${valid} of ${iterations} mutants valid`);
  assert.ok(Date.now() - started < 60_000, 'the differential run must stay bounded');
});

test('random documents of headers, dotted keys and inline values: the table rules agree with smol-toml', () => {
  const random = prng(7);
  const int = (n: number) => Math.floor(random() * n);
  const key = () => Array.from({ length: 1 + int(3) }, () => 'abc'[int(3)]).join('.');
  const values = ['1', '{}', '{ b = 1 }', '{ c.d = 1 }', '[]', '[{}]', '[1]', '{ a = { b = 1 } }'];
  const line = () => {
    const r = int(4);
    return r === 0 ? `[${key()}]` : r === 1 ? `[[${key()}]]` : `${key()} = ${values[int(values.length)]}`;
  };
  for (let i = 0; i < 3000; i++) assertAgree(Array.from({ length: 1 + int(6) }, line).join('\n'), `table rules ${i}`);
});

/**
 * The text handed to the parser, counting every character it reads (`charCodeAt`, the characters of each
 * `slice` and `startsWith`, indexed reads; a sticky line pattern run at a statement's start, which gets the
 * string through `toString`, counts as one read). Reads are the parser's work, measured exactly: a rescan that
 * makes parsing quadratic shows up in them on any machine, where time would also measure the machine's
 * load and the garbage collector (the CPU-time version of this test failed in CI for that reason).
 */
class CountingText {
  reads = 0;
  readonly length: number;
  constructor(private readonly text: string) {
    this.length = text.length;
    return new Proxy(this, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) {
          target.reads++;
          return target.text[Number(key)];
        }
        return Reflect.get(target, key, receiver);
      },
    });
  }
  charCodeAt(i: number): number {
    this.reads++;
    return this.text.charCodeAt(i);
  }
  slice(start?: number, end?: number): string {
    const out = this.text.slice(start, end);
    this.reads += out.length;
    return out;
  }
  toString(): string {
    this.reads++;
    return this.text;
  }
  startsWith(search: string, position?: number): boolean {
    this.reads += search.length;
    return this.text.startsWith(search, position);
  }
}

/** How many characters the parse of `text` read; the parse must report the same errors as the plain string's. */
function countReads(text: string): number {
  const counting = new CountingText(text);
  const viaCounter = parseToml(counting as unknown as string);
  assert.deepEqual(viaCounter.errors, parseToml(text).errors, 'the counting text parses like the string itself');
  return counting.reads;
}

test('parsing work grows linearly on pathological input, and nothing throws', () => {
  const shapes: [string, (n: number) => string][] = [
    ['nested [', (n) => 'a = ' + '['.repeat(n)],
    ['nested [ closed', (n) => 'a = ' + '['.repeat(n) + ']'.repeat(n)],
    ['nested { over lines', (n) => 'a = {\n'.repeat(n)],
    ['long string', (n) => `a = "${'x'.repeat(n * 8)}"`],
    ['long unclosed string', (n) => `a = "${'x'.repeat(n * 8)}`],
    ['unclosed multi-line string', (n) => 'a = """' + 'x\n'.repeat(n)],
    ['unclosed arrays', (n) => 'a = [\n'.repeat(n)],
    ['unclosed arrays of strings', (n) => 'a = ["x",\n'.repeat(n)],
    ['long array', (n) => 'a = [' + '"x",\n'.repeat(n) + ']'],
    ['arrays of tables', (n) => '[[a.b]]\nc = 1\n'.repeat(n)],
    ['duplicate keys', (n) => 'k = 1\n'.repeat(n)],
    ['garbage lines', (n) => '!x\n'.repeat(n)],
    ['half-typed headers', (n) => '[components.\n'.repeat(n)],
    ['long dotted key', (n) => 'a' + '.a'.repeat(n) + ' = 1'],
    ['backslashes', (n) => 'a = "' + '\\'.repeat(n * 4)],
  ];
  const n = 6_250;
  for (const [name, make] of shapes) {
    const small = make(n);
    const large = make(n * 16);
    assert.doesNotThrow(() => parseToml(large), name);
    const rs = countReads(small);
    const rl = countReads(large);
    // Linear work gives 16× the reads for 16× the text; a quadratic rescan gives about 256×.
    assert.ok(rl <= rs * 20, `${name}: ${rs} reads for ${small.length} chars but ${rl} for ${large.length}`);
    // And no shape makes the parser read each character more than a few times.
    assert.ok(rl <= large.length * 12, `${name}: ${rl} reads for ${large.length} chars`);
  }
  const mega = 'a = "' + 'x'.repeat(1 << 20) + '"';
  assert.equal(parseToml(mega).errors.length, 0);
});
