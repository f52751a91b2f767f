// The project as azldev loads it (loader.go): the files the include tree reaches, in load order, and the
// union of what they define. Components, component groups, images, package groups and test suites are
// strict unions — a name defined twice is an error on both definitions; distros, `project`, `tools` and
// the project-level default configs merge field by field. Each file's contribution is computed once per
// parse, so an edit re-merges maps instead of re-reading the tree.
import * as path from 'node:path';
import type { CoreDiagnostic, RuleCode, Span } from '../diagnostics';
import type { DocumentCache } from '../documentCache';
import type { ModelEntry, ModelNode, ModelTable, TomlDocument } from '../toml';
import { hasEditTraces, isStatementTable, itemEditCount } from '../toml';
import { distroResolutionDiagnosticSteps } from './distroResolution';
import { imageTestSuiteDiagnostics } from './imageTestSuites';
import { walkIncludes, type IncludedFile } from './includes';
import { resourceReferenceDiagnostics } from './resourceReferences';
import { appendAll } from '../appendAll';
import { sameItems } from '../sameItems';
import { setAfter } from '../orderedMap';
import { packageGroupOverlapSteps, type PackageGroupOverlapMemo } from './packageGroupOverlaps';
import { drain } from '../drain';
import { DEFINITIONS_PER_STEP, scanFileSteps, type FileScan } from './componentScan';
import { commonEnds, definitionsOf } from './definitionLists';

/** A named thing (component, group, image, …) where one file defines it. */
export interface Definition {
  name: string;
  file: string;
  /** The key that names it (`foo` in `[components.foo]`). */
  keySpan: Span;
  /** The header or key/value that defines it. */
  definitionSpan: Span;
  node: ModelNode;
}

/** A top-level table (`project`, `tools`, `default-component-config`, …) as one file writes it. */
export interface FileSection {
  file: string;
  entry: ModelEntry;
}

export type UnionKind = 'components' | 'component-groups' | 'images' | 'package-groups' | 'test-suites';
export const UNION_KINDS: readonly UnionKind[] = ['components', 'component-groups', 'images', 'package-groups', 'test-suites'];
const DUPLICATE_CODES: Record<UnionKind, RuleCode> = {
  components: 'project-duplicate-component',
  'component-groups': 'project-duplicate-component-group',
  images: 'project-duplicate-image',
  'package-groups': 'project-duplicate-package-group',
  'test-suites': 'project-duplicate-test-suite',
};

const UNION_NOUN: Record<UnionKind, string> = {
  components: 'Component',
  'component-groups': 'Component group',
  images: 'Image',
  'package-groups': 'Package group',
  'test-suites': 'Test suite',
};

/** azldev's error for each union, as loader.go words it. */
const UNION_ERROR: Record<UnionKind, string> = {
  components: 'duplicate component',
  'component-groups': 'duplicate component group',
  images: 'duplicate image',
  'package-groups': 'duplicate package group',
  'test-suites': 'duplicate test suite',
};

export interface FileContribution {
  file: string;
  doc: TomlDocument;
  unions: Record<UnionKind, Definition[]>;
  distros: Definition[];
  sections: Partial<Record<'project' | 'tools' | 'default-component-config' | 'default-package-config' | 'resources', FileSection>>;
}

export interface ProjectModel {
  root: string;
  rootFile: string;
  files: IncludedFile[];
  contributions: Map<string, FileContribution>;
  /** First definition of each name, in load order. */
  unions: Record<UnionKind, Map<string, Definition>>;
  /** Every definition of each distro, in load order (merged field by field). */
  distros: Map<string, Definition[]>;
  /** Sections of the project-level tables, in load order. */
  sections: Record<keyof FileContribution['sections'], FileSection[]>;
  /** Component name -> the groups listing it, in load order (loader.go's GroupsByComponent). */
  groupsByComponent: Map<string, string[]>;
  /** Cross-file diagnostics: duplicates, unknown group members, unknown distros, repeated includes. */
  diagnostics: CoreDiagnostic[];
}

function tableEntries(node: ModelNode | undefined): [string, ModelEntry][] {
  return node?.type === 'table' ? [...node.entries] : [];
}

const contributionCache = new WeakMap<TomlDocument, FileContribution>();

const SECTION_KEYS = ['project', 'tools', 'default-component-config', 'default-package-config', 'resources'] as const;

