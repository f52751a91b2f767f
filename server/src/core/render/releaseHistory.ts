// How many synthetic commits azldev would lay on a component (synthistory.go): the project commits where the
// component's lock file `<lock-dir>/<name>.lock` changed its input-fingerprint, read from the project's git
// history. azldev also adds one for uncommitted changes when its input fingerprint differs from the committed
// one; that fingerprint hashes azldev's resolved config and is not reproduced, so a dirty tree may be one short.
import { execFile } from 'node:child_process';
import * as path from 'node:path';

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

function git(cwd: string, args: string[]): Promise<{ ok: true; out: string } | { ok: false; err: string }> {
  return new Promise((resolve) => {
    execFile('git', ['-C', cwd, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) resolve({ ok: false, err: (stderr || error.message).trim() });
      else resolve({ ok: true, out: stdout });
    });
  });
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
  const log = await git(root, ['log', '--format=%H', '--', rel]);
  if (!log.ok) return { ok: false, reason: `git log of ${rel} failed: ${log.err}` };
  const hashes = log.out.split('\n').filter((h) => h !== '').reverse();
  let commits = 0;
  let previous = '';
  for (const h of hashes) {
    const shown = await git(root, ['show', `${h}:${rel}`]);
    const fp = shown.ok ? fingerprintOf(shown.out) : '';
    if (fp !== previous) commits++;
    previous = fp;
  }
  return { ok: true, commits, note: 'uncommitted changes are not counted (azldev adds one commit when its input fingerprint differs from the committed lock file)' };
};
