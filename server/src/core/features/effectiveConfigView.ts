// The "Show Effective Config" document: a component's configuration as azldev resolves it (distro
// defaults, project defaults, groups, the component, then the overlays its `overlay-files` load), written
// as TOML with a comment after each value saying which layer, file and line it came from.
import * as path from 'node:path';
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import { LineIndex } from '../text/lineIndex';
import { describeLayer, effectiveComponent, type EffectiveComponent, type EffectiveNode, type Origin } from '../project/effectiveConfig';
import { confinedGlob } from '../project/confinedGlob';
import { orderedOverlayFiles } from '../project/overlayFiles';
import { findProjectRoot } from '../project/root';
import type { ProjectModel } from '../project/projectModel';
import type { ModelNode } from '../toml';
import { toJS } from '../toml';
import { writeTomlTable, type Annotate, type TomlTree } from './effectiveConfigViewToml';
import { componentAround, cursorAt } from './symbolsAtCursor';

/** Where a value came from: a config layer, or a per-file overlay document. */
export type ViewOrigin = Origin | { file: string; span: Span; overlayFile: true };

export type ViewTree = TomlTree<ViewOrigin>;

/** 1-based line of an offset in a file, through the service's parsed-document cache. */
export function lineOf(service: LanguageService, file: string, offset: number): number {
  const entry = service.cache.get(file);
  if (!entry) return 1;
  let index = lineIndexes.get(entry);
  if (!index) {
    index = new LineIndex(entry.text);
    lineIndexes.set(entry, index);
  }
  return index.positionAt(offset).line + 1;
}

/** One line index per parsed text: the cache hands out a new entry when a file changes. */
const lineIndexes = new WeakMap<object, LineIndex>();

export function describeOrigin(origin: ViewOrigin): string {
  return 'overlayFile' in origin ? `overlay file ${path.basename(origin.file)}` : describeLayer(origin.layer);
}

/** `from <layer> (<file relative to the root>:<line>)`, keyed by layer and file. */
export function originAnnotator(service: LanguageService, root: string): Annotate<ViewOrigin> {
  return (origin) => {
    const where = `${path.relative(root, origin.file)}:${lineOf(service, origin.file, origin.span.start)}`;
    const layer = describeOrigin(origin);
    return { text: `from ${layer} (${where})`, key: `${layer}\u0000${origin.file}` };
  };
}

/** A plain model subtree as a view tree whose every value has one origin. */
function fromModel(node: ModelNode, origin: (span: Span) => ViewOrigin): ViewTree {
  if (node.type === 'table') {
    const entries = new Map<string, ViewTree>();
    for (const [k, e] of node.entries) entries.set(k, fromModel(e.node, origin));
    return { kind: 'table', entries, origin: origin(node.span) };
  }
  if (node.type === 'array') return { kind: 'array', items: node.items.map((i) => ({ value: fromModel(i, origin), origin: origin(i.span) })), origin: origin(node.span) };
  return { kind: 'value', value: toJS(node), origin: origin(node.span) };
}

export interface OverlayFileOverlays {
  file: string;
  /** Each `[[overlays]]` of the file with the file's `[metadata]` stamped on, as azldev does. */
  overlays: ViewTree[];
}

/**
 * The overlay documents a resolved `overlay-files` list loads, as azldev's loadOverlayFiles orders them:
 * patterns in order, each pattern's matches by file name then path, first occurrence kept. Patterns are
 * relative to the component's own config file, even when a default layer set them.
 */
export function overlayFileOverlays(service: Pick<LanguageService, 'cache'>, eff: EffectiveComponent, componentFile: string): OverlayFileOverlays[] {
  const list = eff.config.entries.get('overlay-files');
  if (list?.kind !== 'array') return [];
  const patterns = list.items.flatMap((item) => (item.value.kind === 'value' && typeof item.value.value === 'string' ? [item.value.value] : []));
  const fs = service.cache.fs;
  const glob = confinedGlob(fs, [findProjectRoot(fs, componentFile) ?? path.dirname(componentFile)]);
  const ordered = orderedOverlayFiles(fs, patterns, componentFile, glob.expand).files;
  return ordered.map((file) => {
    const doc = service.cache.get(file)?.doc;
    const overlays = doc?.root.entries.get('overlays')?.node;
    const metadata = doc?.root.entries.get('metadata')?.node;
    const origin = (span: Span): ViewOrigin => ({ file, span, overlayFile: true });
    const items = overlays?.type === 'array' ? overlays.items : [];
    return {
      file,
      overlays: items.map((item) => {
        const tree = fromModel(item, origin);
        if (tree.kind === 'table' && metadata) tree.entries.set('metadata', fromModel(metadata, origin));
        return tree;
      }),
    };
  });
}

