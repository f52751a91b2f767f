// A binary package listed by two package groups of different files (project-package-in-two-groups): azldev cannot
// tell which group's config applies. Over every package group of the project (tens of thousands of names).
import type { CoreDiagnostic } from '../diagnostics';
import type { ModelArray, ModelNode } from '../toml';
import { isEditableList, itemReplaceCount, lastItemReplacement, stringListCountSteps, stringValueOf } from '../toml';
import { ownString } from '../text/ownString';
import { rel, type Definition } from './projectModel';
import { drain } from '../drain';

const NO_ITEMS: readonly ModelNode[] = [];

/** A package group's `packages` array (none when the group or the list is not of that shape). */
function packageList(group: Definition): ModelArray | undefined {
  if (group.node.type !== 'table') return undefined;
  const node = group.node.entries.get('packages')?.node;
  return node?.type === 'array' ? node : undefined;
}

/** The items of a package group's `packages` array (none when the group or the list is not of that shape). */
const packageItems = (group: Definition): readonly ModelNode[] => packageList(group)?.items ?? NO_ITEMS;

/** A package listed twice: group and item index of the repeat, then of the first listing. */
type OverlapHit = [group: number, item: number, firstGroup: number, firstItem: number];

/** One group as the last check saw it: its item list, and the strings at each place then (the list is changed in
 * place by an edit inside the array), counted by name. The strings are the items' own, not copies: only those of
 * the current items are held, which the model holds anyway (a copy of 33,000 names would cost megabytes). */
interface GroupState {
  name: string;
  file: string;
  items: readonly ModelNode[];
  /** itemReplaceCount(items) when seen. */
  replaced: number;
  strings: (string | undefined)[];
  counts: Map<string, number>;
  /** The strings and counts are the list's tally (stringListTally.ts), shared with its other readers: copied before a change. */
  borrowed: boolean;
}

/** What the last check saw and found (OverlapMemo.last). */
export interface PackageGroupOverlapMemo {
  groups: GroupState[];
  /** The names listed by groups of two or more files: the only ones that can overlap. */
  shared: Set<string>;
  hits: OverlapHit[];
  /** The states of the groups the last change of the group set took away: one that comes back keeps its state. */
  gone: GroupState[];
}

/** Names read per step when the first check runs in steps (the start-up load): ~1 ms of cold code. */
const NAMES_PER_STEP = 2048;

/**
 * A group's state, read in steps of NAMES_PER_STEP items. An edit between two steps that changed the list (another
 * list, or items replaced in place) makes it read the list again from the start.
 */
function* groupStateSteps(group: Definition): Generator<void, GroupState, void> {
  for (;;) {
    const list = packageList(group);
    if (!list) return { name: group.name, file: group.file, items: NO_ITEMS, replaced: 0, strings: [], counts: new Map(), borrowed: false };
    // A list no edit changes in place (a one-shot check's) gives its tally, which schema validation and the
    // package-group rule read too: counted once for all three, and borrowed. An edited list's count is the state's own.
    const tally = yield* stringListCountSteps(list, NAMES_PER_STEP, () => packageList(group) === list);
    if (!tally) continue;
    const strings = tally.strings as (string | undefined)[];
    const counts = tally.counts as Map<string, number>;
    return { name: group.name, file: group.file, items: list.items, replaced: itemReplaceCount(list.items), strings, counts, borrowed: !isEditableList(list) };
  }
}

/**
 * Follows one group's list to its current items; the names it removed or added go to `touched`. An edit inside
 * the array says what it replaced (lastItemReplacement); otherwise the strings are compared from the head and
 * the tail. Returns whether any string changed.
 */
