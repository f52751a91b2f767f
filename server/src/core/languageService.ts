// The pure language-service core: given a file system and settings, validates azldev TOML files
// (syntax, schema, azldev's load-time rules) and checks whole projects. The LSP server, the CLI and
// the tests are thin callers of this object; nothing here knows about a connection or a terminal.
import * as path from 'node:path';
import type { CoreDiagnostic } from './diagnostics';
import { DocumentCache, type CachedDocument } from './documentCache';
import type { FileSystem } from './fs';
import { expandGlob, hasGlobMeta } from './project/glob';
import { includePatterns, resolveIncludePattern, walkIncludes } from './project/includes';
import { classifyFile, findProjectRoot, PROJECT_FILE, type FileKind } from './project/root';
import { runRules } from './rules';
import { mapSchemaErrors } from './schema/errorMapping';
import { resolveSchemaSetting, type ResolvedSchema, type SchemaSetting } from './schema/schemaChoice';
import { compileSchemas, type CompiledSchemas } from './schema/validator';
import { lookupEntry, toJS, type TomlDocument } from './toml';

export const BUNDLED_CONFIG_SCHEMA = 'azldev.schema.json';
export const BUNDLED_OVERLAY_FILE_SCHEMA = 'azldev-overlay-file.schema.json';

export interface LanguageServiceOptions {
  fs: FileSystem;
  /** `bundled`, `workspace`, or a schema file path (relative to the project root). */
  schema: SchemaSetting;
  /** The directory holding our bundled schemas. */
  bundledSchemaDir: string;
  cwd?: string;
}

export interface ProjectCheck {
  root: string;
  /** Every config file reached through includes, in azldev's load order. */
  files: string[];
  diagnostics: CoreDiagnostic[];
}

export interface LanguageService {
  readonly cache: DocumentCache;
  setFileSystem(fs: FileSystem): void;
  setSchemaSetting(setting: SchemaSetting): void;
  /** The schema that validates files of the project holding `file`. */
  schemaFor(file: string): ResolvedSchema;
  classify(file: string): FileKind | undefined;
  /** Diagnostics of one file; `text` overrides what the file system holds (an open editor buffer). */
  validateFile(file: string, text?: string): CoreDiagnostic[];
  /** Every file reachable from the project's azldev.toml, validated. */
  checkProject(projectRoot: string): ProjectCheck;
}

/**
 * The schema states some of azldev's rules too (for editors that only read the schema); where a rule
 * reports the same key or value, its message — azldev's own words — stands alone.
 */
function withoutRuleDuplicates(doc: TomlDocument, schemaDiags: CoreDiagnostic[], ruleDiags: CoreDiagnostic[]): CoreDiagnostic[] {
  if (!ruleDiags.length) return schemaDiags;
  const ruleSpans = new Set(ruleDiags.map((d) => `${d.span.start}:${d.span.end}`));
  return schemaDiags.filter((d) => {
    if (ruleSpans.has(`${d.span.start}:${d.span.end}`)) return false;
    const p = d.data?.path;
    const entry = Array.isArray(p) && p.length ? lookupEntry(doc.root, p as (string | number)[]) : undefined;
    return !(entry && (ruleSpans.has(`${entry.keySpan.start}:${entry.keySpan.end}`) || ruleSpans.has(`${entry.node.span.start}:${entry.node.span.end}`)));
  });
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  let fs = options.fs;
  let setting = options.schema;
  const cwd = options.cwd ?? process.cwd();
  const cache = new DocumentCache(fs);
  const bundledConfigPath = path.join(options.bundledSchemaDir, BUNDLED_CONFIG_SCHEMA);
  const bundledOverlayPath = path.join(options.bundledSchemaDir, BUNDLED_OVERLAY_FILE_SCHEMA);
  const compiled = new Map<string, CompiledSchemas | Error>();

  const readJson = (p: string): object => {
    const text = fs.readFile(p);
    if (text === undefined) throw new Error(`cannot read ${p}`);
    return JSON.parse(text) as object;
  };

  /** Compiled validators for a config schema path, once per path; a broken schema falls back to ours. */
  const validatorsFor = (resolved: ResolvedSchema): { schemas: CompiledSchemas; resolved: ResolvedSchema } => {
    let hit = compiled.get(resolved.path);
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

  const schemaFor = (file: string): ResolvedSchema => {
    const root = findProjectRoot(fs, file);
    return validatorsFor(resolveSchemaSetting(fs, setting, root, bundledConfigPath, cwd)).resolved;
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
    const { schemas } = validatorsFor(resolveSchemaSetting(fs, setting, findProjectRoot(fs, file), bundledConfigPath, cwd));
    const value = toJS(doc.root);
    const validate = kind === 'overlay-file' ? schemas.overlayFile : schemas.config;
    const ruleDiags = runRules({ file, doc, kind, fs });
    if (!validate(value)) out.push(...withoutRuleDuplicates(doc, mapSchemaErrors(file, doc, validate.errors ?? [], value), ruleDiags));
    out.push(...ruleDiags);
    return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  };

  return {
    cache,
    setFileSystem(next) {
      fs = next;
      cache.setFileSystem(next);
    },
    setSchemaSetting(next) {
      setting = next;
    },
    schemaFor,
    classify: (file) => classifyFile(fs, file),
    validateFile(file, text) {
      const kind = classifyFile(fs, file) ?? 'config';
      const entry = text === undefined ? cache.get(file) : cache.withText(file, text);
      if (!entry) return [];
      return validateCached(entry, kind);
    },
    checkProject(projectRoot) {
      const rootFile = path.join(projectRoot, PROJECT_FILE);
      const walk = walkIncludes(cache, rootFile);
      const diagnostics = [...walk.diagnostics];
      for (const f of walk.files) {
        const entry = cache.get(f.path);
        if (!entry) {
          diagnostics.push({ file: f.path, span: { start: 0, end: 0 }, severity: 'error', code: 'file-unreadable', message: `Cannot read ${f.path}` });
          continue;
        }
        diagnostics.push(...validateCached(entry, classifyFile(fs, f.path) ?? 'config'));
      }
      // Per-file overlay documents named by components' own `overlay-files` patterns.
      const overlayFiles = new Set<string>();
      for (const f of walk.files) {
        const components = cache.get(f.path)?.doc.root.entries.get('components')?.node;
        if (components?.type !== 'table') continue;
        for (const c of components.entries.values()) {
          const patterns = c.node.type === 'table' ? includePatterns(c.node.entries.get('overlay-files')?.node) : [];
          for (const { pattern } of patterns) {
            const abs = resolveIncludePattern(f.path, pattern);
            for (const m of hasGlobMeta(pattern) ? expandGlob(fs, abs) : fs.exists(abs) ? [abs] : []) overlayFiles.add(m);
          }
        }
      }
      for (const o of overlayFiles) {
        const entry = cache.get(o);
        if (entry) diagnostics.push(...validateCached(entry, 'overlay-file'));
      }
      return { root: projectRoot, files: [...walk.files.map((f) => f.path), ...overlayFiles], diagnostics };
    },
  };
}
