// The render-time part of `distro-toml check`: every component of a project with overlays, overlay files or a
// %check skip is rendered against the spec at hand — local specs, `--specs-dir`, the upstream cache read
// offline — through the same core check the editor runs while typing. Never uses the network.
import type { FileSystem } from './core/fs';
import { RenderService } from './core/features/renderPreview';
import type { ProjectModel } from './core/project/projectModel';
import { checkOverlaysAgainstSpecs, componentsWithOverlays, type OverlayCheckResult, type UnjudgedComponent } from './core/render';

export interface OverlaySpecSources {
  /** `DIR/<name>/<name>.spec` trees read before the cache. */
  specsDir?: string;
  /** The upstream cache `render` and the editor fill; only read. */
  cacheDir: string;
}

export async function checkProjectOverlays(model: ProjectModel, fs: FileSystem, sources: OverlaySpecSources): Promise<OverlayCheckResult> {
  const render = new RenderService({ cacheDir: sources.cacheDir, localCheckouts: [], allowFetch: false, ...(sources.specsDir !== undefined ? { specsDir: sources.specsDir } : {}) });
  return checkOverlaysAgainstSpecs(model, { fs, specs: render.offlineSpecs(), components: componentsWithOverlays(model) });
}

export interface OverlayTally {
  judged: number;
  notJudged: UnjudgedComponent[];
}

/** The summary line: how many components were tried against their spec, and how many could not be for lack of one. */
export function describeOverlayTally(t: OverlayTally): string {
  const plural = (n: number) => `${n} component${n === 1 ? '' : 's'}`;
  const head = `overlays checked against the spec of ${plural(t.judged)}`;
  if (t.notJudged.length === 0) return head;
  return `${head}; ${plural(t.notJudged.length)} not judged for lack of a spec (pass --specs-dir DIR, or render them once to fill the upstream cache)`;
}
