// The render pipeline of `azldev component render` up to the spec it hands to rpmautospec (sourceprep.go):
// spec and sidecar files → `NAME.azl.macros` and the overlays loading it → the user's overlays in order →
// the %check skip → azldev's header → the Release bump by the project commits that changed the component.
// rpmautospec's expansion of %autorelease/%autochangelog (and spectool's pruning of unreferenced files) run
// in a mock chroot afterwards and are not reproduced; a preview says so through `banner`.
import * as path from 'node:path';
import type { FileSystem } from '../fs';
import { applyOverlay, SidecarFiles, type Overlay, type OverlayKind, type OverlayOrigin, type OverlayResult, type SourceReader } from '../overlays';
import { effectiveComponent, type EffectiveNode } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import { SpecEditor, updateExistingTag } from '../spec';
import { filenameProblem } from '../rules/goPaths';
import { collectOverlays, type PlacedOverlay } from './componentOverlays';
import { buildMacrosMap, checkSkipOverlay, headerOverlay, macroLoadOverlays, MACROS_FILE_EXTENSION, renderMacrosFile, type BuildMacroConfig } from './macrosFile';
import { pruneUnreferencedFiles } from './referencedFiles';
import { planRelease } from './release';
import type { CommitCount, ReleaseHistory } from './releaseHistory';
import { provenanceDistTag, provenanceMacrosOf } from './upstreamProvenance';
import { upstreamRefFor } from './upstreamRef';
import type { SpecProvider, SpecRequest, SpecTree, SpecTreeResult } from './specInput';
import { diskSource, refusedRead } from './readConfinement';
import { appendAll } from '../appendAll';

export const PREVIEW_BANNER = [
  '# Distro TOML preview: the spec azldev renders before rpmautospec runs.',
  '# %autorelease and %autochangelog are left as written (azldev expands them with rpmautospec in a mock',
  '# chroot); files are pruned to those the spec references as far as its own macros tell.',
].join('\n');

/** What a render reads besides the model or its plan: the same for `renderComponent` and `executeRender`. */
export interface RenderHooks {
  /** Reads overlay `source` files; the disk by default. */
  readSource?: SourceReader;
  /** Called before each of the config's own overlays applies, with the spec as it stands then (to read, not change). */
  beforeUserOverlay?: (overlay: Overlay, origin: OverlayOrigin | undefined, spec: SpecEditor) => void;
  /** The tree's spec text already parsed (it is not edited: the render edits a copy). */
  parsedSpec?: SpecEditor;
  /** States saved between the overlay steps, to start this render at the first step that differs from an earlier render's (renderResume.ts). */
  resume?: RenderResume;
}

export interface RenderEnvironment extends RenderHooks {
  /** Reads config and overlay files (editor buffers included). */
  fs: FileSystem;
  specs: SpecProvider;
  /** Counts the project commits that changed a component; without it the Release bump is not computed. */
  releaseHistory?: ReleaseHistory;
}

/** The render's state before one of its overlay steps: the spec, the sidecar files and the outcomes of the steps before it. */
export interface RenderState {
  spec: SpecEditor;
  files: SidecarFiles;
  overlays: OverlayResult[];
}

/**
 * Saved render states of one spec tree (the caller keeps one per tree, with the overlay sources unchanged), keyed
 * by what led to them: `stepKeys[0]` is the macros file written before the first step, `stepKeys[i + 1]` all that
 * step `i` reads besides the state before it (its overlay without place or description, its kind, a refusal). The
 * state before step `at` is led to by `stepKeys[0..at]`.
 */
export interface RenderResume {
  /** A saved state before step `at` whose keys `stepKeys[0..at]` are these (the latest such), as a copy to edit; or undefined. */
  restore(stepKeys: readonly string[]): { at: number; state: RenderState } | undefined;
  /** The state before step `at` (the resume copies what it keeps: the render goes on editing these). */
  save(stepKeys: readonly string[], at: number, state: RenderState): void;
}

