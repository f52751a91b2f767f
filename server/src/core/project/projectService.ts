// Keeps each project's model up to date as documents change: the include walk is redone only when an
// `includes` list changes or files appear or vanish; otherwise an edit re-merges the cached per-file
// contributions. Also finds the TOML files under a root that nothing includes.
import * as path from 'node:path';
import { confineFileSystem } from '../confinement';
import type { CoreDiagnostic } from '../diagnostics';
import type { DocumentCache } from '../documentCache';
import { appendAll } from '../appendAll';
import { archivePairingDiagnostics, type Report } from './archivePairing';
import { ComponentScan } from './componentScan';
import { confinedGlob, refusalDiagnostic, unreadableMatchDiagnostic, type ConfinedGlob } from './confinedGlob';
import { orderedOverlayFiles } from './overlayFiles';
import { includePatterns, resolveIncludePattern, walkIncludesStepwise, type IncludeWalk } from './includes';
import { fileContribution, mergeProject, type Definition, type FileContribution, type OverlapMemo, type ProjectModel } from './projectModel';
import { PROJECT_FILE } from './root';
import { HOUSE_RULES_FILE } from '../houseRules/projectFile';
import { folderOf } from '../folderSettings';
import type { TomlDocument } from '../toml';
import { sameItems } from '../sameItems';

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

/** Runs a stepwise computation to its end. */
function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
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
  }

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

  /** The include walk in steps (one per file read), each file's include key taken from the document the walk read. */
  private *stateStepwise(root: string): Generator<string, ProjectState, void> {
    const existing = this.currentState(root);
    if (existing) return existing;
    const epoch = this.structureEpoch;
    const includeKeys = new Map<string, string>();
    const walk = yield* walkIncludesStepwise(this.cache, path.join(root, PROJECT_FILE), this.extraConfigFilesOf(root), (file, doc) => {
      includeKeys.set(file, memoizedIncludeKey(doc));
    });
    const fresh: ProjectState = {
      walk,
      includeKeys,
      overlapMemo: {},
      contributions: new Map(),
      overlayScan: new ComponentScan(),
      archiveScan: new ComponentScan(),
      archiveRead: new Map(),
      unreachedFindings: new Map(),
    };
    // A walk across a structure change may have listed directories as they were: used once, never kept.
    if (epoch === this.structureEpoch) this.states.set(root, fresh);
    return fresh;
  }

  /**
   * The project model computed in steps: the include walk pauses before each file it reads (yielding its
   * path), so a caller can answer other work between the parses of a big tree (the server's start-up load).
   * Draining it is `model(root)`.
   */
  *modelStepwise(root: string): Generator<string, ProjectModel, void> {
    const st = yield* this.stateStepwise(root);
    return this.modelOf(root, st);
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
    const docs = st.walk.files.map((f) => this.cache.get(f.path)?.doc);
    if (st.model && st.modelDocs && sameItems(st.modelDocs, docs)) return st.model;
    const contributions: FileContribution[] = [];
    st.walk.files.forEach((f, i) => {
      const doc = docs[i];
      if (!doc) return;
      const c = fileContribution(f.path, doc, st.contributions.get(f.path));
      st.contributions.set(f.path, c);
      contributions.push(c);
    });
    st.model = mergeProject(root, path.join(root, PROJECT_FILE), st.walk.files, contributions, st.walk.diagnostics, st.overlapMemo);
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
    for (const { value } of st.overlayScan.hits(model, [glob], filesOf)) {
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
    const diagnostics = archivePairingDiagnostics({
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
    const out: string[] = [];
    // Each real directory under the root once: a link loop or a link out of the tree lists nothing, and a
    // file linking out of it is left out (it is never read).
    const view = confineFileSystem(this.cache.fs, [root]);
    const fs = view.fs;
    const walk = (dir: string) => {
      for (const e of fs.readDirectory(dir)) {
        const p = path.join(dir, e.name);
        if (e.isDirectory) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.') && !fs.exists(path.join(p, PROJECT_FILE))) walk(p);
        } else if (e.isFile && e.name.endsWith('.toml') && e.name !== HOUSE_RULES_FILE && view.admit(p)) out.push(p);
      }
    };
    walk(root);
    return out;
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
