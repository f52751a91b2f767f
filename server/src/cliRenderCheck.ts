// `distro-toml render --all --check`: renders every component (or one shard of them) without mock, compares
// with the project's rendered-specs-dir and reports stale, missing and extra files, orphan directories and the
// components that could not be checked; `--write` brings the directory up to date, `--patch` writes the fix as
// a git patch. Exit 0: no drift; 1: drift (or, with --fail-on-unchecked, a component not checked); 2: usage.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkConfined } from './core/confinement';
import { diskFileSystem } from './core/fs';
import { PROJECT_FILE } from './core/project/root';
import { findOrphans, parseShard, shardOf } from './core/render/drift';
import { renderedSpecsDirOf } from './core/render/renderedSpecsDir';
import { DEFAULT_MARKDOWN_BUDGET, formatGithub, formatJson, formatMarkdown, formatSarif, formatText, summaryLine, type DriftRun } from './output/driftReport';
import { gitPatchFor } from './core/render/driftPatch';
import { createComponentChecker, readCommitted, type ComponentOutcome, type RenderCheckJob } from './renderCheckComponent';
import { WORKER_ARGUMENT, WORKER_KIND, type FromWorker, type ToWorker } from './renderCheckWorker';
import { removeOrphanDir } from './renderedSpecsWrite';
import { loadProject } from './core/project/projectModel';
import { DocumentCache } from './core/documentCache';
import { defaultCacheDir } from './handlers/render';
import { projectRootOrSay, usageExit } from './cliProject';

export const RENDER_CHECK_USAGE = `Usage: distro-toml render --all --check [--project DIR] [--rendered-specs-dir DIR] [--specs-dir DIR]
                          [--cache-dir DIR] [--offline] [--jobs N] [--shard I/N] [--fail-on-unchecked]
                          [--format text|json|sarif|github|markdown] [--markdown-budget CHARS] [--write] [--patch FILE]

Renders every component as azldev's render does (no mock: upstream specs from the dist-git cache) and
compares each with its directory in the project's rendered-specs-dir. The rpmautospec block, the generated
%changelog and a Release number azldev derives from project history are masked on both sides; everything
else is compared byte for byte. Reports stale, missing and extra files (each with a unified diff), missing
component directories and orphan directories no component produces. A component whose upstream spec cannot
be had is listed as not checked; it never passes.

Options:
  --project DIR             the project (nearest azldev.toml at or above DIR; default: current directory)
  --rendered-specs-dir DIR  compare with DIR instead of the project's rendered-specs-dir
  --specs-dir DIR           read upstream specs from DIR/<name>/<name>.spec first (as render does)
  --cache-dir DIR           the upstream cache (default: $XDG_CACHE_HOME/distro-toml/upstream)
  --offline                 use only the cache; never contact dist-git (else missing packages are fetched)
  --jobs N                  render in N worker threads (default: 1)
  --shard I/N               check only shard I of N (a stable hash of the name; orphans likewise)
  --format FORMAT           text (default; short diffs), json (full diffs), sarif, github (workflow
                            annotations on the TOML lines the drift comes from), markdown (a PR comment)
  --markdown-budget CHARS   the most characters the markdown comment may take (default: ${DEFAULT_MARKDOWN_BUDGET})
  --fail-on-unchecked       exit 1 when a component could not be checked (default: counted, exit unaffected)
  --write                   bring the directory up to date like 'azldev component render -a --clean-stale'
                            (the committed rpmautospec parts and history-derived Release are kept)
  --patch FILE              write the fix as a patch 'git apply' takes from the repository root
  -h, --help                show this help

Exit status: 0 no drift; 1 drift (or a component not checked with --fail-on-unchecked); 2 usage or failure.`;

export interface RenderCheckIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The script worker threads run (dist/cli.js, which starts the worker side when it is a worker). */
  workerScript?: string;
}

type Format = 'text' | 'json' | 'sarif' | 'github' | 'markdown';

interface CheckArgs {
  project: string;
  renderedDir?: string;
  specsDir?: string;
  cacheDir?: string;
  offline: boolean;
  jobs: number;
  shard?: { index: number; count: number };
  format: Format;
  markdownBudget: number;
  failOnUnchecked: boolean;
  write: boolean;
  patch?: string;
}

