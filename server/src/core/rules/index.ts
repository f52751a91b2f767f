// The rule engine: azldev's load-time validation beyond the JSON schema, run on one parsed file. Pure: reads
// the semantic model and the file system, never throws on any shape, returns plain diagnostics.
import * as nodePath from 'node:path';
import type { CoreDiagnostic } from '../diagnostics';
import type { FileSystem } from '../fs';
import type { ModelEntry, ModelNode, ModelTable, TomlDocument } from '../toml';
import { updatedInMapOrder } from '../orderedMap';
import { JOURNAL_CHANGES, entriesChangedSince, entriesMark, type EntriesMark } from '../toml/entriesJournal';
import { isStatementTable, itemEditCount, layoutEditCount, layoutEditSerial, stringValueOf } from '../toml';
import { checkArchiveOverlays } from './archiveOverlays';
import { checkBuildConfig } from './buildConfig';
import { componentConfigSites, componentSiteOf, overlaysOf, type ComponentConfigSite } from './componentConfigs';
import { DiagnosticSink } from './diagnosticSink';
import { asInheritedDefaults } from './inheritedDefaults';
import { checkMetadata } from './metadata';
import { childTable, namedTables } from './modelValues';
import { checkOverlayFile } from './overlayFile';
import { checkOverlay } from './overlays';
import { checkPackageGroups } from './packageGroups';
import { checkConfigPaths, checkOverlayFilePaths } from './paths';
import { checkOtherPublishChannels, checkSitePublishChannels } from './publishChannels';
import { checkResources } from './resources';
import { checkSourceFiles } from './sourceFiles';
import { checkSpecSource } from './specSource';
import { checkTestSuites } from './testSuites';
import { checkComponentName } from './writeTargets';

export interface RuleContext {
  /** Absolute path of the file. */
  file: string;
  doc: TomlDocument;
  kind: 'config' | 'overlay-file';
  fs: FileSystem;
  /** The project root, when the file is in a project: paths it names are read only below it. */
  projectRoot?: string;
  /** What earlier runs found, to reuse where their input is unchanged (see createRuleMemo); none: run afresh. */
  memo?: RuleMemo;
}

/** The findings of earlier runs, by file; one per language service. */
export interface RuleMemo {
  packageGroups: Map<string, { lists: GroupLists; found: GroupDiagnostic[] }>;
  /**
   * Each file's component sites of the last run with their findings, in order (see runSites); `spare`, the list of
   * the run before, which nothing reads any more: the next run writes its records into it.
   */
  sites: Map<string, SitesRun>;
}

/** A file's last run of the site checks (see runSites). */
interface SitesRun {
  layoutSerial: number;
  root: ModelTable;
  records: SiteRecord[];
  spare: SiteRecord[] | undefined;
  /**
   * The `components` map the run checked, where its journal stood then (entriesJournal.ts), and the records of its
   * components that had findings, by name in the map's order: the next run checks the components whose entries
   * changed since and takes the others' findings from here. Only when every component was a statement's table.
   */
  components: { map: Map<string, ModelEntry>; mark: EntriesMark; found: Map<string, SiteRecord> } | undefined;
}

export function createRuleMemo(): RuleMemo {
  return { packageGroups: new Map(), sites: new Map() };
}

/** A component site of the last run: whether its table was a statement's own, and its findings with where the table stood. */
interface SiteRecord {
  site: ComponentConfigSite;
  statement: boolean;
  at: number;
  layout: number;
  found: CoreDiagnostic[] | undefined;
}

export function runRules(ctx: RuleContext): CoreDiagnostic[] {
  const sink = new DiagnosticSink(ctx.file);
  const root = ctx.doc.root;
  const paths = { sink, fs: ctx.fs, dir: nodePath.dirname(ctx.file), projectRoot: ctx.projectRoot };

  if (ctx.kind === 'overlay-file') {
    checkOverlayFile(sink, root);
    checkOverlayFilePaths(paths, root);
    return sink.diagnostics;
  }

  const sites = componentConfigSites(root, ctx.memo !== undefined);
  if (ctx.memo) runSites(sink, ctx, root, sites);
  // A one-shot run (no memo: the CLI's check) checks each site once and keeps nothing for a next run.
  else for (const site of sites) checkSite(sink, site);
  for (const { table } of namedTables(childTable(root, 'component-groups'))) {
    const metadata = childTable(table, 'metadata');
    if (metadata) checkMetadata(sink, metadata);
  }
  if (ctx.memo) for (const d of packageGroupDiagnostics(ctx.memo, ctx.file, root)) sink.diagnostics.push(d);
  else checkPackageGroups(sink, root);
  checkOtherPublishChannels(sink, root);
  checkResources(sink, root);
  checkTestSuites(sink, root);
  checkConfigPaths(paths, root);
  return sink.diagnostics;
}

