// Hover, in a few lines: on a [components.X] key, what the component is and what it inherits from, with a
// link to its full effective configuration; on a group member, a summary of that component; on any other
// key or value, what the schema says about the key (for an enum, only the value written) and, inside a
// component, the effective value there and where it comes from.
import * as path from 'node:path';
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import { describeLayer, effectiveComponent } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import { describeOrigin, lineOf, resolvedComponentTree, type ViewTree } from './effectiveConfigView';
import { keyDocumentation, type KeyDoc } from './hoverSchema';
import { cursorAt, symbolAt, type Cursor } from './symbolsAtCursor';

export interface HoverResult {
  markdown: string;
  /** The word hovered, when the model knows its exact text. */
  span?: Span;
}

/** A link VS Code opens at the line: `file:///path#L12`. */
function fileLink(service: LanguageService, root: string, file: string, span: Span): string {
  const line = lineOf(service, file, span.start);
  const uri = 'file://' + encodeURI(file).replace(/#/g, '%23').replace(/\?/g, '%3F');
  return `[${path.relative(root, file)}:${line}](${uri}#L${line})`;
}

/** A command link the client runs (it trusts our own command in hovers): the component's full effective config. */
function effectiveConfigLink(file: string, name: string): string {
  const args = encodeURIComponent(JSON.stringify([{ uri: 'file://' + encodeURI(file), component: name }]));
  return `[Show Effective Config](command:distroToml.showEffectiveConfig?${args})`;
}

/**
 * A component in a few lines: where it is defined, its distro, spec kind and overlay count, its groups and
 * the layers it inherits from (with links); every value with its origin is one click away in the
 * effective-config view, not in the hover.
 */
export function componentHover(service: LanguageService, model: ProjectModel, name: string, withLayers: boolean, withLink = true): string | undefined {
  const eff = effectiveComponent(model, name);
  const def = model.unions.components.get(name);
  if (!eff || !def) return undefined;
  const { tree, overlayFiles } = resolvedComponentTree(service, eff, def.file);
  const lines: string[] = [`**Component \`${name}\`** — defined in ${fileLink(service, model.root, def.file, def.keySpan)}`, ''];
  const spec = tree.entries.get('spec');
  const specType = spec?.kind === 'table' ? spec.entries.get('type') : undefined;
  const overlays = tree.entries.get('overlays');
  const facts = [
    eff.distro ? `distro ${eff.distro.name} ${eff.distro.version}` : undefined,
    specType?.kind === 'value' ? `${String(specType.value)} spec` : undefined,
    overlays?.kind === 'array' ? `${overlays.items.length} overlay${overlays.items.length === 1 ? '' : 's'}` : undefined,
  ].filter((f): f is string => f !== undefined);
  if (facts.length) lines.push(facts.join(' · '), '');
  lines.push(`Groups: ${eff.groups.length ? eff.groups.map((g) => `\`${g}\``).join(', ') : 'none'}`, '');
  if (!withLayers) return lines.join('\n');
  const inherited = eff.layers.filter((l) => l.layer.kind !== 'component');
  if (inherited.length || overlayFiles.length) {
    const from = [
      ...inherited.map((l) => `${describeLayer(l.layer)} (${fileLink(service, model.root, l.file, l.span)})`),
      ...overlayFiles.map((f) => `overlay file ${fileLink(service, model.root, f.file, { start: 0, end: 0 })}`),
    ];
    lines.push(`Inherits from: ${from.join(' · ')}`, '');
  }
  if (withLink) lines.push(`${effectiveConfigLink(def.file, name)} — every value and where it comes from`);
  return lines.join('\n').trimEnd();
}

/** `components.NAME.a.b` inside a component: the effective value there and the layer it comes from. */
function effectiveValueLine(service: LanguageService, model: ProjectModel, path: readonly (string | number)[]): string | undefined {
  if (path[0] !== 'components' || typeof path[1] !== 'string' || path.length < 3) return undefined;
  const name = path[1];
  const eff = effectiveComponent(model, name);
  const def = model.unions.components.get(name);
  if (!eff || !def) return undefined;
  let node: ViewTree | undefined = resolvedComponentTree(service, eff, def.file).tree;
  for (const seg of path.slice(2)) {
    if (node?.kind === 'table' && typeof seg === 'string') node = node.entries.get(seg);
    else if (node?.kind === 'array' && typeof seg === 'number') node = node.items[seg]?.value;
    else return undefined;
  }
  if (node?.kind !== 'value' || !node.origin) return undefined;
  const shown = JSON.stringify(node.value);
  const value = shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
  const origin = node.origin;
  return `Effective: \`${value}\` — from ${describeOrigin(origin)} (${fileLink(service, model.root, origin.file, origin.span)})`;
}

