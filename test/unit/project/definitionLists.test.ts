// Each file's definition lists across edits of components.toml (project/definitionLists.ts): the model is patched in
// place, so the `components` map is the same Map from one version to the next, and its journal names the entries an
// edit changed. The list is then the last one spliced at those names, not a walk of the 7,400 entries, and at every
// step it equals the list a fresh parse gives, the unchanged definitions kept (the same objects as before).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { commonEnds, definitionListCounts } from '../../../server/src/core/project/definitionLists';
import { fileContribution, type Definition, type FileContribution } from '../../../server/src/core/project/projectModel';
import { parseToml, reparseToml, type TomlDocument } from '../../../server/src/core/toml';
import { componentHeaderEdit, corpusRoot, prng } from '../incremental/editCorpus';

const COMPONENTS = path.join(corpusRoot, 'base/comps/components.toml');

/** What a definition says, its spans read now. */
function view(defs: readonly Definition[]): unknown[] {
  return defs.map((d) => [d.name, d.file, d.keySpan.start, d.keySpan.end, d.definitionSpan.start, d.definitionSpan.end]);
}

test('the components list of components.toml across header edits: spliced through the map\'s journal, equal to a fresh parse\'s', () => {
  const rand = prng(20261205);
  let text = readFileSync(COMPONENTS, 'utf8');
  let doc: TomlDocument = parseToml(text);
  let contribution: FileContribution = fileContribution(COMPONENTS, doc);
  const steps: { text: string; defs: unknown[] }[] = [{ text, defs: view(contribution.unions.components) }];
  const walkedBefore = definitionListCounts.walked;
  const splicedBefore = definitionListCounts.spliced;
  for (let i = 0; i < 24; i++) {
    const before = contribution.unions.components;
    text = componentHeaderEdit(text, rand, true);
    doc = reparseToml(doc, text, { takeOver: true });
    contribution = fileContribution(COMPONENTS, doc, contribution);
    const defs = contribution.unions.components;
    // Read now: the spans of later versions move in place.
    steps.push({ text, defs: view(defs) });
    assert.notEqual(defs, before, `edit ${i}: a new list (the merge compares the last one with it)`);
    const kept = new Set(before);
    assert.ok(defs.filter((d) => !kept.has(d)).length <= 2, `edit ${i}: the definitions of unchanged components kept`);
    // Where the lists agree, as the merge and the component scans take it from the splice: the same objects, and
    // everything but the changed places (a header edit changes one or two).
    const { head, tail } = commonEnds(before, defs);
    for (let k = 0; k < head; k++) assert.equal(defs[k], before[k], `edit ${i}: head ${k}`);
    for (let k = 1; k <= tail; k++) assert.equal(defs[defs.length - k], before[before.length - k], `edit ${i}: tail ${k}`);
    assert.ok(before.length - head - tail <= 2 && defs.length - head - tail <= 2, `edit ${i}: the changed run is the edit's (head ${head}, tail ${tail})`);
  }
  assert.equal(definitionListCounts.walked - walkedBefore, 0, 'no walk of the components map after the first');
  assert.equal(definitionListCounts.spliced - splicedBefore, 24, 'every edit through the journal');
  steps.forEach((step, i) => {
    assert.deepStrictEqual(step.defs, view(fileContribution(COMPONENTS, parseToml(step.text)).unions.components), `step ${i}: the list of a fresh parse`);
  });
});

test('a list whose map was built anew is walked, and then spliced again', () => {
  // An edit above the first header that changes the root's keys builds the model again: a new components map.
  let text = readFileSync(COMPONENTS, 'utf8');
  let doc = parseToml(text);
  let contribution = fileContribution(COMPONENTS, doc);
  const walked = definitionListCounts.walked;
  const spliced = definitionListCounts.spliced;
  text = `[project]\ndescription = "x"\n\n${text}`;
  doc = reparseToml(doc, text, { takeOver: true });
  contribution = fileContribution(COMPONENTS, doc, contribution);
  assert.equal(definitionListCounts.walked - walked, 1, 'the new map walked');
  // (The second header: the first one's statement is re-parsed with the root's key/values above it, which builds the model.)
  let seen = 0;
  text = text.replace(/^\[components\.([^\]\n]+)\]$/gm, (header, name: string) => (++seen === 2 ? `[components.${name}-renamed]` : header));
  doc = reparseToml(doc, text, { takeOver: true });
  contribution = fileContribution(COMPONENTS, doc, contribution);
  assert.equal(definitionListCounts.spliced - spliced, 1, 'the next header edit spliced');
  assert.deepStrictEqual(view(contribution.unions.components), view(fileContribution(COMPONENTS, parseToml(text)).unions.components));
});

test('the lists of earlier versions are not kept by the later ones (a splice\'s record names only the list before it)', async () => {
  const gcNow = (): void => {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
  };
  const rand = prng(20261206);
  let text = readFileSync(COMPONENTS, 'utf8');
  let doc: TomlDocument = parseToml(text);
  let contribution: FileContribution = fileContribution(COMPONENTS, doc);
  const early: WeakRef<object>[] = [];
  const spliced = definitionListCounts.spliced;
  for (let i = 0; i < 8; i++) {
    text = componentHeaderEdit(text, rand);
    doc = reparseToml(doc, text, { takeOver: true });
    contribution = fileContribution(COMPONENTS, doc, contribution);
    if (i < 4) early.push(new WeakRef(contribution.unions.components));
  }
  assert.equal(definitionListCounts.spliced - spliced, 8, 'every edit through the journal');
  // (A WeakRef keeps its target alive until the job that made it ends.)
  await new Promise((r) => setImmediate(r));
  gcNow();
  // The newest list and the one before it may be held (the merge compares them); the first four are garbage.
  assert.deepEqual(early.map((r) => r.deref() === undefined), [true, true, true, true], 'the early lists collected');
  assert.ok(contribution.unions.components.length > 7000);
});
