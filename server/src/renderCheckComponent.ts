// One component of `render --all --check`: render it (no Release history: the check masks it), read its
// directory in the rendered-specs-dir without following links, compare (core/render/drift.ts), and optionally
// say which overlays the drift comes from, write the directory as azldev's render would, and give the patch.
// Used on the main thread for --jobs 1 and in each worker thread otherwise; everything it returns can be
// posted between threads.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { DocumentCache } from './core/documentCache';
import { diskFileSystem, MAX_FILE_BYTES } from './core/fs';
import { loadProject, type ProjectModel } from './core/project/projectModel';
import { createSpecProvider, renderComponent, type SpecProvider } from './core/render';
import { compareComponent, renderedDirOf, type CommittedOutput, type ComponentDrift, type ExpectedOutput } from './core/render/drift';
import { attributeDrift, type DriftAnnotation } from './core/render/driftAttribution';
import { gitPatchFor } from './core/render/driftPatch';
import { resolveUpstreamSource } from './core/upstream/distGit';
import { writeRenderedDir } from './renderedSpecsWrite';

export interface RenderCheckJob {
  projectFile: string;
  /** The rendered-specs-dir, absolute. */
  renderedDir: string;
  /** Offline folder of upstream specs (`DIR/<name>/<name>.spec`), read before the cache. */
  specsDir?: string;
  cacheDir: string;
  /** Never contact dist-git: only the cache. */
  offline: boolean;
  write: boolean;
  /** Path of the rendered-specs-dir from the repository root (`/`-separated), for the patch; undefined: no patch. */
  patchPrefix?: string;
  annotate: boolean;
}

export type ComponentOutcome =
  | { component: string; checked: true; drift: ComponentDrift; patch?: { patch: string; skipped: string[] }; annotations?: DriftAnnotation[]; writeError?: string }
  | { component: string; checked: false; reason: string };

/** Regular files below `dir` (relative, `/`-separated); links and special files are listed apart, never read. */
export function readCommitted(root: string, rel: string): CommittedOutput {
  let dir = root;
  for (const seg of rel.split('/')) {
    dir = path.join(dir, seg);
    let st: nodeFs.Stats;
    try {
      st = nodeFs.lstatSync(dir);
    } catch {
      return { files: undefined, irregular: [] };
    }
    if (!st.isDirectory()) return { files: new Map(), irregular: [''] };
  }
  const files = new Map<string, Uint8Array>();
  const irregular: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of nodeFs.readdirSync(d, { withFileTypes: true })) {
      const name = prefix + e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), name + '/');
      else if (!e.isFile()) irregular.push(name);
      else {
        const p = path.join(d, e.name);
        if (nodeFs.lstatSync(p).size > MAX_FILE_BYTES) irregular.push(name);
        else files.set(name, nodeFs.readFileSync(p));
      }
    }
  };
  walk(dir, '');
  return { files, irregular };
}

export interface ComponentChecker {
  model: ProjectModel;
  check(component: string): Promise<ComponentOutcome>;
}

export function createComponentChecker(job: RenderCheckJob): ComponentChecker {
  const model = loadProject(new DocumentCache(diskFileSystem), job.projectFile);
  // The check fetches what the cache lacks and never refreshes what it has (`upstream sync` does that).
  const fromCache = createSpecProvider({ upstream: (ref) => resolveUpstreamSource(ref, { cacheDir: job.cacheDir, offline: job.offline, refreshAfterMs: Number.POSITIVE_INFINITY }) });
  const fromFolder = job.specsDir !== undefined ? createSpecProvider({ specsDir: job.specsDir }) : undefined;
  return {
    model,
    async check(component) {
      let unavailable: string | undefined;
      // --specs-dir stands in first; a component it lacks still comes from the upstream cache.
      const specs: SpecProvider = async (request) => {
        const inFolder = fromFolder && request.kind === 'upstream' ? await fromFolder(request) : undefined;
        const got = inFolder?.ok ? inFolder : await fromCache(request);
        if (!got.ok && request.kind === 'upstream') unavailable = got.message;
        return got;
      };
      const r = await renderComponent(model, component, { fs: diskFileSystem, specs });
      if (unavailable !== undefined) return { component, checked: false, reason: unavailable };
      if (r.spec === undefined && r.errors.some((e) => e.startsWith('invalid component name'))) return { component, checked: false, reason: r.errors.join('; ') };
      const expected: ExpectedOutput = r.ok
        ? {
            kind: 'files',
            specFileName: r.specFileName,
            files: new Map([[r.specFileName, Buffer.from(r.spec ?? '')], ...(r.files?.names() ?? []).map((n): [string, Uint8Array] => [n, r.files?.read(n) ?? new Uint8Array()])]),
            historyDerivedRelease: r.historyDerivedRelease === true,
            filePruning: r.filePruning ?? 'done',
          }
        : { kind: 'failed', reasons: [...r.errors, ...r.overlays.filter((o) => !o.ok).map((o) => `overlay ${o.index} (${o.type}): ${o.message}`)] };
      const rel = renderedDirOf(component);
      const committed = readCommitted(job.renderedDir, rel);
      const { drift, write } = compareComponent(component, expected, committed);
      const outcome: ComponentOutcome = { component, checked: true, drift };
      if (drift.status === 'up-to-date') return outcome;
      if (job.annotate) outcome.annotations = await attributeDrift(model, component, drift, { fs: diskFileSystem, specs });
      if (job.patchPrefix !== undefined) outcome.patch = gitPatchFor(job.patchPrefix, drift, committed, write);
      if (job.write) {
        const written = writeRenderedDir(job.renderedDir, component, write);
        if (!written.ok) outcome.writeError = written.message;
      }
      return outcome;
    },
  };
}
