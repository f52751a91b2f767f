// Render-time failures as diagnostics, for the editor (while typing) and `distro-toml check` alike: renders
// each component whose spec is at hand and marks every overlay that would fail at the overlay's table, and a
// `check.skip` on a spec without %check at the `skip` setting — azldev's words, codes that do not change.
// The caller's spec provider decides what is at hand; it must not use the network.
import type { CoreDiagnostic, RuleCode, Span } from '../diagnostics';
import type { FileSystem } from '../fs';
import { effectiveComponent, groupDefaultLayers, sharedDefaultLayers, type EffectiveNode } from '../project/effectiveConfig';
import type { Definition, ProjectModel } from '../project/projectModel';
import { scanFile, type FileScan } from '../project/componentScan';
import type { ModelNode, ModelTable } from '../toml/model';
import { overlayWrittenAt } from '../rules/componentConfigs';
import { executeRender, planRender, type RenderedComponent, type RenderPlan } from './renderComponent';
import { adviseScope, scopeAdviceMessage, type ScopeAdvice } from './scopeAdvice';
import { releaseFinding, unbumpableRelease } from './releasePrediction';
import type { SpecProvider, SpecTreeResult } from './specInput';
import type { Overlay, OverlayOrigin } from '../overlays';
import type { SpecEditor } from '../spec';
import type { RenderCheckpoints } from './renderCheckpoints';

export const OVERLAY_DOES_NOT_APPLY = 'overlay-does-not-apply';
export const CHECK_SKIP_DOES_NOT_APPLY = 'check-skip-does-not-apply';

export interface OverlayCheckOptions {
  fs: FileSystem;
  /** Where specs come from; never the network. */
  specs: SpecProvider;
  components: readonly string[];
  /** Keep only the findings located in this file (the editor checks the file being edited). */
  file?: string;
  signal?: { cancelled: boolean };
  /** Judge unscoped spec-search-replace overlays against the spec (the authoring guide's habit; default on). */
  guide?: boolean;
  /** Told after each component, for progress. */
  onComponent?: (done: number, total: number, name: string) => void;
}

export interface UnjudgedComponent {
  component: string;
  /** Why its spec was not at hand, in the spec lookup's words. */
  reason: string;
}

export interface OverlayCheckResult {
  diagnostics: CoreDiagnostic[];
  /** Components rendered against their spec. */
  judged: string[];
  /** Components whose spec was not at hand, so whose overlays were not tried. */
  unjudged: UnjudgedComponent[];
}

function child(node: EffectiveNode | undefined, ...keys: string[]): EffectiveNode | undefined {
  let cur = node;
  for (const k of keys) cur = cur?.kind === 'table' ? cur.entries.get(k) : undefined;
  return cur;
}

function nonEmptyArray(node: EffectiveNode | undefined): boolean {
  return node?.kind === 'array' && node.items.length > 0;
}

/** The `build.check.skip = true` setting azldev turns into a %check prepend, when it is set. */
function checkSkipSetting(node: EffectiveNode | undefined): Extract<EffectiveNode, { kind: 'value' }> | undefined {
  const skip = child(node, 'build', 'check', 'skip');
  return skip?.kind === 'value' && skip.value === true ? skip : undefined;
}

/** Whether a layer of a component's config (its own table, or a default-component-config) writes overlays, overlay files or a %check skip. */
function writesOverlays(node: ModelNode | undefined): boolean {
  if (node?.type !== 'table') return false;
  return node.entries.has('overlays') || node.entries.has('overlay-files') || ownTable(ownTable(node, 'build'), 'check')?.entries.has('skip') === true;
}

/** Every component of the project with something to try against its spec: overlays, overlay files or a %check skip. */
export function componentsWithOverlays(model: ProjectModel): string[] {
  const out: string[] = [];
  // Only a component one of whose layers writes one of these can have it in its effective config: the others
  // (most of a big tree) are passed over without merging their layers. Defaults shared by every component
  // (the distro's, the project's) that write one send every component through the merge.
  const everyComponent = sharedDefaultLayers(model).some((l) => writesOverlays(l.node));
  for (const name of [...model.unions.components.keys()].sort()) {
    if (!everyComponent && !writesOverlays(model.unions.components.get(name)?.node) && !groupDefaultLayers(model, name).some((l) => writesOverlays(l.node))) continue;
    const config = effectiveComponent(model, name)?.config;
    if (nonEmptyArray(config?.entries.get('overlays')) || nonEmptyArray(config?.entries.get('overlay-files')) || checkSkipSetting(config)) out.push(name);
  }
  return out;
}

