// What a change does to each component: the effective config of every component on both sides (the base and
// the head of a change), compared as azldev resolves it — distro, project, group and component layers merged,
// overlay files' overlays appended — so a change that arrives through inheritance (a group default, a distro's
// default-component-config, an overlay file several components load) lists every component it reaches, and a
// change that means nothing (a comment, a moved file) lists none. The effective spec is rendered on both sides
// only for components whose config or input files (local spec folder, overlay sources) differ.
import * as path from 'node:path';
import type { DocumentCache } from '../documentCache';
import { effectiveComponent, type EffectiveComponent } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import { resolvedComponentTree } from '../features/effectiveConfigView';
import { writeTomlTable } from '../features/effectiveConfigViewToml';
import { collectOverlays, renderComponent, type RenderEnvironment, type RenderedComponent } from '../render';
import { unifiedDiff } from '../text/unifiedDiff';

/** One side of a change: the project loaded from that revision, and how to render it. */
export interface ReviewSide {
  /** A label for diffs: a revision, or "working tree". */
  label: string;
  /** The parsed files of that side (the model was loaded through it). */
  cache: DocumentCache;
  model: ProjectModel;
  render: RenderEnvironment;
}

/**
 * Why azldev's render fails on a side (an overlay that does not apply, a Release it cannot bump): it then writes
 * only a RENDER_FAILED marker, so the spec shown for that side (every other overlay applied) is not what it renders.
 */
export interface RenderFailures {
  base?: string[];
  head?: string[];
}

export type SpecComparison =
  | { status: 'unchanged'; failures?: RenderFailures }
  | { status: 'changed'; diff: string; files: { name: string; change: 'added' | 'removed' | 'modified'; diff?: string }[]; failures?: RenderFailures }
  | { status: 'not-checked'; reason: string };

export interface ComponentChange {
  name: string;
  change: 'added' | 'removed' | 'modified';
  /** The unified diff of the effective config ('' when only the spec's inputs changed). */
  configDiff: string;
  spec: SpecComparison;
  /** The files on the head side (or base, for a removed component) whose content defines it, for annotations. */
  definedIn?: string;
  /** Both sides' effective config and spec, with `keepTexts` (for an editor's diff view). */
  texts?: { baseConfig?: string; headConfig?: string; baseSpec?: string; headSpec?: string };
}

export interface ReviewResult {
  components: ComponentChange[];
  /** Components on either side. */
  compared: number;
}

export interface ReviewOptions {
  /** Project-relative paths (with '/') whose content differs between the sides; inputs of a render. */
  changedFiles: ReadonlySet<string>;
  /** Rendering of effective specs; false compares configs only. */
  renderSpecs: boolean;
  signal?: AbortSignal;
  /** Keep both sides' texts on each change (`texts`). */
  keepTexts?: boolean;
  /** Called after each component's spec was compared. */
  progress?: (done: number, total: number) => void;
}

/** A component as one side resolves it: its effective config and the file that defines it. */
interface ResolvedComponent {
  eff: EffectiveComponent;
  file: string;
}

function resolve(side: ReviewSide, name: string): ResolvedComponent | undefined {
  const eff = effectiveComponent(side.model, name);
  const def = side.model.unions.components.get(name);
  return eff && def ? { eff, file: def.file } : undefined;
}

/** The effective config of one component as TOML without origins (what a change does, not where it was written). */
function effectiveConfigForReview(side: ReviewSide, name: string, c: ResolvedComponent): string {
  const { tree } = resolvedComponentTree(side, c.eff, c.file);
  const out: string[] = [`# distro: ${c.eff.distro ? `${c.eff.distro.name} ${c.eff.distro.version}` : '(none)'}`];
  writeTomlTable(out, ['components', name], tree, () => undefined);
  return out.join('\n') + '\n';
}

function projectRelative(side: ReviewSide, file: string): string {
  return path.relative(side.model.root, file).split(path.sep).join('/');
}