function parse(argv: string[]): CheckArgs | 'help' | string {
  const out: CheckArgs = { project: '.', offline: false, jobs: 1, format: 'text', markdownBudget: DEFAULT_MARKDOWN_BUDGET, failOnUnchecked: false, write: false };
  let all = false;
  let check = false;
  const valued = ['--project', '--rendered-specs-dir', '--specs-dir', '--cache-dir', '--jobs', '--shard', '--format', '--markdown-budget', '--patch'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    const flag = valued.find((f) => a === f || a.startsWith(f + '='));
    if (flag !== undefined) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      if (flag === '--project') out.project = value;
      else if (flag === '--rendered-specs-dir') out.renderedDir = value;
      else if (flag === '--specs-dir') out.specsDir = value;
      else if (flag === '--cache-dir') out.cacheDir = value;
      else if (flag === '--patch') out.patch = value;
      else if (flag === '--jobs' || flag === '--markdown-budget') {
        if (!/^\d+$/.test(value) || Number(value) < 1) return `${flag} must be a positive whole number (got '${value}')`;
        if (flag === '--jobs') out.jobs = Number(value);
        else out.markdownBudget = Number(value);
      } else if (flag === '--shard') {
        const s = parseShard(value);
        if (typeof s === 'string') return s;
        out.shard = s;
      } else {
        if (!['text', 'json', 'sarif', 'github', 'markdown'].includes(value)) return `--format must be text, json, sarif, github or markdown (got '${value}')`;
        out.format = value as Format;
      }
    } else if (a === '--all') all = true;
    else if (a === '--check') check = true;
    else if (a === '--offline') out.offline = true;
    else if (a === '--write') out.write = true;
    else if (a === '--fail-on-unchecked') out.failOnUnchecked = true;
    else if (a.startsWith('-')) return `unknown option '${a}'`;
    else return `render --all takes no component names (got '${a}')`;
  }
  if (!all || !check) return 'render --all needs --check (render NAME... renders single components)';
  return out;
}

/** The folder holding `.git` above `dir` (the repository root), or undefined. */
function repositoryRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (nodeFs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** `<letter>` → child directories (real directories only; links are not followed). */
function listRenderedDir(root: string): Map<string, string[]> {
  const listing = new Map<string, string[]>();
  let letters: nodeFs.Dirent[];
  try {
    letters = nodeFs.readdirSync(root, { withFileTypes: true });
  } catch {
    return listing;
  }
  for (const l of letters) {
    if (!l.isDirectory()) continue;
    try {
      listing.set(l.name, nodeFs.readdirSync(path.join(root, l.name), { withFileTypes: true }).filter((c) => c.isDirectory()).map((c) => c.name));
    } catch {
      // Unreadable: nothing to report from it.
    }
  }
  return listing;
}

async function runInThreads(names: string[], job: RenderCheckJob, jobs: number, script: string, onOutcome: (o: ComponentOutcome) => void): Promise<void> {
  const queue = [...names];
  const batch = Math.max(1, Math.min(16, Math.ceil(names.length / (jobs * 8))));
  const count = Math.min(jobs, Math.max(1, names.length));
  await Promise.all(
    Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
      const worker = new Worker(script, { workerData: { kind: WORKER_KIND, job }, argv: [WORKER_ARGUMENT], stdout: false, stderr: false });
      const next = () => {
        const names = queue.splice(0, batch);
        worker.postMessage((names.length ? { type: 'batch', names } : { type: 'done' }) satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'failed') {
          void worker.terminate();
          reject(new Error(m.message));
          return;
        }
        if (m.type === 'results') for (const o of m.outcomes) onOutcome(o);
        next();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    })),
  );
}

