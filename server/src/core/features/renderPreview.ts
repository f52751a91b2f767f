// The editor's view of a render: the effective spec, the upstream spec it started from (for the diff),
// each overlay's outcome at its place in the TOML, and the offline spec lookup the overlay check while typing uses.
// Explicit previews may fetch from dist-git; diagnostics while typing never touch the network — they use
// local specs, an offline specs folder, local checkouts, and upstream trees already in the cache.
import * as nodeFs from 'node:fs';
import type { FileSystem } from '../fs';
import type { ProjectModel } from '../project/projectModel';
import { effectiveComponent } from '../project/effectiveConfig';
import { SpecFactsStore } from './specFacts';
import { createSpecProvider, gitReleaseHistory, lookupSpec, renderComponent, type RenderedComponent, type SpecProvider, type SpecRequest, type SpecTreeResult } from '../render';
import { resolveUpstreamSource } from '../upstream/distGit';

export interface RenderSettings {
  /** Where upstream clones are cached. */
  cacheDir: string;
  /** Folders of `<pkg>/` dist-git checkouts used instead of the network. */
  localCheckouts: string[];
  /** A folder of `<name>/<name>.spec` trees (azldev's rendered-specs layout works too), read before dist-git. */
  specsDir?: string;
  /** Whether an explicit preview may clone or fetch from dist-git. */
  allowFetch: boolean;
  /** Judge the authoring guide's unscoped spec-search-replace against the spec (default true). */
  guide?: boolean;
}

export interface OverlayView {
  index: number;
  type: string;
  kind: string;
  ok: boolean;
  message: string;
  description?: string;
  origin?: { file: string; span: { start: number; end: number } };
}

export interface RenderView {
  name: string;
  ok: boolean;
  spec?: string;
  /** The spec before any overlay. */
  upstreamSpec?: string;
  /** Where the spec came from: a folder, or the dist-git URL and commit. */
  source?: string;
  overlays: OverlayView[];
  errors: string[];
  notes: string[];
  release?: string;
  banner: string;
}

function keyOf(request: SpecRequest): string {
  if (request.kind === 'local') return `local:${request.specPath}`;
  const r = request.ref;
  return r ? `upstream:${request.component}:${r.pkg}:${r.baseUri}:${r.branch}:${r.commit ?? ''}:${r.snapshot ?? ''}` : `upstream:${request.component}:?`;
}

/** Upstream trees from local checkouts and the dist-git cache, never the network. */
function cachedUpstream(s: RenderSettings): SpecProvider {
  return createSpecProvider({
    upstream: (ref) => resolveUpstreamSource(ref, { cacheDir: s.cacheDir, localCheckouts: s.localCheckouts, timeoutMs: 20_000, offline: true }),
  });
}

/**
 * Specs at hand without the network: local specs, the specs folder, the upstream trees in `fetched` (what
 * previews fetched in this session), local checkouts and the upstream cache. The overlay check's worker
 * thread builds its own from the same settings (without `fetched`: those trees are in the cache too).
 */
export function offlineSpecProvider(s: RenderSettings, fetched?: ReadonlyMap<string, SpecTreeResult>): SpecProvider {
  const specsFolder = s.specsDir !== undefined ? createSpecProvider({ specsDir: s.specsDir }) : undefined;
  const cached = cachedUpstream(s);
  const local = createSpecProvider({});
  return async (request) => {
    if (request.kind === 'local') return local(request);
    const hit = specsFolder ? await specsFolder(request) : undefined;
    if (hit?.ok) return hit;
    const earlier = fetched?.get(keyOf(request));
    if (earlier) return earlier;
    // Without a cache there is nothing to read offline; looking would create the folder.
    if (s.localCheckouts.length === 0 && !nodeFs.existsSync(s.cacheDir)) return { ok: false, message: `the upstream spec of \`${request.component}\` is not at hand offline: there is no upstream cache at ${s.cacheDir} yet` };
    return cached(request);
  };
}

export class RenderService {
  /** Upstream trees explicit previews fetched, reused by the diagnostics while typing. */
  private readonly fetched = new Map<string, SpecTreeResult>();
  /** Sections, sub-packages and tags of the specs seen, for completion. */
  readonly specFacts = new SpecFactsStore();
  private readonly factLookups = new Set<string>();

  constructor(private settings: RenderSettings) {}