/** The effective config with the overlay files' overlays appended and `overlay-files` consumed, as azldev's resolver leaves it. */
export function resolvedComponentTree(service: Pick<LanguageService, 'cache'>, eff: EffectiveComponent, componentFile: string): { tree: Extract<ViewTree, { kind: 'table' }>; overlayFiles: OverlayFileOverlays[] } {
  const overlayFiles = overlayFileOverlays(service, eff, componentFile);
  const entries = new Map<string, ViewTree>(eff.config.entries as Map<string, EffectiveNode>);
  if (entries.has('overlay-files')) {
    entries.delete('overlay-files');
    const fromFiles = overlayFiles.flatMap((f) => f.overlays.map((value) => ({ value, origin: value.origin as ViewOrigin })));
    const inline = entries.get('overlays');
    const inlineItems = inline?.kind === 'array' ? inline.items : [];
    if (inlineItems.length || fromFiles.length) entries.set('overlays', { kind: 'array', items: [...inlineItems, ...fromFiles], ...(inline?.origin ? { origin: inline.origin } : {}) });
  }
  return { tree: { kind: 'table', entries }, overlayFiles };
}

function relLine(service: LanguageService, root: string, file: string, span: Span): string {
  return `${path.relative(root, file)}:${lineOf(service, file, span.start)}`;
}

/** The whole view document of one component. */
export function effectiveConfigText(service: LanguageService, model: ProjectModel, name: string): string | undefined {
  const eff = effectiveComponent(model, name);
  const def = model.unions.components.get(name);
  if (!eff || !def) return undefined;
  const { tree, overlayFiles } = resolvedComponentTree(service, eff, def.file);
  const out: string[] = [
    `# Effective configuration of component '${name}' (read-only; follows edits to the project's files).`,
    "# azldev applies the distro version's default-component-config, the project's, each group's (by",
    "# name), then the component's own: scalars override, arrays append; then the overlay files' overlays.",
    '#',
    `# Distro: ${eff.distro ? `${eff.distro.name} ${eff.distro.version}` : '(no default distro)'}`,
    `# Groups: ${eff.groups.length ? eff.groups.join(', ') : '(none)'}`,
    '# Layers, in order:',
    ...eff.layers.map((l, i) => `#   ${i + 1}. ${describeLayer(l.layer)} (${relLine(service, model.root, l.file, l.span)})`),
    ...overlayFiles.map((f, i) => `#   ${eff.layers.length + i + 1}. overlay file ${path.relative(model.root, f.file)} (${f.overlays.length} overlays)`),
    '',
  ];
  const body: string[] = [];
  writeTomlTable(body, ['components', name], tree, originAnnotator(service, model.root));
  return [...out, ...body, ''].join('\n');
}

export type EffectiveConfigAnswer = { component: string; text: string } | { candidates: string[] };

/**
 * The view for the component at the cursor (`offset`) or named by `component`; with neither, or when the
 * cursor is on no component, the project's component names to choose from. Undefined outside a project.
 */
export function effectiveConfigFor(service: LanguageService, file: string, where: { offset: number } | { component: string }): EffectiveConfigAnswer | undefined {
  const model = service.projectOf(file);
  if (!model) return undefined;
  const name = 'component' in where ? where.component : (() => {
    const cursor = cursorAt(service, file, where.offset);
    return cursor ? componentAround(cursor) : undefined;
  })();
  const text = name === undefined ? undefined : effectiveConfigText(service, model, name);
  if (name !== undefined && text !== undefined) return { component: name, text };
  return { candidates: [...model.unions.components.keys()].sort() };
}