/**
 * What one parsed file defines. Cached per parse; `previous` (the same file's contribution from an earlier parse)
 * lends its unchanged definitions and sections, so what did not change keeps its identity.
 */
export function fileContribution(file: string, doc: TomlDocument, previous?: FileContribution): FileContribution {
  const hit = contributionCache.get(doc);
  if (hit && hit.file === file) return hit;
  const root = doc.root;
  const last = previous && previous.file === file && previous.doc !== doc ? previous : undefined;
  const inPlace = last !== undefined && last.doc.root === root;
  const unions = {} as Record<UnionKind, Definition[]>;
  // A document parsed without edit traces (the CLI's one-shot check) is never edited: its lists keep nothing for the journal.
  const forEdits = hasEditTraces(doc.syntax);
  for (const k of UNION_KINDS) unions[k] = definitionsOf(file, root.entries.get(k)?.node, last?.unions[k], inPlace, forEdits);
  const sections: FileContribution['sections'] = {};
  for (const k of SECTION_KEYS) {
    const entry = root.entries.get(k);
    if (!entry) continue;
    const before = inPlace ? undefined : last?.sections[k];
    // A section whose entry is an unchanged statement table keeps its object (identity stands for content; an edit
    // inside an array changes a statement's entry in place, so then none is kept).
    sections[k] = before && before.entry === entry && entry.node.type === 'table' && isStatementTable(entry.node) ? before : { file, entry };
  }
  const contribution = { file, doc, unions, distros: definitionsOf(file, root.entries.get('distros')?.node, last?.distros, inPlace, forEdits), sections };
  contributionCache.set(doc, contribution);
  return contribution;
}

const stringItemsCache = new WeakMap<ModelNode, { items: readonly ModelNode[]; edits: number; found: { value: string; span: Span }[] }>();

/**
 * The string items of an array node, computed once while its items are unchanged (package groups list
 * thousands; an edit inside the array changes the model's item list in place and counts it: itemEditCount).
 */
function stringItems(node: ModelNode | undefined): { value: string; span: Span }[] {
  if (node?.type !== 'array') return [];
  const hit = stringItemsCache.get(node);
  const edits = itemEditCount(node.items);
  if (hit && hit.items === node.items && hit.edits === edits) return hit.found;
  const out: { value: string; span: Span }[] = [];
  for (const i of node.items) if (i.type === 'scalar' && i.syntax.kind === 'string') out.push({ value: i.syntax.value, span: i.span });
  stringItemsCache.set(node, { items: node.items, edits, found: out });
  return out;
}

function stringValue(node: ModelNode | undefined): { value: string; span: Span } | undefined {
  return node?.type === 'scalar' && node.syntax.kind === 'string' ? { value: node.syntax.value, span: node.span } : undefined;
}

/** A name defined twice: the error at `at`, pointing at the other definition. */
function duplicateDiagnostic(kind: UnionKind, at: Definition, other: Definition, says: string, otherSays: string): CoreDiagnostic {
  return {
    file: at.file,
    span: at.keySpan,
    severity: 'error',
    code: DUPLICATE_CODES[kind],
    message: `${UNION_NOUN[kind]} '${at.name}' ${says} ${rel(at.file, other.file)}; each name may be defined once in the whole project (azldev stops with "${UNION_ERROR[kind]}")`,
    related: [{ file: other.file, span: other.keySpan, message: `'${at.name}' ${otherSays}` }],
    data: { name: at.name, kind },
  };
}

export function rel(from: string, to: string): string {
  return path.relative(path.dirname(from), to) || path.basename(to);
}

/** What one kind of strict union merged to last time, kept while every file lists the same definitions. */
interface UnionMerge {
  /** Each contributing file's definition list, in load order (the lists are compared by identity). */
  lists: Definition[][];
  map: Map<string, Definition>;
  /** Whether a name is defined twice. */
  duplicates: boolean;
  /** Numbers each merge; a patched one names the merge it was patched from. */
  serial: number;
  /** For a merge patched from the one numbered `serial`: the names whose definition changed (removed, added, replaced). */
  patchedFrom?: { serial: number; names: readonly string[] };
}

let unionSerial = 0;

