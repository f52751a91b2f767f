// Every place a config file names a package: components (`[components.NAME]`) and `upstream-name` (Fedora
// source packages), the values of dependency-tag overlays (capabilities, several per value, rich
// dependencies opened up) and package-group entries (binary names, with the `# srpm:` comment beside them).
// Offsets are those of the name itself, inside the quotes when it is a string.
import type { Span } from '../diagnostics';
import { parseDependencies } from '../packages/depString';
import { knownMacros } from './dependencyMacros';
import { childArray, childTable, namedTables, readArray, readString, stringValue, tablesOf } from '../rules/modelValues';
import type { ModelNode, ModelTable, TomlDocument } from '../toml';

/** Tags whose values rpm reads as dependencies, lower-cased and without a `(post)`-style qualifier. */
export const DEPENDENCY_TAGS = new Set(['requires', 'buildrequires', 'recommends', 'suggests', 'supplements', 'enhances', 'orderwithrequires', 'provides', 'obsoletes', 'conflicts', 'buildconflicts']);
/** Of those, the ones that ask for something to be installed: a name nothing provides breaks the build or install. */
export const REQUIREMENT_TAGS = new Set(['requires', 'buildrequires', 'recommends', 'suggests', 'supplements', 'enhances', 'orderwithrequires']);
export const TAG_OVERLAYS = new Set(['spec-add-tag', 'spec-insert-tag', 'spec-set-tag', 'spec-update-tag']);