/**
 * The components `file` defines with overlays, overlay files or a `build.check.skip` of their own — what an edit
 * of that file can make fail; inherited overlays are checked where they are written.
 */
export function componentsDefinedWithOverlays(model: ProjectModel, file: string): string[] {
  const out: string[] = [];
  for (const def of model.contributions.get(file)?.unions.components ?? []) if (definesOwnOverlays(def)) out.push(def.name);
  return out;
}

/** Whether a component's own table writes overlays, overlay files or a `build.check.skip`. */
function definesOwnOverlays(def: Definition): boolean {
  if (def.node.type !== 'table') return false;
  const own = def.node.entries;
  return own.has('overlays') || own.has('overlay-files') || ownTable(ownTable(def.node, 'build'), 'check')?.entries.has('skip') === true;
}

/** The component's name when its own table writes overlays (componentsDefinedWithOverlays' test), for scanFile. */
const nameIfOwnOverlays = (def: Definition): string | undefined => (definesOwnOverlays(def) ? def.name : undefined);

/**
 * componentsDefinedWithOverlays kept per file from one call to the next, which the server asks at every keystroke:
 * a component is looked at again only when its `Definition` is another object (`scanFile`: the file's list compared
 * with the last from the head and the tail), so a keystroke in a 7,400-component file does not test them all.
 */
export class DefinedWithOverlays {
  private readonly scans = new Map<string, FileScan<string>>();

  of(model: ProjectModel, file: string): string[] {
    const list = model.contributions.get(file)?.unions.components;
    if (!list) {
      this.scans.delete(file);
      return [];
    }
    const scan = scanFile(this.scans.get(file), list, nameIfOwnOverlays);
    this.scans.set(file, scan);
    return scan.hits.map((h) => h.value);
  }

  forget(file: string): void {
    this.scans.delete(file);
  }
}

function ownTable(node: ModelNode | undefined, key: string): ModelTable | undefined {
  const found = node?.type === 'table' ? node.entries.get(key)?.node : undefined;
  return found?.type === 'table' ? found : undefined;
}

export interface OverlayFinding {
  file: string;
  span: Span;
  code: RuleCode;
  message: string;
  component: string;
  index: number;
  severity?: CoreDiagnostic['severity'];
  data?: Record<string, unknown>;
}

export const GUIDE_UNSCOPED_SEARCH_REPLACE = 'guide-unscoped-search-replace';

/** The overlay table written at `origin` and how the rules name it ("overlay 2 of component `curl`"). */
function overlayAt(model: ProjectModel, origin: { file: string; span: Span }): { table: ModelTable; where: string } | undefined {
  const doc = model.contributions.get(origin.file)?.doc;
  return doc ? overlayWrittenAt(doc.root, origin.span.start) : undefined;
}

/** Unscoped spec-search-replace overlays judged against the spec: information at the regex, with the section to scope it to when that is safe. */
function adviceFindings(model: ProjectModel, component: string, advice: { origin: { file: string; span: Span }; advice: ScopeAdvice }[], source: string): OverlayFinding[] {
  return advice.map(({ origin, advice: a }) => {
    const at = overlayAt(model, origin);
    const regex = at?.table.entries.get('regex')?.node;
    const preambleOnly = a.reach.length === 1 && a.reach[0] === '';
    return {
      file: origin.file,
      span: regex?.span ?? origin.span,
      code: GUIDE_UNSCOPED_SEARCH_REPLACE,
      message: scopeAdviceMessage(at?.where ?? 'this overlay', a, source),
      component,
      index: -1,
      // Fine as written: a hint, so it is there on hover but not in the list of things to do.
      severity: preambleOnly && !a.targetedUpdate ? 'hint' : 'information',
      data: { field: 'section', reach: a.reach, ...(a.safeSection !== undefined ? { section: a.safeSection } : {}), ...(a.targetedUpdate ? { update: a.targetedUpdate } : {}) },
    };
  });
}