export interface ReleaseOutcome {
  /** How many synthetic commits azldev would add, when known. */
  commits?: number;
  /** The Release value before and after, when it was bumped. */
  from?: string;
  to?: string;
  message: string;
}

export interface RenderedComponent {
  name: string;
  /** False when anything azldev would fail on failed: an overlay, the spec lookup, the Release bump. */
  ok: boolean;
  specFileName: string;
  /** The post-overlay spec, byte for byte as azldev writes it; undefined when there was no spec to start from. */
  spec?: string;
  /** The sidecar files after overlays, the generated macros file included. */
  files?: SidecarFiles;
  overlays: OverlayResult[];
  /** Failures outside any one overlay (spec not found, overlay files, Release), in azldev's words. */
  errors: string[];
  notes: string[];
  release?: ReleaseOutcome;
  /**
   * True when azldev would bump this Release by the project commits that changed the component (a static value
   * with `release.calculation` auto or static): the number then comes from history, not from the config.
   */
  historyDerivedRelease?: boolean;
  /**
   * How the sidecar files were pruned to those the spec references: `done`, `undetermined` (a name uses a macro
   * this render cannot expand, so every file was kept) or `skipped` (`render.skip-file-filter`, as azldev does).
   */
  filePruning?: 'done' | 'undetermined' | 'skipped';
  banner: string;
}

function child(node: EffectiveNode | undefined, ...keys: string[]): EffectiveNode | undefined {
  let cur = node;
  for (const k of keys) cur = cur?.kind === 'table' ? cur.entries.get(k) : undefined;
  return cur;
}

function stringAt(node: EffectiveNode | undefined): string {
  return node?.kind === 'value' && typeof node.value === 'string' ? node.value : '';
}

function stringsAt(node: EffectiveNode | undefined): string[] {
  if (node?.kind !== 'array') return [];
  return node.items.flatMap((i) => (i.value.kind === 'value' && typeof i.value.value === 'string' ? [i.value.value] : []));
}

function buildConfig(config: EffectiveNode): BuildMacroConfig {
  const defines = child(config, 'build', 'defines');
  const pairs: [string, string][] = [];
  if (defines?.kind === 'table') for (const [k, v] of defines.entries) if (v.kind === 'value' && typeof v.value === 'string') pairs.push([k, v.value]);
  return {
    with: stringsAt(child(config, 'build', 'with')),
    without: stringsAt(child(config, 'build', 'without')),
    defines: pairs,
    undefines: stringsAt(child(config, 'build', 'undefines')),
  };
}

function lockDirOf(model: ProjectModel): string {
  let dir = 'locks';
  let base = path.dirname(model.rootFile);
  for (const s of model.sections.project) {
    const v = s.entry.node.type === 'table' ? s.entry.node.entries.get('lock-dir')?.node : undefined;
    if (v?.type === 'scalar' && v.syntax.kind === 'string' && v.syntax.value !== '') {
      dir = v.syntax.value;
      base = path.dirname(s.file);
    }
  }
  return path.resolve(base, dir);
}

interface Step {
  overlay: Overlay;
  kind: OverlayKind;
  origin?: OverlayOrigin;
  /** Why its source may not be read (RenderPlan.refusedSources). */
  refused?: string;
}

/**
 * What to ask a spec provider for: the component's local spec (read only inside the project) or the upstream
 * reference its effective config names; `refused` when the local spec may not be read.
 */
export function specRequestFor(model: ProjectModel, name: string, config: EffectiveNode, componentFile: string, fs: FileSystem): SpecRequest | { refused: string } {
  if ((stringAt(child(config, 'spec', 'type')) || 'upstream') === 'local') {
    const specPathNode = child(config, 'spec', 'path');
    const rel = stringAt(specPathNode);
    const base = specPathNode?.kind === 'value' ? path.dirname(specPathNode.origin.file) : path.dirname(componentFile);
    const refused = refusedRead(fs, model.root, path.resolve(base, rel), 'the local spec');
    return refused !== undefined ? { refused } : { component: name, kind: 'local', specPath: path.resolve(base, rel), projectRoot: model.root };
  }
  const ref = upstreamRefFor(model, name, config);
  return { component: name, kind: 'upstream', ref: ref.ok ? ref.ref : undefined, ...(ref.ok ? {} : { refProblem: ref.message }) };
}

