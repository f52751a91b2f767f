// parseTomlStepwise (the start-up walk's parse of a big file across several turns) against parseToml. Every corpus
// file, the hand-written vectors, random texts and mutated corpus files (broken ones included), each parsed in steps
// of random sizes — one character a step up to the whole file — give parseToml's document: tree, model, errors,
// comments, every span, the statement and array traces an incremental re-parse starts from, and the count of comments
// naming distro-toml. A document parsed in steps, then edited incrementally (taking it over, as the document cache
// does, and copying), equals a fresh parse at every edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ArrayNode, TomlSyntaxTree } from '../../../server/src/core/toml/ast';
import { lookup, markedCommentCount, parseToml, parseTomlStepwise, reparseToml, type ParseOptions, type TomlDocument } from '../../../server/src/core/toml';
import { ARRAY_STRIDE, arrayTraces, MODEL_STEP_ITEMS, statementTraces, type StatementTrace } from '../../../server/src/core/toml/parser';
import { arrayModelsStepwise, buildModel } from '../../../server/src/core/toml/modelBuilder';
import { corpusRoot, prng, randomEdit, tomlFiles } from '../incremental/editCorpus';
import { TRICKY_CASES } from './trickyCases';

/** Parses `text` in steps, each step's size drawn by `size`; the document and how many pauses it made. */
function parsedInSteps(text: string, size: () => number, options: ParseOptions = {}): { doc: TomlDocument; pauses: number } {
  const steps = parseTomlStepwise(text, size(), options);
  let pauses = 0;
  for (let next = steps.next(); ; next = steps.next(size())) {
    if (next.done) return { doc: next.value, pauses };
    pauses++;
  }
}

/** Step sizes: mostly small (pauses inside every statement and between the items of every array), some large. */
function stepSizes(rand: () => number): () => number {
  const scale = [1, 3, 16, 200, 4096, 32 * 1024][Math.floor(rand() * 6)] as number;
  return () => 1 + Math.floor(rand() * scale);
}

/** The arrays that are a top-level key/value's value: the ones that keep an array trace. */
function topArrays(tree: TomlSyntaxTree): (ArrayNode | undefined)[] {
  return [...tree.rootEntries, ...tree.tables.flatMap((t) => t.entries)].map((kv) => (kv.value?.kind === 'array' ? kv.value : undefined));
}

/**
 * The document deep-equals parseToml's, and so do its traces and its count of comments naming distro-toml. After an
 * incremental edit (`edited`) a trace records how far each statement (or array comma) read as an upper bound.
 */
function assertAsParseToml(doc: TomlDocument, text: string, label: string, options: ParseOptions = {}, edited = false): void {
  const fresh = parseToml(text, options);
  assert.deepStrictEqual(doc, fresh, label);
  const trace = statementTraces.get(doc.syntax);
  const freshTrace = statementTraces.get(fresh.syntax);
  if (!edited || !trace || !freshTrace) assert.deepStrictEqual(trace, freshTrace, `${label}: the statement trace`);
  else {
    const { reaches, ...rest } = trace;
    const { reaches: freshReaches, ...freshRest } = freshTrace;
    assert.deepStrictEqual(rest, freshRest, `${label}: the statement trace`);
    assert.ok(reaches.length === freshReaches.length && reaches.every((r, i) => r >= (freshReaches[i] as number)), `${label}: the statement trace's reaches`);
  }
  const arrays = topArrays(doc.syntax);
  const freshArrays = topArrays(fresh.syntax);
  arrays.forEach((a, i) => {
    const points = a && arrayTraces.get(a);
    const f = freshArrays[i];
    const freshPoints = f && arrayTraces.get(f);
    if (!edited || !points || !freshPoints) assert.deepStrictEqual(points, freshPoints, `${label}: the trace of array ${i}`);
    else {
      assert.equal(points.length, freshPoints.length, `${label}: the trace of array ${i}`);
      // (Field 1 of each comma is how far the statement had read by then.)
      points.forEach((x, j) => assert.ok(j % ARRAY_STRIDE === 1 ? x >= (freshPoints[j] as number) : x === freshPoints[j], `${label}: the trace of array ${i} at ${j}`));
    }
  });
  assert.equal(markedCommentCount(doc.syntax.comments), markedCommentCount(fresh.syntax.comments), `${label}: the comments naming distro-toml`);
}

