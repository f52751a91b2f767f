// `distro-toml check`: finds the projects and files to check for each PATH, runs the core over them, applies
// the house rules (ignore comments, levels) and formats the diagnostics: text with 1-based positions, JSON with
// LSP's 0-based ones, SARIF and GitHub workflow annotations (builders in output/).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { confineFileSystem } from './core/confinement';
import type { CoreDiagnostic, Severity } from './core/diagnostics';
import { fileSystemSnapshot } from './core/fileSystemSnapshot';
import { diskFileSystem, type FileSystem } from './core/fs';
import { walkTree } from './core/glob';
import { createLanguageService } from './core/languageService';
import { packageDiagnostics, type PackageCheckContext } from './core/packageRules/packageDiagnostics';
import { specDependencyMacros } from './core/packageRules/dependencyMacros';
import type { PackageIndex } from './core/packages/queries';
import { classifyFile, findProjectRoot, PROJECT_FILE } from './core/project/root';
import { unreadableFileDiagnostic } from './core/unreadableFile';
import type { PrecompiledSchemas } from './core/schema/validator';
import { LineIndex, type Range } from './core/text/lineIndex';
import { checkProjectOverlays, describeOverlayTally, type OverlayTally } from './cliCheckOverlays';
import { appendAll } from './core/appendAll';
import { NO_LEVELS, type RuleLevels } from './core/houseRules/levels';
import { RULE_CATALOG, RULE_CODES, type RuleGroup } from './core/ruleCatalog';
import { painter, type Paint } from './output/colour';
import { printable, printableMessage } from './output/terminalText';
import { githubAnnotation, type AnnotationLevel } from './output/githubAnnotations';
import { sarifLog, type SarifLevel } from './output/sarif';
import { VERSION } from './version';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

/** The lowest severity that fails the run (exit 1). */
export type FailOn = 'error' | 'warning' | 'information';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

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
  /** `--rule CODE=LEVEL`: over the project's `.distro-toml.toml`. */
  ruleLevels?: RuleLevels;
  /** Exit 1 when a finding of this severity or a more severe one is printed (default `error`). */
  failOn?: FailOn;
  /** Colour the text output (stdout) and the summary (stderr). */
  colour?: { stdout: boolean; stderr: boolean };
}

/** Dependency macros for the package check: x86_64's `%{_isa}`, and each component's spec from --specs-dir when it is there. */
function packageCheckContext(fs: FileSystem, specsDir: string | undefined): PackageCheckContext {
  const memo = new Map<string, ReadonlyMap<string, string> | undefined>();
  return {
    arch: 'x86_64',
    specMacros: (component) => {
      if (specsDir === undefined || component.includes('/') || component.startsWith('.')) return undefined;
      if (!memo.has(component)) {
        const text = fs.readFile(path.join(specsDir, component, `${component}.spec`));
        memo.set(component, text === undefined ? undefined : specDependencyMacros(text));
      }
      return memo.get(component);
    },
  };
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
    // Not only regular files: a FIFO or device by such a name is checked too, which says it was not read.
    file: (p, e) => {
      if (!e.isDirectory && classifyFile(fs, p)) out.push(p);
    },
  });
}

