// Package references checked against the package index: a component with no source package upstream, a
// required capability nothing provides (or in no available version), a package-group entry no binary has.
// Each is a warning at the name itself, with did-you-mean names in `data.suggestions` for the quick fix.
import type { CoreDiagnostic, RuleCode } from '../diagnostics';
import { operatorOfFlags } from '../packages/dependencyMatch';
import type { NameKind, PackageIndex } from '../packages/queries';
import type { ProjectModel } from '../project/projectModel';
import type { TomlDocument } from '../toml';
import { ChannelPolicyState, checkChannelPolicy } from './channelPolicy';
import { GroupEntryFindings } from './groupEntryFindings';
import { componentReferencesAhead, fileReferences, groupEntriesAhead, normalTag, packageReferences, REQUIREMENT_TAGS, type DependencyRefAt, type FileText, type GroupPackageRef, type PackageRef } from './packageReferences';
import { archMacros } from './dependencyMacros';
import { expandMacros } from '../packages/depString';
import { ownString } from '../text/ownString';
import { stepsNamed } from '../drain';
import { hasBinary } from './binaryAnswers';
import { sameItems } from '../sameItems';

export const PACKAGE_CODES = {
  sourceUnknown: 'package-source-unknown',
  capabilityUnknown: 'package-capability-unknown',
  versionUnsatisfied: 'package-version-unsatisfied',
  binaryUnknown: 'package-binary-unknown',
  channelSplit: 'package-channel-split',
  binariesUngrouped: 'package-binaries-ungrouped',
} as const;

/** Did-you-mean searches scan every name: a run computes at most this many new ones (the rest come from the memo). */
const MAX_NEW_SUGGESTIONS = 25;

const suggestionMemo = new WeakMap<PackageIndex, Map<string, string[]>>();

/** Names near `name` (edit distance), memoized per loaded index. */
export function suggestionsFor(index: PackageIndex, name: string, kind: NameKind, budget?: { left: number }): string[] | undefined {
  let memo = suggestionMemo.get(index);
  if (!memo) suggestionMemo.set(index, (memo = new Map()));
  const key = `${kind}\0${name}`;
  const hit = memo.get(key);
  if (hit) return hit;
  if (budget) {
    if (budget.left <= 0) return undefined;
    budget.left--;
  }
  const found = index.didYouMean(name, kind);
  memo.set(ownString(key), found);
  return found;
}

