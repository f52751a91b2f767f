// The distro every component is resolved against, checked the way azldev resolves it. Resolving any
// component starts with the project's default distro (env.go Distro: "no default distro selected in project
// config", then ResolveDistroRef: "no distro version selected in project config" when neither the reference
// nor the distro's `default-version` names a version); an upstream component then resolves its effective
// `spec.upstream-distro` (sourcemanager.go ResolveDistro), whose version may be inherited from any layer.
// Unknown distro and version names are projectModel.ts's business; this file reports what is missing.
import type { CoreDiagnostic, RelatedInformation, Span } from '../diagnostics';
import type { ModelEntry, ModelNode, ModelTable } from '../toml';
import { ComponentScan, everyHit } from './componentScan';
import { drain } from '../drain';
import { distroField, distroVersions, type Definition, type ProjectModel } from './projectModel';

interface Written {
  value: string;
  file: string;
  span: Span;
}

function table(node: ModelNode | undefined): ModelTable | undefined {
  return node?.type === 'table' ? node : undefined;
}

function written(t: ModelTable | undefined, key: string, file: string): Written | undefined {
  const node = t?.entries.get(key)?.node;
  return node?.type === 'scalar' && node.syntax.kind === 'string' && node.syntax.value !== '' ? { value: node.syntax.value, file, span: node.span } : undefined;
}

/** Where to point for a table that lacks a key: its header or braces, or the key that made it. */
function anchorOf(entry: ModelEntry): Span {
  const t = table(entry.node);
  return t && (t.origin === 'header' || t.origin === 'array-table' || t.origin === 'inline') ? t.span : entry.keySpan;
}

function firstLine(model: ProjectModel): Span {
  const text = model.contributions.get(model.rootFile)?.doc.syntax.text ?? '';
  const nl = text.indexOf('\n');
  return { start: 0, end: nl < 0 ? text.length : nl };
}

function versionNames(model: ProjectModel, distro: string): string {
  return [...distroVersions(model, distro).keys()].join(', ') || 'none';
}

function componentRelated(def: Definition, message: string): RelatedInformation {
  return { file: def.file, span: def.keySpan, message };
}

/** The project's default-distro as the merge leaves it (later files win field by field), with where each part was written. */
function projectDefaultDistro(model: ProjectModel) {
  let name: Written | undefined;
  let version: Written | undefined;
  let refEntry: { file: string; entry: ModelEntry } | undefined;
  let projectEntry: { file: string; entry: ModelEntry } | undefined;
  for (const s of model.sections.project) {
    projectEntry = { file: s.file, entry: s.entry };
    const ddEntry = table(s.entry.node)?.entries.get('default-distro');
    if (!ddEntry) continue;
    refEntry = { file: s.file, entry: ddEntry };
    name = written(table(ddEntry.node), 'name', s.file) ?? name;
    version = written(table(ddEntry.node), 'version', s.file) ?? version;
  }
  return { name, version, refEntry, projectEntry };
}

/** Each merge memo's per-component findings (see upstreamDistroDiagnostics). */
const scans = new WeakMap<object, ComponentScan<Written>>();

/**
 * The findings of resolving the project's components. With `memo` (an object the caller keeps from one merge to the
 * next, mergeProject's), each component's finding is kept while its definition and what it resolves against are the
 * same objects.
 */
export function distroResolutionDiagnostics(model: ProjectModel, memo?: object): CoreDiagnostic[] {
  return drain(distroResolutionDiagnosticSteps(model, memo));
}

/** distroResolutionDiagnostics in steps (the components looked at a few thousand a step: ComponentScan.hitsSteps). */
export function* distroResolutionDiagnosticSteps(model: ProjectModel, memo?: object): Generator<void, CoreDiagnostic[], void> {
  const first = model.unions.components.values().next().value;
  if (first === undefined) return [];
  const count = model.unions.components.size;
  const needs = `${count === 1 ? `component '${first.name}' is` : `all ${count} components are`} resolved against it`;
  const dd = projectDefaultDistro(model);

  if (!dd.name) {
    const at = dd.refEntry ?? dd.projectEntry;
    const defined = [...model.distros.keys()];
    return [
      {
        file: at?.file ?? model.rootFile,
        span: at ? anchorOf(at.entry) : firstLine(model),
        severity: 'error',
        code: 'project-no-default-distro',
        message:
          `no default distro selected in project config: set \`default-distro = { name = "..." }\` under [project]` +
          `${defined.length ? ` (defined distros: ${defined.join(', ')})` : ''}; ${needs}, and azldev fails with "failed to resolve current distro"`,
        related: [componentRelated(first, `'${first.name}' is defined here`)],
        data: { candidates: defined },
      },
    ];
  }
  if (!model.distros.has(dd.name.value)) return [];
  const version = dd.version?.value ?? stringField(model, dd.name.value, 'default-version');
  if (!version) {
    return [
      {
        file: dd.name.file,
        span: dd.name.span,
        severity: 'error',
        code: 'project-no-distro-version',
        message:
          `no distro version selected in project config: default-distro names distro '${dd.name.value}' without a version, and distro '${dd.name.value}' ` +
          `has no default-version (versions: ${versionNames(model, dd.name.value)}); add \`version = "..."\` here or set default-version on the distro; ${needs}`,
        related: [componentRelated(first, `'${first.name}' is defined here`)],
        data: { name: dd.name.value, candidates: [...distroVersions(model, dd.name.value).keys()] },
      },
    ];
  }
  let scan = memo && scans.get(memo);
  if (memo && !scan) scans.set(memo, (scan = new ComponentScan()));
  return yield* upstreamDistroDiagnostics(model, dd.name.value, version, scan);
}