  configure(settings: RenderSettings): void {
    this.settings = settings;
  }

  private provider(allowNetwork: boolean, capture: { upstream?: string; source?: string }): SpecProvider {
    const s = this.settings;
    const offline = offlineSpecProvider(s, this.fetched);
    const online = createSpecProvider({
      upstream: (ref) => resolveUpstreamSource(ref, { cacheDir: s.cacheDir, localCheckouts: s.localCheckouts, timeoutMs: 120_000 }),
    });
    const cached = cachedUpstream(s);
    const specsFolder = s.specsDir !== undefined ? createSpecProvider({ specsDir: s.specsDir }) : undefined;
    return async (request) => {
      let result: SpecTreeResult;
      if (!allowNetwork || request.kind === 'local') result = await offline(request);
      else {
        const key = keyOf(request);
        const offlineHit = specsFolder ? await specsFolder(request) : undefined;
        if (offlineHit?.ok) result = offlineHit;
        else if (this.fetched.has(key)) result = this.fetched.get(key) as SpecTreeResult;
        else if (s.allowFetch) {
          result = await online(request);
          if (result.ok) this.fetched.set(key, result);
        } else {
          // Fetching is off, not reading: local checkouts and the cache still answer.
          result = await cached(request);
          if (result.ok) this.fetched.set(key, result);
          else if (request.ref !== undefined) result = { ok: false, message: `fetching upstream specs is turned off (distroToml.upstream.fetch) and neither a local checkout nor the cache has it: ${result.message}; set distroToml.upstream.specsDir or distroToml.upstream.localCheckouts to read \`${request.component}\` offline` };
        }
      }
      if (result.ok) {
        capture.upstream = result.tree.specText;
        capture.source = result.tree.origin;
        this.specFacts.record(request.component, result.tree.specText);
      }
      return result;
    };
  }

  /**
   * Looks up the component's spec without the network, so that its facts are there for the next completion
   * request; one lookup at a time per component. Resolves true when facts became known.
   */
  async loadSpecFacts(model: ProjectModel, name: string, fs: FileSystem): Promise<boolean> {
    if (this.specFacts.get(name) || this.factLookups.has(name)) return false;
    const effective = effectiveComponent(model, name);
    const def = model.unions.components.get(name);
    if (!effective || !def) return false;
    this.factLookups.add(name);
    try {
      // Only the spec is wanted: looked up (the provider records its facts), no overlay applied.
      await lookupSpec(model, name, effective.config, def.file, fs, this.provider(false, {}));
    } catch {
      // Facts stay unknown; completion offers the standard lists.
    } finally {
      this.factLookups.delete(name);
    }
    return this.specFacts.get(name) !== undefined;
  }

  /** Renders for a preview: may fetch the upstream tree (once; later renders reuse it). */
  async render(model: ProjectModel, name: string, fs: FileSystem): Promise<RenderView> {
    const capture: { upstream?: string; source?: string } = {};
    const r = await renderComponent(model, name, { fs, specs: this.provider(true, capture), releaseHistory: gitReleaseHistory });
    return toView(r, capture);
  }

  /** The settings the specs at hand are found with, as plain data (the overlay check's worker builds its own provider from them). */
  offlineSettings(): RenderSettings {
    return { ...this.settings, localCheckouts: [...this.settings.localCheckouts] };
  }

  /** Specs at hand without the network: the specs folder, earlier previews, local checkouts and the upstream cache. */
  offlineSpecs(): SpecProvider {
    return this.provider(false, {});
  }
}

function toView(r: RenderedComponent, capture: { upstream?: string; source?: string }): RenderView {
  return {
    name: r.name,
    ok: r.ok,
    ...(r.spec !== undefined ? { spec: r.spec } : {}),
    ...(capture.upstream !== undefined ? { upstreamSpec: capture.upstream } : {}),
    ...(capture.source !== undefined ? { source: capture.source } : {}),
    overlays: r.overlays.map((o) => ({ index: o.index, type: o.type, kind: o.kind, ok: o.ok, message: o.message, ...(o.description ? { description: o.description } : {}), ...(o.origin ? { origin: o.origin } : {}) })),
    errors: r.errors,
    notes: r.notes,
    ...(r.release ? { release: r.release.message } : {}),
    banner: r.banner,
  };
}
