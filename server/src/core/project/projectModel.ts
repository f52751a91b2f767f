// The project as azldev loads it (loader.go): the files the include tree reaches, in load order, and the
// union of what they define. Components, component groups, images, package groups and test suites are
// strict unions — a name defined twice is an error on both definitions; distros, `project`, `tools` and
// the project-level default configs merge field by field. Each file's contribution is computed once per
// parse, so an edit re-merges maps instead of re-reading the tree.
import * as path from 'node:path';
import type { CoreDiagnostic, RuleCode, Span } from '../diagnostics';
import type { DocumentCache } from '../documentCache';
import type { ModelEntry, ModelNode, ModelTable, TomlDocument } from '../toml';
import { itemEditCount } from '../toml';
import { distroResolutionDiagnostics } from './distroResolution';
import { imageTestSuiteDiagnostics } from './imageTestSuites';
import { walkIncludes, type IncludedFile } from './includes';
import { resourceReferenceDiagnostics } from './resourceReferences';
import { appendAll } from '../appendAll';

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

/** What one parsed file defines. Cached per parse. */
export function fileContribution(file: string, doc: TomlDocument): FileContribution {
  const hit = contributionCache.get(doc);
  if (hit && hit.file === file) return hit;
  const root = doc.root;
  const defs = (key: string): Definition[] => {
    const out: Definition[] = [];
    const node = root.entries.get(key)?.node;
    // forEach, not a copy of the entries: thousands of components, no [name, entry] pair each.
    if (node?.type === 'table') node.entries.forEach((e, name) => out.push({ name, file, keySpan: e.keySpan, definitionSpan: e.definitionSpan, node: e.node }));
    return out;
  };
  const unions = {} as Record<UnionKind, Definition[]>;
  for (const k of UNION_KINDS) unions[k] = defs(k);
  const sections: FileContribution['sections'] = {};
  for (const k of ['project', 'tools', 'default-component-config', 'default-package-config', 'resources'] as const) {
    const entry = root.entries.get(k);
    if (entry) sections[k] = { file, entry };
  }
  const contribution = { file, doc, unions, distros: defs('distros'), sections };
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

function rel(from: string, to: string): string {
  return path.relative(path.dirname(from), to) || path.basename(to);
}

/** Merges the contributions of the walked files into the project model and its cross-file diagnostics. */
export function mergeProject(
  root: string,
  rootFile: string,
  files: IncludedFile[],
  contributions: FileContribution[],
  walkDiagnostics: CoreDiagnostic[],
  /** Kept by the caller from one merge to the next, to reuse the package-group overlaps (none: compute afresh). */
  overlapMemo: OverlapMemo = {},
): ProjectModel {
  const unions = {} as Record<UnionKind, Map<string, Definition>>;
  for (const k of UNION_KINDS) unions[k] = new Map();
  const distros = new Map<string, Definition[]>();
  const sections: ProjectModel['sections'] = { project: [], tools: [], 'default-component-config': [], 'default-package-config': [], resources: [] };
  const diagnostics: CoreDiagnostic[] = [...walkDiagnostics];
  const byFile = new Map<string, FileContribution>();

  for (const c of contributions) {
    byFile.set(c.file, c);
    for (const k of UNION_KINDS) {
      const map = unions[k];
      for (const def of c.unions[k]) {
        const first = map.get(def.name);
        if (!first) {
          map.set(def.name, def);
          continue;
        }
        diagnostics.push(duplicateDiagnostic(k, def, first, 'is already defined in', 'is first defined here'));
        diagnostics.push(duplicateDiagnostic(k, first, def, 'is defined again in', 'is defined again here'));
      }
    }
    for (const d of c.distros) {
      const list = distros.get(d.name);
      if (list) list.push(d);
      else distros.set(d.name, [d]);
    }
    for (const [k, s] of Object.entries(c.sections) as [keyof ProjectModel['sections'], FileSection][]) sections[k].push(s);
  }

  const groupsByComponent = new Map<string, string[]>();
  for (const group of unions['component-groups'].values()) {
    const members = group.node.type === 'table' ? stringItems(group.node.entries.get('components')?.node) : [];
    for (const m of members) {
      const list = groupsByComponent.get(m.value);
      if (list) list.push(group.name);
      else groupsByComponent.set(m.value, [group.name]);
      if (!unions.components.has(m.value)) {
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

  appendAll(diagnostics, packageGroupOverlaps(unions['package-groups'], overlapMemo));
  const model: ProjectModel = { root, rootFile, files, contributions: byFile, unions, distros, sections, groupsByComponent, diagnostics };
  appendAll(diagnostics, distroReferenceDiagnostics(model));
  appendAll(diagnostics, distroResolutionDiagnostics(model));
  appendAll(diagnostics, resourceReferenceDiagnostics(model));
  appendAll(diagnostics, imageTestSuiteDiagnostics(model));
  return model;
}

const NO_ITEMS: readonly ModelNode[] = [];

/** The items of a package group's `packages` array (none when the group or the list is not of that shape). */
function packageItems(group: Definition): readonly ModelNode[] {
  if (group.node.type !== 'table') return NO_ITEMS;
  const node = group.node.entries.get('packages')?.node;
  return node?.type === 'array' ? node.items : NO_ITEMS;
}

function stringOf(node: ModelNode | undefined): string | undefined {
  return node?.type === 'scalar' && node.syntax.kind === 'string' ? node.syntax.value : undefined;
}

/** Whether two item lists have the same strings at the same places (other items are skipped alike). */
function sameStrings(a: readonly ModelNode[], b: readonly ModelNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (stringOf(a[i]) !== stringOf(b[i])) return false;
  return true;
}

/** A package listed twice: group and item index of the repeat, then of the first listing. */
type OverlapHit = [group: number, item: number, firstGroup: number, firstItem: number];

/** The package groups and the overlaps found among them last time; one per project service. */
export interface OverlapMemo {
  last?: { groups: { name: string; file: string; items: readonly ModelNode[] }[]; hits: OverlapHit[] };
}

/**
 * A binary package listed by two package groups: azldev cannot tell which group's config applies.
 * Tens of thousands of names: which items overlap is reused while every group lists the same strings
 * (an edit elsewhere in a group's file only moves them), and the diagnostics are rebuilt from the
 * current items so that their spans are current.
 */
function packageGroupOverlaps(groups: Map<string, Definition>, overlapMemo: OverlapMemo): CoreDiagnostic[] {
  const defs = [...groups.values()];
  const current = defs.map((g) => ({ name: g.name, file: g.file, items: packageItems(g) }));
  const memo = overlapMemo.last;
  const reusable =
    memo !== undefined &&
    memo.groups.length === current.length &&
    memo.groups.every((m, i) => {
      const c = current[i] as (typeof current)[number];
      return m.name === c.name && m.file === c.file && sameStrings(m.items, c.items);
    });
  const hits = reusable ? memo.hits : overlapHits(defs, current.map((c) => c.items));
  overlapMemo.last = { groups: current, hits };
  return hits.map(([g, i, fg, fi]) => {
    const group = defs[g] as Definition;
    const first = defs[fg] as Definition;
    const item = current[g]?.items[i] as ModelNode;
    const firstItem = current[fg]?.items[fi] as ModelNode;
    const value = stringOf(item) as string;
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

function overlapHits(defs: Definition[], items: (readonly ModelNode[])[]): OverlapHit[] {
  const out: OverlapHit[] = [];
  // Each name's first listing as one number, item * groups + group (no pair per name: tens of thousands).
  const n = Math.max(1, defs.length);
  const owner = new Map<string, number>();
  defs.forEach((group, g) => {
    const list = items[g] as readonly ModelNode[];
    for (let i = 0; i < list.length; i++) {
      const value = stringOf(list[i]);
      if (value === undefined) continue;
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

/** Every `{ name, version }` distro reference written in a file, with the table it sits in. */
function distroReferences(c: FileContribution): { where: string; table: ModelTable }[] {
  const out: { where: string; table: ModelTable }[] = [];
  const project = c.sections.project?.entry.node;
  const dd = project?.type === 'table' ? project.entries.get('default-distro')?.node : undefined;
  if (dd?.type === 'table') out.push({ where: 'project.default-distro', table: dd });
  const visitComponentConfig = (node: ModelNode | undefined, where: string) => {
    const spec = node?.type === 'table' ? node.entries.get('spec')?.node : undefined;
    const ud = spec?.type === 'table' ? spec.entries.get('upstream-distro')?.node : undefined;
    if (ud?.type === 'table') out.push({ where: `${where}.spec.upstream-distro`, table: ud });
  };
  for (const def of c.unions.components) visitComponentConfig(def.node, `components.${def.name}`);
  for (const def of c.unions['component-groups']) visitComponentConfig(def.node.type === 'table' ? def.node.entries.get('default-component-config')?.node : undefined, `component-groups.${def.name}.default-component-config`);
  visitComponentConfig(c.sections['default-component-config']?.entry.node, 'default-component-config');
  for (const d of c.distros) {
    const versions = d.node.type === 'table' ? d.node.entries.get('versions')?.node : undefined;
    for (const [v, e] of tableEntries(versions)) {
      visitComponentConfig(e.node.type === 'table' ? e.node.entries.get('default-component-config')?.node : undefined, `distros.${d.name}.versions.${v}.default-component-config`);
    }
  }
  return out;
}

function distroReferenceDiagnostics(model: ProjectModel): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const names = [...model.distros.keys()];
  for (const c of model.contributions.values()) {
    for (const ref of distroReferences(c)) {
      const name = stringValue(ref.table.entries.get('name')?.node);
      if (!name || !name.value) continue;
      if (!model.distros.has(name.value)) {
        out.push({
          file: c.file,
          span: name.span,
          severity: 'error',
          code: 'project-unknown-distro',
          message: `${ref.where} names distro '${name.value}', which the project does not define${names.length ? ` (defined: ${names.join(', ')})` : ''}`,
          data: { name: name.value, candidates: names },
        });
        continue;
      }
      const version = stringValue(ref.table.entries.get('version')?.node);
      const versions = distroVersions(model, name.value);
      if (version && version.value && !versions.has(version.value)) {
        out.push({
          file: c.file,
          span: version.span,
          severity: 'error',
          code: 'project-unknown-distro-version',
          message: `${ref.where}: distro '${name.value}' has no version '${version.value}' (versions: ${[...versions.keys()].join(', ') || 'none'})`,
          data: { name: version.value, candidates: [...versions.keys()] },
        });
      }
    }
  }
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
