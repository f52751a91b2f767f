// Archive overlays and their `source-files` entries pair up on the resolved component, as azldev's source
// preparation checks them (component.go ValidateArchiveOverlays, called by sourceprep.go before any overlay
// runs): an `origin.type = "overlay"` entry no archive-scoped overlay modifies, and an archive overlay with
// no such entry, each fail the component's prepare-sources, render and build — errors. Either half may come
// from any layer (distro, project and group defaults, the component) or from its overlay files, so the check
// runs on the project, with every finding where its half is written.
import type { CoreDiagnostic, Span } from '../diagnostics';
import { archiveOverlayTarget } from '../rules/archiveOverlays';
import { childArray, childTable, readArray, readString, stringItems, tablesOf } from '../rules/modelValues';
import type { ModelNode, ModelTable, TomlDocument } from '../toml';
import { defaultDistro } from './effectiveConfig';
import { everyHit, type ComponentScan } from './componentScan';
import { drain } from '../drain';
import { distroVersions, type Definition, type ProjectModel } from './projectModel';

export interface ArchivePairingInput {
  model: ProjectModel;
  /** The overlay files `patterns` load for a component written in `componentFile`, in azldev's order. */
  overlayFilesOf(componentFile: string, patterns: readonly string[]): string[];
  docOf(file: string): TomlDocument | undefined;
}

interface Half {
  name: string;
  file: string;
  span: Span;
}

interface LayerFacts {
  archives: Half[];
  origins: Half[];
  /** The layer's `overlay-files` patterns when it writes the key (an empty list clears inherited ones). */
  overlayFiles?: string[];
}

const NONE: LayerFacts = { archives: [], origins: [] };
const factsCache = new WeakMap<ModelTable, LayerFacts>();

function archivesOf(table: ModelTable | undefined, file: string): Half[] {
  const out: Half[] = [];
  for (const { table: overlay } of tablesOf(childArray(table, 'overlays'))) {
    const target = archiveOverlayTarget(overlay);
    if (target) out.push({ name: target.archive, file, span: target.span });
  }
  return out;
}

/** What one component-config table contributes to the pairing; once per parse of its file. */
function layerFacts(node: ModelNode | undefined, file: string): LayerFacts {
  if (node?.type !== 'table') return NONE;
  const hit = factsCache.get(node);
  if (hit) return hit;
  const origins: Half[] = [];
  for (const { table } of tablesOf(childArray(node, 'source-files'))) {
    const filename = readString(table, 'filename');
    const type = readString(childTable(table, 'origin'), 'type');
    if (filename.state === 'value' && filename.value !== '' && type.state === 'value' && type.value === 'overlay') origins.push({ name: filename.value, file, span: filename.span });
  }
  const facts: LayerFacts = { archives: archivesOf(node, file), origins };
  const patterns = readArray(node, 'overlay-files');
  if (patterns.state === 'value') facts.overlayFiles = stringItems(patterns.value).map((i) => i.value).filter((p) => p !== '');
  factsCache.set(node, facts);
  return facts;
}

const dccOf = (node: ModelNode | undefined) => (node?.type === 'table' ? node.entries.get('default-component-config')?.node : undefined);

interface Finding {
  code: Report['code'];
  half: Half;
  components: Definition[];
}

/** One half that does not pair up on one component. */
export interface Report {
  code: 'archive-overlay-origin-orphaned' | 'archive-overlay-origin-missing';
  half: Half;
}

/**
 * The findings of the pairing. With `scan` (kept by the caller from one call to the next), each component's reports
 * are kept while its definition is the same object and the layers it inherits are the same (the base layers'
 * facts, the groups by component): the caller must also drop the scan when an overlay document it read changed.
 */
export function archivePairingDiagnostics(input: ArchivePairingInput, scan?: ComponentScan<Report[]>): CoreDiagnostic[] {
  return drain(archivePairingDiagnosticSteps(input, scan));
}

