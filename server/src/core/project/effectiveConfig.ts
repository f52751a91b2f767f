// A component's effective configuration, computed the way azldev's ResolveComponentConfig does it:
// the distro version's default-component-config, then the project's, then each group's (group names
// sorted), then the component's own — merged with mergo's WithOverride + WithAppendSlice rules
// (non-empty values override, empty ones never clear; arrays append; `overlay-files` replaces). Every
// value keeps its origin: the file, the span, and the layer it came from.
import type { Span } from '../diagnostics';
import { stringValueOf, toJS, type ModelNode } from '../toml';
import { distroField, distroVersions, type ProjectModel } from './projectModel';

export type Layer =
  | { kind: 'distro'; distro: string; version: string }
  | { kind: 'project' }
  | { kind: 'group'; group: string }
  | { kind: 'component'; component: string };

export interface Origin {
  file: string;
  span: Span;
  layer: Layer;
}

export type EffectiveNode =
  | { kind: 'table'; entries: Map<string, EffectiveNode> }
  | { kind: 'array'; items: { value: EffectiveNode; origin: Origin }[]; origin: Origin }
  | { kind: 'value'; value: unknown; origin: Origin };

export interface EffectiveComponent {
  name: string;
  /** The distro and version whose defaults apply. */
  distro?: { name: string; version: string };
  groups: string[];
  /** The layers applied, in order, with the file that wrote each. */
  layers: { layer: Layer; file: string; span: Span }[];
  config: Extract<EffectiveNode, { kind: 'table' }>;
}

export function describeLayer(layer: Layer): string {
  switch (layer.kind) {
    case 'distro':
      return `distro ${layer.distro} ${layer.version} default-component-config`;
    case 'project':
      return 'project default-component-config';
    case 'group':
      return `component group ${layer.group} default-component-config`;
    case 'component':
      return `component ${layer.component}`;
  }
}

/** Keys whose lists replace rather than append (component.go MergeUpdatesFrom). */
const REPLACING_ARRAYS = new Set(['overlay-files']);

/**
 * Maps from user-chosen names to structs: mergo cannot merge into a map's struct value, so a later layer's
 * entry replaces the earlier one whole (as distro_test.go shows for distro versions).
 */
const MAPS_OF_STRUCTS = new Set(['packages']);

/** Go's zero values never override under mergo.WithOverride. */
function isEmptyScalar(v: unknown): boolean {
  return v === '' || v === false || v === 0;
}

function mergeInto(target: Extract<EffectiveNode, { kind: 'table' }>, source: ModelNode, file: string, layer: Layer): void {
  if (source.type !== 'table') return;
  for (const [key, entry] of source.entries) {
    const node = entry.node;
    const existing = target.entries.get(key);
    if (node.type === 'table' && MAPS_OF_STRUCTS.has(key)) {
      const sub = existing?.kind === 'table' ? existing : { kind: 'table' as const, entries: new Map<string, EffectiveNode>() };
      for (const [name, e] of node.entries) sub.entries.set(name, leaf(e.node, file, layer));
      if (sub.entries.size || existing) target.entries.set(key, sub);
    } else if (node.type === 'table') {
      const sub = existing?.kind === 'table' ? existing : { kind: 'table' as const, entries: new Map<string, EffectiveNode>() };
      mergeInto(sub, node, file, layer);
      if (sub.entries.size || existing) target.entries.set(key, sub);
    } else if (node.type === 'array') {
      const origin = { file, span: node.span, layer };
      const items = node.items.map((item) => ({ value: leaf(item, file, layer), origin: { file, span: item.span, layer } }));
      if (REPLACING_ARRAYS.has(key) || existing?.kind !== 'array') target.entries.set(key, { kind: 'array', items, origin });
      else if (items.length) target.entries.set(key, { kind: 'array', items: [...existing.items, ...items], origin: existing.origin });
    } else {
      const value = toJS(node);
      if (isEmptyScalar(value) && existing) continue;
      target.entries.set(key, { kind: 'value', value, origin: { file, span: entry.keySpan.start <= node.span.start ? { start: entry.keySpan.start, end: node.span.end } : node.span, layer } });
    }
  }
}

function leaf(node: ModelNode, file: string, layer: Layer): EffectiveNode {
  if (node.type === 'table') {
    const t = { kind: 'table' as const, entries: new Map<string, EffectiveNode>() };
    mergeInto(t, node, file, layer);
    return t;
  }
  if (node.type === 'array') {
    return { kind: 'array', items: node.items.map((i) => ({ value: leaf(i, file, layer), origin: { file, span: i.span, layer } })), origin: { file, span: node.span, layer } };
  }
  return { kind: 'value', value: toJS(node), origin: { file, span: node.span, layer } };
}

