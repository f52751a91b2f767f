// `distro-toml review [--base REV] [--head REV]`: what a change does to every component — each component whose
// effective config or effective spec differs between the base (default: the merge base of HEAD with the default
// branch) and the head (default: the work tree, uncommitted and untracked files included), with unified diffs.
// The base (and a head revision) are read from git into a temporary copy; specs come from the spec folder or
// the upstream cache, never the network. Exit 0: compared (1 with --exit-code when something changed); 2: usage
// or git errors.
import * as path from 'node:path';
import { diskFileSystem } from './core/fs';
import { RenderService } from './core/features/renderPreview';
import { DocumentCache } from './core/documentCache';
import { loadProject } from './core/project/projectModel';
import { PROJECT_FILE } from './core/project/root';
import { reviewChanges, type ReviewSide } from './core/review/componentChanges';
import { reviewJson, reviewMarkdown, reviewText, summaryLine } from './core/review/reviewReport';
import { changedFiles, copyRevision, defaultBase, gitTopLevel, resolveCommit, type RevisionCopy } from './gitRevision';
import { terminalLines } from './output/terminalText';
import { projectRootOrSay, usageExit } from './cliProject';

export const REVIEW_USAGE = `Usage: distro-toml review [--base REV] [--head REV] [--project DIR] [--format text|json|markdown]
                          [--specs-dir DIR] [--no-specs] [--budget N] [--exit-code]

Lists every component whose effective configuration or effective spec a change alters — including
changes that arrive through inheritance (a group default, a distro's or the project's
default-component-config, an overlay file several components load) — each with unified diffs.
A change that means nothing to azldev (a comment, a moved file) lists nothing.

Options:
  --base REV         the revision before the change (default: the merge base of HEAD with the
                     default branch: origin/HEAD, origin/main, origin/master, main or master)
  --head REV         the revision after the change (default: the work tree, uncommitted and
                     untracked files included)
  --project DIR      the project (the nearest azldev.toml at or above DIR; default: current directory)
  --format text|json|markdown
                     text (default); json for bots; markdown for a pull-request comment, one
                     collapsed section per component, within --budget characters
  --specs-dir DIR    read upstream specs from DIR/<name>/<name>.spec before the upstream cache
  --no-specs         compare effective configs only, render no spec
  --budget N         the most characters the markdown may take (default 60000)
  --exit-code        exit 1 when any component is affected
  -h, --help         show this help

Specs are rendered without the network: local specs, --specs-dir, and the upstream cache that
'distro-toml render' fills. A component whose spec is not at hand is listed as 'spec not checked'.`;

export interface ReviewCliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The upstream cache read offline. */
  upstreamCacheDir: string;
}

interface ReviewArgs {
  base?: string;
  head?: string;
  project: string;
  format: 'text' | 'json' | 'markdown';
  specsDir?: string;
  specs: boolean;
  budget: number;
  exitCode: boolean;
}

function parse(argv: string[]): ReviewArgs | 'help' | string {
  const out: ReviewArgs = { project: '.', format: 'text', specs: true, budget: 60_000, exitCode: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--no-specs') {
      out.specs = false;
      continue;
    }
    if (a === '--exit-code') {
      out.exitCode = true;
      continue;
    }
    const flag = ['--base', '--head', '--project', '--format', '--specs-dir', '--budget'].find((f) => a === f || a.startsWith(f + '='));
    if (flag === undefined) return a.startsWith('-') ? `unknown option '${a}'` : `unexpected argument '${a}'`;
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
    if (value === undefined || value === '') return `${flag} needs a value`;
    if (flag === '--base') out.base = value;
    else if (flag === '--head') out.head = value;
    else if (flag === '--project') out.project = value;
    else if (flag === '--specs-dir') out.specsDir = value;
    else if (flag === '--budget') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1000) return `--budget must be a whole number of at least 1000 (got '${value}')`;
      out.budget = n;
    } else if (value === 'text' || value === 'json' || value === 'markdown') out.format = value;
    else return `--format must be text, json or markdown (got '${value}')`;
  }
  return out;
}

