// Format Document on TOML: the real tree is its own house style (every file comes back unchanged), each
// deviation the formatter normalizes comes back to the tree's text, nothing it does changes a value
// (smol-toml reads the same before and after), and formatting twice changes nothing the second time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as smolParse } from 'smol-toml';
import { formatDocument } from '../../../server/src/core/format/formatDocument';
import { parseToml } from '../../../server/src/core/toml';
import { applySorted, messUp } from '../../support/messUp';
import { CORPUS_ROOT, filesBelow } from '../../support/paths';
import { prng } from '../../support/prng';

const corpus = filesBelow(CORPUS_ROOT, '.toml').map((file) => ({ file, text: readFileSync(file, 'utf8') }));

function format(text: string, range?: { start: number; end: number }): string {
  const result = formatDocument(parseToml(text), range);
  assert.equal(result.refused, undefined, `refused: ${result.refused}`);
  return applySorted(text, result.edits);
}

function smol(text: string): unknown {
  return smolParse(text, { integersAsBigInt: 'asNeeded' });
}

test('the corpus is the house style: every file formats to itself', () => {
  assert.ok(corpus.length > 200, `corpus at ${CORPUS_ROOT}`);
  for (const { file, text } of corpus) {
    const result = formatDocument(parseToml(text));
    assert.equal(result.refused, undefined, `${file}: ${result.refused}`);
    assert.deepEqual(result.edits, [], file);
  }
});

test('deviations the formatter normalizes come back to the tree text, with the same values, stably', () => {
  let changed = 0;
  for (const [i, { file, text }] of corpus.entries()) {
    const messed = messUp(text, prng(1000 + i), 'tidy');
    if (messed !== text) changed++;
    const formatted = format(messed);
    assert.equal(formatted, text, `${file} (seed ${1000 + i})`);
    assert.deepEqual(smol(messed), smol(text), file);
    assert.equal(format(formatted), formatted, file);
  }
  assert.equal(changed, corpus.length, 'every file was messed up');
});

test('on any spacing the formatter keeps every value and is idempotent', () => {
  for (const [i, { file, text }] of corpus.entries()) {
    const messed = messUp(text, prng(5000 + i), 'wild');
    const formatted = format(messed);
    assert.deepEqual(smol(formatted), smol(messed), `${file} (seed ${5000 + i})`);
    assert.equal(format(formatted), formatted, `${file} (seed ${5000 + i})`);
  }
});

test('spacing inside statements', () => {
  assert.equal(format('  a   =  1\nb="x"   \n[ t . u ]\nc . d= [ 1 ,2,  3 ]\ne={  a=1,  b = { c = 2 } }\n'), 'a = 1\nb = "x"\n\n[t.u]\nc.d = [1, 2, 3]\ne = { a = 1, b = { c = 2 } }\n');
  assert.equal(format('[[ a.b ]]  # one\nx = 1    # two\n'), '[[a.b]] # one\nx = 1 # two\n');
  // Inside braces, no space stays no space (the tree has that); empty containers are closed up.
  assert.equal(format('a = {b = 1}\nc = [ ]\nd = {  }\n'), 'a = {b = 1}\nc = []\nd = {}\n');
});

test('blank lines: one before a table after key/values, at most one in a row, none at the start, one final line break', () => {
  assert.equal(format('\n\na = 1\n[t]\nb = 2\n\n\n\nc = 3\n# about u\n[u]\n[v]\n\n[w]\nd = 4'), 'a = 1\n\n[t]\nb = 2\n\nc = 3\n\n# about u\n[u]\n[v]\n\n[w]\nd = 4\n');
  // Comments are kept byte for byte (trailing blanks included); a blank line ending the file stays, as in the tree.
  assert.equal(format('#c  \n  # d\na = 1\n\n\n'), '#c  \n# d\na = 1\n\n');
  assert.equal(format(''), '');
  assert.equal(format('  \n\n'), '');
});

test('arrays over lines: one item per line, one step deeper than their line, the closing bracket alone', () => {
  const messy = 'a = [\n"x", "y",\n        # note\n  "z"  # last\n,\n\n ]\nb = [ { c = [\n1,\n2,\n]}, ]\n';
  assert.equal(format(messy), 'a = [\n    "x",\n    "y",\n    # note\n    "z", # last\n]\nb = [{ c = [\n    1,\n    2,\n]},]\n');
  // The step is the document's own: its first array laid out over lines indents by two here.
  assert.equal(format('a = [\n  1,\n      2,\n]\nb = [\n[\n3]]\n'), 'a = [\n  1,\n  2,\n]\nb = [\n  [\n    3\n  ]\n]\n');
  // Multi-line strings are content: an array holding one stays on its line.
  assert.equal(format('a = ["""\n x  \n"""   ]\n'), 'a = ["""\n x  \n"""]\n');
});

test('line breaks are the document\'s own; a byte order mark stays', () => {
  assert.equal(format('a=1\r\nb = [\r\n1,\r\n]\r\n'), 'a = 1\r\nb = [\r\n    1,\r\n]\r\n');
  assert.equal(format('\uFEFFa=1'), '\uFEFFa = 1\n');
});

test('range formatting formats only the statements the range touches', () => {
  const text = 'a=1\nb=2\n[t]\nc=3\n';
  const at = (s: string) => text.indexOf(s);
  assert.equal(format(text, { start: at('b'), end: at('b') + 1 }), 'a=1\nb = 2\n[t]\nc=3\n');
  assert.equal(format(text, { start: at('[t]'), end: at('c=3') + 1 }), 'a=1\nb=2\n\n[t]\nc = 3\n');
  assert.equal(format(text, { start: at('c=3') + 1, end: at('c=3') + 1 }), 'a=1\nb=2\n[t]\nc = 3\n');
});

test('a document with a syntax error is formatted up to the line of its first error', () => {
  const text = 'a  =  1\n[t]\nb = [1,\nc  = 2\n';
  const result = formatDocument(parseToml(text));
  assert.equal(result.stoppedAt, text.indexOf('b = ['));
  assert.equal(applySorted(text, result.edits), 'a = 1\n\n[t]\nb = [1,\nc  = 2\n');
  assert.deepEqual(formatDocument(parseToml('a = \n b=1\n')).edits, []);
});

test('a result that would not read back the same is refused, and nothing changes', () => {
  const doc = parseToml('a = 1\n');
  // A tree that disagrees with its text (it names one statement twice): the printed text would not parse alike.
  doc.syntax.rootEntries.push(doc.syntax.rootEntries[0] as (typeof doc.syntax.rootEntries)[number]);
  const result = formatDocument(doc);
  assert.deepEqual(result.edits, []);
  assert.match(result.refused ?? '', /would not keep the values/);
});