/** The project's default distro and version: `project.default-distro`, its version or the distro's default-version. */
export function defaultDistro(model: ProjectModel): { name: string; version: string } | undefined {
  const ref = projectDistroRef(model);
  if (!ref.name) return undefined;
  const version = ref.version || stringValueOf(distroField(model, ref.name, 'default-version')?.node);
  return version ? { name: ref.name, version } : undefined;
}

/** The project's `default-distro` reference as the merge leaves it (later files win field by field); '' for a field no file sets. */
export function projectDistroRef(model: ProjectModel): { name: string; version: string; snapshot: string } {
  const ref = { name: '', version: '', snapshot: '' };
  for (const s of model.sections.project) {
    const dd = s.entry.node.type === 'table' ? s.entry.node.entries.get('default-distro')?.node : undefined;
    if (dd?.type !== 'table') continue;
    ref.name = stringValueOf(dd.entries.get('name')?.node) || ref.name;
    ref.version = stringValueOf(dd.entries.get('version')?.node) || ref.version;
    ref.snapshot = stringValueOf(dd.entries.get('snapshot')?.node) || ref.snapshot;
  }
  return ref;
}

/** One layer of a component's configuration: the table it merges, and where it is written. */
export interface ConfigLayer {
  layer: Layer;
  file: string;
  span: Span;
  node: ModelNode;
}

/** The layers every component starts from: the default distro version's default-component-config, then the project's. */
export function sharedDefaultLayers(model: ProjectModel): ConfigLayer[] {
  const out: ConfigLayer[] = [];
  const distro = defaultDistro(model);
  if (distro) {
    // A version defined again in a later file replaces the earlier definition whole (distro.go MergeUpdatesFrom).
    const definitions = distroVersions(model, distro.name).get(distro.version) ?? [];
    for (const v of definitions.slice(-1)) {
      const dcc = v.entry.node.type === 'table' ? v.entry.node.entries.get('default-component-config') : undefined;
      if (dcc) out.push({ layer: { kind: 'distro', distro: distro.name, version: distro.version }, file: v.file, span: dcc.keySpan, node: dcc.node });
    }
  }
  for (const s of model.sections['default-component-config']) out.push({ layer: { kind: 'project' }, file: s.file, span: s.entry.keySpan, node: s.entry.node });
  return out;
}

/** The default-component-config of each group the component is in, group names sorted. */
export function groupDefaultLayers(model: ProjectModel, name: string): ConfigLayer[] {
  const out: ConfigLayer[] = [];
  for (const g of componentGroups(model, name)) {
    const group = model.unions['component-groups'].get(g);
    const dcc = group?.node.type === 'table' ? group.node.entries.get('default-component-config') : undefined;
    if (group && dcc) out.push({ layer: { kind: 'group', group: g }, file: group.file, span: dcc.keySpan, node: dcc.node });
  }
  return out;
}

function componentGroups(model: ProjectModel, name: string): string[] {
  return [...new Set(model.groupsByComponent.get(name) ?? [])].sort();
}

export function effectiveComponent(model: ProjectModel, name: string): EffectiveComponent | undefined {
  const def = model.unions.components.get(name);
  if (!def) return undefined;
  const config = { kind: 'table' as const, entries: new Map<string, EffectiveNode>() };
  const distro = defaultDistro(model);
  const own: ConfigLayer = { layer: { kind: 'component', component: name }, file: def.file, span: def.keySpan, node: def.node };
  const layers = [...sharedDefaultLayers(model), ...groupDefaultLayers(model, name), own];
  for (const l of layers) mergeInto(config, l.node, l.file, l.layer);
  return { name, ...(distro ? { distro } : {}), groups: componentGroups(model, name), layers: layers.map(({ layer, file, span }) => ({ layer, file, span })), config };
}

/** The effective config as plain values (what `config dump` prints). */
export function effectiveToJS(node: EffectiveNode): unknown {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'array') return node.items.map((i) => effectiveToJS(i.value));
  const out: Record<string, unknown> = {};
  for (const [k, v] of node.entries) Object.defineProperty(out, k, { value: effectiveToJS(v), enumerable: true, writable: true, configurable: true });
  return out;
}
