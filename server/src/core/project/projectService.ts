// Keeps each project's model up to date as documents change: the include walk is redone only when an
// `includes` list changes or files appear or vanish; otherwise an edit re-merges the cached per-file
// contributions. Also finds the TOML files under a root that nothing includes.
import * as path from 'node:path';
import { confineFileSystem } from '../confinement';
import type { CoreDiagnostic } from '../diagnostics';
import type { DocumentCache } from '../documentCache';
import { appendAll } from '../appendAll';
import { archivePairingDiagnosticSteps, type Report } from './archivePairing';
import { ComponentScan, DEFINITIONS_PER_STEP } from './componentScan';
import { confinedGlob, refusalDiagnostic, unreadableMatchDiagnostic, type ConfinedGlob } from './confinedGlob';
import { orderedOverlayFiles } from './overlayFiles';
import { includePatterns, resolveIncludePattern, walkIncludesStepwise, type IncludedFile, type IncludeWalk, type LoadStep } from './includes';
import { fileContribution, mergeProjectSteps, UNION_KINDS, type Definition, type FileContribution, type OverlapMemo, type ProjectModel } from './projectModel';
import { PROJECT_FILE } from './root';
import { HOUSE_RULES_FILE } from '../houseRules/projectFile';
import { folderOf } from '../folderSettings';
import type { TomlDocument } from '../toml';
import { sameItems } from '../sameItems';
import { drain } from '../drain';
import { fileSystemSnapshot } from '../fileSystemSnapshot';
import type { FileSystem } from '../fs';

export type { LoadStep } from './includes';

interface ProjectState {
  walk: IncludeWalk;
  /** Include patterns of each walked file when walked, to notice when the walk must be redone. */
  includeKeys: Map<string, string>;
  /** The cache's generation when the include keys last held with every walked file readable (currentState). */
  keysHeldAt?: number;
  model?: ProjectModel;
  /** The document of each walked file the model was merged from (in walk order): the model's whole input besides the walk. */
  modelDocs?: (TomlDocument | undefined)[];
  /** Computed from `model` (the same object); when the model is merged again, gathered from `overlayScan`. */
  overlayFiles?: { model: ProjectModel; files: string[]; diagnostics: CoreDiagnostic[] };
  /** Each component's overlay files and refusals (its own `overlay-files` patterns), kept per definition. */
  overlayScan: ComponentScan<{ files: string[]; diagnostics: CoreDiagnostic[] }>;
  /** Computed from `model` and the overlay documents read (each the same object as then). */
  archivePairing?: { model: ProjectModel; diagnostics: CoreDiagnostic[] };
  /** Each component's archive-pairing reports, kept per definition while no overlay document in `archiveRead` changed. */
  archiveScan: ComponentScan<Report[]>;
  /** Every overlay document archive pairing read since `archiveScan` was made, as it was then. */
  archiveRead: Map<string, TomlDocument | undefined>;
  /** The unreached files of the last call, kept while the walked files, overlay files and unreadable files are the same lists. */
  unreached?: { key: readonly unknown[]; files: string[]; diagnostics: CoreDiagnostic[] };
  /** Each unreached file's finding, kept while its cache entry and the project's distros are the same objects. */
  unreachedFindings: Map<string, { entry: unknown; distros: unknown; diagnostic: CoreDiagnostic }>;
  /** Every TOML file under the root on disk (until the structure changes). */
  tomlFiles?: string[];
  /** Files each absolute overlay-files pattern matched inside the project (until the structure changes). */
  globMatches?: ConfinedGlob;
  /** What the last merge computed (unions, package-group overlaps, …), each part reused while its inputs are the same objects. */
  overlapMemo: OverlapMemo;
  /** Each walked file's last contribution, which the next parse of the file patches (fileContribution). */
  contributions: Map<string, FileContribution>;
  /** Counts the merges kept as `model`: a merge in steps is not kept when another one ran between its steps. */
  merges: number;
}