/** The component's spec tree, asked of `specs` (see specRequestFor). What a render starts from, and all completion needs of a spec. */
export async function lookupSpec(model: ProjectModel, name: string, config: EffectiveNode, componentFile: string, fs: FileSystem, specs: SpecProvider): Promise<SpecTreeResult> {
  const request = specRequestFor(model, name, config, componentFile, fs);
  return 'refused' in request ? { ok: false, message: request.refused } : specs(request);
}

/**
 * Everything a render reads from the project, as plain data (it can be posted to a worker thread and compared
 * as a memo key): the spec to ask for, the overlays in order with where each is written, the build macros, the
 * %check skip and the render settings. `executeRender` turns it and the spec tree into the render, reading
 * nothing else but the overlay sources and the spec tree's sidecar files.
 */
export interface RenderPlan {
  name: string;
  specFileName: string;
  /** Why the render stops before its spec is looked up, in azldev's words; the other fields are then empty. */
  error?: string;
  spec: SpecRequest | { refused: string };
  /** Set when upstream provenance macros are emitted: the `.fcN` their Release uses. */
  provenanceDistTag?: string;
  build: BuildMacroConfig;
  userOverlays: PlacedOverlay[];
  /** Why an overlay's `source` may not be read, by its index in userOverlays. */
  refusedSources: Record<number, string>;
  /** The reason given with `build.check.skip = true`, when the skip is set. */
  checkSkipReason?: string;
  releaseCalculation: string;
  skipFileFilter: boolean;
  /** The component's config file and the project's lock folder, for the Release history. */
  configFile: string;
  lockDir: string;
}

function failedPlan(name: string, error: string): RenderPlan {
  return { name, specFileName: `${name}.spec`, error, spec: { refused: error }, build: { with: [], without: [], defines: [], undefines: [] }, userOverlays: [], refusedSources: {}, releaseCalculation: '', skipFileFilter: false, configFile: '', lockDir: '' };
}

/** The render's inputs from the project (see RenderPlan); cheap next to the render itself: no spec is read. */
export function planRender(model: ProjectModel, name: string, fs: FileSystem): RenderPlan {
  // azldev's RenderedSpecDir check comes first: the name becomes a directory (and lock file) name.
  const nameProblem = filenameProblem(name);
  if (nameProblem !== undefined) return failedPlan(name, `invalid component name for rendered spec dir:\n${nameProblem}`);
  const effective = effectiveComponent(model, name);
  const def = model.unions.components.get(name);
  if (!effective || !def) return failedPlan(name, `component \`${name}\` is not defined in the project`);
  const config = effective.config;
  const collected = collectOverlays(fs, effective, def.file, model.root);
  if (!collected.ok) return failedPlan(name, collected.message);
  const specKind = stringAt(child(config, 'spec', 'type')) || 'upstream';
  const emitProvenance = child(config, 'build', 'emit-upstream-provenance')?.kind === 'value' && (child(config, 'build', 'emit-upstream-provenance') as { value: unknown }).value === true && specKind !== 'local';
  const distTag = emitProvenance ? provenanceDistTag(model, config) : undefined;
  const refusedSources: Record<number, string> = {};
  for (const [i, placed] of collected.overlays.entries()) {
    const source = placed.overlay.source;
    const refused = source === '' ? undefined : refusedRead(fs, model.root, source, 'overlay source');
    if (refused !== undefined) refusedSources[i] = refused;
  }
  const check = child(config, 'build', 'check');
  const skip = child(check, 'skip')?.kind === 'value' && (child(check, 'skip') as { value: unknown }).value === true;
  const skipFilter = child(config, 'render', 'skip-file-filter');
  return {
    name,
    specFileName: `${name}.spec`,
    spec: specRequestFor(model, name, config, def.file, fs),
    ...(distTag !== undefined ? { provenanceDistTag: distTag } : {}),
    build: buildConfig(config),
    userOverlays: collected.overlays,
    refusedSources,
    ...(skip ? { checkSkipReason: stringAt(child(check, 'skip_reason')) } : {}),
    releaseCalculation: stringAt(child(config, 'release', 'calculation')),
    skipFileFilter: skipFilter?.kind === 'value' && skipFilter.value === true,
    configFile: def.file,
    lockDir: lockDirOf(model),
  };
}

