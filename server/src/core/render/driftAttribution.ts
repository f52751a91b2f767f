// Where in the TOML a component's drift comes from, for CI annotations: the component is rendered again with a
// look at the spec before each of its overlays, and an overlay is named when a line it adds is among the lines the
// committed spec lacks, or a line it removes is among the lines the committed spec still has. Drift no overlay
// explains (a removed overlay, a new upstream commit, sidecar files, a missing directory) is put on the
// component's own header.
import type { OverlayOrigin } from '../overlays';
import type { ProjectModel } from '../project/projectModel';
import { LineIndex } from '../text/lineIndex';
import { unifiedHunks } from '../text/unifiedDiff';
import type { ComponentDrift } from './drift';
import { renderComponent, type RenderEnvironment } from './renderComponent';

export interface DriftAnnotation {
  component: string;
  /** The TOML file, absolute. */
  file: string;
  /** 1-based lines of the overlay table or the component header. */
  line: number;
  endLine: number;
  message: string;
}

function changedLines(diff: string): { added: Set<string>; removed: Set<string> } {
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ') || line.startsWith('--- ')) continue;
    const body = line.slice(1);
    if (body.trim() === '') continue;
    if (line.startsWith('+')) added.add(body);
    else if (line.startsWith('-')) removed.add(body);
  }
  return { added, removed };
}

function lines(env: Pick<RenderEnvironment, 'fs'>, file: string, start: number, end: number): { line: number; endLine: number } {
  const text = env.fs.readFile(file);
  if (text === undefined) return { line: 1, endLine: 1 };
  const index = new LineIndex(text);
  return { line: index.positionAt(start).line + 1, endLine: index.positionAt(Math.max(start, end - 1)).line + 1 };
}

export async function attributeDrift(model: ProjectModel, component: string, drift: ComponentDrift, env: RenderEnvironment): Promise<DriftAnnotation[]> {
  const out: DriftAnnotation[] = [];
  const specDrift = drift.files.find((f) => f.file === `${component}.spec` && f.kind !== 'extra');
  const explained = new Set<string>();
  if (specDrift && drift.status === 'stale') {
    const wanted = changedLines(specDrift.diff);
    const snaps: { origin: OverlayOrigin | undefined; text: string }[] = [];
    const r = await renderComponent(model, component, { ...env, beforeUserOverlay: (_o, origin, spec) => snaps.push({ origin, text: spec.toAzldevText() }) });
    for (const [i, snap] of snaps.entries()) {
      if (!snap.origin) continue;
      const after = snaps[i + 1]?.text ?? r.spec ?? snap.text;
      const own = changedLines(unifiedHunks(snap.text, after, { context: 0 }));
      const adds = [...own.added].filter((l) => wanted.added.has(l));
      const removes = [...own.removed].filter((l) => wanted.removed.has(l));
      if (adds.length === 0 && removes.length === 0) continue;
      for (const l of adds) explained.add('+' + l);
      for (const l of removes) explained.add('-' + l);
      const what = adds.length > 0 ? `adds ${adds.length} line(s) the committed spec lacks` : `removes ${removes.length} line(s) the committed spec still has`;
      out.push({
        component,
        file: snap.origin.file,
        ...lines(env, snap.origin.file, snap.origin.span.start, snap.origin.span.end),
        message: `${drift.dir}/${component}.spec is stale: this overlay ${what}; re-render ${component}`,
      });
    }
    const unexplained = [...wanted.added].some((l) => !explained.has('+' + l)) || [...wanted.removed].some((l) => !explained.has('-' + l));
    if (!unexplained && drift.files.every((f) => f === specDrift)) return out;
  }
  const def = model.unions.components.get(component);
  if (def) {
    const counts = drift.files.map((f) => `${f.file} ${f.kind}`).join(', ');
    const message =
      drift.status === 'missing' ? `${drift.dir} is missing from the rendered specs; render ${component} and commit it` : `${drift.dir} is stale (${counts}); re-render ${component}`;
    out.push({ component, file: def.file, ...lines(env, def.file, def.keySpan.start, def.keySpan.end), message });
  }
  return out;
}