export async function runRenderCheckCli(argv: string[], io: RenderCheckIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') return usageExit(args, RENDER_CHECK_USAGE, io);
  const root = projectRootOrSay(io.cwd, args.project, io);
  if (root === undefined) return 2;
  if (args.specsDir !== undefined && !diskFileSystem.isDirectory(path.resolve(io.cwd, args.specsDir))) {
    io.stderr(`distro-toml: --specs-dir ${args.specsDir}: no such directory\n`);
    return 2;
  }
  const projectFile = path.join(root, PROJECT_FILE);
  const model = loadProject(new DocumentCache(diskFileSystem), projectFile);
  const renderedDir = args.renderedDir !== undefined ? path.resolve(io.cwd, args.renderedDir) : renderedSpecsDirOf(model);
  // The tree is untrusted: its rendered-specs-dir is read and written only inside the project (a folder named on
  // the command line is the user's choice). Like azldev's validateOutputDir, never the project root or `/` itself.
  if (args.renderedDir === undefined) {
    const confined = checkConfined(diskFileSystem, [model.root], renderedDir);
    if (!confined.ok) {
      io.stderr(`distro-toml: the project's rendered-specs-dir ${renderedDir} is not used: it ${confined.reason}; pass --rendered-specs-dir DIR to compare with a folder outside the project\n`);
      return 2;
    }
  }
  if (path.resolve(renderedDir) === path.resolve(model.root) || path.dirname(renderedDir) === renderedDir) {
    io.stderr(`distro-toml: the rendered-specs-dir ${renderedDir} is unsafe (the project root or /); use a dedicated folder such as specs/\n`);
    return 2;
  }
  if (args.write) nodeFs.mkdirSync(renderedDir, { recursive: true });
  const repo = repositoryRoot(renderedDir) ?? io.cwd;
  const job: RenderCheckJob = {
    projectFile,
    renderedDir,
    ...(args.specsDir !== undefined ? { specsDir: path.resolve(io.cwd, args.specsDir) } : {}),
    cacheDir: args.cacheDir !== undefined ? path.resolve(io.cwd, args.cacheDir) : defaultCacheDir(),
    offline: args.offline,
    write: args.write,
    ...(args.patch !== undefined ? { patchPrefix: path.relative(repo, renderedDir).split(path.sep).join('/') } : {}),
    annotate: args.format === 'github' || args.format === 'sarif' || args.format === 'json',
  };
  const all = [...model.unions.components.keys()].sort();
  const names = args.shard ? all.filter((n) => shardOf(n, (args.shard as { count: number }).count) === (args.shard as { index: number }).index) : all;
  const relToCwd = (p: string): string => {
    const r = path.relative(io.cwd, p);
    return (r.startsWith('..') || path.isAbsolute(r) ? p : r || '.').split(path.sep).join('/');
  };
  const run: DriftRun = { total: names.length, upToDate: 0, drifted: [], notChecked: [], orphans: [], renderedDir: relToCwd(renderedDir), ...(args.shard ? { shard: args.shard } : {}) };
  const patches: { component: string; patch: string }[] = [];
  const skippedInPatch: string[] = [];
  let done = 0;
  let lastReport = Date.now();
  const onOutcome = (o: ComponentOutcome) => {
    done++;
    if (Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      io.stderr(`distro-toml: checked ${done}/${names.length} component(s)\n`);
    }
    if (!o.checked) {
      run.notChecked.push({ component: o.component, reason: o.reason });
      return;
    }
    if (o.drift.status === 'up-to-date') {
      run.upToDate++;
      return;
    }
    run.drifted.push({ drift: o.drift, ...(o.annotations ? { annotations: o.annotations } : {}), ...(o.writeError ? { writeError: o.writeError } : {}) });
    if (o.patch) {
      patches.push({ component: o.component, patch: o.patch.patch });
      skippedInPatch.push(...o.patch.skipped);
    }
  };
  try {
    if (args.jobs <= 1 || names.length <= 1) {
      const checker = createComponentChecker(job);
      for (const n of names) onOutcome(await checker.check(n));
    } else {
      await runInThreads(names, job, args.jobs, io.workerScript ?? path.join(__dirname, 'cli.js'), onOutcome);
    }
  } catch (err) {
    io.stderr(`distro-toml: the check failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const byName = (a: { component: string }, b: { component: string }) => (a.component < b.component ? -1 : a.component > b.component ? 1 : 0);
  run.drifted.sort((a, b) => byName(a.drift, b.drift));
  run.notChecked.sort(byName);
  run.orphans = findOrphans(listRenderedDir(renderedDir), all).filter((o) => !args.shard || shardOf(o.slice(o.indexOf('/') + 1), args.shard.count) === args.shard.index);
  // An orphan directory's removal, as deleted files (read before --write removes it): the patch makes the same change.
  if (args.patch !== undefined) {
    for (const o of run.orphans) {
      const committed = readCommitted(renderedDir, o);
      const files = [...(committed.files?.keys() ?? []), ...committed.irregular].sort().map((file) => ({ file, kind: 'extra' as const, diff: '' }));
      const p = gitPatchFor(job.patchPrefix ?? '', { component: o, dir: o, status: 'stale', files, notes: [] }, committed, new Map());
      patches.push({ component: `\uffff${o}`, patch: p.patch });
      skippedInPatch.push(...p.skipped);
    }
  }
  if (args.write) {
    for (const o of run.orphans) {
      const removed = removeOrphanDir(renderedDir, o);
      if (!removed.ok) io.stderr(`distro-toml: could not remove orphan ${o}: ${removed.message}\n`);
    }
  }
  if (args.patch !== undefined) {
    patches.sort(byName);
    let text = skippedInPatch.map((p) => `# not in this patch (binary, a link or a special file): ${p}\n`).join('');
    for (const p of patches) text += p.patch;
    try {
      nodeFs.writeFileSync(path.resolve(io.cwd, args.patch), text);
    } catch (err) {
      io.stderr(`distro-toml: cannot write ${args.patch}: ${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
  }
  const rel = relToCwd;
  if (args.format === 'text') io.stdout(formatText(run));
  else if (args.format === 'json') io.stdout(formatJson(run));
  else if (args.format === 'sarif') io.stdout(formatSarif(run, rel));
  else if (args.format === 'github') io.stdout(formatGithub(run, rel));
  else io.stdout(formatMarkdown(run, args.markdownBudget));
  io.stderr(`distro-toml: ${summaryLine(run)}${args.write ? ' — written' : ''}\n`);
  const drift = run.drifted.length > 0 || run.orphans.length > 0;
  if (args.write) return run.drifted.some((d) => d.writeError) || (args.failOnUnchecked && run.notChecked.length > 0) ? 1 : 0;
  return drift || (args.failOnUnchecked && run.notChecked.length > 0) ? 1 : 0;
}