/** The last merge's parts, kept by the caller from one merge to the next (mergeProject's `memo`). */
export interface OverlapMemo {
  last?: PackageGroupOverlapMemo;
  unions?: Partial<Record<UnionKind, UnionMerge>>;
  distros?: { lists: Definition[][]; map: Map<string, Definition[]> };
  sections?: ProjectModel['sections'];
  groups?: { groups: UnionMerge; components: UnionMerge; groupsByComponent: Map<string, string[]>; diagnostics: CoreDiagnostic[] };
  references?: Map<string, FileReferences>;
  resources?: { sections: FileSection[]; distros: Map<string, Definition[]>; diagnostics: CoreDiagnostic[] };
}

/**
 * The strict union of one kind, merged anew only when a file's list of that kind changed. When one file's list
 * changed in one run (compared with its last list from the head and the tail) and no name is defined twice before
 * or after, the last map is patched: the run's old names deleted (the others keep their order), its new names
 * set in their place when they are the same names, and otherwise put after the definition before the run (the
 * map's order is the lists' order, no name twice: orderedMap.ts splices them in, no map made again). Anything
 * else (more than one list changed, a duplicate) is merged anew, in load order.
 */
function mergeUnion(kind: UnionKind, contributions: readonly FileContribution[], memo: OverlapMemo): UnionMerge {
  const lists: Definition[][] = [];
  for (const c of contributions) if (c.unions[kind].length) lists.push(c.unions[kind]);
  const last = memo.unions?.[kind];
  if (last && sameItems(last.lists, lists)) return last;
  const merged = (last && patchedUnion(last, lists)) ?? mergedUnion(lists);
  (memo.unions ??= {})[kind] = merged;
  return merged;
}

function mergedUnion(lists: Definition[][]): UnionMerge {
  // Most often no name is defined twice: every definition set at once, which the map's size then confirms.
  const once = new Map<string, Definition>();
  let total = 0;
  for (const list of lists) {
    total += list.length;
    for (let i = 0; i < list.length; i++) {
      const def = list[i] as Definition;
      once.set(def.name, def);
    }
  }
  if (once.size === total) return { lists, map: once, duplicates: false, serial: ++unionSerial };
  const map = new Map<string, Definition>();
  let duplicates = false;
  for (const list of lists) {
    for (const def of list) {
      if (map.has(def.name)) duplicates = true;
      else map.set(def.name, def);
    }
  }
  return { lists, map, duplicates, serial: ++unionSerial };
}

/** The last union patched for one changed run of one list (see mergeUnion), or undefined when it cannot be. */
function patchedUnion(last: UnionMerge, lists: Definition[][]): UnionMerge | undefined {
  if (last.duplicates || last.lists.length !== lists.length) return undefined;
  let changed = -1;
  for (let i = 0; i < lists.length; i++) {
    if (lists[i] === last.lists[i]) continue;
    if (changed >= 0) return undefined;
    changed = i;
  }
  const before = last.lists[changed] as Definition[];
  const after = lists[changed] as Definition[];
  const { head, tail } = commonEnds(before, after);
  const removed = before.slice(head, before.length - tail);
  const added = after.slice(head, after.length - tail);
  const sameNames = removed.length === added.length && removed.every((d, i) => d.name === (added[i] as Definition).name);
  const map = last.map;
  for (const d of removed) if (map.get(d.name) !== d) return undefined;
  const names: string[] = [];
  if (!sameNames) {
    for (const d of added) if (map.has(d.name) && !removed.some((r) => r.name === d.name)) return undefined;
    // Names in `added` are all new (or freed by `removed`), so no duplicate arises.
    if (new Set(added.map((d) => d.name)).size !== added.length) return undefined;
    // The definition the run follows: the one before it in its list, or the last of the lists before (none are empty).
    const previous = head > 0 ? after[head - 1] : changed > 0 ? (lists[changed - 1] as Definition[]).at(-1) : undefined;
    if (previous && map.get(previous.name) !== previous) return undefined;
    for (const d of removed) {
      map.delete(d.name);
      names.push(d.name);
    }
    let follows = previous?.name;
    // Appended (the run ends the last list) with plain sets; anywhere else spliced into place.
    const atEnd = changed === lists.length - 1 && tail === 0;
    for (const d of added) {
      if (atEnd) map.set(d.name, d);
      else setAfter(map, follows, d.name, d);
      follows = d.name;
      names.push(d.name);
    }
  } else {
    for (const d of added) {
      map.set(d.name, d);
      names.push(d.name);
    }
  }
  // The map object is the last one, changed: the merge's own object is new, for memos that compare it.
  return { lists, map, duplicates: false, serial: ++unionSerial, patchedFrom: { serial: last.serial, names } };
}

