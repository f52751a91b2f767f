// Picks the commit azldev would use, inside a repository already on disk and without the network: the pinned
// commit (full or abbreviated), else the last first-parent commit of the branch at or before the snapshot —
// `git rev-list -1 --first-parent --before=<RFC 3339> <branch>`, the command azldev's git.go
// GetCommitHashBeforeDate runs, which compares committer dates and keeps a commit dated exactly at the snapshot —
// else the branch tip.
import { runGit, type GitContext, type GitRun } from './gitRunner';

export type Lookup = { found: true; hash: string } | { found: false; ambiguous?: boolean } | { failed: GitRun };

function isFailure(run: GitRun): boolean {
  return run.kind !== 'exited' || (run.exitCode !== 0 && run.exitCode !== 1 && run.exitCode !== 128);
}

/** The hash a ref (`refs/remotes/origin/f43`) points at, reading refs only. */
export async function refHash(ctx: GitContext, repoArgs: string[], ref: string): Promise<Lookup> {
  const run = await runGit(ctx, [...repoArgs, 'rev-parse', '--verify', '--quiet', ref], { offline: true });
  if (run.kind !== 'exited') return { failed: run };
  if (run.exitCode === 0) return { found: true, hash: run.stdout.trim() };
  if (/not a git repository/i.test(run.stderr) || run.exitCode !== 1) return { failed: run };
  return { found: false };
}

/** Whether the commit object itself is on disk (a ref whose object is gone means a damaged repository). */
export async function hasCommit(ctx: GitContext, repoArgs: string[], hash: string): Promise<boolean | { failed: GitRun }> {
  const run = await runGit(ctx, [...repoArgs, 'cat-file', '-t', hash], { offline: true });
  if (run.kind !== 'exited') return { failed: run };
  return run.exitCode === 0 && run.stdout.trim() === 'commit';
}

/** Resolves a full or abbreviated commit hash among the objects on disk. */
export async function findCommit(ctx: GitContext, repoArgs: string[], commit: string): Promise<Lookup> {
  const run = await runGit(ctx, [...repoArgs, 'rev-parse', '--verify', '--quiet', `${commit}^{commit}`], { offline: true });
  // A full hash that is not on disk makes a partial clone try a lazy fetch, which the offline run forbids; the
  // attempt can even end rev-parse with SIGPIPE. Either way the answer is: not here.
  if (run.kind === 'exited' && /transport '[^']*' not allowed/.test(run.stderr)) return { found: false };
  if (isFailure(run)) return { failed: run };
  if (run.kind === 'exited' && run.exitCode === 0) return { found: true, hash: run.stdout.trim() };
  const stderr = run.kind === 'exited' ? run.stderr : '';
  if (/not a git repository/i.test(stderr)) return { failed: run };
  return { found: false, ambiguous: /ambiguous/i.test(stderr) };
}

/** The last first-parent commit of `branchRef` whose committer date is at or before `snapshot`. */
export async function commitAtSnapshot(ctx: GitContext, repoArgs: string[], branchRef: string, snapshot: string): Promise<Lookup> {
  const run = await runGit(ctx, [...repoArgs, 'rev-list', '-1', '--first-parent', `--before=${snapshot}`, branchRef], { offline: true });
  if (run.kind !== 'exited' || run.exitCode !== 0) return { failed: run };
  const hash = run.stdout.trim();
  return hash === '' ? { found: false } : { found: true, hash };
}

/** The committer date (ISO 8601) of the oldest first-parent commit of a branch, for the "nothing before" message. */
export async function firstCommitDate(ctx: GitContext, repoArgs: string[], branchRef: string): Promise<string | undefined> {
  const run = await runGit(ctx, [...repoArgs, 'log', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--first-parent', '--format=%cI', branchRef], { offline: true });
  if (run.kind !== 'exited' || run.exitCode !== 0) return undefined;
  const lines = run.stdout.trim().split('\n');
  return lines[lines.length - 1] || undefined;
}
