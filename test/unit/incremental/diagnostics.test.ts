// Diagnostics after edits against a from-scratch run: a language service that has seen the earlier texts
// (incremental re-parse, reused rule and project findings) reports for each edited text exactly what a new
// service reports for it — per-file diagnostics and the project's cross-file ones, spans included — on
// the real tree's biggest files and a sample of the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LanguageService } from '../../../server/src/core/languageService';
import { corpusRoot, prng, randomEdit, tomlFiles } from './editCorpus';
import { bufferService } from './bufferService';

function newService(buffers: Map<string, string>): LanguageService {
  return bufferService(buffers);
}

const BIG = ['base/packages/sdk.packages.toml', 'base/comps/components.toml'].map((rel) => path.join(corpusRoot, rel));

/**
 * Edits a user makes in the big files: a typo in a key and back, a package listed twice and one removed,
 * a header in the middle repeated (a duplicate table) and removed.
 */
function typicalEdits(text: string): string[] {
  const out: string[] = [];
  const header = /^\[[^\n]+\n/gm;
  header.lastIndex = text.length >> 1;
  const middle = header.exec(text);
  if (middle) {
    const end = middle.index + middle[0].length;
    out.push(text.slice(0, end) + middle[0] + text.slice(end), text.slice(0, middle.index) + text.slice(end));
  }
  const key = /^(description|\[components\.)/m.exec(text);
  if (key) {
    const at = key.index + key[0].length;
    out.push(text.slice(0, at) + 'x' + text.slice(at), text);
  }
  const item = /^\s+"[^"\n]+",[^\n]*\n/m.exec(text);
  if (item) {
    const end = item.index + item[0].length;
    const repeated = text.slice(0, end) + item[0] + text.slice(end);
    out.push(repeated);
    // The repeat stays while a key before it changes: its finding must move with it.
    if (key && key.index < item.index) {
      const at = key.index + key[0].length;
      out.push(repeated.slice(0, at) + 'x' + repeated.slice(at), repeated);
    }
    out.push(text.slice(0, item.index) + text.slice(end));
  }
  return out;
}

/** Runs the texts of `file` through one service in turn; every `checkEvery`-th step against a new service. */
function checkEdits(file: string, texts: string[], withProject: boolean): number {
  const buffers = new Map<string, string>();
  const incremental = newService(buffers);
  buffers.set(file, readFileSync(file, 'utf8'));
  incremental.fileDiagnostics(file, buffers.get(file));
  if (withProject) incremental.projectDiagnostics(corpusRoot);
  let checked = 0;
  texts.forEach((text, step) => {
    buffers.set(file, text);
    const got = incremental.fileDiagnostics(file, text);
    const gotProject = withProject ? incremental.projectDiagnostics(corpusRoot) : undefined;
    const scratch = newService(new Map(buffers));
    const label = `${path.relative(corpusRoot, file)}, step ${step}`;
    assert.deepStrictEqual(got, scratch.fileDiagnostics(file, text), label);
    if (gotProject) assert.deepStrictEqual(gotProject, scratch.projectDiagnostics(corpusRoot), `${label} (project)`);
    checked++;
  });
  return checked;
}

test('a package also listed by another file\'s group: the cross-file finding follows an edit above it', () => {
  const sdk = BIG[0] as string;
  const other = readFileSync(path.join(corpusRoot, 'base/packages/base.packages.toml'), 'utf8');
  const borrowed = /^\s+"[^"\n]+",[^\n]*\n/m.exec(other)?.[0];
  assert.ok(borrowed, 'base.packages.toml lists packages');
  const text = readFileSync(sdk, 'utf8');
  const list = text.indexOf('packages = [\n') + 'packages = [\n'.length;
  const withBorrowed = text.slice(0, list) + borrowed + text.slice(list);
  const key = withBorrowed.indexOf('\ndescription') + 'description'.length + 1;
  const typo = withBorrowed.slice(0, key) + 'x' + withBorrowed.slice(key);
  const buffers = new Map<string, string>();
  const service = newService(buffers);
  const codes: string[][] = [];
  for (const t of [withBorrowed, typo, withBorrowed]) {
    buffers.set(sdk, t);
    // As the server does on a change: the buffer's own diagnostics first, then the project's.
    service.fileDiagnostics(sdk, t);
    const got = service.projectDiagnostics(corpusRoot);
    assert.deepStrictEqual(got, newService(new Map(buffers)).projectDiagnostics(corpusRoot));
    codes.push((got.get(sdk) ?? []).map((d) => d.code));
  }
  assert.ok(codes.every((c) => c.includes('project-package-in-two-groups')), 'the borrowed package is reported at every step');
});