function stringField(model: ProjectModel, distro: string, key: string): string | undefined {
  const node = distroField(model, distro, key)?.node;
  return node?.type === 'scalar' && node.syntax.kind === 'string' && node.syntax.value !== '' ? node.syntax.value : undefined;
}

/** What one component-config layer writes about the spec's source. */
interface SpecLayer {
  type?: Written;
  name?: Written;
  version?: Written;
}

function specLayer(config: ModelNode | undefined, file: string): SpecLayer | undefined {
  const spec = table(table(config)?.entries.get('spec')?.node);
  if (!spec) return undefined;
  const ud = table(spec.entries.get('upstream-distro')?.node);
  return { type: written(spec, 'type', file), name: written(ud, 'name', file), version: written(ud, 'version', file) };
}

function mergeLayer(into: SpecLayer, layer: SpecLayer | undefined): SpecLayer {
  if (!layer) return into;
  return { type: layer.type ?? into.type, name: layer.name ?? into.name, version: layer.version ?? into.version };
}

/**
 * Upstream components whose effective upstream-distro names a distro but no version, where that distro has
 * no default-version: one diagnostic where the name was written, however many components inherit it.
 */
function* upstreamDistroDiagnostics(model: ProjectModel, distro: string, version: string, scan: ComponentScan<Written> | undefined): Generator<void, CoreDiagnostic[], void> {
  let base: SpecLayer = {};
  const versionDefs = distroVersions(model, distro).get(version) ?? [];
  const last = versionDefs[versionDefs.length - 1];
  if (last) base = mergeLayer(base, specLayer(table(last.entry.node)?.entries.get('default-component-config')?.node, last.file));
  for (const s of model.sections['default-component-config']) base = mergeLayer(base, specLayer(s.entry.node, s.file));

  const groupLayers = new Map<string, SpecLayer | undefined>();
  const groupLayer = (g: string) => {
    if (!groupLayers.has(g)) {
      const def = model.unions['component-groups'].get(g);
      groupLayers.set(g, def ? specLayer(table(def.node)?.entries.get('default-component-config')?.node, def.file) : undefined);
    }
    return groupLayers.get(g);
  };

  const defaultVersions = new Map<string, string | undefined>();
  /** The name written without a version that this component resolves, when its distro has no default-version. */
  const missingVersion = (def: Definition): Written | undefined => {
    let eff = base;
    const groups = model.groupsByComponent.get(def.name);
    if (groups) for (const g of [...new Set(groups)].sort()) eff = mergeLayer(eff, groupLayer(g));
    eff = mergeLayer(eff, specLayer(def.node, def.file));
    if (eff.type?.value !== 'upstream' || !eff.name || eff.version || !model.distros.has(eff.name.value)) return undefined;
    if (!defaultVersions.has(eff.name.value)) defaultVersions.set(eff.name.value, stringField(model, eff.name.value, 'default-version'));
    return defaultVersions.get(eff.name.value) ? undefined : eff.name;
  };
  // What a component resolves against besides its own table: the distros and the sections (each kept while the
  // same, see mergeProject), the group layers (another groups-by-component map whenever the groups changed), the
  // default distro.
  const hits = scan ? yield* scan.hitsSteps(model, [model.distros, model.sections, model.groupsByComponent, distro, version], missingVersion) : everyHit(model, missingVersion);
  const found = new Map<string, { name: Written; components: Definition[] }>();
  for (const { def, value: name } of hits) {
    const key = `${name.file}:${name.span.start}`;
    const hit = found.get(key);
    if (hit) hit.components.push(def);
    else found.set(key, { name, components: [def] });
  }

  return [...found.values()].map(({ name, components }) => {
    const c = components[0] as Definition;
    const who = components.length === 1 ? `component '${c.name}'` : `${components.length} components (first '${c.name}')`;
    return {
      file: name.file,
      span: name.span,
      severity: 'error',
      code: 'spec-no-distro-version',
      message:
        `${who} take${components.length === 1 ? 's' : ''} the upstream spec from distro '${name.value}' without a version, and distro '${name.value}' has no ` +
        `default-version (versions: ${versionNames(model, name.value)}); azldev fails with "no distro version selected in project config": ` +
        'add `version = "..."` beside this name or set default-version on the distro',
      related: [componentRelated(c, `'${c.name}' is defined here`)],
      data: { name: name.value, candidates: [...distroVersions(model, name.value).keys()] },
    } satisfies CoreDiagnostic;
  });
}