/**
 * Merges the contributions of the walked files into the project model and its cross-file diagnostics. With a
 * `memo` kept from the last merge, each part whose inputs are the same objects as then is kept: a union whose
 * files list the same definitions, the distros, the sections, the group members, each file's distro references.
 */
export function mergeProject(...args: Parameters<typeof mergeProjectSteps>): ProjectModel {
  return drain(mergeProjectSteps(...args));
}

/**
 * mergeProject in steps of a few milliseconds of a first merge (the start-up load takes a turn between them): each
 * union, the package-group overlaps (~4,000 names a step), the distro references (~2,000 definitions a step), distro
 * resolution. A step reads the contributions as they were handed: the caller must not keep the result if a file
 * changed meanwhile (it holds only for the documents the contributions came from), nor use it after another merge
 * with the same memo ran between two steps.
 */
export function* mergeProjectSteps(
  root: string,
  rootFile: string,
  files: IncludedFile[],
  contributions: FileContribution[],
  walkDiagnostics: CoreDiagnostic[],
  /** Kept by the caller from one merge to the next, to reuse what did not change (none: compute afresh). */
  memo: OverlapMemo = {},
): Generator<void, ProjectModel, void> {
  const unions = {} as Record<UnionKind, Map<string, Definition>>;
  const diagnostics: CoreDiagnostic[] = [...walkDiagnostics];
  const byFile = new Map<string, FileContribution>();
  for (const c of contributions) byFile.set(c.file, c);
  // Duplicates in azldev's order: per file in load order, each kind in turn (as one pass over the files gives them).
  const merged: UnionMerge[] = [];
  for (const k of UNION_KINDS) {
    const last = memo.unions?.[k];
    const union = mergeUnion(k, contributions, memo);
    merged.push(union);
    if (union !== last) yield;
  }
  UNION_KINDS.forEach((k, i) => (unions[k] = (merged[i] as UnionMerge).map));
  if (merged.some((m) => m.duplicates)) appendAll(diagnostics, duplicatesInLoadOrder(unions, contributions));

  const distroLists: Definition[][] = [];
  for (const c of contributions) if (c.distros.length) distroLists.push(c.distros);
  let distros = memo.distros && sameItems(memo.distros.lists, distroLists) ? memo.distros.map : undefined;
  if (!distros) {
    distros = new Map<string, Definition[]>();
    for (const list of distroLists) {
      for (const d of list) {
        const defs = distros.get(d.name);
        if (defs) defs.push(d);
        else distros.set(d.name, [d]);
      }
    }
    memo.distros = { lists: distroLists, map: distros };
  }

  const sections: ProjectModel['sections'] = { project: [], tools: [], 'default-component-config': [], 'default-package-config': [], resources: [] };
  for (const c of contributions) for (const [k, s] of Object.entries(c.sections) as [keyof ProjectModel['sections'], FileSection][]) sections[k].push(s);
  const lastSections = memo.sections;
  const keptSections =
    lastSections && (Object.keys(sections) as (keyof ProjectModel['sections'])[]).every((k) => sameItems(lastSections[k], sections[k])) ? lastSections : sections;
  memo.sections = keptSections;

  const groups = groupMembers(merged[UNION_KINDS.indexOf('component-groups')] as UnionMerge, merged[UNION_KINDS.indexOf('components')] as UnionMerge, memo);
  appendAll(diagnostics, groups.diagnostics);

  appendAll(diagnostics, yield* packageGroupOverlapSteps(unions['package-groups'], memo));
  const model: ProjectModel = { root, rootFile, files, contributions: byFile, unions, distros, sections: keptSections, groupsByComponent: groups.groupsByComponent, diagnostics };
  yield;
  appendAll(diagnostics, yield* distroReferenceDiagnosticSteps(model, memo));
  yield;
  appendAll(diagnostics, yield* distroResolutionDiagnosticSteps(model, memo));
  yield;
  appendAll(diagnostics, keptResourceReferenceDiagnostics(model, memo));
  appendAll(diagnostics, imageTestSuiteDiagnostics(model));
  return model;
}