test('every corpus file parsed in steps of random sizes equals parseToml, traces included', () => {
  const files = tomlFiles();
  assert.ok(files.length >= 200, `expected the corpus at ${corpusRoot}, found ${files.length} TOML files`);
  const rand = prng(20261204);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(corpusRoot, file);
    // The big files cost a deep comparison each: two step distributions there, four elsewhere.
    for (let k = 0; k < (text.length > 100_000 ? 2 : 4); k++) {
      const { doc } = parsedInSteps(text, stepSizes(rand));
      assertAsParseToml(doc, text, `${rel}, parse ${k}`);
    }
    // A one-shot check's parse (no traces) in steps is its parse too.
    assertAsParseToml(parsedInSteps(text, stepSizes(rand), { traces: false }).doc, text, `${rel}, without traces`, { traces: false });
  }
});

/**
 * Where a parse can pause: each top-level statement start after the first and each comma of a top-level array; then,
 * building the model, after each MODEL_STEP_ITEMS item models of a long array of scalars, and before the rest.
 */
function pausePoints(doc: TomlDocument): number {
  let commas = 0;
  for (const a of topArrays(doc.syntax)) if (a) commas += (arrayTraces.get(a) as number[]).length / ARRAY_STRIDE - 1;
  return (statementTraces.get(doc.syntax) as StatementTrace).starts.length - 1 + commas + modelPauses(doc);
}

function modelPauses(doc: TomlDocument): number {
  let pauses = 1;
  for (const a of topArrays(doc.syntax)) {
    if (a && a.items.length > MODEL_STEP_ITEMS && a.items.every((v) => v.kind !== 'array' && v.kind !== 'inline-table')) pauses += Math.ceil(a.items.length / MODEL_STEP_ITEMS);
  }
  return pauses;
}

test('steps are bounded by size: one character a step pauses at every statement and array comma, 32 K characters a step ~every 32 K', () => {
  for (const rel of ['base/packages/sdk.packages.toml', 'base/comps/components.toml']) {
    const text = readFileSync(path.join(corpusRoot, rel), 'utf8');
    const fine = parsedInSteps(text, () => 1);
    assert.equal(fine.pauses, pausePoints(fine.doc), `${rel}: pauses at one character a step`);
    const { doc, pauses } = parsedInSteps(text, () => 32 * 1024);
    // Each step reads 32 K characters and on to the next pause point (an item or statement of at most a few hundred).
    const parsing = pauses - modelPauses(doc);
    assert.ok(parsing >= Math.ceil(text.length / (32 * 1024 + 1024)) - 1 && parsing <= Math.ceil(text.length / (32 * 1024)), `${rel}: ${pauses} pauses at 32 K characters a step`);
    assertAsParseToml(doc, text, `${rel} in 32 K steps`);
  }
});

test('the item models made in steps are the ones the model build takes: the same objects, equal to a build of its own', () => {
  const text = readFileSync(path.join(corpusRoot, 'base/packages/sdk.packages.toml'), 'utf8');
  // (A tree whose build kept no statement table, so the next build makes the table again.)
  const { syntax } = parseToml(text, { traces: false });
  const array = topArrays(syntax).find((a) => a && a.items.length > 17_000) as ArrayNode;
  const steps = arrayModelsStepwise(syntax, 1000);
  let pauses = 0;
  let next = steps.next();
  for (; !next.done; next = steps.next()) pauses++;
  assert.equal(pauses, Math.ceil(array.items.length / 1000));
  const made = next.value.get(array);
  assert.ok(made);
  const doc = buildModel(syntax, true, next.value);
  assert.equal(lookup(doc.root, ['package-groups', 'sdk-packages', 'packages']), made, 'the build took the model made in steps');
  assert.deepStrictEqual(doc, parseToml(text));
});

/**
 * Statements a pause cuts in ways the corpus does not: a statement that read ahead of a comma it pauses after (an
 * unclosed multi-line string or inline table among the items), an array left unclosed after pauses, nested arrays,
 * arrays of inline tables, comments and CRLF between items, a byte order mark, headers around a key/value's array.
 */