export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  // The tree holds still while a check runs: its shape is asked about once (fileSystemSnapshot.ts).
  const fs = fileSystemSnapshot(req.fs ?? diskFileSystem);
  const stderr: string[] = [];
  // A check edits nothing: no traces for incremental re-parses (2.5 MB less kept on the real tree).
  const service = createLanguageService({ fs, schema: req.schema, bundledSchemaDir: req.bundledSchemaDir, precompiled: req.precompiled, cwd: req.cwd, editTraces: false });
  const configFiles = (req.configFiles ?? []).map((f) => path.resolve(req.cwd, f));
  for (const [i, f] of configFiles.entries()) {
    if (!fs.exists(f) || fs.isDirectory(f)) {
      // Named as the user wrote it: the resolved path would put the machine's folders in CI logs.
      stderr.push(`distro-toml: --config-file ${printable(req.configFiles?.[i] ?? f)}: no such file`);
      return { stdout: '', stderr, exitCode: 2, diagnostics: [], overlays: { judged: 0, notJudged: [] } };
    }
  }
  const specsDir = req.specsDir === undefined ? undefined : path.resolve(req.cwd, req.specsDir);
  if (specsDir !== undefined && !fs.isDirectory(specsDir)) {
    stderr.push(`distro-toml: --specs-dir ${req.specsDir}: no such directory`);
    return { stdout: '', stderr, exitCode: 2, diagnostics: [], overlays: { judged: 0, notJudged: [] } };
  }
  service.setExtraConfigFiles(configFiles);
  service.setRuleLevels(req.ruleLevels ?? NO_LEVELS);
  const roots = new Set<string>();
  const files = new Set<string>();
  let usageError = false;
  for (const p of req.paths) {
    const abs = path.resolve(req.cwd, p);
    if (!fs.exists(abs)) {
      stderr.push(`distro-toml: ${printable(p)}: no such file or directory`);
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
        stderr.push(`distro-toml: ${printable(p)}: no azldev project (azldev.toml) or azldev TOML files found`);
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
    if (req.packageIndex) for (const list of packageDiagnostics(service.projects.model(root), req.packageIndex, (f) => service.cache.get(f)?.text, packageCheckContext(fs, specsDir)).values()) appendAll(diagnostics, list);
  }
  for (const f of [...files].sort()) {
    if (checked.has(f)) continue;
    checked.add(f);
    // A file named on the command line that cannot be read (a FIFO, a device, too large) says so at its top.
    if (!service.cache.get(f)) diagnostics.push(unreadableFileDiagnostic(fs, f, findProjectRoot(fs, f) ?? path.dirname(f)));
    else appendAll(diagnostics, service.validateFile(f));
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
  // House rules, file by file as the editor applies them: checks this run did not make judge no ignore comment.
  const unjudged = new Set<RuleGroup>();
  if (!req.packageIndex) unjudged.add('packages');
  if (overlays.notJudged.length) unjudged.add('render');
  // Every checked file, with findings or not: a file whose only finding would be a stale ignore comment has none yet.
  const byFile = new Map<string, CoreDiagnostic[]>([...checked].map((f) => [f, []]));
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  diagnostics.length = 0;
  for (const [file, list] of byFile) appendAll(diagnostics, service.applyHouseRules(file, list, unjudged));
  if (!req.hints) {
    const shown = diagnostics.filter((d) => d.severity !== 'hint');
    diagnostics.length = 0;
    appendAll(diagnostics, shown);
  }
  diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
  const located = diagnostics.map((d) => ({ d, range: indexOf(d.file).rangeAt(d.span.start, d.span.end) }));
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const counts = { error: count('error'), warning: count('warning'), information: count('information'), hint: count('hint') };
  const errPaint = painter(req.colour?.stderr ?? false);
  stderr.push(`${checked.size} file${checked.size === 1 ? '' : 's'} checked: ${describeCounts(counts, req.hints === true, errPaint)}`);
  if (roots.size > 0) stderr.push(describeOverlayTally(overlays));
  const failOn = req.failOn ?? 'error';
  const failing = diagnostics.filter((d) => SEVERITY_RANK[d.severity] <= SEVERITY_RANK[failOn]).length;

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
          summary: { files: checked.size, errors: counts.error, warnings: counts.warning, information: counts.information, ...(req.hints ? { hints: counts.hint } : {}) },
        },
        null,
        2,
      ) + '\n';
  } else if (req.format === 'sarif') {
    const lineText = (file: string, line: number) => {
      const idx = indexOf(file);
      const text = service.cache.get(file)?.text ?? fs.readFile(file) ?? '';
      return text.slice(idx.offsetAt({ line, character: 0 }), idx.offsetAt({ line: line + 1, character: 0 }));
    };
    stdout = JSON.stringify(toSarif(located, rel, overlays, req.cwd, lineText, (f, s) => indexOf(f).rangeAt(s.start, s.end), req.ruleLevels ?? NO_LEVELS), null, 2) + '\n';
  } else if (req.format === 'github') {
    stdout = located
      .map(({ d, range }) =>
        githubAnnotation({
          level: GITHUB_LEVEL[d.severity],
          file: rel(d.file).split(path.sep).join('/'),
          line: range.start.line + 1,
          col: range.start.character + 1,
          endLine: range.end.line + 1,
          endColumn: range.end.character + 1,
          title: d.code,
          message: d.message,
        }) + '\n',
      )
      .join('');
  } else {
    const paint = painter(req.colour?.stdout ?? false);
    stdout = located
      .map(({ d, range }) => `${paint('bold', `${printable(rel(d.file))}:${range.start.line + 1}:${range.start.character + 1}`)} ${paint(SEVERITY_STYLE[d.severity], d.severity)} ${paint('dim', d.code)} ${printableMessage(d.message)}\n`)
      .join('');
  }
  return { stdout, stderr, exitCode: failing > 0 ? 1 : 0, diagnostics, overlays };
}

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' } as const;