export interface RenderExecution extends RenderHooks {
  /** The project commits that changed the component (the Release bump); without it the bump is not computed. */
  commits?: CommitCount;
}

export async function renderComponent(model: ProjectModel, name: string, env: RenderEnvironment): Promise<RenderedComponent> {
  const plan = planRender(model, name, env.fs);
  if (plan.error !== undefined) return { ...emptyResult(plan), errors: [plan.error] };
  const tree = 'refused' in plan.spec ? ({ ok: false, message: plan.spec.refused } as const) : await env.specs(plan.spec);
  if (!tree.ok) return { ...emptyResult(plan), errors: [`failed to fetch sources for component \`${name}\`:\n${tree.message}`] };
  const commits = env.releaseHistory ? await env.releaseHistory({ component: name, configFile: plan.configFile, lockDir: plan.lockDir }) : undefined;
  return executeRender(plan, tree.tree, {
    ...(commits ? { commits } : {}),
    ...(env.readSource ? { readSource: env.readSource } : {}),
    ...(env.beforeUserOverlay ? { beforeUserOverlay: env.beforeUserOverlay } : {}),
  });
}

function emptyResult(plan: RenderPlan): RenderedComponent {
  return { name: plan.name, ok: false, specFileName: plan.specFileName, overlays: [], errors: [], notes: [], banner: PREVIEW_BANNER };
}