/** The resource checks (resourceReferences.ts), which read only the `[resources]` sections and the distros: kept while both are the same objects. */
function keptResourceReferenceDiagnostics(model: ProjectModel, memo: OverlapMemo): CoreDiagnostic[] {
  const last = memo.resources;
  if (last && last.sections === model.sections.resources && last.distros === model.distros) return last.diagnostics;
  const diagnostics = resourceReferenceDiagnostics(model);
  memo.resources = { sections: model.sections.resources, distros: model.distros, diagnostics };
  return diagnostics;
}

/**
 * The duplicate findings in the order one pass over the files makes them (for each file in load order, each kind
 * in turn, each repeat as it comes, its pair of findings together); only when some union has a duplicate.
 */
function duplicatesInLoadOrder(unions: Record<UnionKind, Map<string, Definition>>, contributions: readonly FileContribution[]): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  for (const c of contributions) {
    for (const k of UNION_KINDS) {
      const map = unions[k];
      for (const def of c.unions[k]) {
        const first = map.get(def.name);
        if (!first || first === def) continue;
        out.push(duplicateDiagnostic(k, def, first, 'is already defined in', 'is first defined here'));
        out.push(duplicateDiagnostic(k, first, def, 'is defined again in', 'is defined again here'));
      }
    }
  }
  return out;
}

/**
 * Which groups list each component, and the members no file defines: kept while the groups and components are,
 * and while the groups are and the components union was patched (mergeUnion) only for names no group lists.
 */
function groupMembers(groupUnion: UnionMerge, components: UnionMerge, memo: OverlapMemo): NonNullable<OverlapMemo['groups']> {
  const last = memo.groups;
  if (last && last.groups === groupUnion && last.components === components) return last;
  const patch = components.patchedFrom;
  if (last && last.groups === groupUnion && patch && patch.serial === last.components.serial && !patch.names.some((n) => last.groupsByComponent.has(n))) {
    const kept = { groups: groupUnion, components, groupsByComponent: last.groupsByComponent, diagnostics: last.diagnostics };
    memo.groups = kept;
    return kept;
  }
  const groupsByComponent = last && last.groups === groupUnion ? last.groupsByComponent : new Map<string, string[]>();
  const fill = groupsByComponent.size === 0;
  const diagnostics: CoreDiagnostic[] = [];
  for (const group of groupUnion.map.values()) {
    const members = group.node.type === 'table' ? stringItems(group.node.entries.get('components')?.node) : [];
    for (const m of members) {
      if (fill) {
        const list = groupsByComponent.get(m.value);
        if (list) list.push(group.name);
        else groupsByComponent.set(m.value, [group.name]);
      }
      if (!components.map.has(m.value)) {
        diagnostics.push({
          file: group.file,
          span: m.span,
          severity: 'error',
          code: 'project-unknown-group-member',
          message: `Component group '${group.name}' lists '${m.value}', but no file of the project defines [components.${m.value}]; azldev fails to enumerate the group`,
          data: { name: m.value, group: group.name },
        });
      }
    }
  }
  const kept = { groups: groupUnion, components, groupsByComponent, diagnostics };
  memo.groups = kept;
  return kept;
}

/** Merged value of a distro field (later files win), with where it was written. */
export function distroField(model: ProjectModel, distro: string, key: string): { node: ModelNode; file: string; entry: ModelEntry } | undefined {
  let found: { node: ModelNode; file: string; entry: ModelEntry } | undefined;
  for (const d of model.distros.get(distro) ?? []) {
    const entry = d.node.type === 'table' ? d.node.entries.get(key) : undefined;
    if (entry) found = { node: entry.node, file: d.file, entry };
  }
  return found;
}

/** Names of a distro's versions across all its definitions. */
export function distroVersions(model: ProjectModel, distro: string): Map<string, { file: string; entry: ModelEntry }[]> {
  const out = new Map<string, { file: string; entry: ModelEntry }[]>();
  for (const d of model.distros.get(distro) ?? []) {
    const versions = d.node.type === 'table' ? d.node.entries.get('versions')?.node : undefined;
    for (const [v, entry] of tableEntries(versions)) {
      const list = out.get(v);
      if (list) list.push({ file: d.file, entry });
      else out.set(v, [{ file: d.file, entry }]);
    }
  }
  return out;
}

