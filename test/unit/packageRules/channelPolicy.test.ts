// The channel policy kept between edits (ChannelPolicyState) against the policy computed from scratch
// (checkChannelPolicy), over random edits of the real tree's package lists: every step re-parses one or two files
// (new reference objects, spans shifted as a re-parse shifts them) and both must give the same findings, at the
// same spans, in the same order, with the same messages.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createLanguageService } from '../../../server/src/core/languageService';
import { diskFileSystem } from '../../../server/src/core/fs';
import { ChannelPolicyState, checkChannelPolicy } from '../../../server/src/core/packageRules/channelPolicy';
import { projectPackageReferences } from '../../../server/src/core/packageRules/packageDiagnostics';
import type { GroupPackageRef } from '../../../server/src/core/packageRules/packageReferences';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import type { PackageIndex } from '../../../server/src/core/packages/queries';
import { CORPUS_ROOT, SCHEMAS_DIR, tempDir } from '../../support/paths';
import { prng } from '../../support/prng';
import { treeNames, writeTreeRepo } from '../../support/treeRepo';

let tmp = '';
let index: PackageIndex;
let baseline: GroupPackageRef[][] = [];

before(async () => {
  tmp = tempDir('distro-toml-channel-');
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const model = service.projects.model(CORPUS_ROOT);
  const repo = path.join(tmp, 'repo');
  writeTreeRepo(repo, treeNames(model));
  await syncRepository(repo, { cacheDir: path.join(tmp, 'cache') });
  index = (await loadPackageIndex(path.join(tmp, 'cache'), [repo])).index;
  baseline = projectPackageReferences(model, (f) => service.cache.get(f)?.text)
    .map((refs) => refs.filter((r): r is GroupPackageRef => r.kind === 'group-package'))
    .filter((l) => l.length > 0);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A re-parse of `list` with `change` applied at `at`: every entry a new object, later spans shifted by `shift`. */
function reparsed(list: readonly GroupPackageRef[], at: number, change: (out: GroupPackageRef[]) => void, shift: number): GroupPackageRef[] {
  const out = list.map((r, i) => ({ ...r, span: i >= at ? { start: r.span.start + shift, end: r.span.end + shift } : { ...r.span } }));
  change(out);
  return out;
}

test('the incremental channel policy equals the from-scratch one over 300 random edits of the real package lists', () => {
  assert.ok(baseline.length >= 3, `package lists found: ${baseline.length}`);
  const total = baseline.reduce((n, l) => n + l.length, 0);
  assert.ok(total > 30000, `entries: ${total}`);
  const channels = [...new Set(baseline.flat().map((r) => r.channel).filter((c): c is string => c !== undefined))];
  const sources = [...new Set(baseline.flat().map((r) => r.srpmComment).filter((c): c is string => c !== undefined))];
  const rand = prng(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const state = new ChannelPolicyState(index);
  let lists = baseline.map((l) => [...l]);
  const seen = { steps: 0, findings: 0, codes: new Set<string>() };
  const compare = (): void => {
    const incremental = state.update(lists);
    const scratch = checkChannelPolicy(index, lists.flat());
    assert.deepEqual(incremental, scratch, `step ${seen.steps}`);
    seen.findings += scratch.length;
    for (const d of scratch) seen.codes.add(d.code);
  };
  compare();
  assert.equal(seen.findings, 0, 'a repository of the tree\'s own names gives no finding');
  for (let step = 1; step <= 300; step++) {
    seen.steps = step;
    const edits = rand() < 0.2 ? 2 : 1;
    for (let e = 0; e < edits; e++) {
      const f = Math.floor(rand() * lists.length);
      const list = lists[f] as GroupPackageRef[];
      const at = Math.floor(rand() * list.length);
      const kind = Math.floor(rand() * 7);
      if (kind === 0 && list.length > 1) lists[f] = reparsed(list, at + 1, (out) => out.splice(at, 1), -20);
      else if (kind === 1) {
        const copy = pick(pick(lists));
        lists[f] = reparsed(list, at, (out) => out.splice(at, 0, { ...copy, file: list[0]!.file, group: list[at]?.group ?? copy.group, channel: list[at]?.channel, span: { start: (list[at]?.span.start ?? 0), end: (list[at]?.span.start ?? 0) + copy.name.length } }), copy.name.length + 8);
      } else if (kind === 2) lists[f] = reparsed(list, at + 1, (out) => (out[at] = { ...out[at]!, name: `${out[at]!.name}x`, span: { start: out[at]!.span.start, end: out[at]!.span.end + 1 } }), 1);
      else if (kind === 3) lists[f] = reparsed(list, at + 1, (out) => (out[at] = { ...out[at]!, srpmComment: pick(sources) }), 3);
      else if (kind === 4) lists[f] = reparsed(list, at + 1, (out) => (out[at] = { ...out[at]!, channel: pick(channels) }), 0);
      else if (kind === 5 && list[at]?.srpmComment) {
        // A new sibling written just before an entry (its source from the # srpm: comment): it may become the
        // source's first entry, where a missing-binaries finding is reported.
        const next = list[at]!;
        lists[f] = reparsed(list, at, (out) => out.splice(at, 0, { ...next, name: `${next.name}-new`, channel: pick(channels), span: { start: next.span.start, end: next.span.start + next.name.length + 4 } }), next.name.length + 12);
      } else lists[f] = reparsed(list, 0, () => undefined, 2);
    }
    compare();
    // Now and then the tree's own lists come back (an undo), which must clear what the edits caused.
    if (step % 100 === 0) {
      lists = baseline.map((l) => [...l]);
      compare();
      assert.deepEqual(state.update(lists), []);
    }
  }
  assert.ok(seen.findings > 100, `findings compared: ${seen.findings}`);
  assert.deepEqual([...seen.codes].sort(), ['package-binaries-ungrouped', 'package-channel-split']);
});

test('a re-parse with the same content keeps the findings; a finding follows its entry when spans move', () => {
  const state = new ChannelPolicyState(index);
  const lists = baseline.map((l) => [...l]);
  const list = lists[0] as GroupPackageRef[];
  // An entry whose source has an earlier entry in the same file: removing it leaves that source incomplete.
  const firstOf = new Map<string, number>();
  let victim = -1;
  list.forEach((r, i) => {
    if (victim >= 0 || !r.srpmComment) return;
    if (firstOf.has(r.srpmComment)) victim = i;
    else firstOf.set(r.srpmComment, i);
  });
  assert.ok(victim > 0);
  lists[0] = reparsed(list, victim + 1, (out) => out.splice(victim, 1), -10);
  const first = state.update(lists);
  assert.deepEqual(first.map((d) => [d.code, d.span]), [['package-binaries-ungrouped', list[firstOf.get(list[victim]!.srpmComment!)!]!.span]]);
  assert.equal(state.update(lists), first);
  lists[0] = reparsed(lists[0] as GroupPackageRef[], 0, () => undefined, 5);
  const moved = state.update(lists);
  assert.deepEqual(moved.map((d) => d.span.start - 5), first.map((d) => d.span.start));
  assert.deepEqual(moved.map((d) => d.message), first.map((d) => d.message));
  lists[0] = list;
  assert.deepEqual(state.update(lists), []);
});

test('a name typed and deleted over and over: the findings stay those from scratch, and the names no longer listed are swept', () => {
  const state = new ChannelPolicyState(index);
  const lists = baseline.map((l) => [...l]);
  const live = new Set(lists.flat().map((r) => r.name)).size;
  assert.deepEqual(state.update(lists), []);
  assert.equal(state.heldNames, live);
  const list = lists[0] as GroupPackageRef[];
  const at = Math.floor(list.length / 2);
  const entry = list[at] as GroupPackageRef;
  let most = 0;
  // 10,000 keystrokes in one entry: a new name each time (typed), then the entry's own again (deleted).
  for (let i = 0; i < 10000; i++) {
    const name = i % 2 === 0 ? `${entry.name}-typo${i}` : entry.name;
    // (A new list with one new entry: the others keep their objects and spans, as a re-parse that kept them would.)
    const next = list.slice();
    next[at] = { ...entry, name, span: { start: entry.span.start, end: entry.span.start + name.length } };
    lists[0] = next;
    const incremental = state.update(lists);
    if (i % 1000 === 0 || i >= 9998) assert.deepEqual(incremental, checkChannelPolicy(index, lists.flat()), `keystroke ${i}`);
    most = Math.max(most, state.heldNames);
  }
  // Each typo is listed once and then no longer: kept as a zero until the sweep, never all 5,000 of them.
  assert.ok(most > live, `names held at most: ${most}`);
  assert.ok(most <= live + 4097, `names held at most: ${most} (${live} listed)`);
  lists[0] = list;
  assert.deepEqual(state.update(lists), []);
});

test('made in steps (the warm-up), with an update and a re-parse between two steps, the findings are those from scratch', () => {
  const longest = baseline.reduce((a, l) => (l.length > a.length ? l : a));
  assert.ok(longest.length > 10000, `the longest list: ${longest.length} entries`);
  // A re-parse of the longest list: a name renamed in its first part, one in its last.
  const edited = reparsed(longest, 50, (out) => {
    out[50] = { ...(out[50] as GroupPackageRef), name: 'zz-renamed' };
    out[out.length - 5] = { ...(out[out.length - 5] as GroupPackageRef), name: 'zz-late' };
  }, 0);
  for (const between of ['nothing', 'an update', 'an update of a re-parse'] as const) {
    const state = new ChannelPolicyState(index);
    const steps = state.updateSteps(baseline, 100);
    let midway = false;
    for (let r = steps.next(); !r.done; r = steps.next()) {
      // Midway through the longest list's entries.
      if (r.value !== `channel policy: ${longest[0]?.file}: 2000 of ${longest.length}`) continue;
      midway = true;
      if (between === 'an update') state.update(baseline);
      if (between === 'an update of a re-parse') state.update(baseline.map((l) => (l === longest ? edited : l)));
    }
    assert.ok(midway, 'a step midway through the longest list');
    const finalLists = between === 'an update of a re-parse' ? baseline.map((l) => (l === longest ? edited : l)) : baseline;
    const scratch = (lists: readonly (readonly GroupPackageRef[])[]) => checkChannelPolicy(index, lists.flat());
    assert.deepEqual(state.update(baseline), scratch(baseline), `${between} between two steps`);
    if (finalLists !== baseline) assert.deepEqual(state.update(finalLists), scratch(finalLists));
  }
});
