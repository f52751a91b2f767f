// The package diagnostics kept between edits (package-group entries kept with their array items, their findings
// kept per file, the channel policy re-judging only what an edit touched) against the same diagnostics computed
// from scratch, over random edits of the real tree's package lists typed into the document cache as an editor
// sends them: insert, delete and rename an item, move an item between the channel files, change its `# srpm:`
// comment, type in the key above the array (the whole statement re-parsed), change a group's channel, break a
// quote. The index holds every name of the tree (a repository written from it and synced as any other) and a
// repository createrepo_c made from real RPMs, whose binaries the edits list (with their real source packages),
// so the edits cause every kind of group finding. At every step both paths must give the same findings, at the
// same spans, in the same order, with the same messages. The edited buffers are kept in pieces, as the server keeps
// them (core/text/pieceText.ts): the incremental path reads the `# srpm:` comments of new entries from the pieces.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { createLanguageService, type LanguageService } from '../../../server/src/core/languageService';
import { packageDiagnostics, packageDiagnosticsWarmUp } from '../../../server/src/core/packageRules/packageDiagnostics';
import { GroupEntryFindings } from '../../../server/src/core/packageRules/groupEntryFindings';
import { fileReferences, groupEntriesAhead, srpmCommentAt, type GroupPackageRef } from '../../../server/src/core/packageRules/packageReferences';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import type { PackageIndex } from '../../../server/src/core/packages/queries';
import { PieceText } from '../../../server/src/core/text/pieceText';
import { CORPUS_ROOT, SCHEMAS_DIR, tempDir } from '../../support/paths';
import { prng } from '../../support/prng';
import { buildRpmFixture, toolsAvailable } from '../../support/rpmRepoFixture';
import { treeNames, writeTreeRepo } from '../../support/treeRepo';
import { FIXTURE_SPECS } from '../packages/fixturePackages';

const LISTS = ['base.packages.toml', 'sdk.packages.toml', 'exceptions.packages.toml'].map((f) => path.join(CORPUS_ROOT, 'base', 'packages', f));

let tmp = '';
let index: PackageIndex;
/** Binaries of the createrepo_c repository with the source package each is built from. */
let rpmBinaries: { name: string; source: string }[] = [];
/** The synced cache and its repositories (a test loads its own index from them: memos are kept per index). */
let synced: { cacheDir: string; repos: string[] } = { cacheDir: '', repos: [] };