/**
 * What rendering one component says about its overlays, as plain data located by place in the render plan (a
 * user overlay's index in `RenderPlan.userOverlays`), not in the text: it holds while the text around moves, so
 * it can be computed on a worker thread and memoized per component on the plan and the spec.
 */
export interface OverlayOutcome {
  /** The spec was not at hand: why (the component's overlays were not tried). */
  unjudged?: string;
  /** Nothing to report: the render stopped before its spec was looked up (the rules report why). */
  skipped?: true;
  /** Where the spec came from, for messages. */
  source?: string;
  /** User overlays that fail: `userIndex` in the plan, `index` the render step. */
  failed: { userIndex: number; index: number; type: string; message: string }[];
  /** The %check skip fails: azldev's message and the render step. */
  checkSkip?: { index: number; message: string };
  /** Unscoped spec-search-replace overlays judged against the spec. */
  advice: { userIndex: number; advice: ScopeAdvice }[];
  /** The rendered Release value azldev could not bump. */
  unbumpableRelease?: string;
}

/** What an outcome may start from instead of the spec text: the spec parsed, and states saved by the last render of the same component on the same tree. */
export interface OutcomeReuse {
  parsedSpec?: SpecEditor;
  checkpoints?: RenderCheckpoints<OverlayOutcome['advice'][number]>;
}

/** Renders a planned component on its looked-up spec tree and says what fails (see OverlayOutcome); synchronous and pure but for reading overlay sources and sidecar files. */
export function overlayOutcomeOf(plan: RenderPlan, lookup: SpecTreeResult, guide = true, reuse: OutcomeReuse = {}): OverlayOutcome {
  if (!lookup.ok) return { unjudged: lookup.message, failed: [], advice: [] };
  const userIndex = new Map(plan.userOverlays.map((p, i) => [p.origin, i]));
  // With checkpoints, the advice gathered before a saved state comes back with it.
  const checkpoints = reuse.checkpoints;
  if (checkpoints) checkpoints.carry = [];
  const advice: OverlayOutcome['advice'] = checkpoints?.carry ?? [];
  let r: RenderedComponent;
  try {
    r = executeRender(plan, lookup.tree, {
      ...(guide ? {
        beforeUserOverlay: (overlay: Overlay, origin: OverlayOrigin | undefined, spec: SpecEditor) => {
          const a = origin ? adviseScope(overlay, spec) : undefined;
          const at = origin ? userIndex.get(origin) : undefined;
          if (a && at !== undefined) advice.push({ userIndex: at, advice: a });
        },
      } : {}),
      ...(reuse.parsedSpec ? { parsedSpec: reuse.parsedSpec } : {}),
      ...(checkpoints ? { resume: checkpoints } : {}),
    });
  } catch {
    return { skipped: true, failed: [], advice: [] };
  }
  const out: OverlayOutcome = { source: lookup.tree.origin, failed: [], advice };
  for (const o of r.overlays) {
    // An overlay azldev's load-time validation rejects never reaches the render; the rules report it.
    if (o.ok || o.invalid) continue;
    const at = o.origin ? userIndex.get(o.origin) : undefined;
    if (o.kind === 'user' && at !== undefined) out.failed.push({ userIndex: at, index: o.index, type: o.type, message: o.message });
    else if (o.kind === 'check-skip') out.checkSkip = { index: o.index, message: o.message };
  }
  // A Release the render would fail to bump once the component has commits (releasePrediction.ts).
  const release = r.spec !== undefined ? unbumpableRelease(plan.releaseCalculation, r.spec) : undefined;
  if (release !== undefined) out.unbumpableRelease = release;
  return out;
}