function randomTexts(original: string, count: number, rand: () => number): string[] {
  const out: string[] = [];
  let text = original;
  for (let i = 0; i < count; i++) {
    text = randomEdit(text, rand).text;
    out.push(text);
  }
  return out;
}

test('the big files: typical and random edits give the diagnostics of a fresh service, project ones too', () => {
  const rand = prng(7);
  for (const file of BIG) {
    const original = readFileSync(file, 'utf8');
    const texts = [...typicalEdits(original), ...randomTexts(original, 4, rand)];
    assert.ok(texts.length >= 8, `${file}: the typical edits found their places`);
    assert.equal(checkEdits(file, texts, true), texts.length);
  }
});

test('names inside sdk.packages.toml\'s list renamed, repeated, emptied, made a number, removed and typed in: the diagnostics of a fresh service at each step', () => {
  // A valid list edited inside is judged from its tally (splitValidation.ts, rules/packageGroups.ts) instead of
  // ajv's pass over 17,000 items and the rule's map of them: the schema's and the rule's findings must still come
  // exactly when a name is repeated, empty or not a string, and go when it is put back.
  const file = BIG[0] as string;
  const original = readFileSync(file, 'utf8');
  const items = [...original.matchAll(/^(\s+)"([^"\n]+)",[^\n]*\n/gm)];
  const a = items[Math.floor((items.length * 2) / 7)] as RegExpMatchArray;
  const b = items[Math.floor((items.length * 5) / 7)] as RegExpMatchArray;
  const aAt = a.index as number;
  const bAt = b.index as number;
  /** The original with line a and line b replaced (a lies before b). */
  const lines = (aLine: string, bLine: string) => original.slice(0, aAt) + aLine + original.slice(aAt + a[0].length, bAt) + bLine + original.slice(bAt + b[0].length);
  const value = (m: RegExpMatchArray, v: string) => `${m[1]}${v}, # srpm: x\n`;
  const renamed = `"${a[2]}q"`;
  const texts = [
    lines(value(a, renamed), b[0]),
    lines(value(a, renamed), value(b, renamed)),
    lines(value(a, renamed), b[0]),
    lines(value(a, '""'), b[0]),
    original,
    lines(a[0], value(b, '7')),
    original,
    lines('', b[0]),
    lines('', b[0] + a[0]),
    lines('', b[0] + a[0] + b[0]),
    lines('', b[0] + a[0]),
    original,
  ];
  assert.equal(checkEdits(file, texts, true), texts.length);
});

test('sdk.packages.toml\'s group renamed, a name repeated under its new name, the header broken and made an array of tables: the diagnostics of a fresh service at each step', () => {
  // A renamed header keeps the list (incremental.ts goes on with the key/values below it), its validation (a list
  // found valid stays so under another name) and its tally: the findings must still be a fresh service's.
  const file = BIG[0] as string;
  const original = readFileSync(file, 'utf8');
  const header = '[package-groups.sdk-packages]';
  assert.ok(original.includes(header));
  const items = [...original.matchAll(/^(\s+)"([^"\n]+)",[^\n]*\n/gm)];
  const a = items[Math.floor(items.length / 3)] as RegExpMatchArray;
  const renamed = original.replace(header, '[package-groups.sdk-packagesq]');
  const repeated = (text: string) => text.replace(a[0], a[0] + a[0]);
  const texts = [
    renamed,
    repeated(renamed),
    renamed,
    original,
    original.replace(header, '[packaxge-groups.sdk-packages]'),
    repeated(original.replace(header, '[packaxge-groups.sdk-packages]')),
    original.replace(header, '[packaxge-groups.sdk-packages]'),
    original,
    original.replace(header, `[${header}]`),
    original,
    repeated(original),
    repeated(renamed),
    repeated(original),
    original,
  ];
  assert.equal(checkEdits(file, texts, true), texts.length);
});