function follow(st: GroupState, items: readonly ModelNode[], touched: Set<string>): boolean {
  const replaced = itemReplaceCount(items);
  if (st.items === items && st.replaced === replaced) return false;
  let old = st.strings;
  let head = 0;
  let tail = 0;
  const step = st.items === items && replaced === st.replaced + 1 ? lastItemReplacement(items) : undefined;
  if (step) {
    head = step.at;
    tail = old.length - step.at - step.removed;
  } else {
    while (head < old.length && head < items.length && old[head] === stringValueOf(items[head])) head++;
    while (tail < old.length - head && tail < items.length - head && old[old.length - 1 - tail] === stringValueOf(items[items.length - 1 - tail])) tail++;
  }
  if (st.borrowed) {
    old = st.strings = old.slice();
    st.counts = new Map(st.counts);
    st.borrowed = false;
  }
  st.items = items;
  st.replaced = replaced;
  const made: (string | undefined)[] = [];
  for (let i = head; i < items.length - tail; i++) made.push(stringValueOf(items[i]));
  const removed = old.length - head - tail;
  let changed = false;
  for (let i = head; i < head + removed; i++) {
    const v = old[i];
    if (v === undefined || made[i - head] === v) continue;
    changed = true;
    touched.add(v);
    const n = (st.counts.get(v) ?? 1) - 1;
    if (n > 0) st.counts.set(v, n);
    else st.counts.delete(v);
  }
  for (let j = 0; j < made.length; j++) {
    const v = made[j];
    if (v === undefined) continue;
    if (j < removed && old[head + j] === v) {
      made[j] = old[head + j];
      continue;
    }
    changed = true;
    st.counts.set(v, (st.counts.get(v) ?? 0) + 1);
    touched.add(v);
  }
  if (removed !== made.length) changed = true;
  if (made.length <= 1024 && removed <= 1024) old.splice(head, removed, ...made);
  else st.strings = old.slice(0, head).concat(made, old.slice(old.length - tail));
  return changed;
}

/** Whether groups of two or more files list `name`. */
function isShared(groups: readonly GroupState[], name: string): boolean {
  let file: string | undefined;
  for (const g of groups) {
    if (!g.counts.has(name)) continue;
    if (file === undefined) file = g.file;
    else if (file !== g.file) return true;
  }
  return false;
}

/**
 * A binary package listed by two package groups: azldev cannot tell which group's config applies.
 * Tens of thousands of names, kept between edits: each group's strings follow its list (an edit inside the array
 * replaces a few items in place and says which; a key typed above it keeps the list), the names an edit removed
 * or added are judged again (listed by groups of two files or not), and the overlaps are looked for among those
 * names only, again only when a list changed. The diagnostics are rebuilt from the current items so that their
 * spans are current.
 */
export function packageGroupOverlaps(groups: Map<string, Definition>, overlapMemo: { last?: PackageGroupOverlapMemo }): CoreDiagnostic[] {
  return drain(packageGroupOverlapSteps(groups, overlapMemo));
}

/** packageGroupOverlaps in steps: the first check (tens of thousands of names) reads ~4,000 names a step. */
export function* packageGroupOverlapSteps(groups: Map<string, Definition>, overlapMemo: { last?: PackageGroupOverlapMemo }): Generator<void, CoreDiagnostic[], void> {
  const defs = [...groups.values()];
  const memo = overlapMemo.last;
  let last: PackageGroupOverlapMemo;
  if (!memo) {
    const states: GroupState[] = [];
    for (const d of defs) states.push(yield* groupStateSteps(d));
    // A name is shared when a group of another file listed it before: looked up in those groups' counts (no map
    // of all the project's names).
    const shared = new Set<string>();
    let read = 0;
    for (let g = 1; g < states.length; g++) {
      const st = states[g] as GroupState;
      const before = states.slice(0, g).filter((o) => o.file !== st.file);
      if (!before.length) continue;
      for (const v of st.counts.keys()) {
        if (++read % NAMES_PER_STEP === 0) yield;
        for (const o of before) {
          if (!o.counts.has(v)) continue;
          shared.add(ownString(v));
          break;
        }
      }
    }
    last = { groups: states, shared, hits: shared.size ? overlapHits(defs, states, shared) : [], gone: [] };
  } else {
    const touched = new Set<string>();
    let changed = false;
    if (memo.groups.length !== defs.length || memo.groups.some((m, i) => m.name !== (defs[i] as Definition).name || m.file !== (defs[i] as Definition).file)) {
      // Groups added, removed or renamed (a header edited): the states of the groups that stay are kept, and only
      // the names of those that came or went are judged again.
      [memo.groups, memo.gone] = yield* regroup(memo.groups, memo.gone, defs, touched);
      changed = true;
    } else {
      memo.groups.forEach((st, g) => {
        if (follow(st, packageItems(defs[g] as Definition), touched)) changed = true;
      });
    }
    for (const v of touched) {
      // (A copy: the item the name was read from may be gone, and a parse's name is a view into its whole text.)
      if (!isShared(memo.groups, v)) memo.shared.delete(v);
      else if (!memo.shared.has(v)) memo.shared.add(ownString(v));
    }
    // (The places of the overlaps move with any change of a list that holds some.)
    if (changed || touched.size) memo.hits = memo.shared.size ? overlapHits(defs, memo.groups, memo.shared) : [];
    last = memo;
  }
  overlapMemo.last = last;
  const hits = last.hits;
  const current = last.groups;
  return hits.map(([g, i, fg, fi]) => {
    const group = defs[g] as Definition;
    const first = defs[fg] as Definition;
    const item = current[g]?.items[i] as ModelNode;
    const firstItem = current[fg]?.items[fi] as ModelNode;
    const value = stringValueOf(item) as string;
    return {
      file: group.file,
      span: item.span,
      severity: 'error',
      code: 'project-package-in-two-groups',
      message: `Package '${value}' is in package group '${group.name}' and also in '${first.name}' (${rel(group.file, first.file)}); a package may belong to one package group only`,
      related: [{ file: first.file, span: firstItem.span, message: `'${value}' is listed here by '${first.name}'` }],
      data: { name: value },
    } satisfies CoreDiagnostic;
  });
}