function didYouMean(suggestions: string[] | undefined): string {
  if (!suggestions?.length) return '';
  return ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?`;
}

function warning(ref: PackageRef, code: RuleCode, message: string, suggestions: string[] | undefined): CoreDiagnostic {
  return { file: ref.file, span: ref.span, severity: 'warning', code, message, data: { name: ref.name, ...(suggestions?.length ? { suggestions } : {}) } };
}

/** Answers per loaded index, so a re-check after an edit is a map lookup per name (17,000 in one file). */
const answerMemo = new WeakMap<PackageIndex, Map<string, unknown>>();

function remembered<T>(index: PackageIndex, key: string, compute: () => T): T {
  let memo = answerMemo.get(index);
  if (!memo) answerMemo.set(index, (memo = new Map()));
  if (memo.has(key)) return memo.get(key) as T;
  const v = compute();
  memo.set(ownString(key), v);
  return v;
}

/** What a dependency's macros may be expanded from, beyond the component's own config. */
export interface PackageCheckContext {
  /** The target architecture (`%{_isa}`, `%{_arch}`). */
  arch?: string;
  /** The macros of the component's spec, when it is at hand (undefined: not at hand, its macros stay loose). */
  specMacros?(component: string): ReadonlyMap<string, string> | undefined;
}

/** A dependency written with macros, expanded with every macro known now: the arch's, the spec's (`spec`), the config's. */
function expandedWithContext(ref: DependencyRefAt, ctx: PackageCheckContext, spec: ReadonlyMap<string, string> | undefined): DependencyRefAt {
  const written = ref.written as { name: string; evr: string };
  const macros = new Map([...(ctx.arch ? archMacros(ctx.arch) : []), ...(spec ?? []), ...ref.macros]);
  const name = expandMacros(written.name, macros);
  const evr = written.evr ? expandMacros(written.evr, macros) : '';
  // (The span too: a kept reference reads it from its syntax node, not an own property a spread copies.)
  if (name === undefined || evr === undefined) return { ...ref, span: ref.span, loose: true };
  return { ...ref, span: ref.span, name, evr, loose: false };
}

/** The finding for one reference, if any. */
function checkReference(index: PackageIndex, ref: PackageRef, budget: { left: number }): CoreDiagnostic | undefined {
  switch (ref.kind) {
    case 'component':
    case 'upstream-name': {
      if (remembered(index, `s\0${ref.name}`, () => index.hasSource(ref.name))) return undefined;
      const s = suggestionsFor(index, ref.name, 'source', budget);
      const what = ref.kind === 'component' ? `component \`${ref.name}\`` : `upstream-name \`${ref.name}\` of component \`${ref.component}\``;
      return warning(ref, PACKAGE_CODES.sourceUnknown, `${what}: no source package of that name in the package index.${didYouMean(s)}`, s);
    }
    case 'dependency': {
      if (ref.loose || !REQUIREMENT_TAGS.has(normalTag(ref.tag))) return undefined;
      const status = remembered(index, `c\0${ref.name}\0${ref.flags}\0${ref.evr}`, () => index.capabilityStatus(ref.name, ref.flags, ref.evr));
      if (status.status === 'provided' || status.status === 'not-checked') return undefined;
      if (status.status === 'unsatisfied') {
        const versions = [...new Set(status.providers.map((p) => `${p.name} ${p.evr}`))].slice(0, 5).join(', ');
        return warning(ref, PACKAGE_CODES.versionUnsatisfied, `${ref.tag} \`${ref.name} ${operatorOfFlags(ref.flags)} ${ref.evr}\`: no available version satisfies it (available: ${versions}).`, undefined);
      }
      const s = suggestionsFor(index, ref.name, 'binary', budget);
      return warning(ref, PACKAGE_CODES.capabilityUnknown, `${ref.tag} \`${ref.name}\`: no package in the package index provides it.${didYouMean(s)}`, s);
    }
    case 'group-package': {
      if (hasBinary(index, ref.name)) return undefined;
      const s = suggestionsFor(index, ref.name, 'binary', budget);
      return warning(ref, PACKAGE_CODES.binaryUnknown, `package \`${ref.name}\` in package group \`${ref.group}\`: no binary package of that name in the package index.${didYouMean(s)}`, s);
    }
  }
}

/** A file's references other than group entries, with their findings, kept per index and file between edits: a
 * re-parsed file keeps the references of the components it did not touch (componentRefs), so only the others are
 * checked again (groupEntryFindings.ts). Those written with macros are checked on every run (macroFindings). */
const otherState = new WeakMap<PackageIndex, Map<string, GroupEntryFindings<PackageRef>>>();

function otherStateOf(index: PackageIndex, file: string): GroupEntryFindings<PackageRef> {
  let byFile = otherState.get(index);
  if (!byFile) otherState.set(index, (byFile = new Map()));
  let state = byFile.get(file);
  if (!state) {
    const check = (ref: PackageRef, b: { left: number }): CoreDiagnostic | undefined => (ref.kind === 'dependency' && ref.written ? undefined : checkReference(index, ref, b));
    byFile.set(file, (state = new GroupEntryFindings<PackageRef>(check, (a, b) => a === b)));
  }
  return state;
}

function otherFindings(index: PackageIndex, file: string, refs: readonly PackageRef[], budget: { left: number }): GroupEntryFindings<PackageRef> {
  const state = otherStateOf(index, file);
  state.update(refs, budget);
  return state;
}

const macroRefsMemo = new WeakMap<readonly PackageRef[], DependencyRefAt[]>();

/** A file's dependency references written with macros, memoized per reference list. */
function macroRefsOf(refs: readonly PackageRef[]): DependencyRefAt[] {
  let hit = macroRefsMemo.get(refs);
  if (!hit) macroRefsMemo.set(refs, (hit = refs.filter((r): r is DependencyRefAt => r.kind === 'dependency' && r.written !== undefined)));
  return hit;
}

/** The finding of a dependency written with macros, as last expanded: kept while the index, the arch and the spec's
 * macros (the same map: specFacts keeps one per spec) are the same. */
const macroMemo = new WeakMap<DependencyRefAt, { index: PackageIndex; arch: string | undefined; spec: ReadonlyMap<string, string> | undefined; diag: CoreDiagnostic | undefined }>();

