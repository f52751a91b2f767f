// The pure language-service core: given a file system and settings, validates azldev TOML files
// (syntax, schema, azldev's load-time rules) and checks whole projects. The LSP server, the CLI and
// the tests are thin callers of this object; nothing here knows about a connection or a terminal.
import * as path from 'node:path';
import { capFileDiagnostics } from './diagnosticCap';
import { checkConfined } from './confinement';
import { unreadableByStat, unreadableFileDiagnostic } from './unreadableFile';
import type { CoreDiagnostic } from './diagnostics';
import { DocumentCache, type CachedDocument } from './documentCache';
import type { FileSystem } from './fs';
import type { ProjectModel } from './project/projectModel';
import { ProjectService } from './project/projectService';
import { classifyFile, findProjectRoot, type FileKind } from './project/root';
import { runAuthoringGuide } from './lint/authoringGuide';
import { createRuleMemo, runRules } from './rules';
import { mapSchemaErrors } from './schema/errorMapping';
import { resolveSchemaSetting, type ResolvedSchema, type SchemaSetting } from './schema/schemaChoice';
import { compileSchemas, precompiledValidators, schemaHash, type CompiledSchemas, type PrecompiledSchemas } from './schema/validator';
import { utf8Diagnostics } from './text/utf8';
import type { PieceText } from './text/pieceText';
import { lookupEntry, type TomlDocument } from './toml';
import { validateDocument, type ValidationPlaces } from './schema/splitValidation';
import { appendAll } from './appendAll';
import { applyHouseRules } from './houseRules/applyHouseRules';
import { layerLevels, NO_LEVELS, type RuleLevels } from './houseRules/levels';
import { HOUSE_RULES_FILE, readHouseRules, type HouseRules } from './houseRules/projectFile';
import { folderOf, type FolderSettings } from './folderSettings';
import type { RuleGroup } from './ruleCatalog';

export const BUNDLED_CONFIG_SCHEMA = 'azldev.schema.json';
export const BUNDLED_OVERLAY_FILE_SCHEMA = 'azldev-overlay-file.schema.json';

export interface LanguageServiceOptions {
  fs: FileSystem;
  /** `bundled`, `workspace`, or a schema file path (relative to the project root). */
  schema: SchemaSetting;
  /** The directory holding our bundled schemas. */
  bundledSchemaDir: string;
  /** Run the authoring-guide lints (default true). */
  lint?: boolean;
  /** Validators the build compiled for the bundled schemas; used while the schema files still match them. */
  precompiled?: PrecompiledSchemas;
  cwd?: string;
  /**
   * Keep what an incremental re-parse and re-validation of an edited document start from (default true). A
   * one-shot check that edits nothing (the CLI's `check`) turns it off and keeps less (ParseOptions.traces and
   * ParseOptions.comments `marked`, validateDocument's `keep`): such a service answers checks, not editor features.
   */
  editTraces?: boolean;
}

export interface ProjectCheck {
  root: string;
  /** Every config file reached through includes, in azldev's load order, then the overlay files. */
  files: string[];
  diagnostics: CoreDiagnostic[];
}