/** The site checks of a file, each `[components.NAME]` statement's findings kept for the next run and reused while it is unchanged. */
function runSites(sink: DiagnosticSink, ctx: RuleContext, root: ModelTable, sites: ComponentConfigSite[]): void {
  const last = ctx.memo?.sites.get(ctx.file);
  const serial = layoutEditSerial();
  const componentsMap = childTable(root, 'components')?.entries;
  if (last?.components && last.components.map === componentsMap && last.layoutSerial === serial && sitesThroughJournal(sink, ctx, root, sites, last, last.components)) return;
  const foundByName = componentsMap ? new Map<string, SiteRecord>() : undefined;
  let allStatements = componentsMap !== undefined;
  // The last run's record for a site is looked for at the same place from the head, and from the tail once the
  // lists differed: the same site object is the same table, name and key, so its statement-ness is known and,
  // while no layout edit was counted anywhere, its layout count too. Only the others cost weak-map lookups. The same
  // root as last time is a model changed in place (an edit inside an array renews its statement's table, and the
  // sites kept with the root still hold the old one, no longer a statement's): then statement-ness is asked again.
  const lastRecords = last?.records ?? [];
  const inPlace = last?.root === root;
  const shift = lastRecords.length - sites.length;
  const layoutMoved = last === undefined || last.layoutSerial !== serial;
  const unmoved = !inPlace && !layoutMoved;
  // Written into the list of the run before last (a new list of 7,400 records a keystroke lived until the next
  // one, so the scavenges in between found it alive and promoted it).
  const records: SiteRecord[] = last?.spare ?? new Array(sites.length);
  records.length = sites.length;
  let head = true;
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i] as ComponentConfigSite;
    let candidate = head ? lastRecords[i] : lastRecords[i + shift];
    if (head && candidate?.site !== site) {
      head = false;
      candidate = lastRecords[i + shift];
    }
    const known = candidate?.site === site ? candidate : undefined;
    // The common case in the fewest steps (the first keystrokes after an open run this loop unoptimized, 7,400 times):
    // a statement unchanged since the last run, with no finding, and no layout edit counted since. What the general
    // path below does for it.
    if (known !== undefined && unmoved && known.statement && known.found !== undefined && known.found.length === 0) {
      records[i] = known;
      continue;
    }
    const statement = known && !inPlace ? known.statement : site.kind === 'component' && isStatementTable(site.table);
    if (!statement) {
      if (site.kind === 'component') allStatements = false;
      checkSite(sink, site);
      records[i] = { site, statement, at: 0, layout: 0, found: undefined };
      continue;
    }
    // A `[components.NAME]` statement unchanged since the last run: its findings, moved with it.
    const table = site.table;
    const layout = known && !layoutMoved ? known.layout : layoutEditCount(table);
    const hit = known?.found ? known : siteFindings.get(table);
    if (hit?.found && (hit === known || (hit as { file?: string }).file === ctx.file) && hit.layout === layout) {
      const found = hit.found;
      pushMoved(sink, found, table.span.start - hit.at);
      const record = hit === known ? known : { site, statement, at: hit.at, layout, found: hit.found };
      records[i] = record;
      if (found.length && site.kind === 'component') foundByName?.set(site.name as string, record);
      continue;
    }
    const record = checkedRecord(ctx.file, site, layout, sink);
    records[i] = record;
    if (record.found.length && site.kind === 'component') foundByName?.set(site.name as string, record);
  }
  const components = componentsMap && foundByName && allStatements ? { map: componentsMap, mark: entriesMark(componentsMap), found: foundByName } : undefined;
  ctx.memo?.sites.set(ctx.file, { layoutSerial: serial, root, records, spare: last?.records, components });
}