/** The kept finding of `ref`, when it was made with this index, arch and spec macros. */
function keptMacroFinding(ref: DependencyRefAt, index: PackageIndex, arch: string | undefined, spec: ReadonlyMap<string, string> | undefined): { diag: CoreDiagnostic | undefined } | undefined {
  const hit = macroMemo.get(ref);
  return hit && hit.index === index && hit.arch === arch && hit.spec === spec ? hit : undefined;
}

function macroFinding(index: PackageIndex, ref: DependencyRefAt, ctx: PackageCheckContext, budget: { left: number }, keep: boolean, spec = ctx.specMacros?.(ref.component)): CoreDiagnostic | undefined {
  const hit = keep ? keptMacroFinding(ref, index, ctx.arch, spec) : undefined;
  if (hit) return hit.diag && { ...hit.diag, span: ref.span };
  const before = budget.left;
  const diag = checkReference(index, expandedWithContext(ref, ctx, spec), budget);
  // A finding whose suggestions the budget left out is computed again next time.
  if (keep && !(diag && budget.left === 0 && before === 0 && !diag.data?.['suggestions'])) macroMemo.set(ref, { index, arch: ctx.arch, spec, diag });
  return diag;
}

/** Package-group entries no binary has, kept per index and file between edits (groupEntryFindings.ts). */
const groupState = new WeakMap<PackageIndex, Map<string, GroupEntryFindings>>();

function groupStateOf(index: PackageIndex, file: string): GroupEntryFindings {
  let byFile = groupState.get(index);
  if (!byFile) groupState.set(index, (byFile = new Map()));
  let state = byFile.get(file);
  if (!state) byFile.set(file, (state = new GroupEntryFindings((ref, b) => checkReference(index, ref, b))));
  return state;
}

function groupFindings(index: PackageIndex, file: string, refs: readonly GroupPackageRef[], budget: { left: number }): GroupEntryFindings {
  const state = groupStateOf(index, file);
  state.update(refs, budget);
  return state;
}

/** References (and source packages of the channel policy) per step of the warm-up (packageDiagnosticsWarmUp; the
 * server runs as many steps as fit in its turn's budget): at 2,000 the longest such steps took 65-92 ms on the real
 * tree; at 1,000 30-60 ms with a 110,000-package index read from its file as it is asked; at 100 up to 8-11 ms (a
 * lookup on a cold index reads a few 16 KB pages: ~0.1 ms). */
const WARM_UP_CHUNK = 25;

/** Package-group entries made per step of the warm-up ahead of the file's references (groupEntriesAhead). */
const GROUP_ENTRIES_PER_STEP = 500;

/** Checks a long list into its kept findings a chunk per step (GroupEntryFindings.extend); the update with the whole
 * list then checks only its last chunk. */
function* inChunks<R extends PackageRef>(state: GroupEntryFindings<R>, refs: readonly R[], budget: { left: number }, file: string): Generator<string> {
  for (let end = WARM_UP_CHUNK; end < refs.length; end += WARM_UP_CHUNK) {
    state.extend(refs, end, budget);
    yield `${file}: ${end} of ${refs.length}`;
  }
}

/** What a file's last parse gave, per index: its findings but those of dependencies written with macros (checked on
 * every run), those dependencies, and its package-group entries. */
interface KeptFile {
  doc: TomlDocument;
  found: readonly CoreDiagnostic[];
  macroRefs: readonly DependencyRefAt[];
  groups: readonly GroupPackageRef[];
  /** A finding's did-you-mean was left out for the budget: the file is looked at again next run. */
  partial: boolean;
  /** What the last run returned for the file (fileResult). */
  result?: FileResult;
}

const keptFiles = new WeakMap<PackageIndex, Map<string, KeptFile>>();

function keptFilesOf(index: PackageIndex): Map<string, KeptFile> {
  let byFile = keptFiles.get(index);
  if (!byFile) keptFiles.set(index, (byFile = new Map()));
  return byFile;
}

/** The file's kept result, made again when the model holds another parse of it: a keystroke elsewhere costs a
 * lookup and a comparison per file. */
function keptFile(index: PackageIndex, byFile: Map<string, KeptFile>, file: string, doc: TomlDocument, textOf: (file: string) => FileText | undefined, budget: { left: number }): KeptFile {
  const hit = byFile.get(file);
  if (hit && hit.doc === doc && !hit.partial) return hit;
  const { others, groups } = fileReferences(file, doc, textOf);
  const found: CoreDiagnostic[] = [];
  let partial = false;
  for (const state of [others.length ? otherFindings(index, file, others, budget) : undefined, groups.length ? groupFindings(index, file, groups, budget) : undefined]) {
    if (!state) continue;
    for (const d of state.last) found.push(d);
    partial ||= !state.complete;
  }
  const kept: KeptFile = { doc, found, macroRefs: macroRefsOf(others), groups, partial };
  byFile.set(file, kept);
  return kept;
}