/** A `{ name, version }` distro reference: where it is written (for the message) and its table. */
interface DistroReference {
  where: () => string;
  table: ModelTable;
}

/** The `spec.upstream-distro` table of a component config, if it has one (no allocation when it has none: thousands of components). */
function upstreamDistroTable(node: ModelNode | undefined): ModelTable | undefined {
  if (node?.type !== 'table') return undefined;
  const spec = node.entries.get('spec')?.node;
  const ud = spec?.type === 'table' ? spec.entries.get('upstream-distro')?.node : undefined;
  return ud?.type === 'table' ? ud : undefined;
}

/** A component's own `spec.upstream-distro` reference, if it writes one (the closure only then: thousands of components). */
function componentReference(def: Definition): DistroReference | undefined {
  const ud = upstreamDistroTable(def.node);
  return ud ? { where: () => `components.${def.name}.spec.upstream-distro`, table: ud } : undefined;
}

/** The `project.default-distro` reference of a file, if it writes one. */
function projectReference(c: FileContribution): DistroReference | undefined {
  const project = c.sections.project?.entry.node;
  const dd = project?.type === 'table' ? project.entries.get('default-distro')?.node : undefined;
  return dd?.type === 'table' ? { where: () => 'project.default-distro', table: dd } : undefined;
}

/** The references of a file's component configs outside its components: groups' and distro versions' defaults, its own default. */
function defaultConfigReferences(c: FileContribution): DistroReference[] {
  const out: DistroReference[] = [];
  const visitComponentConfig = (node: ModelNode | undefined, where: () => string) => {
    const ud = upstreamDistroTable(node);
    if (ud) out.push({ where: () => `${where()}.spec.upstream-distro`, table: ud });
  };
  for (const def of c.unions['component-groups']) visitComponentConfig(def.node.type === 'table' ? def.node.entries.get('default-component-config')?.node : undefined, () => `component-groups.${def.name}.default-component-config`);
  visitComponentConfig(c.sections['default-component-config']?.entry.node, () => 'default-component-config');
  for (const d of c.distros) {
    const versions = d.node.type === 'table' ? d.node.entries.get('versions')?.node : undefined;
    for (const [v, e] of tableEntries(versions)) {
      visitComponentConfig(e.node.type === 'table' ? e.node.entries.get('default-component-config')?.node : undefined, () => `distros.${d.name}.versions.${v}.default-component-config`);
    }
  }
  return out;
}

/** Every `{ name, version }` distro reference written in a file, with the table it sits in, in the file's order of kinds. */
function distroReferences(c: FileContribution, components: readonly DistroReference[]): DistroReference[] {
  const project = projectReference(c);
  const out: DistroReference[] = project ? [project] : [];
  appendAll(out, components);
  appendAll(out, defaultConfigReferences(c));
  return out;
}

/** A file's references as last found: the components' kept per definition (scanFile), the rest while what they are read from is the same. */
interface FileReferences {
  components: FileScan<DistroReference>;
  groups: Definition[];
  distros: Definition[];
  project: FileSection | undefined;
  defaults: FileSection | undefined;
  refs: DistroReference[];
  /** The findings of `refs` as judged against the distros then (a new entry, without them, when the references are found again). */
  findings?: { distros: Map<string, Definition[]>; diagnostics: CoreDiagnostic[] };
}

/**
 * A file's distro references, found again only where what they are read from changed: its component definitions
 * (`components`, the caller's scanFile of them, one by one: a keystroke in a 7,400-component file looks at the
 * components it changed), and its group and
 * distro definitions and its project and default-config sections (their identity stands for their content: a
 * parse makes new ones for what changed, see fileContribution).
 */
function keptDistroReferences(c: FileContribution, components: FileScan<DistroReference>, memo: OverlapMemo): DistroReference[] {
  const byFile = (memo.references ??= new Map());
  const hit = byFile.get(c.file);
  const groups = c.unions['component-groups'];
  const project = c.sections.project;
  const defaults = c.sections['default-component-config'];
  if (hit && hit.components === components && hit.groups === groups && hit.distros === c.distros && hit.project === project && hit.defaults === defaults) return hit.refs;
  const refs = distroReferences(c, components.hits.map((h) => h.value));
  byFile.set(c.file, { components, groups, distros: c.distros, project, defaults, refs });
  return refs;
}

