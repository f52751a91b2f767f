// The package-group overlap check (project-package-in-two-groups) kept between edits against the same check from
// scratch, over random edits of the real tree's package lists typed into the document cache as an editor sends
// them (in pieces): an item renamed to a name another file's group lists (an overlap), renamed back, deleted,
// inserted, moved between the files, the same name listed twice in one file, a key typed above the array (its
// statement re-parsed, the array's model kept), a quote broken, a group's header edited (the group renamed or gone). At every step the project's findings of that code
// must be the ones a fresh check of the same model gives (an empty memo), at the same spans, in the same order.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { diskFileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { packageGroupOverlaps } from '../../../server/src/core/project/packageGroupOverlaps';
import { PieceText } from '../../../server/src/core/text/pieceText';
import { stringListCounts, type ModelArray } from '../../../server/src/core/toml';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../../support/paths';
import { prng } from '../../support/prng';

const LISTS = ['base.packages.toml', 'sdk.packages.toml', 'exceptions.packages.toml'].map((f) => path.join(CORPUS_ROOT, 'base', 'packages', f));
const CODE = 'project-package-in-two-groups';

const shown = (ds: readonly CoreDiagnostic[]): string[] =>
  ds.filter((d) => d.code === CODE).map((d) => `${d.file} ${d.span.start}-${d.span.end} ${d.message} ${d.related?.map((r) => `${r.file} ${r.span.start}-${r.span.end}`).join(';')}`);

/** The start offsets of the lines holding an item (`"name", ...`). */
function itemLines(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/^[ \t]+"[^"\n]*",[^\n]*$/gm)) out.push(m.index as number);
  return out;
}

// Also as a one-shot check's service (no edit traces): its lists are never changed in place, so each group's state
// borrows the list's tally, which validation and the package-group rule read too; a list parsed again is followed
// from that state, which must copy the tally before changing it (the list before the edit keeps its own).
for (const editTraces of [true, false])
test(`the overlap check kept between edits equals a fresh one over random edits of the real package lists${editTraces ? '' : ', without edit traces'}`, () => {
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, editTraces });
  const texts = new Map(LISTS.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const buffers = new Map([...texts].map(([f, t]) => [f, PieceText.of(t)]));
  for (const [f, b] of buffers) service.fileDiagnostics(f, b);
  const rand = prng(4242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const names = (f: string): string[] => [...(texts.get(f) as string).matchAll(/^[ \t]+"([^"\n]+)",/gm)].map((m) => m[1] as string);
  const seen = { findings: 0, withFindings: 0, steps: 0 };

  const compare = (step: number): void => {
    const model = service.projects.model(CORPUS_ROOT);
    const kept = shown(model.diagnostics);
    const fresh = shown(packageGroupOverlaps(model.unions['package-groups'], {}));
    assert.deepEqual(kept, fresh, `step ${step}`);
    seen.findings += fresh.length;
    if (fresh.length) seen.withFindings++;
  };
  const edit = (file: string, start: number, end: number, insert: string): void => {
    const text = texts.get(file) as string;
    texts.set(file, text.slice(0, start) + insert + text.slice(end));
    const b = (buffers.get(file) as PieceText).edit(start, end, insert);
    buffers.set(file, b);
    service.fileDiagnostics(file, b);
  };

  compare(0);
  const baseline = shown(service.projects.model(CORPUS_ROOT).diagnostics);
  for (let step = 1; step <= 150; step++) {
    seen.steps = step;
    const file = pick(LISTS);
    const text = texts.get(file) as string;
    const lines = itemLines(text);
    if (!lines.length) continue;
    const at = pick(lines);
    const end = text.indexOf('\n', at) + 1;
    const q1 = text.indexOf('"', at) + 1;
    const q2 = text.indexOf('"', q1);
    const kind = Math.floor(rand() * 10);
    const other = pick(LISTS.filter((f) => f !== file));
    if (kind <= 1) edit(file, q1, q2, pick(names(other))); // an overlap with another file's group
    else if (kind === 2) edit(file, q1, q2, `${text.slice(q1, q2)}-renamed`);
    else if (kind === 3) edit(file, at, end, '');
    else if (kind === 4) edit(file, at, at, `    "${pick(rand() < 0.5 ? names(other) : names(file))}",\n`);
    else if (kind === 5) {
      // The key above the array: its statement re-parsed, the array's model kept.
      const d = text.indexOf('description = "');
      if (d >= 0) edit(file, d + 15, d + 15, 'x');
    } else if (kind === 6) {
      // Moved to another file's list.
      const line = text.slice(at, end);
      edit(file, at, end, '');
      const there = pick(itemLines(texts.get(other) as string));
      edit(other, there, there, line);
    } else if (kind >= 8) {
      // The group's header: the group renamed, or made another table (the group gone until the undo).
      const h = text.indexOf('[package-groups.');
      if (h >= 0) edit(file, h + (kind === 8 ? 16 : 5), h + (kind === 8 ? 16 : 5), 'x');
    } else if (rand() < 0.5) edit(file, q2, q2 + 1, ''); // a broken quote (fixed by a later undo)
    else edit(file, q2 + 1, q2 + 1, ' ');
    compare(step);
    if (step % 30 === 0) {
      // An undo to the tree's own lists.
      for (const f of LISTS) {
        const t = fs.readFileSync(f, 'utf8');
        if (texts.get(f) !== t) edit(f, 0, (texts.get(f) as string).length, t);
      }
      compare(step);
      assert.deepEqual(shown(service.projects.model(CORPUS_ROOT).diagnostics), baseline, `undo at step ${step}`);
    }
  }
  assert.ok(seen.withFindings >= 50, `steps with overlaps: ${seen.withFindings}`);
  assert.ok(seen.findings >= 200, `overlaps compared: ${seen.findings}`);
});

