// Value candidates for completion: the schema's enum values (with their descriptions), booleans and
// examples, spec section names for overlays, and names from the project model — component names in a
// component group's `components`, distro names and versions in a distro reference.
import * as nodePath from 'node:path';
import { KNOWN_SECTION_NAMES } from '../spec/sectionNames';
import { distroVersions, type ProjectModel } from '../project/projectModel';
import { lookup, type ModelTable } from '../toml';
import type { SchemaWalk } from './schemaWalk';

export interface ValueCandidate {
  value: string | boolean | number;
  documentation?: string;
  detail?: string;
  /** Lower sorts first. */
  rank: number;
}

/** The sections overlays most often target come first; the rest follow in the spec grammar's order. */
const COMMON_SECTIONS = ['%prep', '%build', '%install', '%check', '%files', '%description', '%package', '%conf', '%generate_buildrequires', '%changelog', '%post', '%postun', '%pre', '%preun'];

export const MAX_NAME_ITEMS = 100;

export interface NameCandidates {
  values: ValueCandidate[];
  /** More names matched than were returned. */
  incomplete: boolean;
}

export function schemaValues(walk: SchemaWalk): ValueCandidate[] {
  const out: ValueCandidate[] = [];
  const enums = walk.enumValues();
  for (const e of enums) {
    if (typeof e.value !== 'string' && typeof e.value !== 'boolean' && typeof e.value !== 'number') continue;
    // `""` (inherit) is legal but rarely what one means to type.
    out.push({ value: e.value, ...(e.documentation !== undefined ? { documentation: e.documentation } : {}), rank: e.value === '' ? 2 : 0 });
  }
  if (!enums.length && walk.shape() === 'boolean') out.push({ value: true, rank: 0 }, { value: false, rank: 0 });
  if (!enums.length) {
    for (const ex of walk.examples()) if (typeof ex === 'string' || typeof ex === 'number') out.push({ value: ex, detail: 'example', rank: 1 });
  }
  return out;
}

export function sectionValues(): ValueCandidate[] {
  const rest = KNOWN_SECTION_NAMES.filter((s) => !COMMON_SECTIONS.includes(s));
  return [...COMMON_SECTIONS.filter((s) => KNOWN_SECTION_NAMES.includes(s)), ...rest].map((value, i) => ({ value, rank: i < COMMON_SECTIONS.length ? 0 : 1 }));
}

/**
 * Component names starting with what is typed (case-insensitively), then those containing it, without the
 * ones the list already has; capped, since a real tree has thousands.
 */
export function componentNames(model: ProjectModel, typed: string, exclude: readonly string[]): NameCandidates {
  const lower = typed.toLowerCase();
  const skip = new Set(exclude);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const name of model.unions.components.keys()) {
    if (skip.has(name)) continue;
    const n = name.toLowerCase();
    if (n.startsWith(lower)) starts.push(name);
    else if (lower && n.includes(lower)) contains.push(name);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const all = [...starts.sort(byName), ...contains.sort(byName)];
  const values = all.slice(0, MAX_NAME_ITEMS).map((value, i) => {
    const def = model.unions.components.get(value);
    return { value, rank: i < starts.length ? 0 : 1, ...(def ? { detail: nodePath.relative(model.root, def.file) } : {}) };
  });
  return { values, incomplete: all.length > MAX_NAME_ITEMS };
}

/** `name` and `version` of a `{ name, version, snapshot }` distro reference. */
export function distroReferenceValues(model: ProjectModel, docRoot: ModelTable, path: readonly (string | number)[]): ValueCandidate[] | undefined {
  const field = path[path.length - 1];
  const owner = path[path.length - 2];
  if (owner !== 'default-distro' && owner !== 'upstream-distro') return undefined;
  if (field === 'name') {
    return [...model.distros.keys()].map((value) => ({ value, detail: 'distro', rank: 0 }));
  }
  if (field === 'version') {
    const ref = lookup(docRoot, path.slice(0, -1));
    const nameNode = ref?.type === 'table' ? ref.entries.get('name')?.node : undefined;
    const named = nameNode?.type === 'scalar' && nameNode.syntax.kind === 'string' ? nameNode.syntax.value : undefined;
    const distros = named !== undefined ? [named] : [...model.distros.keys()];
    const out: ValueCandidate[] = [];
    for (const d of distros) for (const v of distroVersions(model, d).keys()) if (!out.some((o) => o.value === v)) out.push({ value: v, detail: `${d} version`, rank: 0 });
    return out;
  }
  return undefined;
}

/** True for an item of `component-groups.NAME.components`. */
export function isGroupMemberPath(path: readonly (string | number)[]): boolean {
  return path.length === 4 && path[0] === 'component-groups' && path[2] === 'components' && typeof path[3] === 'number';
}