function keyDocMarkdown(doc: KeyDoc, key: string, value: unknown): string {
  const lines: string[] = [doc.title ? `**${doc.title}** (\`${key}\`)` : `\`${key}\``];
  if (doc.type) lines[0] += ` — ${doc.type}`;
  const written = doc.enum?.find((e) => e.value === value);
  if (written) {
    // The value written, in a line: the key's own long description (and every value) is what completion shows.
    lines.push('', `\`${JSON.stringify(written.value)}\`${written.description ? ` — ${written.description}` : ''}`);
    return lines.join('\n');
  }
  if (doc.description) lines.push('', doc.description);
  if (doc.enum) {
    if (doc.enum.length <= 6) lines.push('', `One of ${doc.enum.map((e) => `\`${JSON.stringify(e.value)}\``).join(', ')}.`);
    else lines.push('', `One of ${doc.enum.length} values (completion lists them).`);
  }
  return lines.join('\n');
}

/** Overlay documents are `[metadata]` plus `[[overlays]]`: the config schema's overlay and metadata definitions describe them. */
function schemaPath(cursor: Cursor): (string | number)[] {
  const p = cursor.at.path;
  if (!cursor.overlayDocument) return p;
  if (p[0] === 'overlays') return ['components', '_', ...p];
  if (p[0] === 'metadata') return ['components', '_', 'overlays', 0, ...p];
  return p;
}

/** The parsed schema, read once per path until the service's schemas are reloaded (a schema file changed on disk). */
function readSchema(service: LanguageService, file: string): Record<string, unknown> | undefined {
  const schemaFile = service.schemaFor(file).path;
  if (!schemaFile) return undefined;
  let byPath = schemaCache.get(service);
  if (!byPath) schemaCache.set(service, (byPath = new Map()));
  const hit = byPath.get(schemaFile);
  if (hit && hit.epoch === service.schemaEpoch) return hit.schema;
  const text = service.cache.fs.readFile(schemaFile);
  let schema: Record<string, unknown> | undefined;
  try {
    schema = text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    schema = undefined;
  }
  byPath.set(schemaFile, { epoch: service.schemaEpoch, schema });
  return schema;
}

const schemaCache = new WeakMap<LanguageService, Map<string, { epoch: number; schema: Record<string, unknown> | undefined }>>();

export interface HoverOptions {
  /** Link a component to its effective-config view (a command only the VS Code extension runs; default true). */
  effectiveConfigLink?: boolean;
}

export function hover(service: LanguageService, file: string, offset: number, options: HoverOptions = {}): HoverResult | undefined {
  const cursor = cursorAt(service, file, offset);
  if (!cursor) return undefined;
  const sym = symbolAt(cursor);
  if (cursor.model && (sym?.kind === 'component' || sym?.kind === 'group-member')) {
    const markdown = componentHover(service, cursor.model, sym.name, sym.kind === 'component', options.effectiveConfigLink !== false);
    if (markdown) return { markdown, span: sym.span };
  }
  const { path: at, entry, node } = cursor.at;
  if (!at.length) return undefined;
  // On an array element (a value, or a [[table]] header), document the array's key.
  let keyPath = schemaPath(cursor);
  while (keyPath.length && typeof keyPath[keyPath.length - 1] === 'number') keyPath = keyPath.slice(0, -1);
  const schema = readSchema(service, file);
  const doc = schema ? keyDocumentation(schema, keyPath) : undefined;
  const key = [...keyPath].reverse().find((s): s is string => typeof s === 'string');
  if (!doc || key === undefined) return undefined;
  const value = node?.type === 'scalar' && node.syntax.kind !== 'datetime' ? node.syntax.value : undefined;
  // A key written in several places (`[a.b]` and `a.c = 1`) has one keySpan: use it only when it is the one hovered.
  const span = cursor.at.onKey ? entry?.keySpan : node?.span;
  const hovered = span && span.start <= offset && offset <= span.end ? span : undefined;
  const effective = cursor.model && !cursor.overlayDocument ? effectiveValueLine(service, cursor.model, at) : undefined;
  const markdown = keyDocMarkdown(doc, key, value) + (effective ? `\n\n${effective}` : '');
  return { markdown, ...(hovered ? { span: hovered } : {}) };
}
