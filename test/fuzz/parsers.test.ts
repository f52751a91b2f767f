// Fuzz the parsers directly: the TOML parser on mutated corpus files and on random bytes (its spans and
// errors inside the text, an incremental re-parse that agrees with a fresh one, a parse in steps of a random size
// that deep-equals it), and the spec parser on
// mutated azldev-rendered specs (lossless: serializing gives back the input).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { parseSpec, serializeSpec } from '../../server/src/core/spec';
import { isDeepStrictEqual } from 'node:util';
import { parseToml, parseTomlStepwise, reparseToml, toJS } from '../../server/src/core/toml';
import { CORPUS_ROOT, filesBelow } from '../support/paths';
import { prng, randomEdit } from '../unit/incremental/editCorpus';
import { listCorpusSpecs } from '../unit/spec/corpus';
import { defineFuzzTarget, isMainThread } from './harness';
import { checkSpan } from './invariants';

const TOML_EDITS_PER_FILE = 6;
const RANDOM_TOML_CASES = 400;
const SPEC_EDITS_PER_FILE = 2;

/** Text from an alphabet weighted toward TOML's punctuation, with some arbitrary code points. */
function randomText(rand: () => number, length: number): string {
  const alphabet = '[]{}"\'=.,#\n\r\t \\abc01-_:+eE';
  let s = '';
  for (let i = 0; i < length; i++) {
    s += rand() < 0.9 ? alphabet.charAt(Math.floor(rand() * alphabet.length)) : String.fromCodePoint(Math.floor(rand() * 0x2ffff));
  }
  return s;
}

const runToml = defineFuzzTarget(__filename, 'toml parser', (r, seed, scale) => {
  const rand = prng(seed);
  // (The step sizes have their own sequence: the cases stay the ones a seed gave before.)
  const stepRand = prng(seed ^ 0x57e9);
  const stats = { cases: 0, errors: 0, reparses: 0, stepwise: 0 };
  const check = (text: string, label: string, previous?: { text: string; doc: ReturnType<typeof parseToml> }) => {
    r.begin(label, () => text);
    const doc = parseToml(text);
    for (const e of doc.errors) checkSpan(r, `error ${e.code}`, e.span, text.length);
    stats.errors += doc.errors.length;
    toJS(doc.root);
    const steps = parseTomlStepwise(text, 1 + Math.floor(stepRand() * [4, 64, 4096][Math.floor(stepRand() * 3)]!));
    let stepped = steps.next();
    while (!stepped.done) stepped = steps.next();
    if (!isDeepStrictEqual(stepped.value, doc)) r.fail('a parse in steps disagrees with parseToml');
    stats.stepwise++;
    if (previous) {
      const re = reparseToml(previous.doc, text);
      const a = JSON.stringify(re.errors.map((e) => [e.code, e.span.start, e.span.end]));
      const b = JSON.stringify(doc.errors.map((e) => [e.code, e.span.start, e.span.end]));
      if (a !== b) r.fail(`incremental re-parse disagrees with a fresh parse: ${a} vs ${b}`);
      stats.reparses++;
    }
    stats.cases++;
    return doc;
  };
  for (const file of filesBelow(CORPUS_ROOT, '.toml')) {
    let text = fs.readFileSync(file, 'utf8');
    let doc = check(text, `${file}: as is`);
    for (let k = 0; k < TOML_EDITS_PER_FILE * scale; k++) {
      const edit = randomEdit(text, rand);
      const next = edit.text;
      doc = check(next, `${file}: ${edit.label}`, { text, doc });
      text = next;
    }
  }
  for (let k = 0; k < RANDOM_TOML_CASES * scale; k++) check(randomText(rand, 1 + Math.floor(rand() * 400)), `random text ${k}`);
  return stats;
});

const runSpec = defineFuzzTarget(__filename, 'spec parser', (r, seed, scale) => {
  const rand = prng(seed ^ 0x5bec);
  const stats = { cases: 0, lines: 0 };
  for (const file of listCorpusSpecs()) {
    let text = fs.readFileSync(file, 'utf8');
    for (let k = 0; k < SPEC_EDITS_PER_FILE * scale; k++) {
      text = randomEdit(text, rand).text;
      const input = text;
      r.begin(`${file}: edit ${k + 1}`, () => input);
      const doc = parseSpec(input);
      if (serializeSpec(doc) !== input) r.fail('the spec model is not lossless: serializing it changed the text');
      stats.lines += doc.lines.length;
      stats.cases++;
    }
  }
  return stats;
});

if (isMainThread) {
  test('fuzz: the TOML parser on mutated corpus files and random text', { timeout: 30 * 60_000 }, async () => {
    const stats = await runToml();
    console.log(`toml parser fuzz: ${JSON.stringify(stats)}`);
    assert.ok(stats.cases > 1000 && stats.reparses > 1000);
  });
  test('fuzz: the spec parser on mutated rendered specs', { timeout: 30 * 60_000 }, async () => {
    const stats = await runSpec();
    console.log(`spec parser fuzz: ${JSON.stringify(stats)}`);
    assert.ok(stats.cases >= 1200);
  });
}
