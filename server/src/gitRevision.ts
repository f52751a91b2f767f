// Reading a project as it was at a git revision, for `distro-toml review`: which revision to compare with (the
// merge base with the default branch), which files differ, and a copy of the project's folder at that revision
// written into a fresh temporary directory. git runs through core/upstream/gitRunner.ts's offline sandbox and only
// reads the repository (no checkout, no index, nothing written inside it); the copy is made from `ls-tree` and
// `cat-file --batch`, so a hostile tree cannot place a file outside the copy: every path is checked, links and
// submodules are skipped, and the size of each file and of the whole copy is capped.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_FILE_BYTES } from './core/fs';
import { runGitOfflineSync } from './core/upstream/gitRunner';

/** The most a revision copy may hold in all. */
export const MAX_REVISION_BYTES = 1024 * 1024 * 1024;

export type GitResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Every git run of a review: the sandboxed, offline runner (no hooks, filters, fsmonitor, pager, helpers). */
function git(cwd: string, args: string[], input?: Buffer, maxBuffer = 64 * 1024 * 1024): { status: number; stdout: Buffer; stderr: string } {
  return runGitOfflineSync(cwd, ['-c', 'core.quotePath=false', ...args], { ...(input !== undefined ? { input } : {}), maxBuffer });
}

/** The top of the work tree that holds `dir`, or why there is none. */
export function gitTopLevel(dir: string): GitResult<string> {
  const r = git(dir, ['rev-parse', '--show-toplevel']);
  if (r.status !== 0) return { ok: false, message: `${dir} is not inside a git work tree${r.stderr ? `: ${r.stderr}` : ''}` };
  return { ok: true, value: fs.realpathSync(r.stdout.toString('utf8').trim()) };
}

/** The commit a revision names. */
export function resolveCommit(top: string, rev: string): GitResult<string> {
  if (rev.startsWith('-')) return { ok: false, message: `'${rev}' is not a revision` };
  const r = git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (r.status !== 0) return { ok: false, message: `'${rev}' names no commit in ${top}` };
  return { ok: true, value: r.stdout.toString('utf8').trim() };
}

/** The default branch: what origin/HEAD points at, else origin/main, origin/master, main, master. */
export function defaultBranch(top: string): string | undefined {
  const sym = git(top, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
  if (sym.status === 0) return sym.stdout.toString('utf8').trim().replace(/^refs\/remotes\//, '');
  for (const candidate of ['origin/main', 'origin/master', 'main', 'master']) if (resolveCommit(top, candidate).ok) return candidate;
  return undefined;
}

/** The merge base of HEAD with the default branch: the revision a change is reviewed against by default. */
export function defaultBase(top: string): GitResult<{ commit: string; label: string }> {
  const branch = defaultBranch(top);
  if (branch === undefined) return { ok: false, message: 'no default branch (origin/HEAD, origin/main, origin/master, main or master) to compare with; pass --base REV' };
  const r = git(top, ['merge-base', 'HEAD', branch]);
  if (r.status !== 0) return { ok: false, message: `HEAD and ${branch} have no merge base; pass --base REV` };
  const commit = r.stdout.toString('utf8').trim();
  return { ok: true, value: { commit, label: `merge-base(HEAD, ${branch}) ${commit.slice(0, 12)}` } };
}

/** Paths under `subdir` (relative to it, '/'-separated) whose content differs between `base` and `head` (a commit, or the work tree when undefined, untracked files included). */
export function changedFiles(top: string, subdir: string, base: string, head: string | undefined): GitResult<Set<string>> {
  const spec = subdir === '' ? '.' : subdir;
  const diff = git(top, ['diff', '--no-renames', '--name-only', '-z', '--no-ext-diff', '--no-textconv', base, ...(head !== undefined ? [head] : []), '--', spec]);
  if (diff.status !== 0) return { ok: false, message: `git diff failed: ${diff.stderr}` };
  const names = diff.stdout.toString('utf8').split('\0').filter(Boolean);
  if (head === undefined) {
    const untracked = git(top, ['ls-files', '-z', '--others', '--exclude-standard', '--', spec]);
    if (untracked.status === 0) names.push(...untracked.stdout.toString('utf8').split('\0').filter(Boolean));
  }
  const prefix = subdir === '' ? '' : subdir + '/';
  return { ok: true, value: new Set(names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length))) };
}

/** A path git listed, checked before anything is written for it: relative, no `.`/`..`/`.git` segment, no NUL. */
export function safeTreePath(p: string): boolean {
  if (p === '' || p.includes('\0') || p.startsWith('/')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && seg.toLowerCase() !== '.git');
}

export interface RevisionCopy {
  /** The temporary directory; the project's folder is `path.join(dir, subdir)`. */
  dir: string;
  files: number;
  bytes: number;
  /** Entries not copied, with why (links, submodules, oversized files, unsafe names). */
  skipped: string[];
  remove(): void;
}

/** Copies `subdir` of `commit` into a new temporary directory. */
export function copyRevision(top: string, commit: string, subdir: string): GitResult<RevisionCopy> {
  const listed = git(top, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit, '--', subdir === '' ? '.' : subdir]);
  if (listed.status !== 0) return { ok: false, message: `git ls-tree failed: ${listed.stderr}` };
  const skipped: string[] = [];
  const blobs: { oid: string; file: string; size: number; executable: boolean }[] = [];
  let total = 0;
  for (const entry of listed.stdout.toString('utf8').split('\0')) {
    if (entry === '') continue;
    const tab = entry.indexOf('\t');
    const [mode, type, oid, size] = entry.slice(0, tab).split(/\s+/);
    const file = entry.slice(tab + 1);
    if (!safeTreePath(file)) skipped.push(`${JSON.stringify(file)}: not a safe path`);
    else if (type !== 'blob' || mode === '120000') skipped.push(`${file}: ${mode === '120000' ? 'a symbolic link' : `a ${type}`}`);
    else if (Number(size) > MAX_FILE_BYTES) skipped.push(`${file}: larger than ${MAX_FILE_BYTES} bytes`);
    else {
      total += Number(size);
      if (total > MAX_REVISION_BYTES) return { ok: false, message: `the project at ${commit.slice(0, 12)} holds more than ${MAX_REVISION_BYTES} bytes` };
      blobs.push({ oid: oid as string, file, size: Number(size), executable: mode === '100755' });
    }
  }
  const batch = git(top, ['cat-file', '--batch'], Buffer.from(blobs.map((b) => b.oid + '\n').join('')), total + blobs.length * 64 + 1024);
  if (batch.status !== 0) return { ok: false, message: `git cat-file failed: ${batch.stderr}` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-review-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    let at = 0;
    const out = batch.stdout;
    for (const blob of blobs) {
      const nl = out.indexOf(10, at);
      const header = out.subarray(at, nl).toString('utf8').split(' ');
      const size = Number(header[2]);
      if (header[0] !== blob.oid || header[1] !== 'blob' || size !== blob.size) throw new Error(`unexpected cat-file output for ${blob.file}`);
      const content = out.subarray(nl + 1, nl + 1 + size);
      at = nl + 1 + size + 1;
      const target = path.join(dir, ...blob.file.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // O_EXCL|O_NOFOLLOW: nothing already there (a link included) is written through.
      const fd = fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, blob.executable ? 0o755 : 0o644);
      try {
        fs.writeSync(fd, content);
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch (err) {
    remove();
    return { ok: false, message: `cannot copy the project at ${commit.slice(0, 12)}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { ok: true, value: { dir, files: blobs.length, bytes: total, skipped, remove } };
}
