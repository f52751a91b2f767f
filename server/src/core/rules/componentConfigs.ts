// Finds every component-config table in a config file: the components themselves and the three places a
// `default-component-config` can sit. azldev validates them at different moments, so each carries its kind.
import type { Span } from '../diagnostics';
import { keysInOrder, spliceAtKeys } from '../orderedMap';
import type { ModelEntry, ModelTable } from '../toml';
import { JOURNAL_CHANGES, entriesChangedSince, entriesMark, type EntriesMark } from '../toml/entriesJournal';
import { childArray, childTable, namedTables, tablesOf } from './modelValues';

export type ComponentConfigKind = 'component' | 'project-default' | 'group-default' | 'distro-default';

export interface ComponentConfigSite {
  kind: ComponentConfigKind;
  table: ModelTable;
  /** How messages name it: "component `curl`", "the default-component-config of component group `x`". */
  label: string;
  /** The component name, for `component` sites. */
  name?: string;
  /** The key that names the component, for `component` sites. */
  keySpan?: Span;
}

/** A component's site; its label is only built when a message needs it (7,000 components, few messages). */
class ComponentSite implements ComponentConfigSite {
  readonly kind = 'component' as const;
  constructor(
    readonly table: ModelTable,
    readonly name: string,
    /** The key that names the component (`foo` in `[components.foo]`). */
    readonly keySpan: Span,
  ) {}
  get label(): string {
    return `component \`${this.name}\``;
  }
}

/** A file's sites, and those of them that name a path or have overlays (sitesWithPathsOrOverlays). */
interface FileSites {
  sites: ComponentConfigSite[];
  withPaths: ComponentConfigSite[];
}

/** Sites by document root: the rules, paths, publish-channel and lint passes all walk the same list. */
const sitesByRoot = new WeakMap<ModelTable, FileSites>();

function sitesOf(root: ModelTable, forEdits = false): FileSites {
  let hit = sitesByRoot.get(root);
  if (!hit) sitesByRoot.set(root, (hit = computeSites(root, forEdits)));
  return hit;
}

/**
 * The component-config sites of a document. `forEdits`: the caller checks this document again after edits (the
 * language service's rules, with a memo), so the list keeps what the next version's list needs to follow the
 * `components` map's journal; a one-shot check (the CLI) keeps nothing.
 */
export function componentConfigSites(root: ModelTable, forEdits = false): ComponentConfigSite[] {
  return sitesOf(root, forEdits).sites;
}

/**
 * The sites that name a path or have overlays (`overlay-files`, `spec` or `overlays` in their table), in the order of
 * componentConfigSites: all the path checks and the overlay lints look at. Found in the same pass as the sites, so a
 * keystroke in components.toml, where few of the 7,400 components have any, walks the whole list once instead of
 * once per check; the first keystrokes after an open run these loops unoptimized.
 */
export function sitesWithPathsOrOverlays(root: ModelTable): ComponentConfigSite[] {
  return sitesOf(root).withPaths;
}

const namesPathsOrOverlays = (table: ModelTable): boolean => {
  const entries = table.entries;
  // (Most of components.toml's components are a bare header: no look-up for them.)
  return entries.size > 0 && (entries.has('overlay-files') || entries.has('spec') || entries.has('overlays'));
};

/**
 * Each component table's site, kept while the table is (a `[components.NAME]` statement's table keeps its identity
 * across edits, modelBuilder.ts): a keystroke in components.toml does not make 7,400 sites again.
 */
const componentSites = new WeakMap<ModelTable, ComponentSite>();

/**
 * The component sites of the last computed list, looked at first (at the same place from the head, from the tail
 * once the lists differed) before the weak map: a keystroke in one big file finds its 7,400 sites there.
 */