const PAUSE_CASES = [
  'a = [\n  """x\n  , 1, 2,\n  3,\n]\nb = 1\n',
  'a = [\n  {b = 1\n  , 2, 3,\n]\n',
  'a = [1, 2,\n  3, 4,\nb = 3\n[t]\nc = [5,\n',
  'a = [[1, 2], [3, 4],\n  [5, [6, 7]],\n]\n',
  'a = [{x = [1, 2]}, {y = [3]}, {x = 1, x = 2},]\n',
  '[t]\na = [1, 2, 3]\nb = 2\n[u]\nc = ["x", # distro-toml: ignore[unknown-key]\n  "y", # z\n  # alone\n  "w",\n]\n',
  'a = [\r\n  1,\r\n  2,\r\n]\r\nb = [3,\r 4]\n',
  '\ufeffa = [1, 2, 3]\n[[t]]\nb = [1, "two", 3.0, 1979-05-27, true,]\n[[t]]\nb = [,]\n',
  'a = [1, 2\n3, 4]\nb = [1,, 2]\nc = [1, 2,\n[d]\n',
];

test('statements cut by pauses in every way, in steps of every size from one character', () => {
  for (const text of PAUSE_CASES) {
    for (let size = 1; size <= text.length + 1; size++) assertAsParseToml(parsedInSteps(text, () => size).doc, text, `${JSON.stringify(text)}, ${size} characters a step`);
  }
});

test('the hand-written vectors and random texts, in steps of every size from one character', () => {
  for (const c of TRICKY_CASES) {
    for (let size = 1; size <= c.toml.length + 1; size++) assertAsParseToml(parsedInSteps(c.toml, () => size).doc, c.toml, `${c.name}, ${size} characters a step`);
  }
  const rand = prng(20261205);
  const alphabet = '[]{}"\'=.,#\n\r\t \\abc01-_:+eE';
  for (let k = 0; k < 400; k++) {
    let s = '';
    const length = 1 + Math.floor(rand() * 400);
    for (let i = 0; i < length; i++) s += rand() < 0.9 ? alphabet.charAt(Math.floor(rand() * alphabet.length)) : String.fromCodePoint(Math.floor(rand() * 0x2ffff));
    assertAsParseToml(parsedInSteps(s, stepSizes(rand)).doc, s, `random text ${k}: ${JSON.stringify(s)}`);
  }
});

test('mutated corpus files (broken ones included) parsed in steps, then edited incrementally: each equals a fresh parse', () => {
  const rand = prng(20261206);
  let edits = 0;
  for (const file of tomlFiles()) {
    const original = readFileSync(file, 'utf8');
    const rel = path.relative(corpusRoot, file);
    const big = original.length > 100_000;
    // A few mutations first (unclosed strings, arrays and headers), the text then parsed in steps.
    let text = original;
    const labels: string[] = [];
    for (let i = 0; i < (big ? 1 : 3); i++) {
      const edit = randomEdit(text, rand);
      labels.push(edit.label);
      text = edit.text;
    }
    let doc = parsedInSteps(text, stepSizes(rand)).doc;
    assertAsParseToml(doc, text, `${rel}: ${labels.join(', ')}`);
    // Then edits re-parsed from it, each taking the previous document over (the document cache's way): half inside
    // a big array when there is one, so the array trace the steps recorded is what the re-parse resumes from.
    let copied = parsedInSteps(text, stepSizes(rand)).doc;
    for (let i = 0; i < (big ? 3 : 4); i++) {
      const array = topArrays(doc.syntax).find((a) => a && a.closed && a.items.length >= 3);
      let edit: { text: string; label: string };
      if (array && rand() < 0.5) {
        const from = (array.items[0] as ArrayNode['items'][number]).span.end;
        const at = from + Math.floor(rand() * (array.span.end - 1 - from));
        const inner = randomEdit(text.slice(at), rand);
        edit = { text: text.slice(0, at) + inner.text, label: `${inner.label} (+${at})` };
      } else edit = randomEdit(text, rand);
      labels.push(edit.label);
      markedCommentCount(doc.syntax.comments);
      doc = reparseToml(doc, edit.text, { takeOver: true });
      if (!big) copied = reparseToml(copied, edit.text);
      text = edit.text;
      assertAsParseToml(doc, text, `${rel}: ${labels.join(', ')}, taken over`, {}, true);
      if (!big) assert.deepStrictEqual(copied, doc, `${rel}: ${labels.join(', ')}, copied`);
      edits++;
    }
  }
  assert.ok(edits >= 800, `only ${edits} edits checked`);
});
