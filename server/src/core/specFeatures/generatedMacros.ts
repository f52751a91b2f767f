// The macros azldev writes into a component's generated `NAME.azl.macros` file (build.with, build.without,
// build.defines minus build.undefines, as render/macrosFile.ts computes them), each with the setting in the
// TOML that put it there, so a rendered spec's `%{macro}` can be explained and followed back to its source.
import type { Span } from '../diagnostics';
import { effectiveComponent, type EffectiveNode, type Origin } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import { buildMacrosMap, MACROS_FILE_EXTENSION } from '../render/macrosFile';

export interface GeneratedMacro {
  name: string;
  value: string;
  /** The generated file's name, e.g. `kernel.azl.macros`. */
  fileName: string;
  /** The setting that wrote it, e.g. `build.defines.azl_pkgrelease` or `build.without`. */
  setting: string;
  /** Where that setting is written. */
  file: string;
  span: Span;
}

type Table = Extract<EffectiveNode, { kind: 'table' }>;

function tableAt(node: EffectiveNode | undefined, key: string): Table | undefined {
  const child = node?.kind === 'table' ? node.entries.get(key) : undefined;
  return child?.kind === 'table' ? child : undefined;
}

function stringItems(node: EffectiveNode | undefined): { value: string; origin: Origin }[] {
  if (node?.kind !== 'array') return [];
  return node.items.flatMap((i) => (i.value.kind === 'value' && typeof i.value.value === 'string' ? [{ value: i.value.value, origin: i.origin }] : []));
}

/** The component's generated macros, in the file's order; [] when it has none (then azldev writes no file). */
export function generatedMacros(model: ProjectModel, component: string): GeneratedMacro[] {
  const effective = effectiveComponent(model, component);
  if (!effective) return [];
  const build = tableAt(effective.config, 'build');
  const withs = stringItems(build?.entries.get('with'));
  const withouts = stringItems(build?.entries.get('without'));
  const defines: [string, string, Origin][] = [];
  const definesTable = tableAt(build, 'defines');
  for (const [k, v] of definesTable?.entries ?? []) if (v.kind === 'value' && typeof v.value === 'string') defines.push([k, v.value, v.origin]);
  const undefines = stringItems(build?.entries.get('undefines'));

  // The values come from the render's own computation; only the origins are looked up here.
  const values = buildMacrosMap({ with: withs.map((w) => w.value), without: withouts.map((w) => w.value), defines: defines.map(([k, v]) => [k, v]), undefines: undefines.map((u) => u.value) });
  const origins = new Map<string, { setting: string; origin: Origin }>();
  for (const w of withs) origins.set(`_with_${w.value}`, { setting: 'build.with', origin: w.origin });
  for (const w of withouts) origins.set(`_without_${w.value}`, { setting: 'build.without', origin: w.origin });
  for (const [k, , origin] of defines) origins.set(k, { setting: `build.defines.${k}`, origin });
  const fileName = component + MACROS_FILE_EXTENSION;
  const out: GeneratedMacro[] = [];
  // The file lists them sorted (by bytes: the names are ASCII, so by code unit too).
  for (const [name, value] of [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const from = origins.get(name);
    if (from) out.push({ name, value, fileName, setting: from.setting, file: from.origin.file, span: from.origin.span });
  }
  return out;
}