/** archivePairingDiagnostics in steps (with a scan, the components looked at a few thousand a step: ComponentScan.hitsSteps). */
export function* archivePairingDiagnosticSteps(input: ArchivePairingInput, scan?: ComponentScan<Report[]>): Generator<void, CoreDiagnostic[], void> {
  const { model } = input;
  const base: LayerFacts[] = [];
  const distro = defaultDistro(model);
  const versionDefs = distro ? (distroVersions(model, distro.name).get(distro.version) ?? []) : [];
  const lastVersion = versionDefs[versionDefs.length - 1];
  if (lastVersion) base.push(layerFacts(dccOf(lastVersion.entry.node), lastVersion.file));
  for (const s of model.sections['default-component-config']) base.push(layerFacts(s.entry.node, s.file));

  const isEmpty = (l: LayerFacts) => l === NONE || (!l.archives.length && !l.origins.length && !l.overlayFiles?.length);
  const baseEmpty = base.every(isEmpty);
  const reportsOf = (def: Definition): Report[] | undefined => {
    const groups = model.groupsByComponent.get(def.name);
    // Most components: no layer says anything about archives (each table's facts are kept, see layerFacts).
    if (baseEmpty && !groups && isEmpty(layerFacts(def.node, def.file))) return undefined;
    const layers = [...base];
    if (groups) {
      for (const g of [...new Set(groups)].sort()) {
        const group = model.unions['component-groups'].get(g);
        if (group) layers.push(layerFacts(dccOf(group.node), group.file));
      }
    }
    layers.push(layerFacts(def.node, def.file));
    if (layers.every(isEmpty)) return undefined;

    const archives = layers.flatMap((l) => l.archives);
    const origins = layers.flatMap((l) => l.origins);
    let patterns: string[] = [];
    for (const l of layers) if (l.overlayFiles) patterns = l.overlayFiles;
    if (patterns.length) {
      for (const file of input.overlayFilesOf(def.file, patterns)) {
        const doc = input.docOf(file);
        if (doc) archives.push(...archivesOf(doc.root, file));
      }
    }

    const reports: Report[] = [];
    const modified = new Set(archives.map((a) => a.name));
    const originNames = new Set(origins.map((o) => o.name));
    for (const o of origins) if (!modified.has(o.name)) reports.push({ code: 'archive-overlay-origin-orphaned', half: o });
    const reported = new Set<string>();
    for (const a of archives) {
      if (originNames.has(a.name) || reported.has(a.name)) continue;
      reported.add(a.name);
      reports.push({ code: 'archive-overlay-origin-missing', half: a });
    }
    return reports.length ? reports : undefined;
  };

  // The groups by component are another map whenever the group union changed (projectModel.ts groupMembers).
  const hits = scan ? yield* scan.hitsSteps(model, [model.groupsByComponent, ...base], reportsOf) : everyHit(model, reportsOf);
  const found = new Map<string, Finding>();
  for (const { def, value } of hits) {
    for (const { code, half } of value) {
      const key = `${code}:${half.file}:${half.span.start}`;
      const hit = found.get(key);
      if (hit) hit.components.push(def);
      else found.set(key, { code, half, components: [def] });
    }
  }

  return [...found.values()].map(({ code, half, components }) => {
    const first = components[0] as Definition;
    const who = components.length === 1 ? `component \`${first.name}\`` : `${components.length} components (first \`${first.name}\`)`;
    const why =
      code === 'archive-overlay-origin-orphaned'
        ? `'source-files' entry for \`${half.name}\` has 'origin.type = overlay', but no archive-scoped overlay modifies that archive; ` +
          "add a matching archive overlay or remove the stale 'source-files' entry"
        : `archive overlay for \`${half.name}\` requires a matching 'source-files' entry with 'origin.type = overlay'; ` +
          "add the entry to the component TOML, then run 'prepare-sources --allow-no-hashes' to bootstrap its hash";
    return {
      file: half.file,
      span: half.span,
      severity: 'error',
      code,
      message: `invalid archive overlays for ${who}: ${why} (azldev's source preparation stops here).`,
      related: [{ file: first.file, span: first.keySpan, message: `\`${first.name}\` is defined here` }],
      data: { archive: half.name, components: components.map((c) => c.name) },
    } satisfies CoreDiagnostic;
  });
}