/** The channel policy per index, kept between edits and updated with what changed (channelPolicy.ts). */
const policyState = new WeakMap<PackageIndex, ChannelPolicyState>();

function channelStateOf(index: PackageIndex): ChannelPolicyState {
  let state = policyState.get(index);
  if (!state) policyState.set(index, (state = new ChannelPolicyState(index)));
  return state;
}

function channelFindings(index: PackageIndex, lists: readonly (readonly GroupPackageRef[])[]): CoreDiagnostic[] {
  return channelStateOf(index).update(lists);
}

/** Every package reference of the project's files, in file order. */
export function projectPackageReferences(model: ProjectModel, textOf: (file: string) => FileText | undefined): PackageRef[][] {
  return [...model.contributions.values()].map((c) => packageReferences(c.file, c.doc, textOf));
}

export interface PackageDiagnosticsOptions {
  /** Every reference made and checked anew, nothing kept or remembered between calls but the index's answers:
   * what the incremental path must equal (the differential tests). */
  fromScratch?: boolean;
}

/**
 * Makes what `packageDiagnostics` keeps between calls for `index`, a part per step: the tables read first checked
 * (PackageIndex.prepareTables; read ahead by the server), the did-you-mean indexes, then each file's findings (a file
 * a step, a long list of references WARM_UP_CHUNK a step), then the channel policy. A first
 * `packageDiagnostics` with a new index did all of it at once (0.6-1.2 s on the real tree, a 33,000-package index),
 * and an edit read meanwhile waited for it; the server runs these steps between the client's messages and asks for the
 * diagnostics once they are done, which then finds every file's findings kept. What is made here is what the call
 * would make (the same functions, the same budget of new suggestions), so the answer does not depend on it.
 */
export function* packageDiagnosticsWarmUp(model: ProjectModel, index: PackageIndex, textOf: (file: string) => FileText | undefined): Generator<string> {
  yield* index.prepareTables();
  yield* index.prepareDidYouMean();
  const budget = { left: MAX_NEW_SUGGESTIONS };
  const lists: (readonly GroupPackageRef[])[] = [];
  for (const c of model.contributions.values()) {
    yield* stepsNamed(componentReferencesAhead(c.file, c.doc, WARM_UP_CHUNK), `${c.file}: component references`);
    yield* stepsNamed(groupEntriesAhead(c.file, c.doc, textOf, GROUP_ENTRIES_PER_STEP), `${c.file}: group entries`);
    const { others, groups } = fileReferences(c.file, c.doc, textOf);
    // (A file of many references: its list made, from the parts made ahead, is a step of its own, ~5 ms for
    // components.toml's 7,400 components; the checks of its first chunk are the next.)
    if (others.length > WARM_UP_CHUNK || groups.length > WARM_UP_CHUNK) yield `${c.file}: references`;
    if (others.length > WARM_UP_CHUNK) yield* inChunks(otherStateOf(index, c.file), others, budget, c.file);
    if (groups.length > WARM_UP_CHUNK) yield* inChunks(groupStateOf(index, c.file), groups, budget, c.file);
    const kept = keptFile(index, keptFilesOf(index), c.file, c.doc, textOf, budget);
    if (kept.groups.length) lists.push(kept.groups);
    yield c.file;
  }
  yield* channelStateOf(index).updateSteps(lists, WARM_UP_CHUNK);
  yield 'channel policy';
}

/**
 * The package diagnostics of a project, by file. Between calls the findings are kept per index: a re-parsed file's
 * components and dependencies are checked again only for the components the parse read anew, its package-group
 * entries only where the parse made them anew, dependencies written with macros only when the macros known for
 * them changed, and the channel policy re-judges only the source packages whose entries changed.
 */