/** Findings as they were found at a table's old place, moved by `delta` with it (copies: kept findings are never changed). */
function pushMoved(sink: DiagnosticSink, found: readonly CoreDiagnostic[], delta: number): void {
  // By index: most components have no finding, and the first keystrokes run this unoptimized, where a for-of over the
  // empty list made an iterator for each of 7,400 components.
  for (let j = 0; j < found.length; j++) {
    const d = found[j] as CoreDiagnostic;
    sink.diagnostics.push({ ...d, span: { start: d.span.start + delta, end: d.span.end + delta } });
  }
}

/** A statement site's record: its findings kept with its table while its layout count is the same, else checked afresh. */
function statementRecord(file: string, site: ComponentConfigSite): SiteRecord & { found: CoreDiagnostic[] } {
  const layout = layoutEditCount(site.table);
  const hit = siteFindings.get(site.table);
  return hit && hit.file === file && hit.layout === layout ? { site, statement: true, at: hit.at, layout, found: hit.found } : checkedRecord(file, site, layout);
}

/**
 * A statement site checked afresh: its findings go to `into` when given, and copies are kept with its table for the
 * next run, with where the table stood.
 */
function checkedRecord(file: string, site: ComponentConfigSite, layout: number, into?: DiagnosticSink): SiteRecord & { found: CoreDiagnostic[] } {
  const table = site.table;
  const sink = into ?? new DiagnosticSink(file);
  const before = sink.diagnostics.length;
  checkSite(sink, site);
  const found = sink.diagnostics.slice(before).map((d) => ({ ...d, span: { start: d.span.start, end: d.span.end } }));
  siteFindings.set(table, { file, at: table.span.start, layout, found });
  return { site, statement: true, at: table.span.start, layout, found };
}

/**
 * runSites for the same `components` map as the last run, changed in place since at the entries its journal names
 * (entriesJournal.ts): those components are checked (or their findings kept with their tables taken), the others'
 * findings are the last run's, moved with their tables, and the default-component-config sites after them are
 * checked as runSites does. False, with nothing written, when the journal cannot tell, a changed component is not a
 * statement's table, or more than JOURNAL_CHANGES components would have findings to put in the map's order.
 */
function sitesThroughJournal(sink: DiagnosticSink, ctx: RuleContext, root: ModelTable, sites: ComponentConfigSite[], last: SitesRun, components: NonNullable<SitesRun['components']>): boolean {
  const map = components.map;
  const changed = entriesChangedSince(map, components.mark);
  if (!changed || changed.length > JOURNAL_CHANGES) return false;
  const updates: [string, SiteRecord | undefined][] = [];
  for (const name of changed) {
    const entry = map.get(name);
    if (!entry) {
      updates.push([name, undefined]);
      continue;
    }
    const table = entry.node;
    if (table.type !== 'table' || !isStatementTable(table)) return false;
    const record = statementRecord(ctx.file, componentSiteOf(table, name, entry.keySpan));
    updates.push([name, record.found.length ? record : undefined]);
  }
  const found = updatedInMapOrder(map, components.found, updates, JOURNAL_CHANGES);
  if (!found) return false;
  components.found = found;
  for (const record of found.values()) pushMoved(sink, record.found as CoreDiagnostic[], record.site.table.span.start - record.at);
  // The default-component-config sites, after the components: a few, checked as runSites checks them.
  let first = sites.length;
  while (first > 0 && (sites[first - 1] as ComponentConfigSite).kind !== 'component') first--;
  for (let i = first; i < sites.length; i++) {
    const site = sites[i] as ComponentConfigSite;
    if (!isStatementTable(site.table)) {
      checkSite(sink, site);
      continue;
    }
    const record = statementRecord(ctx.file, site);
    pushMoved(sink, record.found, site.table.span.start - record.at);
  }
  // The records walked by the next full run are the last full run's (fewer found at their place); the root is this
  // run's, so that a model changed in place after it is known as such (runSites' `inPlace`).
  last.root = root;
  components.mark = entriesMark(map);
  return true;
}