const GITHUB_LEVEL: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** "1 error, 2 warnings, 0 information" (and the hints when they are printed). */
function describeCounts(c: Record<Severity, number>, withHints: boolean, paint: Paint): string {
  const part = (n: number, one: string, many: string, style: 'red' | 'yellow' | 'blue' | 'dim') => {
    const t = `${n} ${n === 1 ? one : many}`;
    return n > 0 ? paint(style, t) : t;
  };
  const parts = [part(c.error, 'error', 'errors', 'red'), part(c.warning, 'warning', 'warnings', 'yellow'), part(c.information, 'information', 'information', 'blue')];
  if (withHints) parts.push(part(c.hint, 'hint', 'hints', 'dim'));
  return parts.join(', ');
}

const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 with every rule of the catalog (descriptions, help, default level), paths relative to `cwd` as SRCROOT. */
function toSarif(
  located: { d: CoreDiagnostic; range: Range }[],
  rel: (f: string) => string,
  overlays: OverlayTally,
  cwd: string,
  lineText: (file: string, line: number) => string,
  rangeOf: (file: string, span: { start: number; end: number }) => Range,
  levels: RuleLevels,
): object {
  const uri = (f: string) => rel(f).split(path.sep).join('/');
  // SARIF regions are 1-based; the end column is exclusive like LSP's.
  const region = (range: Range) => ({ startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 });
  const baseUri = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  return sarifLog({
    tool: { name: 'distro-toml', version: VERSION },
    rules: RULE_CODES.map((id) => {
      const r = RULE_CATALOG[id];
      return { id, summary: r.summary, help: r.help, level: SARIF_LEVEL[r.level], tags: [r.group] };
    }),
    baseUri,
    levelOverrides: [...levels].map(([id, level]) => ({ id, level: level === 'off' ? 'off' : SARIF_LEVEL[level] })),
    notifications: overlays.notJudged.length ? [{ level: 'note', text: describeOverlayTally(overlays) }] : [],
    properties: { overlays: { judged: overlays.judged, notJudged: overlays.notJudged.length } },
    results: located.map(({ d, range }) => ({
      ruleId: d.code,
      level: SARIF_LEVEL[d.severity],
      message: d.message,
      uri: uri(d.file),
      region: region(range),
      lineText: lineText(d.file, range.start.line),
      ...(d.related?.length ? { related: d.related.map((r) => ({ uri: uri(r.file), region: region(rangeOf(r.file, r.span)), message: r.message })) } : {}),
    })),
  });
}