/** The findings of an outcome at their places in the project as it is now, told by `plan` (made from the same model). */
export function locateOverlayOutcome(model: ProjectModel, plan: RenderPlan, outcome: OverlayOutcome): OverlayFinding[] {
  const name = plan.name;
  const source = outcome.source ?? '';
  const out: OverlayFinding[] = [];
  for (const f of outcome.failed) {
    const origin = plan.userOverlays[f.userIndex]?.origin;
    if (origin) out.push({ file: origin.file, span: origin.span, code: OVERLAY_DOES_NOT_APPLY, message: `${f.type} overlay fails against ${source}: ${f.message}`, component: name, index: f.index });
  }
  if (outcome.checkSkip) {
    const skip = checkSkipSetting(effectiveComponent(model, name)?.config);
    if (skip) {
      out.push({
        file: skip.origin.file,
        span: skip.origin.span,
        code: CHECK_SKIP_DOES_NOT_APPLY,
        message: `check.skip prepends \`exit 0\` to %check, which fails against ${source}: ${outcome.checkSkip.message}`,
        component: name,
        index: outcome.checkSkip.index,
      });
    }
  }
  const release = outcome.unbumpableRelease !== undefined ? releaseFinding(model, name, outcome.unbumpableRelease) : undefined;
  if (release) out.push({ ...release, component: name, index: -1 });
  const advice = outcome.advice.flatMap(({ userIndex, advice: a }) => {
    const origin = plan.userOverlays[userIndex]?.origin;
    return origin ? [{ origin, advice: a }] : [];
  });
  return [...out, ...adviceFindings(model, name, advice, source)];
}

/** Collects located findings into diagnostics: one per failing place, an overlay inherited by many components named once. */
export class OverlayFindingsCollector {
  readonly diagnostics: CoreDiagnostic[] = [];
  private readonly byPlace = new Map<string, { diagnostic: CoreDiagnostic; others: string[] }>();

  constructor(private readonly file?: string) {}

  add(findings: readonly OverlayFinding[]): void {
    for (const f of findings) {
      if (this.file !== undefined && f.file !== this.file) continue;
      const key = `${f.file}\0${f.span.start}\0${f.span.end}\0${f.code}`;
      const seen = this.byPlace.get(key);
      if (seen) {
        seen.others.push(f.component);
        continue;
      }
      const diagnostic: CoreDiagnostic = { file: f.file, span: f.span, severity: f.severity ?? 'error', code: f.code, message: f.message, data: { component: f.component, index: f.index, ...f.data } };
      this.byPlace.set(key, { diagnostic, others: [] });
      this.diagnostics.push(diagnostic);
    }
  }

  /** The diagnostics, each inherited one with the other components it fails for (the first component's words). */
  finish(): CoreDiagnostic[] {
    for (const { diagnostic, others } of this.byPlace.values()) {
      if (others.length === 0) continue;
      const shown = others.slice(0, 5).map((n) => `\`${n}\``).join(', ');
      diagnostic.message += `\n(also fails for ${others.length} other component${others.length === 1 ? '' : 's'}: ${shown}${others.length > 5 ? ', …' : ''})`;
    }
    return this.diagnostics;
  }
}

/** Renders each component whose spec the provider has and reports what would fail, one diagnostic per failing place. */
export async function checkOverlaysAgainstSpecs(model: ProjectModel, options: OverlayCheckOptions): Promise<OverlayCheckResult> {
  const result: OverlayCheckResult = { diagnostics: [], judged: [], unjudged: [] };
  const collector = new OverlayFindingsCollector(options.file);
  for (const [done, name] of options.components.entries()) {
    if (options.signal?.cancelled) break;
    if (done > 0) options.onComponent?.(done, options.components.length, name);
    const plan = planRender(model, name, options.fs);
    // A component that fails before its spec is looked up (broken overlay files, a local spec outside the project) is reported by the rules.
    if (plan.error !== undefined || 'refused' in plan.spec) continue;
    let lookup: SpecTreeResult;
    try {
      lookup = await options.specs(plan.spec);
    } catch {
      continue;
    }
    const outcome = overlayOutcomeOf(plan, lookup, options.guide !== false);
    if (outcome.skipped) continue;
    if (outcome.unjudged !== undefined) {
      result.unjudged.push({ component: name, reason: outcome.unjudged });
      continue;
    }
    result.judged.push(name);
    collector.add(locateOverlayOutcome(model, plan, outcome));
  }
  result.diagnostics = collector.finish();
  return result;
}
