// `distro-toml check`: finds the projects and files to check for each PATH, runs the core over them
// and formats the diagnostics (text with 1-based positions; JSON and SARIF with LSP's 0-based ones).
import * as path from 'node:path';
import { confineFileSystem } from './core/confinement';
import type { CoreDiagnostic, Severity } from './core/diagnostics';
import { fileSystemSnapshot } from './core/fileSystemSnapshot';
import { diskFileSystem, type FileSystem } from './core/fs';
import { walkTree } from './core/glob';
import { createLanguageService } from './core/languageService';
import { packageDiagnostics } from './core/packageRules/packageDiagnostics';
import type { PackageIndex } from './core/packages/queries';
import { classifyFile, findProjectRoot, PROJECT_FILE } from './core/project/root';
import type { PrecompiledSchemas } from './core/schema/validator';
import { LineIndex, type Range } from './core/text/lineIndex';
import { checkProjectOverlays, describeOverlayTally, type OverlayTally } from './cliCheckOverlays';
import { appendAll } from './core/appendAll';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckRequest {
  paths: string[];
  format: OutputFormat;
  schema: string;
  /** Loaded after each project's include tree (azldev's --config-file). */
  configFiles?: string[];
  /** Print hints too. */
  hints?: boolean;
  cwd: string;
  bundledSchemaDir: string;
  precompiled?: PrecompiledSchemas;
  fs?: FileSystem;
  /** Upstream specs read offline (`DIR/<name>/<name>.spec`) before the upstream cache. */
  specsDir?: string;
  /** The upstream cache to read offline (never filled by `check`). */
  upstreamCacheDir: string;
  /** Check package names against this index too (`--repo`). */
  packageIndex?: PackageIndex;
}

export interface CheckResult {
  stdout: string;
  stderr: string[];
  exitCode: number;
  diagnostics: CoreDiagnostic[];
  /** Components whose overlays were tried against their spec, and those that could not be for lack of one. */
  overlays: OverlayTally;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** azldev.toml files at or below `dir`, not descending into a found project (its includes cover it). */
function findProjectsBelow(fs: FileSystem, dir: string, out: string[]): void {
  if (fs.exists(path.join(dir, PROJECT_FILE))) {
    out.push(dir);
    return;
  }
  walkTree(fs, dir, {
    enter: (p, e) => {
      if (SKIP_DIRS.has(e.name)) return false;
      if (!fs.exists(path.join(p, PROJECT_FILE))) return true;
      out.push(p);
      return false;
    },
  });
}

/** `*.comp.toml`, `*.distro.toml`, `*.overlay.toml` below a directory that is in no project. */
function findStandaloneFiles(fs: FileSystem, dir: string, out: string[]): void {
  walkTree(fs, dir, {
    enter: (p, e) => !SKIP_DIRS.has(e.name) && !fs.exists(path.join(p, PROJECT_FILE)),
    file: (p, e) => {
      if (e.isFile && classifyFile(fs, p)) out.push(p);
    },
  });
}

export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  // The tree holds still while a check runs: its shape is asked about once (fileSystemSnapshot.ts).
  const fs = fileSystemSnapshot(req.fs ?? diskFileSystem);
  const stderr: string[] = [];
  const service = createLanguageService({ fs, schema: req.schema, bundledSchemaDir: req.bundledSchemaDir, precompiled: req.precompiled, cwd: req.cwd });
  const configFiles = (req.configFiles ?? []).map((f) => path.resolve(req.cwd, f));
  for (const f of configFiles) {
    if (!fs.exists(f) || fs.isDirectory(f)) {
      stderr.push(`distro-toml: --config-file ${f}: no such file`);
      return { stdout: '', stderr, exitCode: 2, diagnostics: [], overlays: { judged: 0, notJudged: [] } };
    }
  }
  const specsDir = req.specsDir === undefined ? undefined : path.resolve(req.cwd, req.specsDir);
  if (specsDir !== undefined && !fs.isDirectory(specsDir)) {
    stderr.push(`distro-toml: --specs-dir ${req.specsDir}: no such directory`);
    return { stdout: '', stderr, exitCode: 2, diagnostics: [], overlays: { judged: 0, notJudged: [] } };
  }
  service.setExtraConfigFiles(configFiles);
  const roots = new Set<string>();
  const files = new Set<string>();
  let usageError = false;
  for (const p of req.paths) {
    const abs = path.resolve(req.cwd, p);
    if (!fs.exists(abs)) {
      stderr.push(`distro-toml: ${p}: no such file or directory`);
      usageError = true;
      continue;
    }
    const root = findProjectRoot(fs, fs.isDirectory(abs) ? path.join(abs, PROJECT_FILE) : abs);
    if (root) roots.add(root);
    if (!fs.isDirectory(abs)) files.add(abs);
    else if (!root) {
      // Each real directory under PATH once: a link loop or a link out of PATH lists nothing.
      const below: string[] = [];
      findProjectsBelow(confineFileSystem(fs, [abs]).fs, abs, below);
      below.forEach((r) => roots.add(r));
      const standalone: string[] = [];
      findStandaloneFiles(confineFileSystem(fs, [abs]).fs, abs, standalone);
      standalone.forEach((f) => files.add(f));
      // Nothing to check is a failure, not a pass: a CI job pointed at the wrong folder must not go green.
      if (!below.length && !standalone.length) {
        stderr.push(`distro-toml: ${p}: no azldev project (azldev.toml) or azldev TOML files found`);
        usageError = true;
      }
    }
  }
  if (usageError) return { stdout: '', stderr, exitCode: 2, diagnostics: [], overlays: { judged: 0, notJudged: [] } };

