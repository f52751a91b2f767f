// Hover: on a [components.X] key, the component's effective configuration with the origin of every
// value (as Markdown: a TOML block, its groups and layers with file:line links); on a group member, a
// summary of that component; on any other key or value, what the schema says about the key.
import * as path from 'node:path';
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import { describeLayer, effectiveComponent } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import { writeTomlTable } from './effectiveConfigViewToml';
import { lineOf, originAnnotator, resolvedComponentTree } from './effectiveConfigView';
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

/** Longest hover we write: a component with hundreds of overlays would otherwise bury the summary. */
const MAX_TOML_LINES = 120;

export function componentHover(service: LanguageService, model: ProjectModel, name: string, full: boolean): string | undefined {
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
  if (!full) return lines.join('\n');
  const body: string[] = [];
  writeTomlTable(body, ['components', name], tree, originAnnotator(service, model.root));
  const shown = body.length > MAX_TOML_LINES ? [...body.slice(0, MAX_TOML_LINES), `# … ${body.length - MAX_TOML_LINES} more lines: run "Distro TOML: Show Effective Config"`] : body;
  lines.push('Effective configuration:', '', '```toml', ...shown, '```', '', 'Layers, in order:', '');
  eff.layers.forEach((l, i) => lines.push(`${i + 1}. ${describeLayer(l.layer)} — ${fileLink(service, model.root, l.file, l.span)}`));
  overlayFiles.forEach((f, i) => lines.push(`${eff.layers.length + i + 1}. overlay file — ${fileLink(service, model.root, f.file, { start: 0, end: 0 })}`));
  return lines.join('\n');
}

function keyDocMarkdown(doc: KeyDoc, key: string, value: unknown): string {
  const lines: string[] = [doc.title ? `**${doc.title}** (\`${key}\`)` : `\`${key}\``];
  if (doc.type) lines[0] += ` — ${doc.type}`;
  if (doc.description) lines.push('', doc.description);
  if (doc.enum) {
    lines.push('', 'Allowed values:', '');
    for (const e of doc.enum) {
      const mark = e.value === value ? ' ← this value' : '';
      lines.push(`- \`${JSON.stringify(e.value)}\`${e.description ? ` — ${e.description}` : ''}${mark}`);
    }
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

function readSchema(service: LanguageService, file: string): Record<string, unknown> | undefined {
  const schemaFile = service.schemaFor(file).path;
  const text = schemaFile ? service.cache.fs.readFile(schemaFile) : undefined;
  if (text === undefined) return undefined;
  const hit = schemaCache.get(schemaFile as string);
  if (hit && hit.text === text) return hit.schema;
  try {
    const schema = JSON.parse(text) as Record<string, unknown>;
    schemaCache.set(schemaFile as string, { text, schema });
    return schema;
  } catch {
    return undefined;
  }
}

const schemaCache = new Map<string, { text: string; schema: Record<string, unknown> }>();

export function hover(service: LanguageService, file: string, offset: number): HoverResult | undefined {
  const cursor = cursorAt(service, file, offset);
  if (!cursor) return undefined;
  const sym = symbolAt(cursor);
  if (cursor.model && (sym?.kind === 'component' || sym?.kind === 'group-member')) {
    const markdown = componentHover(service, cursor.model, sym.name, sym.kind === 'component');
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
  return { markdown: keyDocMarkdown(doc, key, value), ...(hovered ? { span: hovered } : {}) };
}