/**
 * The states of the groups `defs` now names, from those of the last check: a group keeps its state when it is still
 * there by its file and name, or by its file and list (a group renamed: a renamed header keeps the model's list),
 * followed to its current items; a group that comes back by its list (its header broken and mended) takes the state
 * it had. Every name of a group that came or went goes to `touched`. The new groups are read (in steps) before any
 * kept state is changed: a check left between two steps leaves the memo as it was. Returns the states and those of
 * the groups gone.
 */
function* regroup(states: readonly GroupState[], gone: readonly GroupState[], defs: readonly Definition[], touched: Set<string>): Generator<void, [GroupState[], GroupState[]], void> {
  const byName = new Map<string, GroupState>();
  const byList = new Map<readonly ModelNode[], GroupState>();
  for (const st of gone) if (st.items.length) byList.set(st.items, st);
  for (const st of states) {
    byName.set(`${st.file}\0${st.name}`, st);
    if (st.items.length) byList.set(st.items, st);
  }
  const kept = new Set<GroupState>();
  const matched: (GroupState | undefined)[] = defs.map((d) => {
    let st = byName.get(`${d.file}\0${d.name}`);
    if (!st || kept.has(st)) st = byList.get(packageItems(d));
    if (!st || kept.has(st) || st.file !== d.file) return undefined;
    kept.add(st);
    return st;
  });
  const next: GroupState[] = [];
  for (const d of defs) next.push(matched[next.length] ?? (yield* groupStateSteps(d)));
  const stayed = new Set(states);
  next.forEach((st, g) => {
    const d = defs[g] as Definition;
    if (matched[g]) {
      st.name = d.name;
      follow(st, packageItems(d), touched);
    }
    if (!stayed.has(st)) for (const v of st.counts.keys()) touched.add(v);
  });
  const left = states.filter((st) => !kept.has(st));
  for (const st of left) for (const v of st.counts.keys()) touched.add(v);
  return [next, left];
}

/** The overlaps among `shared` names, in the order one pass over the groups' items makes them. */
function overlapHits(defs: Definition[], groups: readonly GroupState[], shared: ReadonlySet<string>): OverlapHit[] {
  const out: OverlapHit[] = [];
  // Each name's first listing as one number, item * groups + group (no pair per name: tens of thousands).
  const n = Math.max(1, defs.length);
  const owner = new Map<string, number>();
  defs.forEach((group, g) => {
    const list = (groups[g] as GroupState).strings;
    for (let i = 0; i < list.length; i++) {
      const value = list[i];
      if (value === undefined || !shared.has(value)) continue;
      const first = owner.get(value);
      if (first === undefined) {
        owner.set(value, i * n + g);
        continue;
      }
      const fg = first % n;
      const firstGroup = defs[fg] as Definition;
      // Two groups in one file are the file rule's business (rules/packageGroups.ts).
      if (firstGroup.file === group.file || firstGroup.name === group.name) continue;
      out.push([g, i, fg, (first - fg) / n]);
    }
  });
  return out;
}