let lastComponentSites: ComponentConfigSite[] = [];
/** How many of them are component sites (the defaults follow them). */
let lastComponentCount = 0;
/**
 * The `components` map the last list was computed from, and the list computed before it from the same map. A map
 * patched in place (modelBuilder.ts: a header typed in components.toml) is shared by every root of the document's
 * versions since, which all see it as it is now: the next list for it is written into that earlier one, which can
 * only be stale, instead of a new list of 7,400 sites a keystroke (it lived until the next one, so the scavenges in
 * between found it alive and promoted it).
 */
let lastMap: Map<string, unknown> | undefined;
let spareSites: ComponentConfigSite[] | undefined;
let spareMap: Map<string, unknown> | undefined;
/**
 * For a keystroke through the map's journal (sitesThroughJournal): the names of the last list's component sites, in
 * its order (kept only when every entry of the map is a table, so that a site stands where its entry does, and only
 * for a caller that edits: a one-shot check makes none), where the map's journal stood then, and the list's
 * component sites that name paths or have overlays.
 */
let lastNames: string[] | undefined;
let lastMark: EntriesMark | undefined;
let lastWithPaths: ComponentConfigSite[] = [];

/** The site of a component's entry: the one kept for its table when its name and key are the same. */
export function componentSiteOf(table: ModelTable, name: string, keySpan: Span): ComponentSite {
  let site = componentSites.get(table);
  if (!site || site.name !== name || site.keySpan !== keySpan) {
    site = new ComponentSite(table, name, keySpan);
    componentSites.set(table, site);
  }
  return site;
}

/**
 * The last list of the same `components` map, changed in place at the entries its journal names (entriesJournal.ts):
 * the changed names' sites taken out, and the sites of those still in the map put at the places the map gives them
 * (native searches and splices, where walking 7,400 entries ran in code the JIT had not optimised yet in the first
 * keystrokes after an open). Undefined, with nothing changed, when the journal cannot tell or an entry is no table.
 */
function sitesThroughJournal(map: Map<string, ModelEntry>, names: string[]): { sites: ComponentConfigSite[]; withPaths: ComponentConfigSite[] } | undefined {
  const mark = lastMark;
  if (!mark || map !== lastMap) return undefined;
  const changed = entriesChangedSince(map, mark);
  if (!changed || changed.length > JOURNAL_CHANGES) return undefined;
  const placed = new Map<string, ComponentSite>();
  for (const name of changed) {
    const entry = map.get(name);
    if (!entry) continue;
    if (entry.node.type !== 'table') return undefined;
    placed.set(name, componentSiteOf(entry.node, name, entry.keySpan));
  }
  const gone = new Set(changed);
  const withPaths = lastWithPaths.filter((site) => !gone.has(site.name as string));
  const withPathsPlaced = [...placed.values()].filter((site) => namesPathsOrOverlays(site.table));
  if (withPathsPlaced.length && withPaths.length + withPathsPlaced.length > JOURNAL_CHANGES) return undefined;
  // Changed in place from here on: the list (and its names) of the last run, which the roots before share.
  const sites = lastComponentSites;
  sites.length = lastComponentCount;
  spliceAtKeys(map, names, sites, changed, placed);
  // Where each site with paths stands in the map (a few: components.toml's have none).
  if (withPathsPlaced.length) {
    const keys = keysInOrder(map);
    withPaths.push(...withPathsPlaced);
    withPaths.sort((a, b) => keys.indexOf(a.name as string) - keys.indexOf(b.name as string));
  }
  lastComponentCount = sites.length;
  lastWithPaths = withPaths;
  lastMark = entriesMark(map);
  if (names.length !== map.size) {
    // Not where the map stands (cannot happen while every change is noted): the next list walks the map.
    lastNames = undefined;
    lastMark = undefined;
  }
  return { sites, withPaths: [...withPaths] };
}