/** Project-relative paths a render of the component reads besides config: overlay sources and the local spec folder. */
function renderInputs(side: ReviewSide, { eff, file }: ResolvedComponent): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  const collected = collectOverlays(side.cache.fs, eff, file, side.model.root);
  if (collected.ok) for (const o of collected.overlays) if (o.overlay.source !== '') files.push(projectRelative(side, o.overlay.source));
  const spec = eff.config.entries.get('spec');
  const type = spec?.kind === 'table' ? spec.entries.get('type') : undefined;
  const specPath = spec?.kind === 'table' ? spec.entries.get('path') : undefined;
  if (type?.kind === 'value' && type.value === 'local' && specPath?.kind === 'value' && typeof specPath.value === 'string') {
    folders.push(projectRelative(side, path.dirname(path.resolve(path.dirname(specPath.origin.file), specPath.value))));
  }
  return { files, folders };
}

function inputsChanged(side: ReviewSide, c: ResolvedComponent, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  const inputs = renderInputs(side, c);
  if (inputs.files.some((f) => changed.has(f))) return true;
  for (const folder of inputs.folders) {
    const prefix = folder === '' ? '' : folder + '/';
    for (const f of changed) if (f.startsWith(prefix)) return true;
  }
  return false;
}

function sidecarTexts(r: RenderedComponent): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const n of r.files?.names() ?? []) {
    const b = r.files?.read(n);
    if (b) out.set(n, b);
  }
  return out;
}