/** The render of a planned component on its spec tree: azldev's steps in order, each overlay's outcome, the Release bump. */
export function executeRender(plan: RenderPlan, tree: SpecTree, options: RenderExecution = {}): RenderedComponent {
  const name = plan.name;
  const result = emptyResult(plan);
  let spec = options.parsedSpec?.clone() ?? new SpecEditor(tree.specText);
  let files = new SidecarFiles(tree.files);
  result.files = files;

  const macros = buildMacrosMap(plan.build);
  if (plan.provenanceDistTag !== undefined) {
    const prov = provenanceMacrosOf(plan.provenanceDistTag, spec);
    for (const [k, v] of prov.macros) if (!macros.has(k)) macros.set(k, v);
    appendAll(result.notes, prov.notes);
  }
  const macrosText = renderMacrosFile(macros);
  const steps: Step[] = [];
  if (macrosText !== '') {
    const macrosFileName = name + MACROS_FILE_EXTENSION;
    files.write(macrosFileName, macrosText);
    const load = macroLoadOverlays(macrosFileName);
    if (typeof load === 'string') {
      result.errors.push(`failed to collect overlays for component \`${name}\`:\nfailed to compute macros load overlays:\n${load}`);
      return result;
    }
    for (const overlay of load) steps.push({ overlay, kind: 'macros-load' });
  }
  for (const [i, placed] of plan.userOverlays.entries()) steps.push({ overlay: placed.overlay, kind: 'user', origin: placed.origin, ...(plan.refusedSources[i] !== undefined ? { refused: plan.refusedSources[i] } : {}) });
  if (plan.checkSkipReason !== undefined) steps.push({ overlay: checkSkipOverlay(plan.checkSkipReason), kind: 'check-skip' });
  steps.push({ overlay: headerOverlay(), kind: 'header' });

  const readSource = options.readSource ?? diskSource;
  // The macros file is part of the state before the first step: it leads the keys.
  const stepKeys = options.resume ? [JSON.stringify(macrosText), ...steps.map(stepKeyOf)] : [];
  const resumed = options.resume?.restore(stepKeys);
  if (resumed) {
    spec = resumed.state.spec;
    files = resumed.state.files;
    // The same overlays as before, written where this plan says (origins are the plan's own objects).
    for (const o of resumed.state.overlays) {
      const step = steps[o.index];
      const { origin: _origin, description: _description, ...rest } = o;
      result.overlays.push({ ...rest, ...(step?.overlay.description ? { description: step.overlay.description } : {}), ...(step?.origin ? { origin: step.origin } : {}) });
    }
    result.files = files;
  }
  let failed = result.overlays.some((o) => !o.ok);
  for (const [index, step] of steps.entries()) {
    if (resumed && index < resumed.at) continue;
    if (options.resume && index > 0 && step.kind === 'user') options.resume.save(stepKeys, index, { spec, files, overlays: result.overlays });
    if (step.kind === 'user') options.beforeUserOverlay?.(step.overlay, step.origin, spec);
    const outcome = step.refused !== undefined ? { ok: false as const, message: step.refused } : applyOverlay(step.overlay, { spec, files, readSource });
    if (!outcome.ok) failed = true;
    result.overlays.push({
      index,
      type: step.overlay.type,
      kind: step.kind,
      ok: outcome.ok,
      message: outcome.ok ? (outcome.note ?? '') : outcome.message,
      ...(step.overlay.description ? { description: step.overlay.description } : {}),
      ...(!outcome.ok && outcome.invalid ? { invalid: true as const } : {}),
      ...(step.origin ? { origin: step.origin } : {}),
    });
  }
  if (failed) result.notes.push('azldev stops at the first failing overlay and renders nothing; the spec shown has every other overlay applied');

  const release = releaseStep(name, plan.releaseCalculation, spec, options.commits);
  result.release = release.outcome;
  if (release.error !== undefined) {
    failed = true;
    result.errors.push(release.error);
  }

  result.historyDerivedRelease = release.outcome.from !== undefined || (release.outcome.commits === undefined && planRelease(name, plan.releaseCalculation, spec, 1).kind === 'bump');
  if (plan.skipFileFilter) {
    result.filePruning = 'skipped';
  } else {
    const pruned = pruneUnreferencedFiles(spec, files);
    result.filePruning = pruned.kept === 'all' ? 'undetermined' : 'done';
    if (pruned.note !== '') result.notes.push(pruned.note);
  }
  result.spec = spec.toAzldevText();
  result.ok = !failed && result.errors.length === 0;
  return result;
}

/** What a step reads besides the state before it: its overlay (not where it is written, nor its description), kind and refusal. */
function stepKeyOf(step: Step): string {
  return JSON.stringify([step.kind, { ...step.overlay, description: '' }, step.refused ?? null]);
}

function releaseStep(name: string, calculation: string, spec: SpecEditor, counted: CommitCount | undefined): { outcome: ReleaseOutcome; error?: string } {
  const count: CommitCount = counted ?? { ok: false, reason: 'no project history was given' };
  if (!count.ok) return { outcome: { message: `the Release bump could not be computed: ${count.reason}; Release is shown unbumped` } };
  const suffix = count.note ? ` (${count.note})` : '';
  if (count.commits === 0) return { outcome: { commits: 0, message: `no synthetic commits, so Release is left as is${suffix}` } };
  const plan = planRelease(name, calculation, spec, count.commits);
  if (plan.kind === 'leave') return { outcome: { commits: count.commits, message: `Release left as is: ${plan.reason}` } };
  if (plan.kind === 'error') return { outcome: { commits: count.commits, message: plan.message }, error: `failed to generate synthetic history for component \`${name}\`:\nfailed to apply release bump:\n${plan.message}` };
  updateExistingTag(spec, '', 'Release', plan.to);
  return { outcome: { commits: count.commits, from: plan.from, to: plan.to, message: `Release bumped from ${plan.from} to ${plan.to} by ${count.commits} commit(s)${suffix}` } };
}