export function normalTag(tag: string): string {
  return tag.replace(/\(.*$/, '').trim().toLowerCase();
}

interface RefBase {
  file: string;
  /** The name itself (inside quotes). */
  span: Span;
  name: string;
}

export interface ComponentRef extends RefBase {
  kind: 'component' | 'upstream-name';
  component: string;
}

export interface DependencyRefAt extends RefBase {
  kind: 'dependency';
  component: string;
  tag: string;
  flags: number;
  evr: string;
  loose: boolean;
  /** Name and version as written, when they hold macros: expanded again with the spec's macros when it is at hand. */
  written?: { name: string; evr: string };
  /** The macros the component's own config defines (`name`, and `version`/`release`/`epoch` from tag overlays). */
  macros: ReadonlyMap<string, string>;
}

export interface GroupPackageRef extends RefBase {
  kind: 'group-package';
  group: string;
  /** The group's publish channel (`default-package-config.publish.channel`), when it states one. */
  channel: string | undefined;
  /** The source package the `# srpm:` comment on the entry's line names. */
  srpmComment: string | undefined;
}

export type PackageRef = ComponentRef | DependencyRefAt | GroupPackageRef;

/** Offsets of a string node's text: inside its quotes when the written text is the value as is. */
function innerSpan(node: ModelNode, value: string): Span | undefined {
  if (node.type !== 'scalar' || node.syntax.kind !== 'string') return undefined;
  const s = node.syntax;
  if (s.style !== 'basic' && s.style !== 'literal') return undefined;
  if (node.span.end - node.span.start - 2 !== value.length) return undefined;
  return { start: node.span.start + 1, end: node.span.end - 1 };
}

/** A key as written: `curl` or `"curl"`, the name's offsets either way. */
function keyName(span: Span, name: string): Span {
  const len = span.end - span.start;
  return len === name.length + 2 ? { start: span.start + 1, end: span.end - 1 } : span;
}

/** Tags whose overlays set a macro rpm defines from the tag (`Version:` → `%{version}`). */
const MACRO_TAG_OVERLAYS = new Set(['spec-set-tag', 'spec-update-tag']);

/** `%{name}` and what the component's tag overlays set `%{version}`, `%{release}`, `%{epoch}` to (the last one wins). */
function componentMacros(component: ModelTable, name: string): ReadonlyMap<string, string> {
  const entries: [string, string][] = [['name', name]];
  for (const { table: overlay } of tablesOf(childArray(component, 'overlays'))) {
    const type = stringValue(readString(overlay, 'type'));
    const tag = stringValue(readString(overlay, 'tag'))?.toLowerCase();
    const value = stringValue(readString(overlay, 'value'));
    if (type && MACRO_TAG_OVERLAYS.has(type) && (tag === 'version' || tag === 'release' || tag === 'epoch') && value !== undefined) entries.push([tag, value]);
  }
  return knownMacros(entries);
}

function componentRefs(file: string, root: ModelTable, out: PackageRef[]): void {
  for (const { name, entry, table } of namedTables(childTable(root, 'components'))) {
    const spec = childTable(table, 'spec');
    const type = stringValue(readString(spec, 'type'));
    // Only components taken from the upstream distro name one of its source packages.
    const upstream = type === undefined || type === 'upstream';
    const up = readString(spec, 'upstream-name');
    const upstreamName = up.state === 'value' && up.value !== '' ? up.value : undefined;
    if (upstream) {
      if (upstreamName !== undefined && up.state === 'value') {
        const span = innerSpan(up.entry.node, up.value);
        if (span) out.push({ kind: 'upstream-name', file, span, name: upstreamName, component: name });
      } else out.push({ kind: 'component', file, span: keyName(entry.keySpan, name), name, component: name });
    }
    const macros = componentMacros(table, upstreamName ?? name);
    for (const { table: overlay } of tablesOf(childArray(table, 'overlays'))) {
      const type = stringValue(readString(overlay, 'type'));
      const tag = stringValue(readString(overlay, 'tag'));
      if (!type || !TAG_OVERLAYS.has(type) || !tag || !DEPENDENCY_TAGS.has(normalTag(tag))) continue;
      const value = readString(overlay, 'value');
      if (value.state !== 'value') continue;
      const span = innerSpan(value.entry.node, value.value);
      if (!span) continue;
      for (const r of parseDependencies(value.value, macros).refs) {
        out.push({ kind: 'dependency', file, span: { start: span.start + r.start, end: span.start + r.end }, name: r.name, component: name, tag, flags: r.flags, evr: r.evr, loose: r.loose, macros, ...(r.written ? { written: r.written } : {}) });
      }
    }
  }
}

/** The source package a `# srpm: NAME` comment names on the line where `offset` is. */
function srpmCommentAt(text: string | undefined, offset: number): string | undefined {
  if (text === undefined) return undefined;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const m = /#\s*srpm:\s*([^\s#]+)/.exec(text.slice(offset, end));
  return m?.[1];
}

function groupRefs(file: string, root: ModelTable, text: string | undefined, out: PackageRef[]): void {
  for (const { name: group, table } of namedTables(childTable(root, 'package-groups'))) {
    const channel = stringValue(readString(childTable(childTable(table, 'default-package-config'), 'publish'), 'channel'));
    const packages = readArray(table, 'packages');
    if (packages.state !== 'value') continue;
    for (const item of packages.value.items) {
      if (item.type !== 'scalar' || item.syntax.kind !== 'string' || item.syntax.value === '') continue;
      const span = innerSpan(item, item.syntax.value);
      if (!span) continue;
      out.push({ kind: 'group-package', file, span, name: item.syntax.value, group, channel, srpmComment: srpmCommentAt(text, item.span.end) });
    }
  }
}

const memo = new WeakMap<TomlDocument, PackageRef[]>();

/** The package references of one parsed file (memoized per parse: an unchanged file costs nothing). */
export function packageReferences(file: string, doc: TomlDocument, textOf: (file: string) => string | undefined): PackageRef[] {
  const hit = memo.get(doc);
  if (hit) return hit;
  const out: PackageRef[] = [];
  componentRefs(file, doc.root, out);
  groupRefs(file, doc.root, childTable(doc.root, 'package-groups') ? textOf(file) : undefined, out);
  memo.set(doc, out);
  return out;
}

/** The reference whose name holds `offset` (end inclusive, for a cursor after the last character). */
export function referenceAt(refs: readonly PackageRef[], offset: number): PackageRef | undefined {
  return refs.find((r) => r.span.start <= offset && offset <= r.span.end);
}