test('a group renamed or gone keeps the states of the groups that stay, and its own when renamed: the names are not read again', () => {
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const sdk = LISTS[1] as string;
  // Its first name made one base.packages.toml lists: an overlap the group takes along when it goes.
  const base = fs.readFileSync(LISTS[0] as string, 'utf8');
  const baseName = /^[ \t]+"([^"\n]+)",/m.exec(base)?.[1] as string;
  const original = fs.readFileSync(sdk, 'utf8');
  const first = /^[ \t]+"([^"\n]+)",/m.exec(original) as RegExpExecArray;
  const text = original.replace(first[0], first[0].replace(first[1] as string, baseName));
  let buffer = PieceText.of(text);
  for (const f of LISTS) service.fileDiagnostics(f, f === sdk ? buffer : PieceText.of(fs.readFileSync(f, 'utf8')));
  const memo: Parameters<typeof packageGroupOverlaps>[1] = {};
  const groups = () => service.projects.model(CORPUS_ROOT).unions['package-groups'];
  const check = (label: string): void => {
    const fresh: Parameters<typeof packageGroupOverlaps>[1] = {};
    assert.deepEqual(shown(packageGroupOverlaps(groups(), memo)), shown(packageGroupOverlaps(groups(), fresh)), label);
    // The names judged again: those listed by groups of two files, no more (a group gone takes its names along).
    assert.deepEqual([...(memo.last?.shared ?? [])].sort(), [...(fresh.last?.shared ?? [])].sort(), `${label}: the names two files list`);
  };
  check('before');
  assert.ok(memo.last?.shared.has(baseName), `${baseName}, listed by two files`);
  const states = new Map(memo.last?.groups.map((st) => [st.name, st]));
  assert.equal(states.size, 3);
  const h = text.indexOf('[package-groups.sdk-packages]');
  const renamed = (at: number): void => {
    buffer = buffer.edit(at, at, 'x');
    service.fileDiagnostics(sdk, buffer);
  };
  renamed(h + 16);
  check('renamed');
  assert.ok(groups().has('xsdk-packages'));
  assert.equal(memo.last?.groups.find((st) => st.name === 'xsdk-packages'), states.get('sdk-packages'), 'the renamed group keeps its state');
  for (const [name, st] of states) if (name !== 'sdk-packages') assert.ok(memo.last?.groups.includes(st), `${name} keeps its state`);
  renamed(h + 5);
  check('gone');
  assert.ok(!memo.last?.shared.has(baseName), `${baseName}, listed by one file`);
  assert.equal(memo.last?.groups.length, 2);
  for (const [name, st] of states) if (name !== 'sdk-packages') assert.ok(memo.last?.groups.includes(st), `${name} keeps its state`);
  buffer = buffer.edit(h + 5, h + 6, '');
  service.fileDiagnostics(sdk, buffer);
  check('back');
  buffer = buffer.edit(h + 16, h + 17, '');
  service.fileDiagnostics(sdk, buffer);
  check('named back');
  assert.equal(memo.last?.groups.length, 3);
});