export interface LanguageService {
  readonly cache: DocumentCache;
  readonly projects: ProjectService;
  setFileSystem(fs: FileSystem): void;
  setSchemaSetting(setting: SchemaSetting): void;
  setLint(enabled: boolean): void;
  /** Forget compiled schemas (a schema file changed on disk). */
  reloadSchemas(): void;
  /** Bumped by `reloadSchemas` and `setFileSystem`: what reads schema files keeps them until it changes. */
  readonly schemaEpoch: number;
  /** Config files loaded after the include tree, as azldev's `--config-file` does. */
  setExtraConfigFiles(files: string[]): void;
  /**
   * Settings of each workspace folder (by absolute path) for the files inside it, over the setters' (which the
   * files outside every folder keep): a multi-root workspace whose folders configure different schemas, lints,
   * rule levels or extra config files.
   */
  setFolderSettings(folders: ReadonlyMap<string, FolderSettings>): void;
  /** The schema that validates files of the project holding `file`. */
  schemaFor(file: string): ResolvedSchema;
  classify(file: string): FileKind | undefined;
  /** The model of the project holding `file`, when it has a root. */
  projectOf(file: string): ProjectModel | undefined;
  /**
   * Which checks a file gets: an overlay document (by its suffix, or named by the last computed `overlay-files`
   * set), else by its place in the tree (classifyFile), else a config file.
   */
  kindOf(file: string): FileKind;
  /**
   * The file's own findings (syntax, schema, rules); `text` is an open buffer's (in pieces: the re-parse reads
   * only around the change); `kind` stands for kindOf's answer when the caller knows it (another thread's service).
   */
  fileDiagnostics(file: string, text?: string | PieceText, kind?: FileKind): CoreDiagnostic[];
  /** Cross-file diagnostics of a project (duplicates, unknown names, files nothing includes), by file. */
  projectDiagnostics(root: string): Map<string, CoreDiagnostic[]>;
  /** fileDiagnostics plus the project's cross-file diagnostics that land in this file. */
  validateFile(file: string, text?: string): CoreDiagnostic[];
  /** Every file reachable from the project's azldev.toml, validated, with the cross-file diagnostics. */
  checkProject(projectRoot: string): ProjectCheck;
  /** Rule levels over the project's house rules: the editor's `distroToml.rules`, the CLI's `--rule`. */
  setRuleLevels(levels: RuleLevels): void;
  /** The project's `.distro-toml.toml` (levels and its own findings); empty when the project has none. */
  houseRules(projectRoot: string): HouseRules;
  /**
   * One file's findings as they are shown: ignore comments applied (and unused ones reported), then the
   * levels of the project file and of `setRuleLevels`. `unjudged`: groups of checks this run did not make.
   */
  applyHouseRules(file: string, diagnostics: readonly CoreDiagnostic[], unjudged?: ReadonlySet<RuleGroup>): CoreDiagnostic[];
}

/**
 * The schema states some of azldev's rules too (for editors that only read the schema); where a rule
 * reports the same key or value, its message — azldev's own words — stands alone. Only a rule's error or
 * warning stands for a schema finding (an information such as "no description" is about something else),
 * and an unknown key is the key itself, never the table holding it: a rule's finding on the table (a
 * missing field) leaves the misspelt key reported.
 */