/** The checks of one component-config site: pure functions of its table (and its name, key and kind). */
function checkSite(sink: DiagnosticSink, site: ComponentConfigSite): void {
  if (site.kind === 'component' && site.name !== undefined && site.keySpan) checkComponentName(sink, site.name, site.keySpan);
  checkSitePublishChannels(sink, site);
  // Most sites have no overlays: skip building their (empty) overlay list.
  if (site.table.entries.has('overlays')) {
    const target = site.kind === 'component' ? sink : new DiagnosticSink(sink.file);
    for (const { table, where } of overlaysOf(site)) checkOverlay(target, table, { inOverlayFile: false, where });
    if (target !== sink) sink.diagnostics.push(...asInheritedDefaults(target.diagnostics));
  }
  checkBuildConfig(sink, site);
  checkSourceFiles(sink, site);
  checkSpecSource(sink, site);
  checkArchiveOverlays(sink, site);
}

/**
 * The site findings of each `[components.NAME]` statement table (modelBuilder.ts keeps the table while the
 * statement is unchanged), with where the table stood: the statement moves as one piece, so its findings move
 * by the same amount (unless an edit inside one of its arrays moved what follows: `layoutEditCount`). Its checks
 * read only the table, so its identity stands for their input.
 */
const siteFindings = new WeakMap<ModelTable, { file: string; at: number; layout: number; found: CoreDiagnostic[] }>();

/**
 * What checkPackageGroups reads: each package-group table's name and its `packages` items (when an array),
 * with how many times that list was edited in place (an edit inside the array keeps the list object).
 */
type GroupLists = { name: string; items: readonly ModelNode[] | undefined; edits: number }[];

function groupLists(root: ModelTable): GroupLists {
  return namedTables(childTable(root, 'package-groups')).map(({ name, table }) => {
    const node = table.entries.get('packages')?.node;
    const items = node?.type === 'array' ? node.items : undefined;
    return { name, items, edits: items ? itemEditCount(items) : 0 };
  });
}

function sameLists(a: GroupLists, b: GroupLists): boolean {
  if (a.length !== b.length) return false;
  for (let g = 0; g < a.length; g++) {
    const x = a[g] as GroupLists[number];
    const y = b[g] as GroupLists[number];
    if (x.name !== y.name || (x.items === undefined) !== (y.items === undefined)) return false;
    // The same list object edited in place since: its old items are gone, so it counts as changed.
    if (x.items === y.items) {
      if (x.edits !== y.edits) return false;
      continue;
    }
    if (!x.items || !y.items) continue;
    if (x.items.length !== y.items.length) return false;
    for (let i = 0; i < x.items.length; i++) if (stringValueOf(x.items[i]) !== stringValueOf(y.items[i])) return false;
  }
  return true;
}

/** A package-group diagnostic, with the group and item it points at so that it can follow them. */
type GroupDiagnostic = { diagnostic: CoreDiagnostic; group: number; item: number };

/**
 * checkPackageGroups, reused while the file's groups list the same strings: its findings depend on
 * nothing else, and a big list (sdk.packages.toml has 17,000) costs milliseconds per keystroke. A reused
 * finding takes its span from the current item, as a fresh run would.
 */
function packageGroupDiagnostics(ruleMemo: RuleMemo, file: string, root: ModelTable): CoreDiagnostic[] {
  const groupMemo = ruleMemo.packageGroups;
  const lists = groupLists(root);
  const memo = groupMemo.get(file);
  let found: GroupDiagnostic[];
  if (memo && sameLists(memo.lists, lists)) {
    found = memo.found;
  } else {
    const sink = new DiagnosticSink(file);
    checkPackageGroups(sink, root);
    // Each finding is on one item's span: find which, to move it with the item later.
    const at = new Map<number, [number, number]>();
    if (sink.diagnostics.length) {
      lists.forEach(({ items }, g) => items?.forEach((item, i) => at.set(item.span.start, [g, i])));
    }
    found = [];
    for (const diagnostic of sink.diagnostics) {
      const where = at.get(diagnostic.span.start);
      // A finding on no item could not follow an edit: keep nothing to reuse.
      if (!where) {
        groupMemo.delete(file);
        return sink.diagnostics;
      }
      found.push({ diagnostic, group: where[0], item: where[1] });
    }
  }
  groupMemo.set(file, { lists, found });
  return found.map(({ diagnostic, group, item }) => {
    const node = lists[group]?.items?.[item] as ModelNode;
    return { ...diagnostic, span: { start: node.span.start, end: node.span.end } };
  });
}