before(async () => {
  const missing = toolsAvailable();
  assert.equal(missing, undefined, `${missing}: .ci/run installs it`);
  tmp = tempDir('distro-toml-incremental-pkg-');
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const treeRepo = path.join(tmp, 'tree-repo');
  writeTreeRepo(treeRepo, treeNames(service.projects.model(CORPUS_ROOT)));
  const rpmRepo = buildRpmFixture(FIXTURE_SPECS).binaryRepo('gz');
  const cacheDir = path.join(tmp, 'cache');
  await syncRepository(treeRepo, { cacheDir });
  await syncRepository(rpmRepo, { cacheDir });
  index = (await loadPackageIndex(cacheDir, [treeRepo, rpmRepo])).index;
  synced = { cacheDir, repos: [treeRepo, rpmRepo] };
  const names = new Set(FIXTURE_SPECS.flatMap((s) => [s.name, ...(s.subpackages ?? []).map((p) => p.name)]));
  rpmBinaries = [...names].map((name) => ({ name, source: index.sourceOf(name)[0] ?? '' }));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A service over the disk with `texts` in place of the files' contents. */
function serviceOver(texts: Map<string, string>): LanguageService {
  const over: FileSystem = { ...diskFileSystem, readFile: (p) => texts.get(p) ?? diskFileSystem.readFile(p) };
  return createLanguageService({ fs: over, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
}

const all = (m: ReadonlyMap<string, readonly CoreDiagnostic[]>): CoreDiagnostic[] => [...m.values()].flat();

interface Edit {
  file: string;
  start: number;
  end: number;
  insert: string;
}

/** The start offsets of the lines holding an item (`"name", ...`). */
function itemLines(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/^[ \t]+"[^"\n]*",[^\n]*$/gm)) out.push(m.index as number);
  return out;
}

const lineEnd = (text: string, at: number): number => {
  const e = text.indexOf('\n', at);
  return e < 0 ? text.length : e + 1;
};

const SDK = LISTS[1] as string;
const COMPONENTS = path.join(CORPUS_ROOT, 'base', 'comps', 'components.toml');

/** sdk.packages.toml with a typo in an item's name, and components.toml with one in a component's name. */
function twoTypos(): Map<string, string> {
  const sdkText = fs.readFileSync(SDK, 'utf8');
  const item = itemLines(sdkText)[100] as number;
  const quote = sdkText.indexOf('"', sdkText.indexOf('"', item) + 1);
  const componentsText = fs.readFileSync(COMPONENTS, 'utf8');
  const header = componentsText.indexOf('\n[components.', componentsText.length >> 1) + '\n[components.'.length;
  return new Map([
    [SDK, sdkText.slice(0, quote) + 'zq' + sdkText.slice(quote)],
    [COMPONENTS, componentsText.slice(0, header) + 'zq' + componentsText.slice(header)],
  ]);
}

test('the steps made ahead for a new index: each did-you-mean index, each file, the channel policy; the findings after them are the from-scratch ones', async () => {
  // A newly loaded index, as the server gets one: nothing is kept for it yet.
  const fresh = (await loadPackageIndex(synced.cacheDir, synced.repos)).index;
  // Two typos, so that there is something to find: an item of sdk.packages.toml and a component name.
  const service = serviceOver(twoTypos());
  const model = service.projects.model(CORPUS_ROOT);
  const textOf = (f: string) => service.cache.get(f)?.text;
  const steps = [...packageDiagnosticsWarmUp(model, fresh, textOf)];
  const files = [...model.contributions.values()].map((c) => c.file);
  // (A long list a chunk of references a step: components.toml's components, the package lists' entries; the list
  // itself, made from the parts made ahead, a step before them.)
  const chunks = steps.filter((s) => / \d+ of \d+( source packages)?$|: part \d+$|: references$/.test(s));
  assert.deepEqual(
    chunks.filter((s) => s.endsWith(': references')),
    files.filter((f) => /\/(components|(base|sdk|exceptions)\.packages)\.toml$/.test(f)).map((f) => `${f}: references`),
    'the files of more than one chunk of references',
  );
  assert.deepEqual(steps.filter((s) => !chunks.includes(s)), [...fresh.repos.flatMap((r) => [`source names of ${r.url}`, `binary names of ${r.url}`]), ...files, 'channel policy']);
  assert.ok(chunks.some((s) => s.startsWith(LISTS[1] + ': 17000 of ')) && chunks.some((s) => /components\.toml: 7000 of /.test(s)), chunks.join('\n'));
  assert.ok(chunks.some((s) => /^binary names of .*: part 2$/.test(s)), 'the did-you-mean index of binary names in parts');
  assert.ok(chunks.some((s) => s.startsWith(`channel policy: ${LISTS[1]}: 16000 of `)) && chunks.some((s) => /^channel policy: 7000 of \d+ source packages$/.test(s)), chunks.join('\n'));
  assert.ok(files.length > 200, `${files.length} files`);
  const made = all(packageDiagnostics(model, fresh, textOf));
  const scratch = all(packageDiagnostics(model, fresh, textOf, {}, { fromScratch: true }));
  assert.deepEqual([...new Set(scratch.map((d) => d.code))].sort(), ['package-binaries-ungrouped', 'package-binary-unknown', 'package-source-unknown']);
  assert.deepEqual(made, scratch);
});

test('package-group entries made ahead in steps are those fileReferences gives, which then makes none', () => {
  const service = serviceOver(new Map());
  const model = service.projects.model(CORPUS_ROOT);
  const textOf = (f: string) => service.cache.get(f)?.text;
  const doc = [...model.contributions.values()].find((c) => c.file === SDK)?.doc;
  assert.ok(doc);
  let steps = 0;
  for (const _ of groupEntriesAhead(SDK, doc, textOf, 500)) steps++;
  const made = fileReferences(SDK, doc, textOf).groups;
  assert.ok(made.length > 17000 && steps >= Math.floor(made.length / 500), `${steps} steps for ${made.length} entries`);
  const scratch = fileReferences(SDK, doc, textOf, { fromScratch: true }).groups;
  const seen = (refs: readonly GroupPackageRef[]) => refs.map((r) => [r.name, r.group, r.channel, r.span.start, r.span.end, r.srpmComment]);
  assert.deepEqual(seen(made), seen(scratch));
  // Made once: a second pass makes nothing.
  assert.equal([...groupEntriesAhead(SDK, doc, textOf, 500)].length, 0);
});

test("a keystroke in one file leaves every other file's findings the same list (the server compares them by identity)", () => {
  // Typos in sdk.packages.toml, in components.toml and in a component file, so that there are findings in several files.
  const sdk = SDK;
  const components = COMPONENTS;
  const componentsText = fs.readFileSync(components, 'utf8');
  const glade = path.join(CORPUS_ROOT, 'base', 'comps', 'glade', 'glade.comp.toml');
  const gladeText = fs.readFileSync(glade, 'utf8');
  assert.ok(gladeText.includes('value = "gobject-introspection-devel"'));
  const texts = twoTypos().set(glade, gladeText.replace('value = "gobject-introspection-devel"', 'value = "gobject-introspection-devle"'));
  const service = serviceOver(new Map());
  for (const [f, t] of texts) service.cache.withText(f, t);
  const textOf = (f: string) => service.cache.get(f)?.text;
  const run = () => packageDiagnostics(service.projects.model(CORPUS_ROOT), index, textOf, { arch: 'x86_64', specMacros: () => undefined });
  // Until every finding has its did-you-mean (a run computes a few): then a run with nothing changed is the last one.
  let before = run();
  for (let i = 0; i < 100; i++) {
    const again = run();
    if ([...again].every(([f, list]) => before.get(f) === list) && again.size === before.size) break;
    before = again;
  }
  assert.ok(before.size >= 3, `findings in ${before.size} files`);
  assert.ok(before.has(sdk) && before.has(components) && before.has(glade));

  // A key typed near the top of sdk.packages.toml: its list is made again (equal), every other file's is the same.
  const key = (texts.get(sdk) as string).indexOf('description');
  assert.ok(key > 0);
  const typed = (texts.get(sdk) as string).slice(0, key) + 'x' + (texts.get(sdk) as string).slice(key);
  service.cache.withText(sdk, typed);
  service.cache.withText(sdk, texts.get(sdk) as string);
  const after = run();
  assert.deepEqual([...after.keys()], [...before.keys()]);
  for (const [f, list] of after) {
    if (f === sdk) assert.deepEqual(list, before.get(f));
    else assert.equal(list, before.get(f), `${path.relative(CORPUS_ROOT, f)}: the same list`);
  }

  // The typo in components.toml fixed: that file's findings change, the others' lists stay.
  service.cache.withText(components, componentsText);
  const fixed = run();
  assert.notDeepEqual(fixed.get(components), after.get(components));
  for (const [f, list] of fixed) if (f !== components) assert.equal(list, after.get(f), `${path.relative(CORPUS_ROOT, f)}: the same list`);
});

test('incremental package diagnostics equal the from-scratch ones over random edits of the real package lists', () => {
  const texts = new Map(LISTS.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const baseline = new Map(texts);
  const inc = serviceOver(new Map());
  const scratch = serviceOver(texts);
  const rand = prng(1415);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const seen = { steps: 0, listsCompared: 0, findings: 0, codes: new Map<string, number>(), inArrayEdits: 0, few: 0, keyEdits: 0, keyKept: 0 };

  // The editor's buffers, in pieces; the incremental side reads them as the server does.
  const buffers = new Map([...texts].map(([f, t]) => [f, PieceText.of(t)]));
  for (const [f, b] of buffers) inc.cache.withText(f, b);
  const incText = (f: string) => {
    const entry = inc.cache.get(f);
    return entry?.source ?? entry?.text;
  };
  let joinedBuffers = 0;
  const compare = (changed: Iterable<string>): void => {
    for (const f of changed) scratch.cache.forget(f);
    const model = inc.projects.model(CORPUS_ROOT);
    const incremental = all(packageDiagnostics(model, index, incText));
    for (const f of changed) if (buffers.get(f)?.isJoined) joinedBuffers++;
    const fresh = all(packageDiagnostics(scratch.projects.model(CORPUS_ROOT), index, (f) => scratch.cache.get(f)?.text, {}, { fromScratch: true }));
    assert.deepEqual(incremental, fresh, `step ${seen.steps}`);
    // The entry lists themselves (kept between parses and changed in place) hold what a fresh parse reads.
    const entries = (refs: readonly GroupPackageRef[]) => refs.map((r) => `${r.name} ${r.span.start} ${r.span.end} ${r.group} ${r.channel} ${r.srpmComment}`);
    for (const f of changed) {
      const kept = entries(fileReferences(f, inc.cache.get(f)!.doc, incText).groups);
      const made = entries(fileReferences(f, scratch.cache.get(f)!.doc, (g) => scratch.cache.get(g)?.text, { fromScratch: true }).groups);
      assert.deepEqual(kept, made, `step ${seen.steps}: the entries of ${path.basename(f)}`);
      seen.listsCompared++;
    }
    seen.findings += fresh.length;
    for (const d of fresh) seen.codes.set(d.code, (seen.codes.get(d.code) ?? 0) + 1);
  };
  const apply = (e: Edit): number => {
    const text = texts.get(e.file) as string;
    // (A copy: the list is changed in place by the next parse.)
    const before = [...fileReferences(e.file, inc.cache.get(e.file)!.doc, incText).groups];
    const next = text.slice(0, e.start) + e.insert + text.slice(e.end);
    texts.set(e.file, next);
    const buffer = (buffers.get(e.file) as PieceText).edit(e.start, e.end, e.insert);
    buffers.set(e.file, buffer);
    inc.cache.withText(e.file, buffer);
    // How many entries of the list the edit kept (the same objects): what the incremental path saves.
    const now = new Set(fileReferences(e.file, inc.cache.get(e.file)!.doc, incText).groups);
    const kept = before.filter((r) => now.has(r)).length;
    return now.size - kept;
  };

  const channelLine = /^default-package-config\.publish\.channel = "([^"]+)"$/m;
  const channels = [...new Set([...texts.values()].map((t) => channelLine.exec(t)?.[1]).filter((c): c is string => c !== undefined))];
  assert.ok(channels.length >= 2, `channels: ${channels.join(', ')}`);

  /** One random edit, as one or two replacements of a range (a move is two); `whole`: it re-parses the statement. */
  let whole = false;
  let keyEdit = false;
  /** Names the edits listed that no binary has. */
  const unknownNames: string[] = ['zz-unknown-pkg'];
  const randomEdits = (): Edit[] => {
    whole = false;
    keyEdit = false;
    // (Comment edits twice as often as the others.)
    const kind = Math.floor(rand() * 11) % 10 === 0 && rand() < 0.5 ? 4 : Math.floor(rand() * 10);
    let file = pick(LISTS);
    let text = texts.get(file) as string;
    const lines = itemLines(text);
    if (!lines.length) return [];
    let at = pick(lines);
    // A comment is read only for a binary the index does not know: most of those edits go to such an entry.
    let unknown: { f: string; i: number } | undefined;
    for (let n = unknownNames.length - 1; kind === 4 && rand() < 0.7 && n >= 0 && !unknown; n--) {
      unknown = LISTS.map((f) => ({ f, i: (texts.get(f) as string).indexOf(`"${unknownNames[n]}",`) })).find((u) => u.i >= 0);
    }
    if (unknown) {
      file = unknown.f;
      text = texts.get(file) as string;
      at = text.lastIndexOf('\n', unknown.i) + 1;
    }
    const end = lineEnd(text, at);
    const line = text.slice(at, end);
    const q1 = at + line.indexOf('"') + 1;
    const q2 = text.indexOf('"', q1);
    if (kind === 0) return [{ file, start: at, end, insert: '' }];
    if (kind === 1) {
      // A binary of the createrepo_c repository, or another list's entry, or a new name.
      const r = rand();
      const entry = r < 0.5 ? pick(rpmBinaries) : r < 0.8 ? { name: `${text.slice(q1, q2)}-new`, source: pick(rpmBinaries).source } : { name: 'zz-unknown-pkg', source: '' };
      if (r >= 0.5) unknownNames.push(entry.name);
      return [{ file, start: at, end: at, insert: `    "${entry.name}",${entry.source ? ` # srpm: ${entry.source}` : ''}\n` }];
    }
    if (kind === 2) {
      // Rename: a character typed into the name or one deleted from it.
      const p = q1 + Math.floor(rand() * (q2 - q1 + 1));
      return rand() < 0.6 || q2 - q1 < 2 ? [{ file, start: p, end: p, insert: 'x' }] : [{ file, start: Math.min(p, q2 - 1), end: Math.min(p, q2 - 1) + 1, insert: '' }];
    }
    if (kind === 3) {
      // Move the item to another channel's list: deleted here, inserted there.
      const to = pick(LISTS.filter((f) => f !== file));
      const other = texts.get(to) as string;
      const there = pick(itemLines(other));
      return [{ file, start: at, end, insert: '' }, { file: to, start: there, end: there, insert: line.endsWith('\n') ? line : `${line}\n` }];
    }
    if (kind === 4) {
      const hash = line.indexOf('# srpm:');
      if (hash < 0) return [];
      const s = at + hash + '# srpm: '.length;
      return [{ file, start: s, end: at + line.trimEnd().length, insert: pick(rpmBinaries).source }];
    }
    whole = kind === 5 || kind === 6 || kind === 8;
    keyEdit = kind === 5;
    if (kind === 5) {
      // The key above the array: its whole statement is parsed again.
      const d = text.indexOf('description = "');
      if (d < 0) return [];
      const p = d + 'description = "'.length;
      return [rand() < 0.5 || text[p] !== 'x' ? { file, start: p, end: p, insert: 'x' } : { file, start: p, end: p + 1, insert: '' }];
    }
    if (kind === 6) {
      // Another channel for the whole list: the entries moved between lists are split, or no longer.
      const m = channelLine.exec(text);
      if (!m) return [];
      const s = (m.index as number) + m[0].indexOf('"') + 1;
      return [{ file, start: s, end: s + (m[1] as string).length, insert: pick(channels.filter((c) => c !== m[1])) }];
    }
    if (kind === 7) return [{ file, start: at, end: at, insert: rand() < 0.5 ? '    # a comment\n' : '\n' }];
    if (kind === 8 && rand() < 0.3) return [{ file, start: q2, end: q2 + 1, insert: '' }];
    // Blanks typed after the item.
    return [{ file, start: q2 + 1, end: q2 + 1, insert: ' ' }];
  };

  compare([]);
  assert.equal(seen.findings, 0, "a repository of the tree's own names gives no finding");
  // Now and then a file is parsed twice before the package rules run again (a hover, a burst of edits): its entry
  // list, changed in place, is then two changes ahead of what the rules saw. (A generator of its own: the edits
  // are the same with or without it.)
  const skip = prng(2718);
  let skipped = 0;
  const changed = new Set<string>();
  for (let step = 1; step <= 100; step++) {
    seen.steps = step;
    for (const e of randomEdits()) {
      const made = apply(e);
      changed.add(e.file);
      if (keyEdit) {
        seen.keyEdits++;
        if (made === 0) seen.keyKept++;
      }
      if (whole) continue;
      seen.inArrayEdits++;
      if (made <= 5) seen.few++;
    }
    if (step % 25 !== 0 && skip() < 0.2) {
      skipped++;
      continue;
    }
    compare(changed);
    changed.clear();
    // Now and then the tree's own lists come back (an undo), which must clear what the edits caused.
    if (step % 25 === 0) {
      for (const [f, t] of baseline) {
        if (texts.get(f) === t) continue;
        apply({ file: f, start: 0, end: (texts.get(f) as string).length, insert: t });
      }
      compare(LISTS);
      assert.equal(all(packageDiagnostics(inc.projects.model(CORPUS_ROOT), index, incText)).length, 0);
    }
  }
  assert.ok(seen.listsCompared >= 100, `entry lists compared: ${seen.listsCompared}`);
  assert.ok(skipped >= 10, `steps whose edits were compared with the next step's: ${skipped}`);
  assert.ok(seen.findings > 200, `findings compared: ${seen.findings}`);
  // The package rules read the pieces, never the whole text: only the undos (the whole text replaced) join it.
  assert.ok(joinedBuffers <= 12, `an edited buffer was joined after ${joinedBuffers} edits`);
  assert.deepEqual([...seen.codes.keys()].sort(), ['package-binaries-ungrouped', 'package-binary-unknown', 'package-channel-split']);
  // An edit inside an array keeps every entry but those of the few items parsed again around it (more when a
  // broken quote earlier changed how the items after it read, or the item is the array's first or last).
  assert.ok(seen.inArrayEdits > 50 && seen.few >= 0.8 * seen.inArrayEdits, `edits inside an array that made at most 5 entries anew: ${seen.few} of ${seen.inArrayEdits}`);
  // A key typed above the array re-parses its own statement: the array's items, and their entries, are kept
  // (unless a broken quote typed earlier made the array part of a statement the edit re-parses).
  assert.ok(seen.keyEdits >= 5 && seen.keyKept >= 0.8 * seen.keyEdits, `key edits that made no entry anew: ${seen.keyKept} of ${seen.keyEdits}`);
});

test('the # srpm: comment is read in place as the regular expression read it', () => {
  const regex = (line: string): string | undefined => /#\s*srpm:\s*([^\s#]+)/.exec(line)?.[1];
  const lines = LISTS.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'));
  const rand = prng(7);
  const parts = ['#', ' ', '\t', '\u00a0', '\u2003', '\r', '\v', 'srpm:', 'srpm', ':', 'x', 'ab-c', '#srpm:', '# srpm: ', 'é', '"'];
  for (let i = 0; i < 5000; i++) lines.push(Array.from({ length: 1 + Math.floor(rand() * 8) }, () => parts[Math.floor(rand() * parts.length)]).join(''));
  let found = 0;
  for (const line of lines) {
    const text = `    "name", ${line}\nnext line # srpm: other\n`;
    const want = regex(line);
    assert.equal(srpmCommentAt(text, 10), want, JSON.stringify(line));
    // A likely value is the answer only when it is the value written.
    assert.equal(srpmCommentAt(text, 10, 'x', want === undefined ? 'nothing' : want), want, JSON.stringify(line));
    assert.equal(srpmCommentAt(text, 10, 'other', 'ab-c'), want, JSON.stringify(line));
    if (want !== undefined) found++;
  }
  assert.ok(found > 30000, `comments read: ${found}`);
});

test('a long list checked a part a step (extend) checks each entry once; the update with the whole list checks the rest', () => {
  const refs = (names: string[]): GroupPackageRef[] =>
    names.map((name, i) => ({ kind: 'group-package', file: '/p/a.packages.toml', span: { start: 10 * i, end: 10 * i + name.length }, name, group: 'g', channel: 'c', srpmComment: undefined }));
  let checks = 0;
  const check = (ref: GroupPackageRef): CoreDiagnostic | undefined => {
    checks++;
    return ref.name.startsWith('bad') ? { file: ref.file, span: ref.span, severity: 'warning', code: 'package-binary-unknown', message: `unknown ${ref.name}`, data: { name: ref.name } } : undefined;
  };
  const names = Array.from({ length: 1000 }, (_, i) => (i % 100 === 7 ? `bad${i}` : `ok${i}`));
  const fresh = (list: GroupPackageRef[]) => new GroupEntryFindings(check).update(list, { left: 25 });
  const list = refs(names);
  const whole = fresh(list);
  checks = 0;
  const state = new GroupEntryFindings(check);
  const budget = { left: 25 };
  for (let end = 100; end < 1000; end += 100) state.extend(list, end, budget);
  assert.equal(checks, 900, 'each entry of the parts once');
  assert.deepEqual(state.update(list, budget), whole);
  assert.equal(checks, 1000, 'the update checked only the last part');
  // A new parse of the list midway (an edit during the steps): the checked part is compared with it, as an update's last list.
  const edited = [...names];
  edited[200] = 'bad-renamed';
  edited[800] = 'bad-late';
  const reparsed = refs(edited);
  const midway = new GroupEntryFindings(check);
  for (let end = 100; end <= 500; end += 100) midway.extend(list, end, { left: 25 });
  checks = 0;
  const got = midway.update(reparsed, { left: 25 });
  assert.equal(checks, 800, 'the entries from the first change on');
  assert.deepEqual(got, fresh(reparsed));
  // A part of another list starts over.
  const other = new GroupEntryFindings(check);
  other.extend(list, 300, { left: 25 });
  other.extend(reparsed, 400, { left: 25 });
  assert.deepEqual(other.update(reparsed, { left: 25 }), fresh(reparsed));
});

test('group findings are checked again only for the entries an edit changed, and follow their entries', () => {
  const refs = (names: string[], shift = 0): GroupPackageRef[] =>
    names.map((name, i) => ({ kind: 'group-package', file: '/p/a.packages.toml', span: { start: 10 * i + shift, end: 10 * i + shift + name.length }, name, group: 'g', channel: 'c', srpmComment: undefined }));
  let checks = 0;
  const state = new GroupEntryFindings((ref) => {
    checks++;
    return ref.name.startsWith('bad') ? { file: ref.file, span: ref.span, severity: 'warning', code: 'package-binary-unknown', message: `unknown ${ref.name}`, data: { name: ref.name } } : undefined;
  });
  const names = Array.from({ length: 1000 }, (_, i) => (i % 100 === 7 ? `bad${i}` : `ok${i}`));
  const budget = () => ({ left: 25 });
  const first = state.update(refs(names), budget());
  assert.equal(checks, 1000);
  assert.deepEqual(first.map((d) => d.span.start), [70, 1070, 2070, 3070, 4070, 5070, 6070, 7070, 8070, 9070]);
  // The same entries parsed again (new objects, spans moved): nothing is checked, the findings move.
  checks = 0;
  const moved = state.update(refs(names, 3), budget());
  assert.equal(checks, 0);
  assert.deepEqual(moved.map((d) => d.span.start), first.map((d) => d.span.start + 3));
  // One entry renamed, then one inserted: a check each; the findings around them keep their entries.
  const edited = [...names];
  edited[10] = 'bad-renamed';
  checks = 0;
  state.update(refs(edited), budget());
  assert.equal(checks, 1);
  edited.splice(500, 0, 'bad-new');
  const after = state.update(refs(edited), budget());
  assert.equal(checks, 2);
  assert.deepEqual(after.map((d) => d.message), ['unknown bad7', 'unknown bad-renamed', 'unknown bad107', 'unknown bad207', 'unknown bad307', 'unknown bad407', 'unknown bad-new', 'unknown bad507', 'unknown bad607', 'unknown bad707', 'unknown bad807', 'unknown bad907']);
  assert.deepEqual(after.map((d) => d.span.start), [70, 100, 1070, 2070, 3070, 4070, 5000, 5080, 6080, 7080, 8080, 9080]);
});