test('without edit traces, a group reads its list\'s tally, which the file\'s checks share; a list read again leaves the tally of the one before as it was', () => {
  // A one-shot check's service: its lists are never changed in place.
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, editTraces: false });
  const sdk = LISTS[1] as string;
  const texts = new Map(LISTS.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  for (const [f, t] of texts) service.fileDiagnostics(f, t);
  const groups = () => service.projects.model(CORPUS_ROOT).unions['package-groups'];
  const listOf = (name: string): ModelArray => {
    const node = groups().get(name)?.node;
    const list = node?.type === 'table' ? node.entries.get('packages')?.node : undefined;
    assert.equal(list?.type, 'array', `${name}'s packages`);
    return list as ModelArray;
  };
  const memo: Parameters<typeof packageGroupOverlaps>[1] = {};
  packageGroupOverlaps(groups(), memo);
  const before = listOf('sdk-packages');
  const tally = stringListCounts(before);
  const state = memo.last?.groups.find((st) => st.name === 'sdk-packages');
  assert.equal(state?.counts, tally.counts, 'the group state holds the list\'s tally, not a count of its own');
  assert.equal(stringListCounts(before), tally, 'the list\'s tally is kept');
  assert.equal(service.fileDiagnostics(sdk, texts.get(sdk)).filter((d) => d.severity === 'error').length, 0);
  assert.equal(stringListCounts(before), tally, 'the file\'s checks read the same tally');
  const counted = [...tally.counts];
  const strings = [...tally.strings];
  assert.ok(counted.length > 15000, `${counted.length} names`);

  // The sdk list's first name made one of base.packages.toml's, and a name added: the file parsed again.
  const base = texts.get(LISTS[0] as string) as string;
  const baseName = /^[ \t]+"([^"\n]+)",/m.exec(base)?.[1] as string;
  const text = texts.get(sdk) as string;
  const first = /^[ \t]+"([^"\n]+)",/m.exec(text) as RegExpExecArray;
  const edited = text.replace(first[0], `${first[0].replace(first[1] as string, baseName)}\n    "zz-added",`);
  service.fileDiagnostics(sdk, edited);
  const after = listOf('sdk-packages');
  assert.notEqual(after, before);
  const findings = shown(packageGroupOverlaps(groups(), memo));
  assert.deepEqual(findings, shown(packageGroupOverlaps(groups(), {})));
  assert.equal(findings.length, 1, findings.join('\n'));
  // The state followed the new list on a copy: the tally of the list before is the count of that list still.
  assert.deepEqual([...tally.counts], counted);
  assert.deepEqual([...tally.strings], strings);
  const now = memo.last?.groups.find((st) => st.name === 'sdk-packages');
  assert.notEqual(now?.counts, tally.counts);
  assert.equal(now?.counts.get('zz-added'), 1);
  assert.equal(now?.counts.get(first[1] as string), undefined);
});