/** How many times a model in steps is merged again in steps after an edit made during its steps (then at once). */
const MERGE_ROUNDS = 3;
/** Directories listed per step of a first listing in steps (~2 ms). */
const DIRECTORIES_PER_STEP = 16;

/** How many definitions a contribution holds (what reading it costs). */
function definitionCount(c: FileContribution): number {
  let n = c.distros.length;
  for (const k of UNION_KINDS) n += c.unions[k].length;
  return n;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A file's include patterns as one string, to notice when they change. */
function includeKeyOf(doc: TomlDocument | undefined): string {
  return JSON.stringify(includePatterns(doc?.root.entries.get('includes')?.node).map((p) => p.pattern));
}

const includeKeyMemo = new WeakMap<TomlDocument, string>();

/** A document's include key, asked for every walked file on every model request: computed once per parse. */
function memoizedIncludeKey(doc: TomlDocument | undefined): string {
  if (!doc) return includeKeyOf(undefined);
  let key = includeKeyMemo.get(doc);
  if (key === undefined) {
    key = includeKeyOf(doc);
    includeKeyMemo.set(doc, key);
  }
  return key;
}

/**
 * What a state keeps that does not depend on its walk, for the state of a walk redone because include patterns
 * changed: the TOML files under the root and the overlay-files glob matches (the tree's, until its structure
 * changes), the merge's memo and each file's contribution (each part reused while its inputs are the same objects),
 * and the per-component and per-file findings (kept by definition, cache entry or document, as within one state).
 * So typing in an `includes` pattern walks the includes again but does not list the tree, read every package group's
 * names or look at every component again.
 */
function carriedOver(st: ProjectState): Pick<ProjectState, 'overlapMemo' | 'contributions' | 'overlayScan' | 'archiveScan' | 'archiveRead' | 'unreachedFindings' | 'tomlFiles' | 'globMatches'> {
  const { overlapMemo, contributions, overlayScan, archiveScan, archiveRead, unreachedFindings, tomlFiles, globMatches } = st;
  return { overlapMemo, contributions, overlayScan, archiveScan, archiveRead, unreachedFindings, tomlFiles, globMatches };
}

export class ProjectService {
  private readonly states = new Map<string, ProjectState>();
  /** Extra config files loaded after the include tree, like azldev's `--config-file`. */
  private extraConfigFiles: string[] = [];

  constructor(private readonly cache: DocumentCache) {}

  /** Extra config files of the projects inside each workspace folder that sets its own (multi-root workspaces). */
  private folderExtraConfigFiles: ReadonlyMap<string, string[]> = new Map();

  setExtraConfigFiles(files: string[]): void {
    this.extraConfigFiles = files.map((f) => path.resolve(f));
    this.invalidateStructure();
  }

  setFolderExtraConfigFiles(folders: ReadonlyMap<string, string[]>): void {
    const key = (m: ReadonlyMap<string, string[]>) => JSON.stringify([...m]);
    if (key(folders) === key(this.folderExtraConfigFiles)) return;
    this.folderExtraConfigFiles = new Map([...folders].map(([folder, files]) => [folder, files.map((f) => path.resolve(f))]));
    this.invalidateStructure();
  }

  /** The extra config files of a project: its workspace folder's, else the ones set for every project. */
  private extraConfigFilesOf(root: string): string[] {
    const folder = this.folderExtraConfigFiles.size ? folderOf(this.folderExtraConfigFiles.keys(), root) : undefined;
    return (folder !== undefined ? this.folderExtraConfigFiles.get(folder) : undefined) ?? this.extraConfigFiles;
  }

  /** Whether the root's include tree has been walked and merged (a first model costs a parse of every file). */
  isLoaded(root: string): boolean {
    return this.states.get(root)?.model !== undefined;
  }

  /** Bumped when the tree's structure changes, so a walk made in steps across the change is not kept. */
  private structureEpoch = 0;

  /** Files appeared, vanished or moved: every include walk is redone on next use. */
  invalidateStructure(): void {
    this.states.clear();
    this.structureEpoch++;
    this.shape = undefined;
  }

  /**
   * The tree's shape (directory listings, existence, real paths) as the include walks see it until its structure
   * changes, as the states' listings are kept: a walk redone because an include pattern changed (a keystroke in
   * `includes`) asks the disk nothing it asked before.
   */
  private shape: FileSystem | undefined;

  /**
   * The root's state while its include keys still hold, else undefined (the walk must be redone). Asked a dozen times
   * per keystroke (each project finding asks): the keys are compared again only when the cache parsed or forgot a
   * document since they last held (its generation), or when a walked file was unreadable then (reading it again is
   * what would find it).
   */
  private currentState(root: string): ProjectState | undefined {
    const existing = this.states.get(root);
    if (!existing) return undefined;
    if (existing.keysHeldAt === this.cache.generation) return existing;
    let complete = true;
    for (const [f, key] of existing.includeKeys) {
      const doc = this.cache.get(f)?.doc;
      if (!doc) complete = false;
      if (memoizedIncludeKey(doc) !== key) return undefined;
    }
    existing.keysHeldAt = complete ? this.cache.generation : undefined;
    return existing;
  }

  private state(root: string): ProjectState {
    return drain(this.stateStepwise(root));
  }

  /** The include walk in steps (see walkIncludesStepwise), each file's include key taken from the document the walk read. */
  private *stateStepwise(root: string): Generator<LoadStep, ProjectState, void> {
    const existing = this.currentState(root);
    if (existing) return existing;
    // The walk is redone because include patterns changed (the tree's structure did not: that drops the states): what
    // the last state kept of the tree and of each file or component is carried over (see carriedOver).
    const before = this.states.get(root);
    const epoch = this.structureEpoch;
    const includeKeys = new Map<string, string>();
    const walk = yield* walkIncludesStepwise(
      this.cache,
      path.join(root, PROJECT_FILE),
      this.extraConfigFilesOf(root),
      (file, doc) => {
        includeKeys.set(file, memoizedIncludeKey(doc));
      },
      (this.shape ??= fileSystemSnapshot(this.cache.fs)),
    );
    const fresh: ProjectState = {
      walk,
      includeKeys,
      ...(before && epoch === this.structureEpoch ? carriedOver(before) : { overlapMemo: {}, contributions: new Map(), overlayScan: new ComponentScan(), archiveScan: new ComponentScan(), archiveRead: new Map(), unreachedFindings: new Map() }),
      merges: 0,
    };
    // A walk across a structure change may have listed directories as they were: used once, never kept.
    if (epoch === this.structureEpoch) this.states.set(root, fresh);
    return fresh;
  }

  /**
   * The project model computed in steps: the include walk pauses before each file it reads, the merge between
   * its pieces (mergeStepwise), so a caller can answer other work between them (the server's start-up load). Each
   * step says what comes (the file the walk reads next, `listing DIR`, or `merging ROOT`). Draining it is `model(root)`.
   */
  *modelStepwise(root: string): Generator<LoadStep, ProjectModel, void> {
    const st = yield* this.stateStepwise(root);
    return yield* this.mergeStepwise(root, st, MERGE_ROUNDS);
  }

  /** The project model of the root directory, recomputed only when a document changed since. */
  model(root: string): ProjectModel {
    return this.modelOf(root, this.state(root));
  }

  /**
   * Merged again only when a walked file's document changed (a new parse is a new object): a file parsed for
   * the first time outside the walk (an overlay file, an unreached file, the house rules) changes nothing here.
   */
  private modelOf(root: string, st: ProjectState): ProjectModel {
    return drain(this.mergeStepwise(root, st));
  }

  /**
   * modelOf in steps: the files' contributions (~1,000 definitions a step), then the merge's own steps
   * (mergeProjectSteps). What the steps merged is kept only if every walked file's document is still the one they
   * started from: after an edit meanwhile it is merged again, in steps, from the memo the steps filled (as after an
   * edit), and at once after `attempts` such rounds; when another merge ran between two steps, that one is taken.
   */
  private *mergeStepwise(root: string, st: ProjectState, attempts = 0): Generator<LoadStep, ProjectModel, void> {
    const docs = st.walk.files.map((f) => this.cache.get(f.path)?.doc);
    if (st.model && st.modelDocs && sameItems(st.modelDocs, docs)) return st.model;
    const merges = st.merges;
    const step: LoadStep = { work: `merging ${root}` };
    // The first step starts with the contributions (the walk's last step parsed a file).
    yield step;
    if (st.merges !== merges) return this.modelOf(root, st);
    const contributions: FileContribution[] = [];
    let read = 0;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i];
      const file = (st.walk.files[i] as IncludedFile).path;
      if (!doc) continue;
      const last = st.contributions.get(file);
      const c = fileContribution(file, doc, last);
      st.contributions.set(file, c);
      contributions.push(c);
      if (c !== last && (read += definitionCount(c)) >= DEFINITIONS_PER_STEP) {
        read = 0;
        yield step;
        if (st.merges !== merges) return this.modelOf(root, st);
      }
    }
    const steps = mergeProjectSteps(root, path.join(root, PROJECT_FILE), st.walk.files, contributions, st.walk.diagnostics, st.overlapMemo);
    let next = steps.next();
    for (; !next.done; next = steps.next()) {
      yield step;
      if (st.merges !== merges) return this.modelOf(root, st);
    }
    if (!sameItems(docs, st.walk.files.map((f) => this.cache.get(f.path)?.doc))) {
      if (attempts <= 0) return this.modelOf(root, st);
      yield step;
      return st.merges !== merges ? this.modelOf(root, st) : yield* this.mergeStepwise(root, st, attempts - 1);
    }
    st.merges++;
    st.model = next.value;
    st.modelDocs = docs;
    return st.model;
  }

  /** Whether the last computed overlay-file set of any project holds the file (never recomputes). */
  knownOverlayFile(file: string): boolean {
    for (const st of this.states.values()) if (st.overlayFiles?.files.includes(file)) return true;
    return false;
  }

  /** Per-file overlay documents named by components' `overlay-files` patterns, in match order. */
  overlayFiles(root: string): string[] {
    return drain(this.overlayFilesSteps(root));
  }

  /** overlayFiles in steps (the components looked at a few thousand a step). */
  private *overlayFilesSteps(root: string): Generator<void, string[], void> {
    const st = this.state(root);
    const model = this.model(root);
    if (st.overlayFiles && st.overlayFiles.model === model) return st.overlayFiles.files;
    const fs = this.cache.fs;
    // Directory listings only change with the tree's structure: keep each pattern's matches until then.
    st.globMatches ??= confinedGlob(fs, [root]);
    const glob = st.globMatches;
    // A component's files and refusals read only its own patterns and the listings: kept per definition.
    const filesOf = (def: Definition) => {
      const node = def.node;
      const patterns = node.type === 'table' ? includePatterns(node.entries.get('overlay-files')?.node) : [];
      if (!patterns.length) return undefined;
      const files = orderedOverlayFiles(fs, patterns.map((p) => p.pattern), def.file, glob.expand).files;
      const diagnostics: CoreDiagnostic[] = [];
      for (const { pattern, span } of patterns) {
        const abs = resolveIncludePattern(def.file, pattern);
        const refusals = glob.refusalsOf(abs);
        if (refusals.length) diagnostics.push(refusalDiagnostic(def.file, span, 'overlay-files', pattern, refusals, root));
        const unread = unreadableMatchDiagnostic(fs, def.file, span, 'overlay-files', pattern, glob.expand(abs));
        if (unread) diagnostics.push(unread);
      }
      return { files, diagnostics };
    };
    const out = new Set<string>();
    const diagnostics: CoreDiagnostic[] = [];
    for (const { value } of yield* st.overlayScan.hitsSteps(model, [glob], filesOf)) {
      for (const f of value.files) out.add(f);
      appendAll(diagnostics, value.diagnostics);
    }
    const last = st.overlayFiles;
    const found = [...out];
    // The same files keep the same list, which unreachedFiles compares by identity.
    const files = last && sameItems(last.files, found) ? last.files : found;
    st.overlayFiles = { model, files, diagnostics: last && sameItems(last.diagnostics, diagnostics) ? last.diagnostics : diagnostics };
    return files;
  }

  /** Archive overlays and overlay-origin source files that do not pair up on the resolved components. */
  archivePairing(root: string): CoreDiagnostic[] {
    return drain(this.archivePairingSteps(root));
  }

  /** archivePairing in steps (the components looked at a few thousand a step). */
  private *archivePairingSteps(root: string): Generator<void, CoreDiagnostic[], void> {
    const st = this.state(root);
    const model = this.model(root);
    const readSame = [...st.archiveRead].every(([file, doc]) => this.cache.get(file)?.doc === doc);
    const last = st.archivePairing;
    if (last && last.model === model && readSame) return last.diagnostics;
    // An overlay document some component read changed: every component's reports are computed again.
    if (!readSame) {
      st.archiveScan = new ComponentScan();
      st.archiveRead = new Map();
    }
    st.globMatches ??= confinedGlob(this.cache.fs, [root]);
    const glob = st.globMatches;
    const read = st.archiveRead;
    const diagnostics = yield* archivePairingDiagnosticSteps({
      model,
      overlayFilesOf: (componentFile, patterns) => orderedOverlayFiles(this.cache.fs, patterns, componentFile, glob.expand).files,
      docOf: (file) => {
        const doc = this.cache.get(file)?.doc;
        read.set(file, doc);
        return doc;
      },
    }, st.archiveScan);
    st.archivePairing = { model, diagnostics };
    return diagnostics;
  }

  /** Errors at components' own `overlay-files` entries whose expansion left the project. */
  overlayFileDiagnostics(root: string): CoreDiagnostic[] {
    this.overlayFiles(root);
    return this.state(root).overlayFiles?.diagnostics ?? [];
  }

  /**
   * TOML files under the root that neither the include tree nor any `overlay-files` pattern reaches.
   * A file that only adjusts what the project already defines (such as a distro override passed to azldev
   * with `--config-file`) gets a hint; one that defines something new gets a warning, since azldev never sees it.
   */
  unreachedFiles(root: string): CoreDiagnostic[] {
    const model = this.model(root);
    const st = this.state(root);
    const overlayFiles = this.overlayFiles(root);
    st.tomlFiles ??= this.listTomlFiles(root);
    const key = [model.files, overlayFiles, st.walk.unreadable, st.tomlFiles];
    let last = st.unreached;
    if (!last || !sameItems(last.key, key)) {
      const reached = new Set([...model.files.map((f) => f.path), ...overlayFiles, ...st.walk.unreadable]);
      last = { key, files: st.tomlFiles.filter((p) => !reached.has(p)), diagnostics: [] };
    }
    // Each finding reads its file's text and document and the project's distros (definesNothingNew).
    const kept = new Map<string, { entry: unknown; distros: unknown; diagnostic: CoreDiagnostic }>();
    const diagnostics = last.files.map((p) => {
      const entry = this.cache.get(p);
      const hit = st.unreachedFindings.get(p);
      const finding = hit && hit.entry === entry && hit.distros === model.distros ? hit : { entry, distros: model.distros, diagnostic: this.unreachedDiagnostic(model, p) };
      kept.set(p, finding);
      return finding.diagnostic;
    });
    st.unreachedFindings = kept;
    st.unreached = { key, files: last.files, diagnostics: sameItems(last.diagnostics, diagnostics) ? last.diagnostics : diagnostics };
    return st.unreached.diagnostics;
  }

  private listTomlFiles(root: string): string[] {
    return drain(this.tomlFilesStepwise(root));
  }

  /** The TOML files under the root, listed DIRECTORIES_PER_STEP directories a step. */
  private *tomlFilesStepwise(root: string): Generator<string, string[], void> {
    const out: string[] = [];
    // Each real directory under the root once: a link loop or a link out of the tree lists nothing, and a
    // file linking out of it is left out (it is never read).
    const view = confineFileSystem(this.cache.fs, [root]);
    const fs = view.fs;
    let listed = 0;
    const walk = function* (dir: string): Generator<string, void, void> {
      for (const e of fs.readDirectory(dir)) {
        const p = path.join(dir, e.name);
        if (e.isDirectory) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.') && !fs.exists(path.join(p, PROJECT_FILE))) yield* walk(p);
        } else if (e.isFile && e.name.endsWith('.toml') && e.name !== HOUSE_RULES_FILE && view.admit(p)) out.push(p);
      }
      if (++listed % DIRECTORIES_PER_STEP === 0) yield `listing ${root}`;
    };
    yield* walk(root);
    return out;
  }

  /**
   * Computes the project's cross-file checks ahead, in steps, once its model is in (the server's start-up load runs
   * them before the project counts as loaded, so that the first edit finds them computed): the TOML files under the
   * root listed a few directories a step, the overlay files and archive pairing a few thousand components a step,
   * then the unreached files. Each check in steps is the check itself (its steps drained are the call): what it
   * computes is kept as when first asked. An edit between two steps leaves a result for the model it started from,
   * which the next call brings up to date as after any edit. Stops when the project's state is dropped meanwhile (the
   * tree's structure changed: the checks are computed anew when asked).
   */
  *checksStepwise(root: string): Generator<string, void, void> {
    const st = this.currentState(root);
    if (!st?.model) return;
    const current = () => this.currentState(root) === st;
    yield `checking ${root}`;
    if (!current()) return;
    if (!st.tomlFiles) {
      const files = yield* this.tomlFilesStepwise(root);
      if (!current()) return;
      st.tomlFiles ??= files;
    }
    for (const [check, stepsOf] of [
      ['overlay files', () => this.overlayFilesSteps(root)],
      ['archive pairing', () => this.archivePairingSteps(root)],
    ] as const) {
      yield `checking ${root}: ${check}`;
      if (!current()) return;
      const steps = stepsOf();
      while (!steps.next().done) {
        yield `checking ${root}: ${check}`;
        if (!current()) return;
      }
    }
    yield `checking ${root}: unreached files`;
    if (!current()) return;
    this.unreachedFiles(root);
  }

  private unreachedDiagnostic(model: ProjectModel, file: string): CoreDiagnostic {
    const entry = this.cache.get(file);
    const text = entry?.text ?? '';
    const nl = text.indexOf('\n');
    const span = { start: 0, end: nl < 0 ? text.length : nl };
    const relRoot = path.relative(path.dirname(file), model.rootFile);
    const onlyAdjusts = entry ? definesNothingNew(model, fileContribution(file, entry.doc)) : false;
    if (onlyAdjusts && !file.endsWith('.comp.toml') && !file.endsWith('.overlay.toml')) {
      return {
        file,
        span,
        severity: 'hint',
        code: 'project-file-not-included',
        message: `No include reaches this file from ${relRoot}; it only changes settings the project already defines, so azldev applies it only when given with --config-file (list it in distroToml.extraConfigFiles to check it as part of the project)`,
      };
    }
    return {
      file,
      span,
      severity: 'warning',
      code: 'project-file-not-included',
      message: `This file is not part of the project: no 'includes' pattern reachable from ${relRoot} matches it, so azldev never reads it. Add it to an includes list (for example "**/*.comp.toml" in the file that includes its siblings).`,
      data: { root: model.rootFile },
    };
  }
}

/** True when every top-level name a file defines is already defined by the project (an override layer). */
function definesNothingNew(model: ProjectModel, c: FileContribution): boolean {
  for (const k of Object.keys(c.unions) as (keyof FileContribution['unions'])[]) if (c.unions[k].length) return false;
  if (c.distros.some((d) => !model.distros.has(d.name))) return false;
  return c.distros.length > 0 || Object.keys(c.sections).length > 0;
}