test('an item line dropped from an array of an `[[components.NAME.overlays]]` statement that held only an unreadable item: the component\'s kept rule findings move with the array (found by the document-pipeline fuzz, seed 777)', () => {
  // The edit changed no value (no item before, none after), only where the array ends: a layout edit, which was
  // counted on no table for an array-of-tables statement, so onnx's kept overlay-missing-field kept the old end.
  const file = path.join(corpusRoot, 'base/comps/onnx/onnx.comp.toml');
  const original = readFileSync(file, 'utf8');
  const item = '    "export VPATH_BUILDDIR=%{_vpath_builddir}",\n';
  assert.ok(original.includes(item));
  const broken = original.replace(item, '  t VPATH_BUILDDIR=%{_vpath_builddir}",\n');
  const texts = [broken, broken.replace('  t VPATH_BUILDDIR=%{_vpath_builddir}",\n', ''), broken, broken.replace('  t VPATH_BUILDDIR=%{_vpath_builddir}",\n', '\n\n'), original];
  assert.equal(checkEdits(file, texts, false), texts.length);
});

test('a sample of the other corpus files: random edit chains give the diagnostics of a fresh service', () => {
  const rand = prng(11);
  const files = tomlFiles().filter((f) => !BIG.includes(f));
  let checked = 0;
  for (let i = 0; i < files.length; i += 3) {
    const file = files[i] as string;
    checked += checkEdits(file, randomTexts(readFileSync(file, 'utf8'), 5, rand), false);
  }
  assert.ok(checked >= 300, `only ${checked} edits checked`);
});

test('a component\'s kept rule findings follow it: an edit above, inside its array (blanks, then a value) and in it', () => {
  const file = BIG[1] as string;
  const original = readFileSync(file, 'utf8');
  const header = /^\[components\.[^\n]+\n/gm;
  header.lastIndex = original.length >> 1;
  const at = header.exec(original)?.index;
  assert.ok(at !== undefined, 'a header in the middle');
  const probe = [
    '[components.zz-probe]',
    'build.without = [',
    '  "a",',
    '  "c",',
    '  "d",',
    '  "e",',
    '  "b",',
    ']',
    'source-files = [{ filename = "x.tar", origin = { type = "overlay" } }]',
    'overlays = [{ type = "spec-add-tag" }, { type = "file-prepend-lines", file = "../x" }]',
    '',
    '',
  ].join('\n');
  const base = original.slice(0, at) + probe + original.slice(at);
  const above = base.indexOf('\n[components.', base.length >> 2) + '\n[components'.length;
  const steps = [
    base,
    // Inside the array, with commas after the edit on untouched lines: only the items around it are re-parsed.
    base.replace('  "d",\n  "e",\n  "b",\n]\nsource-files', '  "d"  ,\n  "e",\n  "b",\n]\nsource-files'),
    base.replace('  "d",\n  "e",\n  "b",\n]\nsource-files', '  "dd",\n  "e",\n  "b",\n]\nsource-files'),
    base,
    base.slice(0, above) + 'x' + base.slice(above),
    base,
    base.replace('{ type = "spec-add-tag" }', '{ type = "spec-add-tag", tag = "Requires", value = "x" }'),
    base,
  ];
  assert.equal(checkEdits(file, steps, false), steps.length);
  const service = newService(new Map([[file, base]]));
  assert.ok(service.fileDiagnostics(file, base).some((d) => d.code === 'overlay-missing-field'), 'the probe has rule findings');
});

test('a component group member renamed inside its multi-line list: the project finding follows (the list\'s strings are not kept stale)', () => {
  const file = path.join(corpusRoot, 'base/comps/component-check-disablement.toml');
  const original = readFileSync(file, 'utf8');
  // A member in the middle of the list: the re-parse resumes after a comma before it (incremental.ts).
  const list = original.indexOf('components = [');
  const member = /^\s+"([^"\n]+)",\n/m.exec(original.slice(original.indexOf('\n', list + 600)));
  assert.ok(member, 'the group lists members');
  const at = original.indexOf(member[0], original.indexOf('\n', list + 600)) + member[0].indexOf('"') + 1;
  const typo = original.slice(0, at) + 'zz-' + original.slice(at);
  // An edit above the list (the description), then the typo in the list, then back: at each step as a fresh service.
  const desc = original.indexOf('description = "') + 'description = "'.length;
  const steps = [original.slice(0, desc) + 'x' + original.slice(desc), original, typo, original];
  assert.equal(checkEdits(file, steps, true), steps.length);
  const service = newService(new Map([[file, typo]]));
  service.fileDiagnostics(file, typo);
  const found = service.projectDiagnostics(corpusRoot).get(file) ?? [];
  assert.ok(found.some((d) => d.code === 'project-unknown-group-member' && String(d.message).includes(`zz-${member[1]}`)), 'the renamed member is reported');
});