function* distroReferenceDiagnosticSteps(model: ProjectModel, memo: OverlapMemo): Generator<void, CoreDiagnostic[], void> {
  const out: CoreDiagnostic[] = [];
  let read = 0;
  for (const c of model.contributions.values()) {
    const seen = memo.references?.get(c.file);
    const list = c.unions.components;
    // Each file's components as last scanned when its list is the same (no generator per file on a keystroke);
    // else scanned again, in steps (a file of thousands of components).
    const components = seen && seen.components.list === list ? seen.components : yield* scanFileSteps(seen?.components, list, componentReference);
    appendAll(out, keptReferenceFindings(c, components, model, memo));
    // A step once the references found again (not kept) add up to enough definitions.
    if (memo.references?.get(c.file) !== seen && (read += list.length) >= DEFINITIONS_PER_STEP) {
      read = 0;
      yield;
    }
  }
  appendAll(out, defaultVersionDiagnostics(model));
  return out;
}

/** A file's distro-reference findings, judged again only when its references were found again or the distros are other objects. */
function keptReferenceFindings(c: FileContribution, components: FileScan<DistroReference>, model: ProjectModel, memo: OverlapMemo): CoreDiagnostic[] {
  const refs = keptDistroReferences(c, components, memo);
  const kept = memo.references?.get(c.file);
  if (kept?.findings && kept.findings.distros === model.distros) return kept.findings.diagnostics;
  const diagnostics = referenceFindings(c.file, refs, model);
  if (kept) kept.findings = { distros: model.distros, diagnostics };
  return diagnostics;
}

/** The references of one file that name a distro or version the project does not define. */
function referenceFindings(file: string, refs: readonly DistroReference[], model: ProjectModel): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  if (!refs.length) return out;
  const names = [...model.distros.keys()];
  for (const ref of refs) {
    const name = stringValue(ref.table.entries.get('name')?.node);
    if (!name || !name.value) continue;
    if (!model.distros.has(name.value)) {
      out.push({
        file,
        span: name.span,
        severity: 'error',
        code: 'project-unknown-distro',
        message: `${ref.where()} names distro '${name.value}', which the project does not define${names.length ? ` (defined: ${names.join(', ')})` : ''}`,
        data: { name: name.value, candidates: names },
      });
      continue;
    }
    const version = stringValue(ref.table.entries.get('version')?.node);
    const versions = distroVersions(model, name.value);
    if (version && version.value && !versions.has(version.value)) {
      out.push({
        file,
        span: version.span,
        severity: 'error',
        code: 'project-unknown-distro-version',
        message: `${ref.where()}: distro '${name.value}' has no version '${version.value}' (versions: ${[...versions.keys()].join(', ') || 'none'})`,
        data: { name: version.value, candidates: [...versions.keys()] },
      });
    }
  }
  return out;
}

/** A distro's `default-version` that names none of its versions. */
function defaultVersionDiagnostics(model: ProjectModel): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  for (const [name] of model.distros) {
    const dv = distroField(model, name, 'default-version');
    const v = stringValue(dv?.node);
    if (dv && v && v.value && !distroVersions(model, name).has(v.value)) {
      out.push({
        file: dv.file,
        span: v.span,
        severity: 'error',
        code: 'project-unknown-distro-version',
        message: `distros.${name}.default-version is '${v.value}', but distro '${name}' has no such version (versions: ${[...distroVersions(model, name).keys()].join(', ') || 'none'})`,
        data: { name: v.value, candidates: [...distroVersions(model, name).keys()] },
      });
    }
  }
  return out;
}

/** Loads the project whose root file is `rootFile`, walking its includes through the cache. */
export function loadProject(cache: DocumentCache, rootFile: string): ProjectModel {
  const walk = walkIncludes(cache, rootFile);
  const contributions: FileContribution[] = [];
  for (const f of walk.files) {
    const entry = cache.get(f.path);
    if (entry) contributions.push(fileContribution(f.path, entry.doc));
  }
  return mergeProject(path.dirname(rootFile), path.resolve(rootFile), walk.files, contributions, walk.diagnostics);
}