  const diagnostics: CoreDiagnostic[] = [];
  const overlays: OverlayTally = { judged: 0, notJudged: [] };
  const checked = new Set<string>();
  for (const root of [...roots].sort()) {
    const schema = service.schemaFor(path.join(root, PROJECT_FILE));
    if (schema.error) stderr.push(`distro-toml: ${schema.error}`);
    const result = service.checkProject(root);
    result.files.forEach((f) => checked.add(f));
    appendAll(diagnostics, result.diagnostics);
    const rendered = await checkProjectOverlays(service.projects.model(root), fs, { cacheDir: req.upstreamCacheDir, ...(specsDir !== undefined ? { specsDir } : {}) });
    overlays.judged += rendered.judged.length;
    appendAll(overlays.notJudged, rendered.unjudged);
    appendAll(diagnostics, rendered.diagnostics);
    if (req.packageIndex) for (const list of packageDiagnostics(service.projects.model(root), req.packageIndex, (f) => service.cache.get(f)?.text).values()) appendAll(diagnostics, list);
  }
  for (const f of [...files].sort()) {
    if (checked.has(f)) continue;
    checked.add(f);
    appendAll(diagnostics, service.validateFile(f));
  }

  const texts = new Map<string, LineIndex>();
  const indexOf = (file: string): LineIndex => {
    let idx = texts.get(file);
    if (!idx) {
      idx = new LineIndex(service.cache.get(file)?.text ?? fs.readFile(file) ?? '');
      texts.set(file, idx);
    }
    return idx;
  };
  const rel = (f: string) => path.relative(req.cwd, f) || path.basename(f);
  if (!req.hints) {
    const shown = diagnostics.filter((d) => d.severity !== 'hint');
    diagnostics.length = 0;
    appendAll(diagnostics, shown);
  }
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
  const located = diagnostics.map((d) => ({ d, range: indexOf(d.file).rangeAt(d.span.start, d.span.end) }));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  stderr.push(`${checked.size} file${checked.size === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (roots.size > 0) stderr.push(describeOverlayTally(overlays));

  let stdout: string;
  if (req.format === 'json') {
    stdout =
      JSON.stringify(
        {
          diagnostics: located.map(({ d, range }) => ({
            file: rel(d.file),
            range,
            severity: d.severity,
            code: d.code,
            message: d.message,
            ...(d.related?.length ? { related: d.related.map((r) => ({ file: rel(r.file), range: indexOf(r.file).rangeAt(r.span.start, r.span.end), message: r.message })) } : {}),
          })),
          overlays: { judged: overlays.judged, notJudged: overlays.notJudged.length, notJudgedComponents: overlays.notJudged },
        },
        null,
        2,
      ) + '\n';
  } else if (req.format === 'sarif') {
    stdout = JSON.stringify(toSarif(located, rel, overlays), null, 2) + '\n';
  } else {
    stdout = located.map(({ d, range }) => `${rel(d.file)}:${range.start.line + 1}:${range.start.character + 1} ${d.severity} ${d.code} ${d.message}\n`).join('');
  }
  return { stdout, stderr, exitCode: errors > 0 ? 1 : 0, diagnostics, overlays };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function toSarif(located: { d: CoreDiagnostic; range: Range }[], rel: (f: string) => string, overlays: OverlayTally): object {
  const rules = [...new Set(located.map(({ d }) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'distro-toml', rules: rules.map((id) => ({ id })) } },
        properties: { overlays: { judged: overlays.judged, notJudged: overlays.notJudged.length } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: overlays.notJudged.length ? [{ level: 'note', message: { text: describeOverlayTally(overlays) } }] : [] }],
        results: located.map(({ d, range }) => ({
          ruleId: d.code,
          ruleIndex: rules.indexOf(d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: rel(d.file).split(path.sep).join('/') },
                // SARIF regions are 1-based; the end column is exclusive like LSP's.
                region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}