test('an edit inside the array of a `[components.NAME.build]` statement below `[components.NAME]`: the component\'s kept schema errors and rule findings are not stale', () => {
  const file = BIG[1] as string;
  const original = readFileSync(file, 'utf8');
  const at = original.indexOf('\n[components.', original.length >> 1) + 1;
  // The component's table is `[components.zz-probe]`'s own (kept while that statement is unchanged), but what it
  // holds changes with the statement below it; a finding of the component (check.skip) stands after the array.
  const probe = ['[components.zz-probe]', 'spec = { type = "upstream" }', '', '[components.zz-probe.build]', 'without = [', '  "a",', '  "b",', '  "c",', '  "d",', ']', 'check.skip = true', '', ''].join('\n');
  const base = original.slice(0, at) + probe + original.slice(at);
  const steps = [
    base,
    // Only blanks inside the array: the finding after it moves.
    base.replace('  "b",\n  "c",\n  "d",\n]\ncheck', '  "b",\n  "c"   ,\n  "d",\n]\ncheck'),
    base,
    // A value: the component's schema errors change.
    base.replace('  "b",\n  "c",\n  "d",\n]\ncheck', '  "b",\n  7,\n  "d",\n]\ncheck'),
    base,
  ];
  assert.equal(checkEdits(file, steps, false), steps.length);
  const codes = newService(new Map([[file, steps[3] as string]])).fileDiagnostics(file, steps[3]).map((d) => d.code);
  assert.ok(codes.includes('schema-type') && codes.includes('build-skip-reason-required'), `the probe has a schema error and a rule finding: ${codes.join(', ')}`);
});

test('a component\'s schema errors follow its statement by place: fixed, broken again, with components added and removed above and below it', () => {
  const file = BIG[1] as string;
  const original = readFileSync(file, 'utf8');
  const at = original.indexOf('\n[components.', original.length >> 1) + 1;
  const early = original.indexOf('\n[components.', original.length >> 3) + 1;
  const late = original.indexOf('\n[components.', (original.length * 7) >> 3) + 1;
  const bad = '[components.zz-probe]\nspec = { type = "upstream", upstream-name = 7 }\n\n';
  const good = '[components.zz-probe]\nspec = { type = "upstream", upstream-name = "x" }\n\n';
  const withProbe = (probe: string, above = '', below = '') => original.slice(0, early) + above + original.slice(early, at) + probe + original.slice(at, late) + below + original.slice(late);
  const steps = [
    withProbe(bad),
    withProbe(good),
    withProbe(bad),
    // Entries added before it (its place moves from the head's count) and after it (from the tail's).
    withProbe(bad, '[components.zz-above]\n\n'),
    withProbe(good, '[components.zz-above]\n\n'),
    withProbe(good, '[components.zz-above]\n\n', '[components.zz-below]\nspec = 1\n\n'),
    withProbe(bad, '', '[components.zz-below]\nspec = 1\n\n'),
    withProbe(bad, '[components.zz-above]\nspec = 2\n\n', '[components.zz-below]\n\n'),
    withProbe(good),
    withProbe(bad),
  ];
  assert.equal(checkEdits(file, steps, false), steps.length);
  const codes = newService(new Map([[file, steps[0] as string]])).fileDiagnostics(file, steps[0]).map((d) => d.code);
  assert.ok(codes.includes('schema-type'), `the bad probe has a schema error: ${codes.join(', ')}`);
});
