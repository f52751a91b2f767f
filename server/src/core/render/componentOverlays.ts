// A component's user overlays in azldev's order (resolver.go + overlay_file.go ExpandResolvedOverlayFiles): the
// inline overlays of every layer (distro, project, groups, component — as the effective config appends them),
// then those of the overlay files its effective `overlay-files` patterns match. Patterns resolve against the
// component's own config file even when inherited; matches of one pattern go in file-name order (full path
// breaking ties), duplicates keep their first place. A relative `source` is absolutized against the file that
// wrote the overlay: the config file for inline ones, the overlay file for the others.
import * as path from 'node:path';
import type { FileSystem } from '../fs';
import { overlayFromValue, type Overlay, type OverlayOrigin } from '../overlays';
import { effectiveToJS, type EffectiveComponent, type EffectiveNode } from '../project/effectiveConfig';
import { confinedGlob } from '../project/confinedGlob';
import { resolveIncludePattern } from '../project/includes';
import { orderedOverlayFiles } from '../project/overlayFiles';
import { parseToml, toJS } from '../toml';
import { appendAll } from '../appendAll';
import { explainUnreadable, shownPath } from '../unreadableFile';

export interface PlacedOverlay {
  overlay: Overlay;
  origin: OverlayOrigin;
}

export type CollectedOverlays = { ok: true; overlays: PlacedOverlay[] } | { ok: false; message: string };

function absolutize(source: string, dir: string): string {
  return source === '' || path.isAbsolute(source) ? source : path.join(dir, source);
}

function inlineOverlays(config: EffectiveComponent['config']): PlacedOverlay[] {
  const node = config.entries.get('overlays');
  if (node?.kind !== 'array') return [];
  return node.items.map(({ value, origin }) => {
    const overlay = overlayFromValue(effectiveToJS(value));
    overlay.source = absolutize(overlay.source, path.dirname(origin.file));
    return { overlay, origin: { file: origin.file, span: origin.span } };
  });
}

function stringItems(node: EffectiveNode | undefined): string[] {
  if (node?.kind !== 'array') return [];
  return node.items.map((i) => (i.value.kind === 'value' && typeof i.value.value === 'string' ? i.value.value : '')).filter((s) => s !== '');
}

/** The overlays of one overlay file, or azldev's error, which names the file relative to the project (`shown`). */
function overlayFileOverlays(fs: FileSystem, file: string, projectRoot: string): PlacedOverlay[] | string {
  const shown = JSON.stringify(shownPath(projectRoot, file));
  const text = fs.readFile(file);
  if (text === undefined) return `failed to open overlay file ${shown}:\nit ${explainUnreadable(fs, file).message}`;
  const doc = parseToml(text);
  const first = doc.errors[0];
  if (first) return `failed to parse overlay file ${shown}:\n${first.message}`;
  const arr = doc.root.entries.get('overlays')?.node;
  const items = arr?.type === 'array' ? arr.items : [];
  if (items.length === 0) return `overlay file declares no overlays: ${shown}`;
  const out: PlacedOverlay[] = [];
  for (const [i, item] of items.entries()) {
    if (item.type === 'table' && item.entries.has('metadata')) {
      return `per-overlay metadata is not allowed inside an overlay file; declare metadata once at the file level (overlay ${i + 1} in ${shown})`;
    }
    const overlay = overlayFromValue(toJS(item));
    overlay.source = absolutize(overlay.source, path.dirname(file));
    out.push({ overlay, origin: { file, span: item.type === 'table' ? item.span : { start: 0, end: 0 } } });
  }
  return out;
}

/**
 * `componentFile` is the concrete component's config file, the reference for every `overlay-files` pattern;
 * overlay files are read from under `projectRoot` only.
 */
export function collectOverlays(fs: FileSystem, effective: EffectiveComponent, componentFile: string, projectRoot: string): CollectedOverlays {
  const overlays = inlineOverlays(effective.config);
  const patterns = stringItems(effective.config.entries.get('overlay-files'));
  const glob = confinedGlob(fs, [projectRoot]);
  for (const pattern of patterns) {
    const refusals = glob.refusalsOf(resolveIncludePattern(componentFile, pattern));
    const first = refusals[0];
    if (first) return { ok: false, message: `component \`${effective.name}\` overlay-files:\npattern ${JSON.stringify(pattern)}: ${shownPath(projectRoot, first.path)} is not read: it ${first.reason}` };
  }
  const { files: ordered, missing } = orderedOverlayFiles(fs, patterns, componentFile, glob.expand);
  const firstMissing = missing[0];
  if (firstMissing !== undefined) {
    return { ok: false, message: `component \`${effective.name}\` overlay-files:\noverlay-files pattern matched no files: ${JSON.stringify(firstMissing)}` };
  }
  for (const file of ordered) {
    const loaded = overlayFileOverlays(fs, file, projectRoot);
    if (typeof loaded === 'string') return { ok: false, message: `component \`${effective.name}\` overlay-files:\n${loaded}` };
    appendAll(overlays, loaded);
  }
  return { ok: true, overlays };
}