export function packageDiagnostics(model: ProjectModel, index: PackageIndex, textOf: (file: string) => FileText | undefined, ctx: PackageCheckContext = {}, options: PackageDiagnosticsOptions = {}): Map<string, readonly CoreDiagnostic[]> {
  const out = new Map<string, readonly CoreDiagnostic[]>();
  const push = (d: CoreDiagnostic): void => {
    const list = out.get(d.file) as CoreDiagnostic[] | undefined;
    if (list) list.push(d);
    else out.set(d.file, [d]);
  };
  const budget = { left: MAX_NEW_SUGGESTIONS };
  if (options.fromScratch === true) {
    const files = [...model.contributions.values()].map((c) => fileReferences(c.file, c.doc, textOf, { fromScratch: true }));
    for (const { others, groups } of files) {
      for (const ref of [...others, ...groups]) {
        if (ref.kind === 'dependency' && ref.written) continue;
        const d = checkReference(index, ref, budget);
        if (d) push(d);
      }
      for (const ref of others) {
        if (ref.kind !== 'dependency' || ref.written === undefined) continue;
        const d = macroFinding(index, ref, ctx, budget, false);
        if (d) push(d);
      }
    }
    checkChannelPolicy(index, files.flatMap((f) => f.groups)).forEach(push);
    return out;
  }
  const lists: (readonly GroupPackageRef[])[] = [];
  const byFile = keptFilesOf(index);
  for (const c of model.contributions.values()) {
    const kept = keptFile(index, byFile, c.file, c.doc, textOf, budget);
    const list = fileResult(index, kept, ctx, budget);
    if (list.length) out.set(c.file, list);
    if (kept.groups.length) lists.push(kept.groups);
  }
  for (const [file, found] of channelByFile(channelFindings(index, lists))) {
    const own = out.get(file);
    out.set(file, own ? joined(own, found) : found);
  }
  return out;
}

/** A file's findings as last returned (its kept references' and those of its dependencies written with macros),
 * kept with its parse (KeptFile) while the arch and the macros known for each such dependency are the same. */
interface FileResult {
  arch: string | undefined;
  specs: readonly (ReadonlyMap<string, string> | undefined)[];
  list: readonly CoreDiagnostic[];
  /** Every finding of a dependency written with macros has its did-you-mean (macroFinding kept it). */
  complete: boolean;
}

/**
 * The findings of one file: the same list as the last run's while nothing it depends on changed, so a keystroke in
 * one file leaves every other file's list as it was (the server then compares lists by identity, not content).
 */
function fileResult(index: PackageIndex, kept: KeptFile, ctx: PackageCheckContext, budget: { left: number }): readonly CoreDiagnostic[] {
  // (Asked on every run: the server looks a spec not at hand up on the first ask.)
  const specs = kept.macroRefs.length ? kept.macroRefs.map((ref) => ctx.specMacros?.(ref.component)) : NO_SPECS;
  const last = kept.result;
  if (last && last.complete && last.arch === ctx.arch && sameItems(last.specs, specs)) return last.list;
  let list: readonly CoreDiagnostic[] = kept.found;
  if (kept.macroRefs.length) {
    const made = kept.found.slice();
    kept.macroRefs.forEach((ref, i) => {
      const d = macroFinding(index, ref, ctx, budget, true, specs[i]);
      if (d) made.push(d);
    });
    list = made;
  }
  const complete = kept.macroRefs.every((ref, i) => keptMacroFinding(ref, index, ctx.arch, specs[i]) !== undefined);
  kept.result = { arch: ctx.arch, specs, list, complete };
  return list;
}

const NO_SPECS: readonly (ReadonlyMap<string, string> | undefined)[] = [];

/** The channel policy's findings by file, in their order (the same lists while its findings are the same list). */
const channelByFileMemo = new WeakMap<readonly CoreDiagnostic[], Map<string, CoreDiagnostic[]>>();

function channelByFile(found: readonly CoreDiagnostic[]): ReadonlyMap<string, readonly CoreDiagnostic[]> {
  let hit = channelByFileMemo.get(found);
  if (hit) return hit;
  hit = new Map();
  for (const d of found) {
    const list = hit.get(d.file);
    if (list) list.push(d);
    else hit.set(d.file, [d]);
  }
  channelByFileMemo.set(found, hit);
  return hit;
}

/** A file's own findings followed by the channel policy's there (the same list while both are the same lists). */
const joinedMemo = new WeakMap<readonly CoreDiagnostic[], { channel: readonly CoreDiagnostic[]; list: readonly CoreDiagnostic[] }>();

function joined(own: readonly CoreDiagnostic[], channel: readonly CoreDiagnostic[]): readonly CoreDiagnostic[] {
  const hit = joinedMemo.get(own);
  if (hit && hit.channel === channel) return hit.list;
  const list = own.concat(channel);
  joinedMemo.set(own, { channel, list });
  return list;
}
