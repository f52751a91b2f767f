// How many synthetic commits azldev would lay on a component (synthistory.go): the project commits where the
// component's lock file `<lock-dir>/<name>.lock` changed its input-fingerprint, read from the project's git
// history. azldev also adds one for uncommitted changes when its input fingerprint differs from the committed
// one; that fingerprint hashes azldev's resolved config and is not reproduced, so a dirty tree may be one short.
import * as path from 'node:path';
import { runGit } from '../upstream/gitRunner';

export type CommitCount = { ok: true; commits: number; note?: string } | { ok: false; reason: string };

export interface ReleaseHistoryRequest {
  component: string;
  /** The component's config file (the project repository is the one holding it). */
  configFile: string;
  /** Absolute lock directory (`project.lock-dir`, default `locks` beside the project's azldev.toml). */
  lockDir: string;
}

/** Injectable so the editor and tests can answer without git. */
export type ReleaseHistory = (request: ReleaseHistoryRequest) => Promise<CommitCount>;

/** git in the project repository, sandboxed like the upstream retrieval: the workspace's own config runs nothing. */
async function git(cwd: string, args: string[]): Promise<{ ok: true; out: string } | { ok: false; err: string }> {
  const run = await runGit({ git: 'git', deadline: Date.now() + 60_000 }, ['-C', cwd, ...args], { offline: true });
  if (run.kind === 'exited' && run.exitCode === 0) return { ok: true, out: run.stdout };
  if (run.kind === 'exited') return { ok: false, err: run.stderr.trim() || `git exited with ${run.exitCode}` };
  return { ok: false, err: run.kind === 'missing' ? run.message : `git ${run.kind === 'timeout' ? 'timed out' : 'was cancelled'}` };
}

function fingerprintOf(lockText: string): string {
  const m = /^\s*input-fingerprint\s*=\s*(?:"([^"]*)"|'([^']*)')/m.exec(lockText);
  return m ? (m[1] ?? m[2] ?? '') : '';
}

export const gitReleaseHistory: ReleaseHistory = async ({ configFile, lockDir, component }) => {
  const top = await git(path.dirname(configFile), ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { ok: false, reason: `the project is not a git repository (${top.err}), so the commits that changed ${component} cannot be counted` };
  const root = top.out.trim();
  const rel = path.relative(root, path.join(lockDir, `${component}.lock`)).split(path.sep).join('/');
  const atHead = await git(root, ['cat-file', '-e', `HEAD:${rel}`]);
  if (!atHead.ok) return { ok: true, commits: 0, note: `no lock file ${rel} at HEAD, so azldev adds no synthetic history` };
  const log = await git(root, ['log', '--no-show-signature', '--no-ext-diff', '--no-textconv', '--format=%H', '--', rel]);
  if (!log.ok) return { ok: false, reason: `git log of ${rel} failed: ${log.err}` };
  const hashes = log.out.split('\n').filter((h) => h !== '').reverse();
  let commits = 0;
  let previous = '';
  for (const h of hashes) {
    const shown = await git(root, ['show', '--no-textconv', `${h}:${rel}`]);
    const fp = shown.ok ? fingerprintOf(shown.out) : '';
    if (fp !== previous) commits++;
    previous = fp;
  }
  return { ok: true, commits, note: 'uncommitted changes are not counted (azldev adds one commit when its input fingerprint differs from the committed lock file)' };
};
