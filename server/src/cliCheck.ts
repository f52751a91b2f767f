// `distro-toml check`: finds the projects and files to check for each PATH, runs the core over them
// and formats the diagnostics (text with 1-based positions; JSON and SARIF with LSP's 0-based ones).
import * as path from 'node:path';
import type { CoreDiagnostic, Severity } from './core/diagnostics';
import { diskFileSystem, type FileSystem } from './core/fs';
import { createLanguageService } from './core/languageService';
import { packageDiagnostics } from './core/packageRules/packageDiagnostics';
import type { PackageIndex } from './core/packages/queries';
import { classifyFile, findProjectRoot, PROJECT_FILE } from './core/project/root';
import type { PrecompiledSchemas } from './core/schema/validator';
import { LineIndex, type Range } from './core/text/lineIndex';

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
  /** Check package names against this index too (`--repo`). */
  packageIndex?: PackageIndex;
}

export interface CheckResult {
  stdout: string;
  stderr: string[];
  exitCode: number;
  diagnostics: CoreDiagnostic[];
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** azldev.toml files at or below `dir`, not descending into a found project (its includes cover it). */
function findProjectsBelow(fs: FileSystem, dir: string, out: string[]): void {
  if (fs.exists(path.join(dir, PROJECT_FILE))) {
    out.push(dir);
    return;
  }
  for (const e of fs.readDirectory(dir)) {
    if (e.isDirectory && !SKIP_DIRS.has(e.name)) findProjectsBelow(fs, path.join(dir, e.name), out);
  }
}

/** `*.comp.toml`, `*.distro.toml`, `*.overlay.toml` below a directory that is in no project. */
function findStandaloneFiles(fs: FileSystem, dir: string, out: string[]): void {
  for (const e of fs.readDirectory(dir)) {
    const p = path.join(dir, e.name);
    if (e.isDirectory && !SKIP_DIRS.has(e.name)) {
      if (!fs.exists(path.join(p, PROJECT_FILE))) findStandaloneFiles(fs, p, out);
    } else if (e.isFile && classifyFile(fs, p)) out.push(p);
  }
}

export function runCheck(req: CheckRequest): CheckResult {
  const fs = req.fs ?? diskFileSystem;
  const stderr: string[] = [];
  const service = createLanguageService({ fs, schema: req.schema, bundledSchemaDir: req.bundledSchemaDir, precompiled: req.precompiled, cwd: req.cwd });
  const configFiles = (req.configFiles ?? []).map((f) => path.resolve(req.cwd, f));
  for (const f of configFiles) {
    if (!fs.exists(f) || fs.isDirectory(f)) {
      stderr.push(`distro-toml: --config-file ${f}: no such file`);
      return { stdout: '', stderr, exitCode: 2, diagnostics: [] };
    }
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
      const below: string[] = [];
      findProjectsBelow(fs, abs, below);
      below.forEach((r) => roots.add(r));
      const standalone: string[] = [];
      findStandaloneFiles(fs, abs, standalone);
      standalone.forEach((f) => files.add(f));
      if (!below.length && !standalone.length) stderr.push(`distro-toml: ${p}: no azldev project (azldev.toml) or azldev TOML files found`);
    }
  }
  if (usageError) return { stdout: '', stderr, exitCode: 2, diagnostics: [] };

  const diagnostics: CoreDiagnostic[] = [];
  const checked = new Set<string>();
  for (const root of [...roots].sort()) {
    const schema = service.schemaFor(path.join(root, PROJECT_FILE));
    if (schema.error) stderr.push(`distro-toml: ${schema.error}`);
    const result = service.checkProject(root);
    result.files.forEach((f) => checked.add(f));
    diagnostics.push(...result.diagnostics);
    if (req.packageIndex) for (const list of packageDiagnostics(service.projects.model(root), req.packageIndex, (f) => service.cache.get(f)?.text).values()) diagnostics.push(...list);
  }
  for (const f of [...files].sort()) {
    if (checked.has(f)) continue;
    checked.add(f);
    diagnostics.push(...service.validateFile(f));
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
  if (!req.hints) diagnostics.splice(0, diagnostics.length, ...diagnostics.filter((d) => d.severity !== 'hint'));
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
  const located = diagnostics.map((d) => ({ d, range: indexOf(d.file).rangeAt(d.span.start, d.span.end) }));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  stderr.push(`${checked.size} file${checked.size === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);

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
        },
        null,
        2,
      ) + '\n';
  } else if (req.format === 'sarif') {
    stdout = JSON.stringify(toSarif(located, rel), null, 2) + '\n';
  } else {
    stdout = located.map(({ d, range }) => `${rel(d.file)}:${range.start.line + 1}:${range.start.character + 1} ${d.severity} ${d.code} ${d.message}\n`).join('');
  }
  return { stdout, stderr, exitCode: errors > 0 ? 1 : 0, diagnostics };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function toSarif(located: { d: CoreDiagnostic; range: Range }[], rel: (f: string) => string): object {
  const rules = [...new Set(located.map(({ d }) => d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'distro-toml', rules: rules.map((id) => ({ id })) } },
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