function side(label: string, root: string, io: ReviewCliIo, specsDir: string | undefined): ReviewSide | undefined {
  const rootFile = path.join(root, PROJECT_FILE);
  if (!diskFileSystem.exists(rootFile)) return undefined;
  const cache = new DocumentCache(diskFileSystem);
  const renderService = new RenderService({ cacheDir: io.upstreamCacheDir, localCheckouts: [], allowFetch: false, ...(specsDir !== undefined ? { specsDir } : {}) });
  return { label, cache, model: loadProject(cache, rootFile), render: { fs: diskFileSystem, specs: renderService.offlineSpecs() } };
}

export async function runReviewCli(argv: string[], io: ReviewCliIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') return usageExit(args, REVIEW_USAGE, io);
  const root = projectRootOrSay(io.cwd, args.project, io);
  if (root === undefined) return 2;
  const specsDir = args.specsDir === undefined ? undefined : path.resolve(io.cwd, args.specsDir);
  if (specsDir !== undefined && !diskFileSystem.isDirectory(specsDir)) {
    io.stderr(`distro-toml: --specs-dir ${args.specsDir}: no such directory\n`);
    return 2;
  }
  const top = gitTopLevel(root);
  if (!top.ok) {
    io.stderr(`distro-toml: ${top.message}; review compares git revisions\n`);
    return 2;
  }
  const subdir = path.relative(top.value, root).split(path.sep).join('/');
  let base: { commit: string; label: string };
  if (args.base !== undefined) {
    const c = resolveCommit(top.value, args.base);
    if (!c.ok) {
      io.stderr(`distro-toml: --base: ${c.message}\n`);
      return 2;
    }
    base = { commit: c.value, label: args.base };
  } else {
    const d = defaultBase(top.value);
    if (!d.ok) {
      io.stderr(`distro-toml: ${d.message}\n`);
      return 2;
    }
    base = d.value;
  }
  let head: { commit?: string; label: string } = { label: 'working tree' };
  if (args.head !== undefined) {
    const c = resolveCommit(top.value, args.head);
    if (!c.ok) {
      io.stderr(`distro-toml: --head: ${c.message}\n`);
      return 2;
    }
    head = { commit: c.value, label: args.head };
  }
  const changed = changedFiles(top.value, subdir, base.commit, head.commit);
  if (!changed.ok) {
    io.stderr(`distro-toml: ${changed.message}\n`);
    return 2;
  }
  const copies: RevisionCopy[] = [];
  try {
    const rootAt = (commit: string): string | undefined => {
      const copy = copyRevision(top.value, commit, subdir);
      if (!copy.ok) {
        io.stderr(`distro-toml: ${copy.message}\n`);
        return undefined;
      }
      copies.push(copy.value);
      return path.join(copy.value.dir, ...(subdir === '' ? [] : subdir.split('/')));
    };
    const baseRoot = rootAt(base.commit);
    if (baseRoot === undefined) return 2;
    const headRoot = head.commit === undefined ? root : rootAt(head.commit);
    if (headRoot === undefined) return 2;
    const headSide = side(head.label, headRoot, io, specsDir);
    if (headSide === undefined) {
      io.stderr(`distro-toml: no ${PROJECT_FILE} in ${head.label}\n`);
      return 2;
    }
    // A base without the project (the change adds it) compares with an empty project.
    const baseSide = side(base.label, baseRoot, io, specsDir) ?? emptySide(base.label, baseRoot);
    const result = await reviewChanges(baseSide, headSide, { changedFiles: changed.value, renderSpecs: args.specs });
    const header = { base: base.label, head: head.label };
    if (args.format === 'json') io.stdout(reviewJson(result, header));
    // Markdown is printed before a bot posts it: a name's escape sequences must not reach the terminal either.
    else if (args.format === 'markdown') io.stdout(terminalLines(reviewMarkdown(result, header, args.budget)));
    else io.stdout(terminalLines(reviewText(result, header)));
    if (args.format !== 'text') io.stderr(`distro-toml: ${summaryLine(result)}\n`);
    return args.exitCode && result.components.length > 0 ? 1 : 0;
  } finally {
    for (const c of copies) c.remove();
  }
}

function emptySide(label: string, root: string): ReviewSide {
  const cache = new DocumentCache(diskFileSystem);
  return { label, cache, model: loadProject(cache, path.join(root, PROJECT_FILE)), render: { fs: diskFileSystem, specs: async () => ({ ok: false, message: 'the project does not exist at this revision' }) } };
}
