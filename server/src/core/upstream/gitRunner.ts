// Runs the system git for the upstream retrieval: argument arrays only (no shell), in the sandbox of gitSandbox.ts
// (no program a repository, a configuration file or the environment names; no prompts), English messages (so
// failures can be classified), and a deadline or abort signal that kills git and every helper it started
// (git-remote-https, lazy-fetch subprocesses) as one process group. `runGitOfflineSync` is the same sandbox for
// the commands that read a user's own repository (review): no transport, and the repository's filter drivers
// emptied, since `git diff` against a work tree runs a changed file's clean filter to hash it.
import type * as ChildProcess from 'node:child_process';
import { filterDriverNames, filterNeutralizingEnv, sandboxConfigArgs, sandboxEnvironment } from './gitSandbox';

/**
 * node:child_process, loaded when git first runs: the commands that only read the upstream cache offline
 * (`check`) never start git, and loading the module costs ~10 ms and ~2 MB at start-up.
 */
const childProcess = (): typeof ChildProcess => require('node:child_process') as typeof ChildProcess;

export interface GitContext {
  /** The git program: a name looked up on PATH or a path. */
  git: string;
  /** Epoch milliseconds after which running git is killed. */
  deadline: number;
  signal?: AbortSignal;
}

export interface GitRunOptions {
  /**
   * Forbid every transport. Used for the commands that should only read the local repository: in a partial clone
   * a missing object would otherwise be fetched silently (git 2.39 has no GIT_NO_LAZY_FETCH).
   */
  offline?: boolean;
  env?: Record<string, string>;
}

export type GitRun =
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  | { kind: 'missing'; message: string }
  | { kind: 'timeout' }
  | { kind: 'cancelled' };

function configArgs(options: GitRunOptions, secondsLeft: number): string[] {
  return [
    ...sandboxConfigArgs(options.offline === true),
    '-c', 'protocol.ext.allow=never',
    // Spec files are compared byte for byte with what azldev renders on Linux.
    '-c', 'core.autocrlf=false',
    // A server that stops sending makes git give up by itself too, even if this process is gone.
    '-c', 'http.lowSpeedLimit=1',
    '-c', `http.lowSpeedTime=${Math.max(1, secondsLeft)}`,
  ];
}

/** Runs `git <args>`; resolves (never rejects) with how it ended. */
export function runGit(ctx: GitContext, args: string[], options: GitRunOptions = {}): Promise<GitRun> {
  if (ctx.signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
  const msLeft = ctx.deadline - Date.now();
  if (msLeft <= 0) return Promise.resolve({ kind: 'timeout' });
  return new Promise((resolve) => {
    const posix = process.platform !== 'win32';
    let child: ReturnType<typeof ChildProcess.spawn>;
    try {
      child = childProcess().spawn(ctx.git, [...configArgs(options, Math.ceil(msLeft / 1000)), ...args], {
        // GIT_NO_LAZY_FETCH (git 2.44+) skips the doomed lazy-fetch attempt in offline runs; older git tries,
        // meets protocol.allow=never and reports the object as missing.
        env: sandboxEnvironment(process.env, options.offline ? { GIT_NO_LAZY_FETCH: '1', ...options.env } : options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: posix,
        windowsHide: true,
      });
    } catch (err) {
      resolve({ kind: 'missing', message: err instanceof Error ? err.message : String(err) });
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => stdout.push(b));
    child.stderr?.on('data', (b: Buffer) => stderr.push(b));
    let ending: 'timeout' | 'cancelled' | undefined;
    const kill = (why: 'timeout' | 'cancelled') => {
      ending ??= why;
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('timeout'), msLeft);
    const onAbort = () => kill('cancelled');
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (run: GitRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onAbort);
      resolve(run);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'ENOTDIR') finish({ kind: 'missing', message: err.message });
      else finish({ kind: 'exited', exitCode: -1, stdout: '', stderr: err.message });
    });
    child.on('close', (code) => {
      if (ending) finish({ kind: ending });
      else finish({ kind: 'exited', exitCode: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

export interface GitSyncRun {
  /** -1 when git could not be started or was killed at its deadline. */
  status: number;
  stdout: Buffer;
  stderr: string;
}

const SYNC_TIMEOUT_MS = 120_000;

function spawnOfflineSync(cwd: string, args: string[], env: Record<string, string>, input: Buffer | undefined, maxBuffer: number): GitSyncRun {
  const run = childProcess().spawnSync('git', [...configArgs({ offline: true }, SYNC_TIMEOUT_MS / 1000), ...args], {
    cwd,
    env: sandboxEnvironment(process.env, { GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0', ...env }),
    ...(input !== undefined ? { input } : {}),
    maxBuffer,
    timeout: SYNC_TIMEOUT_MS,
    windowsHide: true,
  });
  if (run.error) return { status: -1, stdout: Buffer.alloc(0), stderr: run.error.message };
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr.toString('utf8').trim() };
}

/** The filter drivers the configuration of the repository at `cwd` defines (its includes too), emptied; by folder. */
const neutralizedFilters = new Map<string, Record<string, string>>();

function filterEnvFor(cwd: string): Record<string, string> {
  let env = neutralizedFilters.get(cwd);
  if (env === undefined) {
    // Reading configuration runs nothing; exit 1 means no filter is defined.
    const listed = spawnOfflineSync(cwd, ['config', '-z', '--name-only', '--get-regexp', '^filter\\.'], {}, undefined, 16 * 1024 * 1024);
    env = filterNeutralizingEnv(listed.status === 0 ? filterDriverNames(listed.stdout.toString('utf8')) : []);
    neutralizedFilters.set(cwd, env);
  }
  return env;
}

/**
 * Runs `git <args>` in `cwd` synchronously, reading only the local repository: the sandbox of gitSandbox.ts, every
 * transport forbidden, and every filter driver the repository defines emptied (so neither `diff` against the work
 * tree nor anything else starts one). Never throws.
 */
export function runGitOfflineSync(cwd: string, args: string[], options: { input?: Buffer; maxBuffer?: number } = {}): GitSyncRun {
  return spawnOfflineSync(cwd, args, filterEnvFor(cwd), options.input, options.maxBuffer ?? 64 * 1024 * 1024);
}