function computeSites(root: ModelTable, forEdits: boolean): FileSites {
  const components = childTable(root, 'components');
  const map = components?.entries;
  const journal = map && lastNames ? sitesThroughJournal(map, lastNames) : undefined;
  if (journal) return withDefaults(root, journal.sites, lastComponentCount, journal.withPaths);
  const last = lastComponentSites;
  const size = map?.size ?? 0;
  // Made at its size, the defaults pushed after the components: lists of 7,400 grown by push were a third of a MB
  // per keystroke, and a copy of the list to append the defaults another 60 KB.
  const spare = map && map === lastMap && map === spareMap ? spareSites : undefined;
  const sites = spare ?? new Array<ComponentConfigSite>(size);
  if (spare) spare.length = size;
  let count = 0;
  const shift = lastComponentCount - size;
  let head = true;
  const withPaths: ComponentConfigSite[] = [];
  const names = forEdits && map ? new Array<string>(size) : undefined;
  let allTables = true;
  components?.entries.forEach((entry, name) => {
    const table = entry.node;
    if (table.type !== 'table') {
      allTables = false;
      return;
    }
    const i = count;
    let site = head && i < lastComponentCount ? (last[i] as ComponentSite) : undefined;
    if (!site || site.table !== table) {
      head = false;
      site = last[i + shift] as ComponentSite | undefined;
    }
    if (!site || site.table !== table) site = componentSites.get(table);
    if (!site || site.name !== name || site.keySpan !== entry.keySpan) {
      site = new ComponentSite(table, name, entry.keySpan);
      componentSites.set(table, site);
    }
    if (names) names[count] = name;
    sites[count++] = site;
    if (namesPathsOrOverlays(table)) withPaths.push(site);
  });
  if (count < size) sites.length = count;
  if (count) {
    spareSites = lastComponentSites;
    spareMap = lastMap;
    lastComponentSites = sites;
    lastComponentCount = count;
    lastMap = map;
    lastNames = allTables ? names : undefined;
    lastMark = map && allTables ? entriesMark(map) : undefined;
    lastWithPaths = [...withPaths];
  }
  return withDefaults(root, sites, count, withPaths);
}

/** The list's default-component-config sites, after its `count` component sites; and which of them name paths. */
function withDefaults(root: ModelTable, sites: ComponentConfigSite[], count: number, withPaths: ComponentConfigSite[]): FileSites {
  const projectDefault = childTable(root, 'default-component-config');
  if (projectDefault) sites.push({ kind: 'project-default', table: projectDefault, label: 'the project default-component-config' });
  for (const { name, table } of namedTables(childTable(root, 'component-groups'))) {
    const dcc = childTable(table, 'default-component-config');
    if (dcc) sites.push({ kind: 'group-default', table: dcc, label: `the default-component-config of component group \`${name}\`` });
  }
  for (const { name: distro, table } of namedTables(childTable(root, 'distros'))) {
    for (const { name: version, table: v } of namedTables(childTable(table, 'versions'))) {
      const dcc = childTable(v, 'default-component-config');
      if (dcc) {
        sites.push({
          kind: 'distro-default',
          table: dcc,
          label: `the default-component-config of distro \`${distro}\` version \`${version}\``,
        });
      }
    }
  }
  for (let i = count; i < sites.length; i++) {
    const site = sites[i] as ComponentConfigSite;
    if (namesPathsOrOverlays(site.table)) withPaths.push(site);
  }
  return { sites, withPaths };
}

export interface OverlaySite {
  table: ModelTable;
  /** "overlay 2 of component `curl`". */
  where: string;
}

/** The overlay tables of a component-config site: `[[...overlays]]` or `overlays = [{...}]`. */
export function overlaysOf(site: ComponentConfigSite): OverlaySite[] {
  return tablesOf(childArray(site.table, 'overlays')).map(({ index, table }) => ({ table, where: `overlay ${index + 1} of ${site.label}` }));
}

/** The overlay written at `start` in a config file (a table of some site's overlays), with how the rules name it. */
export function overlayWrittenAt(root: ModelTable, start: number): OverlaySite | undefined {
  for (const site of componentConfigSites(root)) {
    if (!site.table.entries.has('overlays')) continue;
    for (const o of overlaysOf(site)) if (o.table.span.start === start) return o;
  }
  return undefined;
}