function withoutRuleDuplicates(doc: TomlDocument, schemaDiags: CoreDiagnostic[], ruleDiags: CoreDiagnostic[]): CoreDiagnostic[] {
  const ruleSpans = new Set(ruleDiags.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.span.start}:${d.span.end}`));
  if (!ruleSpans.size) return schemaDiags;
  return schemaDiags.filter((d) => {
    if (ruleSpans.has(`${d.span.start}:${d.span.end}`)) return false;
    if (d.code === 'schema-unknown-key') return true;
    const p = d.data?.path;
    const entry = Array.isArray(p) && p.length ? lookupEntry(doc.root, p as (string | number)[]) : undefined;
    return !(entry && (ruleSpans.has(`${entry.keySpan.start}:${entry.keySpan.end}`) || ruleSpans.has(`${entry.node.span.start}:${entry.node.span.end}`)));
  });
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  let fs = options.fs;
  let setting = options.schema;
  let lint = options.lint ?? true;
  const cwd = options.cwd ?? process.cwd();
  // A one-shot check keeps nothing for edits: no parse traces, no statement values or errors (splitValidation.ts).
  const editTraces = options.editTraces !== false;
  // Nor every comment: only those that can be ignore comments, the only ones the house rules read.
  const cache = new DocumentCache(fs, editTraces ? {} : { traces: false, comments: 'marked' });
  const bundledConfigPath = path.join(options.bundledSchemaDir, BUNDLED_CONFIG_SCHEMA);
  const bundledOverlayPath = path.join(options.bundledSchemaDir, BUNDLED_OVERLAY_FILE_SCHEMA);
  const compiled = new Map<string, CompiledSchemas | Error>();
  // Rule findings that later runs reuse where their input did not change (big package lists, component statements);
  // a one-shot check runs each file's rules once and keeps none.
  const ruleMemo = editTraces ? createRuleMemo() : undefined;
  // Each file's last schema validation, entry by entry in order (splitValidation.ts): the next one finds its unchanged entries by place.
  const validationPlaces = new Map<string, ValidationPlaces>();
  const placesOf = (file: string): ValidationPlaces | undefined => {
    if (!editTraces) return undefined;
    let places = validationPlaces.get(file);
    if (!places) validationPlaces.set(file, (places = new Map()));
    return places;
  };

  const readJson = (p: string): object => {
    const text = fs.readFile(p);
    if (text === undefined) throw new Error(`cannot read ${p}`);
    return JSON.parse(text) as object;
  };

  /** Compiled validators for a config schema path, once per path; a broken schema falls back to ours. */
  const validatorsFor = (resolved: ResolvedSchema): { schemas: CompiledSchemas; resolved: ResolvedSchema } => {
    let hit = compiled.get(resolved.path);
    if (!hit && resolved.path === bundledConfigPath && options.precompiled) {
      const pre = options.precompiled;
      const configText = fs.readFile(bundledConfigPath);
      const overlayText = fs.readFile(bundledOverlayPath);
      if (configText !== undefined && overlayText !== undefined && schemaHash(configText) === pre.hashes.config && schemaHash(overlayText) === pre.hashes.overlayFile) {
        hit = precompiledValidators(pre);
        compiled.set(resolved.path, hit);
      }
    }
    if (!hit) {
      try {
        const bundled = readJson(bundledConfigPath);
        const config = resolved.path === bundledConfigPath ? bundled : readJson(resolved.path);
        hit = compileSchemas(config, readJson(bundledOverlayPath), bundled);
      } catch (err) {
        hit = err instanceof Error ? err : new Error(String(err));
      }
      compiled.set(resolved.path, hit);
    }
    if (hit instanceof Error) {
      if (resolved.path === bundledConfigPath) throw new Error(`The bundled schema cannot be loaded: ${hit.message}`);
      const fallback = { kind: 'bundled' as const, path: bundledConfigPath, error: `Schema ${resolved.path} cannot be used (${hit.message}); using the bundled schema` };
      return { schemas: validatorsFor(fallback).schemas, resolved: fallback };
    }
    return { schemas: hit, resolved };
  };

  let folders: ReadonlyMap<string, FolderSettings> = new Map();
  /** The settings of the workspace folder holding the file, when one set its own. */
  const folderScope = (file: string): { folder: string; settings: FolderSettings } | undefined => {
    const folder = folders.size ? folderOf(folders.keys(), file) : undefined;
    const found = folder === undefined ? undefined : folders.get(folder);
    return folder !== undefined && found ? { folder, settings: found } : undefined;
  };
  const resolveSchemaOf = (file: string, projectRoot: string | undefined): ResolvedSchema => {
    const scope = folderScope(file);
    return resolveSchemaSetting(fs, scope?.settings.schema ?? setting, projectRoot, bundledConfigPath, scope?.folder ?? cwd);
  };

  const schemaFor = (file: string): ResolvedSchema => {
    const root = findProjectRoot(fs, file);
    return validatorsFor(resolveSchemaOf(file, root)).resolved;
  };

  const validateCached = (entry: CachedDocument, kind: FileKind): CoreDiagnostic[] => {
    const { doc } = entry;
    const file = entry.path;
    const out: CoreDiagnostic[] = doc.errors.map((e) => ({
      file,
      span: e.span,
      severity: 'error',
      code: e.code,
      message: e.message,
      related: e.related?.map((r) => ({ file, span: r.span, message: r.message })),
    }));
    const projectRoot = findProjectRoot(fs, file);
    const { schemas } = validatorsFor(resolveSchemaOf(file, projectRoot));
    const validate = kind === 'overlay-file' ? schemas.overlayFile : schemas.config;
    const utf8Problems = fs.utf8Problems?.(file) ?? [];
    if (utf8Problems.length) appendAll(out, utf8Diagnostics(file, entry.text, utf8Problems));
    const ruleDiags = runRules({ file, doc, kind, fs, projectRoot, memo: ruleMemo });
    if (folderScope(file)?.settings.lint ?? lint) appendAll(ruleDiags, runAuthoringGuide({ file, doc, kind }));
    // Entry by entry for the config schema's maps, each unchanged `[header]` statement's errors kept (splitValidation.ts).
    const schemaErrors = validateDocument(validate, kind === 'overlay-file' ? undefined : schemas.configMaps, doc.root, editTraces, placesOf(file));
    if (schemaErrors.length) appendAll(out, withoutRuleDuplicates(doc, mapSchemaErrors(file, doc, schemaErrors, undefined), ruleDiags));
    appendAll(out, ruleDiags);
    return capFileDiagnostics(file, out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end));
  };

  const projects = new ProjectService(cache);

  const kindOf = (file: string): FileKind => (isOverlayFile(file) ? 'overlay-file' : classifyFile(fs, file) ?? 'config');
  // An overlay document named by `overlay-files` without the conventional suffix is known from the last
  // computed overlay-file set, so classifying a file never forces the project to be merged again.
  const isOverlayFile = (file: string): boolean => file.endsWith('.overlay.toml') || projects.knownOverlayFile(file);

  const fileDiagnostics = (file: string, text?: string | PieceText, kind?: FileKind): CoreDiagnostic[] => {
    if (text === undefined && path.basename(file) === HOUSE_RULES_FILE) return houseRules(path.dirname(file)).diagnostics;
    const entry = text === undefined ? cache.get(file) : cache.withText(file, text);
    if (entry && path.basename(file) === HOUSE_RULES_FILE) return readHouseRules(file, entry.doc).diagnostics;
    return entry ? validateCached(entry, kind ?? kindOf(file)) : [];
  };

  const projectDiagnostics = (root: string): Map<string, CoreDiagnostic[]> => {
    const out = new Map<string, CoreDiagnostic[]>();
    for (const found of [projects.model(root).diagnostics, projects.archivePairing(root), projects.overlayFileDiagnostics(root), projects.unreachedFiles(root)]) for (const d of found) {
      const list = out.get(d.file);
      if (list) list.push(d);
      else out.set(d.file, [d]);
    }
    for (const [file, list] of out) out.set(file, capFileDiagnostics(file, list));
    return out;
  };

  const byPosition = (a: CoreDiagnostic, b: CoreDiagnostic) => a.span.start - b.span.start || a.span.end - b.span.end;

  let userLevels: RuleLevels = NO_LEVELS;
  const houseRulesMemo = new Map<string, { doc: unknown; rules: HouseRules }>();
  const houseRules = (root: string): HouseRules => {
    const file = path.join(root, HOUSE_RULES_FILE);
    // Never read through a link out of the project: the file's lines would come back quoted in its findings.
    const confined = checkConfined(fs, [root], file);
    if (!confined.ok) {
      const message = `${HOUSE_RULES_FILE} is not read: it ${confined.reason}. Distro TOML reads files from inside the project only.`;
      return { file, levels: NO_LEVELS, diagnostics: [{ file, span: { start: 0, end: 0 }, severity: 'error', code: 'path-outside-project', message }] };
    }
    // Absent is the usual case (asked first: no failed open for it on every keystroke's publish).
    const present = fs.exists(file);
    const entry = present ? cache.get(file) : undefined;
    if (!entry) {
      // Present but not read (a FIFO, too large) is said, not taken for "no rules".
      const why = present ? unreadableByStat(fs, file) : undefined;
      return { file, levels: NO_LEVELS, diagnostics: why ? [{ file, span: { start: 0, end: 0 }, severity: 'error', code: why.code, message: `${HOUSE_RULES_FILE} ${why.message}` }] : [] };
    }
    const hit = houseRulesMemo.get(file);
    if (hit && hit.doc === entry.doc) return hit.rules;
    const rules = readHouseRules(file, entry.doc);
    houseRulesMemo.set(file, { doc: entry.doc, rules });
    return rules;
  };

  let schemaEpoch = 0;
  return {
    cache,
    projects,
    get schemaEpoch() {
      return schemaEpoch;
    },
    setFileSystem(next) {
      fs = next;
      cache.setFileSystem(next);
      projects.invalidateStructure();
      schemaEpoch++;
    },
    setSchemaSetting(next) {
      setting = next;
    },
    setLint(enabled) {
      lint = enabled;
    },
    reloadSchemas() {
      compiled.clear();
      schemaEpoch++;
    },
    setExtraConfigFiles(files) {
      projects.setExtraConfigFiles(files);
    },
    setFolderSettings(next) {
      folders = next;
      projects.setFolderExtraConfigFiles(new Map([...next].map(([folder, s]) => [folder, s.extraConfigFiles])));
    },
    schemaFor,
    classify: (file) => classifyFile(fs, file),
    kindOf,
    projectOf(file) {
      const root = findProjectRoot(fs, file);
      return root === undefined ? undefined : projects.model(root);
    },
    fileDiagnostics,
    projectDiagnostics,
    validateFile(file, text) {
      const local = fileDiagnostics(file, text);
      const root = findProjectRoot(fs, file);
      if (root === undefined) return local;
      return [...local, ...(projectDiagnostics(root).get(file) ?? [])].sort(byPosition);
    },
    setRuleLevels(levels) {
      userLevels = levels;
    },
    houseRules,
    applyHouseRules(file, diagnostics, unjudged) {
      const root = findProjectRoot(fs, file);
      const user = folderScope(file)?.settings.ruleLevels ?? userLevels;
      const levels = root === undefined ? user : layerLevels(houseRules(root).levels, user);
      const entry = path.basename(file).endsWith('.toml') ? cache.get(file) : undefined;
      return applyHouseRules({
        file,
        get text() {
          return entry?.text ?? '';
        },
        comments: entry?.doc.syntax.comments,
        diagnostics,
        levels,
        ...(unjudged ? { unjudged } : {}),
      });
    },
    checkProject(projectRoot) {
      const model = projects.model(projectRoot);
      const overlayFiles = projects.overlayFiles(projectRoot);
      const diagnostics: CoreDiagnostic[] = [];
      for (const f of model.files) {
        const entry = cache.get(f.path);
        if (!entry) {
          diagnostics.push(unreadableFileDiagnostic(fs, f.path, projectRoot));
          continue;
        }
        appendAll(diagnostics, validateCached(entry, kindOf(f.path)));
      }
      for (const o of overlayFiles) {
        const entry = cache.get(o);
        if (entry) appendAll(diagnostics, validateCached(entry, 'overlay-file'));
      }
      for (const list of projectDiagnostics(projectRoot).values()) appendAll(diagnostics, list);
      const rules = houseRules(projectRoot);
      appendAll(diagnostics, rules.diagnostics);
      const houseRulesFile = fs.exists(rules.file) ? [rules.file] : [];
      return { root: projectRoot, files: [...model.files.map((f) => f.path), ...overlayFiles, ...houseRulesFile], diagnostics };
    },
  };
}