function isText(bytes: Uint8Array): boolean {
  return !bytes.subarray(0, 8000).includes(0);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

function specFailure(r: RenderedComponent | undefined): string | undefined {
  if (r === undefined) return undefined;
  if (r.spec === undefined) return r.errors.join('; ') || 'no spec to render from';
  return undefined;
}

/** What makes azldev's render of a side fail, in the words `render --all --check` reports; empty when it renders. */
function renderFailures(r: RenderedComponent | undefined): string[] {
  if (r === undefined || r.ok) return [];
  return [...r.errors, ...r.overlays.filter((o) => !o.ok).map((o) => `overlay ${o.index} (${o.type}): ${o.message}`)];
}

/** Compares the rendered specs (and sidecar files) of one component on both sides; a side whose render fails says so. */
function compareRendered(name: string, base: RenderedComponent | undefined, head: RenderedComponent | undefined, baseLabel: string, headLabel: string): SpecComparison {
  const baseFailed = specFailure(base);
  const headFailed = specFailure(head);
  if (baseFailed !== undefined || headFailed !== undefined) {
    // The same reason on both sides (typically: the upstream spec is not at hand) is said once.
    if (baseFailed === headFailed) return { status: 'not-checked', reason: baseFailed as string };
    const which = [baseFailed !== undefined ? `base: ${baseFailed}` : '', headFailed !== undefined ? `head: ${headFailed}` : ''].filter(Boolean);
    return { status: 'not-checked', reason: which.join('; ') };
  }
  const from = base?.spec ?? '';
  const to = head?.spec ?? '';
  const specName = (head ?? base)?.specFileName ?? `${name}.spec`;
  const diff = unifiedDiff(from, to, { fromLabel: base ? `a/${name}/${specName} (${baseLabel})` : '/dev/null', toLabel: head ? `b/${name}/${specName} (${headLabel})` : '/dev/null' });
  const baseFiles = base ? sidecarTexts(base) : new Map<string, Uint8Array>();
  const headFiles = head ? sidecarTexts(head) : new Map<string, Uint8Array>();
  const files: { name: string; change: 'added' | 'removed' | 'modified'; diff?: string }[] = [];
  for (const file of [...new Set([...baseFiles.keys(), ...headFiles.keys()])].sort()) {
    const a = baseFiles.get(file);
    const b = headFiles.get(file);
    if (a && b && sameBytes(a, b)) continue;
    const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
    const textual = (a === undefined || isText(a)) && (b === undefined || isText(b));
    files.push({
      name: file,
      change,
      ...(textual
        ? { diff: unifiedDiff(a ? Buffer.from(a).toString('utf8') : '', b ? Buffer.from(b).toString('utf8') : '', { fromLabel: a ? `a/${name}/${file}` : '/dev/null', toLabel: b ? `b/${name}/${file}` : '/dev/null' }) }
        : {}),
    });
  }
  const failedAtBase = renderFailures(base);
  const failedAtHead = renderFailures(head);
  const failures: RenderFailures = { ...(failedAtBase.length ? { base: failedAtBase } : {}), ...(failedAtHead.length ? { head: failedAtHead } : {}) };
  const failing = failedAtBase.length + failedAtHead.length > 0 ? { failures } : {};
  const sameFailures = failedAtBase.length === failedAtHead.length && failedAtBase.every((f, i) => f === failedAtHead[i]);
  return diff === '' && files.length === 0 && sameFailures ? { status: 'unchanged', ...failing } : { status: 'changed', diff, files, ...failing };
}

/** Every component whose effective config or effective spec the change from `base` to `head` alters. */
export async function reviewChanges(base: ReviewSide, head: ReviewSide, options: ReviewOptions): Promise<ReviewResult> {
  const names = [...new Set([...base.model.unions.components.keys(), ...head.model.unions.components.keys()])].sort();
  const candidates: { name: string; change: ComponentChange['change']; configDiff: string; inputs: boolean; a?: string; b?: string }[] = [];
  for (const name of names) {
    // Each side resolves the component once, for its config text and for the files its render reads.
    const atBase = resolve(base, name);
    const atHead = resolve(head, name);
    const a = atBase && effectiveConfigForReview(base, name, atBase);
    const b = atHead && effectiveConfigForReview(head, name, atHead);
    const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
    const configDiff = unifiedDiff(a ?? '', b ?? '', { fromLabel: a === undefined ? '/dev/null' : `a/${name} (effective config, ${base.label})`, toLabel: b === undefined ? '/dev/null' : `b/${name} (effective config, ${head.label})` });
    const inputs = change === 'modified' && configDiff === '' && atBase !== undefined && atHead !== undefined && (inputsChanged(base, atBase, options.changedFiles) || inputsChanged(head, atHead, options.changedFiles));
    if (configDiff !== '' || inputs) candidates.push({ name, change, configDiff, inputs, ...(a !== undefined ? { a } : {}), ...(b !== undefined ? { b } : {}) });
  }
  const components: ComponentChange[] = [];
  let done = 0;
  for (const c of candidates) {
    if (options.signal?.aborted) break;
    let spec: SpecComparison;
    let baseRendered: RenderedComponent | undefined;
    let headRendered: RenderedComponent | undefined;
    if (!options.renderSpecs) spec = { status: 'not-checked', reason: 'specs were not rendered (--no-specs)' };
    else {
      baseRendered = c.change === 'added' ? undefined : await renderComponent(base.model, c.name, base.render);
      headRendered = c.change === 'removed' ? undefined : await renderComponent(head.model, c.name, head.render);
      spec = compareRendered(c.name, baseRendered, headRendered, base.label, head.label);
    }
    const texts = options.keepTexts
      ? {
          ...(c.a !== undefined ? { baseConfig: c.a } : {}),
          ...(c.b !== undefined ? { headConfig: c.b } : {}),
          ...(baseRendered?.spec !== undefined ? { baseSpec: baseRendered.spec } : {}),
          ...(headRendered?.spec !== undefined ? { headSpec: headRendered.spec } : {}),
        }
      : undefined;
    options.progress?.(++done, candidates.length);
    // A config change that changes nothing azldev renders still lists the component (its config changed).
    const def = (c.change === 'removed' ? base : head).model.unions.components.get(c.name);
    components.push({ name: c.name, change: c.change, configDiff: c.configDiff, spec, ...(def ? { definedIn: def.file } : {}), ...(texts ? { texts } : {}) });
  }
  return { components: components.filter((c) => c.configDiff !== '' || c.spec.status !== 'unchanged'), compared: names.length };
}
