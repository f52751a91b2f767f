// The network path of upstream retrieval: one blob-less partial clone per package and dist-git URL, kept in the
// cache folder and reused. A clone holds commits and trees only (like azldev's identity clone, git.go
// WithMetadataOnly); the blobs of the one commit a render needs arrive when its tree is exported. No shallow clone:
// azldev notes that Pagure, which serves Fedora's dist-git, fails on --shallow-since (fedorasourceprovider.go).
//
// When the network is used:
// - first use of a package or branch: fetch the branch;
// - pinned commit: only when it is not on disk — by hash first, then every branch (for abbreviated hashes);
// - snapshot: not when the same snapshot was answered from a fetch that started after it (nothing can change it
//   but a late push of an old commit); otherwise when the branch was fetched more than `refreshAfterMs` ago;
// - branch tip: when the branch was fetched more than `refreshAfterMs` ago.
// If that refresh cannot reach the server, the cached branch is used and the result carries a warning.
// A server that will not send blobs by id gets a full copy beside the partial clone for the files (fullCopyWith).
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readCacheState, writeCacheState, type CacheState } from './cacheState';
import { commitAtSnapshot, findCommit, firstCommitDate, hasCommit, refHash } from './commitSelection';
import type { CheckedRef } from './distGitRef';
import { classifyGitFailure } from './gitFailure';
import { runGit, type GitContext, type GitRun } from './gitRunner';
import { unlockHint } from './lockNames';
import { withRepoLock } from './repoLock';
import { exportTree, listTree } from './treeExport';
import { failure, gitMissing, remoteFailure, type RunContext, type UpstreamFailure, type UpstreamResult } from './upstreamResult';

export interface CacheOptions {
  cacheDir: string;
  timeoutMs: number;
  refreshAfterMs: number;
  /** Answer only from what the cache already holds (clones and exported trees); never contact the server. */
  offline?: boolean;
}

/** A folder name for the package's cache: readable, and distinct for the same package at two URLs. */
export function cacheKey(pkg: string, url: string): string {
  const readable = pkg.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 80);
  return `${readable}-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

const ok0 = (run: GitRun): boolean => run.kind === 'exited' && run.exitCode === 0;

/** A lazy blob fetch that failed because the server would not send objects by id, not because it was unreachable. */
function refusedById(run: GitRun): boolean {
  if (run.kind !== 'exited') return false;
  const kind = classifyGitFailure(run.stderr);
  return kind === 'commit-not-found' || kind === 'other';
}

class CacheSession {
  readonly repoDir: string;
  readonly repoArgs: string[];
  readonly runCtx: RunContext;

  constructor(
    readonly ctx: GitContext,
    readonly ref: CheckedRef,
    readonly keyDir: string,
    readonly options: CacheOptions,
  ) {
    this.repoDir = path.join(keyDir, 'repo.git');
    this.repoArgs = ['--git-dir', this.repoDir];
    this.runCtx = { git: ctx.git, timeoutMs: options.timeoutMs, ref };
  }

  get branchRef(): string {
    return `refs/remotes/origin/${this.ref.branch}`;
  }

  damaged(run: GitRun | undefined, what: string): UpstreamFailure {
    if (run?.kind === 'missing') return gitMissing(this.ctx.git, run.message);
    if (run?.kind === 'timeout') return remoteFailure(run, this.runCtx, 'reading the cache of');
    if (run?.kind === 'cancelled') return remoteFailure(run, this.runCtx, 'reading the cache of');
    const detail = run?.kind === 'exited' ? `: ${run.stderr.trim().split('\n')[0] ?? ''}` : '';
    return failure('cache-corrupt', `the cached copy of package '${this.ref.pkg}' in ${this.keyDir} is damaged (${what}${detail})`);
  }

  /** The answer when offline and the cache does not hold what is asked for. */
  notCached(what: string): UpstreamFailure {
    return failure('network', `${what} of package '${this.ref.pkg}' is not in the upstream cache, and this lookup may not use the network (${this.ref.url})`);
  }

  async fetch(refspecs: string[]): Promise<GitRun> {
    return runGit(this.ctx, [...this.repoArgs, 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--filter=blob:none', 'origin', ...refspecs]);
  }

  /** Makes a new partial clone holding the branch, in a temporary folder renamed into place once complete. */
  async create(): Promise<{ ok: true; state: CacheState } | UpstreamFailure> {
    await fs.rm(this.keyDir, { recursive: true, force: true });
    const parent = path.dirname(this.keyDir);
    await fs.mkdir(parent, { recursive: true });
    const tmp = path.join(parent, `.tmp-${path.basename(this.keyDir)}-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      const tmpArgs = ['--git-dir', tmp];
      const steps: string[][] = [
        ['init', '--quiet', '--bare', tmp],
        [...tmpArgs, 'config', 'core.repositoryformatversion', '1'],
        [...tmpArgs, 'config', 'extensions.partialClone', 'origin'],
        [...tmpArgs, 'config', 'remote.origin.url', this.ref.url],
        [...tmpArgs, 'config', 'remote.origin.promisor', 'true'],
        [...tmpArgs, 'config', 'remote.origin.partialclonefilter', 'blob:none'],
      ];
      for (const step of steps) {
        const run = await runGit(this.ctx, step, { offline: true });
        if (run.kind === 'missing') return gitMissing(this.ctx.git, run.message);
        if (!ok0(run)) return remoteFailure(run, this.runCtx, 'preparing the cache for');
      }
      const started = Date.now();
      const fetched = await runGit(this.ctx, [...tmpArgs, 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--filter=blob:none', 'origin', `+refs/heads/${this.ref.branch}:${this.branchRef}`]);
      if (!ok0(fetched)) return remoteFailure(fetched, this.runCtx, 'cloning');
      await fs.mkdir(this.keyDir, { recursive: true });
      await fs.rename(tmp, this.repoDir);
      const state: CacheState = { url: this.ref.url, branches: { [this.ref.branch]: { fetchedAt: started, settledSnapshots: [] } } };
      await writeCacheState(this.keyDir, state);
      return { ok: true, state };
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }

  /** The state of a usable existing clone, or undefined when there is none or it is damaged. */
  async existing(): Promise<CacheState | undefined> {
    const state = await readCacheState(this.keyDir, this.ref.url);
    if (!state) return undefined;
    const probe = await runGit(this.ctx, [...this.repoArgs, 'rev-parse', '--git-dir'], { offline: true });
    if (!ok0(probe)) return undefined;
    return state;
  }

  /** Fetches the branch; records the fetch in the state on success. */
  async refreshBranch(state: CacheState): Promise<{ ok: true } | { ok: false; run: GitRun }> {
    const started = Date.now();
    const run = await this.fetch([`+refs/heads/${this.ref.branch}:${this.branchRef}`]);
    if (!ok0(run)) return { ok: false, run };
    state.branches[this.ref.branch] = { fetchedAt: started, settledSnapshots: [] };
    await writeCacheState(this.keyDir, state);
    return { ok: true };
  }

  /** The pinned commit's full hash, fetching it when it is not on disk. */
  async pinned(commit: string): Promise<{ ok: true; hash: string } | UpstreamFailure> {
    let found = await findCommit(this.ctx, this.repoArgs, commit);
    if ('failed' in found) return this.damaged(found.failed, `looking up commit ${commit}`);
    if (found.found) return { ok: true, hash: found.hash };
    if (this.options.offline) return this.notCached(`commit ${commit}`);
    if (commit.length === 40) {
      // Kept under a ref of its own so that git's garbage collection never drops it.
      const run = await this.fetch([`+${commit}:refs/pinned/${commit}`]);
      if (!ok0(run)) {
        const f = remoteFailure(run, this.runCtx, `fetching commit ${commit} of`);
        // A server that refuses unadvertised objects still serves the branches that contain the commit.
        if (f.code !== 'bad-commit') return f;
      }
      found = await findCommit(this.ctx, this.repoArgs, commit);
      if ('failed' in found) return this.damaged(found.failed, `looking up commit ${commit}`);
      if (found.found) return { ok: true, hash: found.hash };
    }
    if (!found.ambiguous) {
      const run = await this.fetch(['+refs/heads/*:refs/remotes/origin/*']);
      if (!ok0(run)) return remoteFailure(run, this.runCtx, `looking for commit ${commit} in`);
      found = await findCommit(this.ctx, this.repoArgs, commit);
      if ('failed' in found) return this.damaged(found.failed, `looking up commit ${commit}`);
      if (found.found) return { ok: true, hash: found.hash };
    }
    if (found.ambiguous) {
      return failure('bad-commit', `upstream-commit ${commit} is ambiguous in package '${this.ref.pkg}' at ${this.ref.url} — write more of the hash`);
    }
    return failure('bad-commit', `commit ${commit} is not in package '${this.ref.pkg}' at ${this.ref.url} (no branch contains it) — check upstream-commit`);
  }

  get fullDir(): string {
    return path.join(this.keyDir, 'full.git');
  }

  /**
   * Makes `full.git`, an ordinary (not partial) copy of every branch, hold `commit`. Used only when the server
   * refuses to hand out objects by id — protocol v0 without uploadpack.allowAnySHA1InWant, e.g. a web server that
   * does not pass the Git-Protocol header on — so a partial clone cannot get its blobs; azldev's own clone of the
   * sources is a full one, so this is never worse than what azldev does.
   */
  async fullCopyWith(commit: string): Promise<{ ok: true } | UpstreamFailure> {
    const args = ['--git-dir', this.fullDir];
    const probe = await runGit(this.ctx, [...args, 'rev-parse', '--git-dir'], { offline: true });
    if (!ok0(probe)) {
      await fs.rm(this.fullDir, { recursive: true, force: true });
      for (const step of [['init', '--quiet', '--bare', this.fullDir], [...args, 'config', 'remote.origin.url', this.ref.url]]) {
        const run = await runGit(this.ctx, step, { offline: true });
        if (!ok0(run)) return remoteFailure(run, this.runCtx, 'preparing the cache for');
      }
    }
    const present = await hasCommit(this.ctx, args, commit);
    if (present === true) return { ok: true };
    const run = await runGit(this.ctx, [...args, 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
    if (!ok0(run)) return remoteFailure(run, this.runCtx, `fetching the files of commit ${commit} of`);
    if ((await hasCommit(this.ctx, args, commit)) !== true) {
      return failure('bad-commit', `commit ${commit} of package '${this.ref.pkg}' is on no branch of ${this.ref.url}, and that server hands out nothing else`);
    }
    return { ok: true };
  }

  /** Resolves and exports the wanted commit in this clone. */
  async resolve(state: CacheState, freshlyFetched: boolean): Promise<UpstreamResult> {
    const { ref } = this;
    // A branch the state knows must have its ref and commit on disk; otherwise objects or refs were lost.
    const known = state.branches[ref.branch];
    let tip = await refHash(this.ctx, this.repoArgs, this.branchRef);
    if ('failed' in tip) return this.damaged(tip.failed, `reading branch ${ref.branch}`);
    if (known && !tip.found) return this.damaged(undefined, `branch ${ref.branch} is recorded but missing`);
    if (tip.found) {
      const present = await hasCommit(this.ctx, this.repoArgs, tip.hash);
      if (typeof present !== 'boolean') return this.damaged(present.failed, `reading commit ${tip.hash}`);
      if (!present) return this.damaged(undefined, `commit ${tip.hash} of branch ${ref.branch} is missing`);
    }

    let commit: string;
    let warning: string | undefined;
    if (ref.commit !== undefined) {
      if (!tip.found && this.options.offline) return this.notCached(`branch ${ref.branch}`);
      if (!tip.found) {
        // azldev clones the branch before checking out a pinned commit, so a missing branch fails there too.
        const got = await this.refreshBranch(state);
        if (!got.ok) return remoteFailure(got.run, this.runCtx, 'fetching');
      }
      const pinned = await this.pinned(ref.commit);
      if (!pinned.ok) return pinned;
      commit = pinned.hash;
    } else {
      const branchState = state.branches[ref.branch];
      const settled = ref.snapshot !== undefined && branchState?.settledSnapshots.includes(ref.snapshot) === true;
      const stale = branchState === undefined || Date.now() - branchState.fetchedAt > this.options.refreshAfterMs;
      if (!tip.found && this.options.offline) return this.notCached(`branch ${ref.branch}`);
      if (!this.options.offline && (!tip.found || (!freshlyFetched && !settled && stale))) {
        const got = await this.refreshBranch(state);
        if (!got.ok) {
          const f = remoteFailure(got.run, this.runCtx, 'fetching');
          if (!tip.found || f.code !== 'network') return f;
          const when = branchState ? new Date(branchState.fetchedAt).toISOString() : 'earlier';
          warning = `${f.message}; using branch ${ref.branch} as fetched at ${when}`;
        }
        tip = await refHash(this.ctx, this.repoArgs, this.branchRef);
        if ('failed' in tip) return this.damaged(tip.failed, `reading branch ${ref.branch}`);
        if (!tip.found) return this.damaged(undefined, `branch ${ref.branch} is missing after a fetch`);
      }
      if (ref.snapshot !== undefined) {
        const at = await commitAtSnapshot(this.ctx, this.repoArgs, this.branchRef, ref.snapshot);
        if ('failed' in at) return this.damaged(at.failed, `walking branch ${ref.branch}`);
        if (!at.found) {
          const first = await firstCommitDate(this.ctx, this.repoArgs, this.branchRef);
          return failure(
            'no-commit-before-snapshot',
            `package '${ref.pkg}' has no commit on branch ${ref.branch} at or before the snapshot ${ref.snapshot}` +
              (first ? ` (its first commit is dated ${first})` : '') +
              ` at ${ref.url} — move the snapshot later or pin upstream-commit`,
          );
        }
        commit = at.hash;
        const now = state.branches[ref.branch];
        if (warning === undefined && now && ref.snapshotMs !== undefined && now.fetchedAt > ref.snapshotMs && !now.settledSnapshots.includes(ref.snapshot)) {
          now.settledSnapshots.push(ref.snapshot);
          await writeCacheState(this.keyDir, state);
        }
      } else {
        if (!tip.found) return this.notCached(`branch ${ref.branch}`);
        commit = tip.hash;
      }
    }

    const listed = await listTree(this.ctx, this.repoArgs, commit);
    if (!listed.ok) return this.damaged(listed.run, `listing commit ${commit}`);
    const specName = `${ref.pkg}.spec`;
    if (!listed.tree.files.includes(specName)) {
      const specs = listed.tree.files.filter((f) => f.endsWith('.spec'));
      return failure(
        'not-found',
        `package '${ref.pkg}' has no ${specName} in its root at commit ${commit} (branch ${ref.branch}, ${ref.url})` +
          (specs.length > 0 ? `; it has ${specs.join(', ')} — check upstream-name` : ''),
      );
    }
    const treesDir = path.join(this.keyDir, 'trees');
    // A tree never written out would need its files from the server (the clone holds no file contents).
    if (this.options.offline && !(await isDirectory(path.join(treesDir, commit)))) return this.notCached(`the files of commit ${commit}`);
    let exported = state.blobsRefused ? undefined : await exportTree(this.ctx, this.repoArgs, commit, listed.tree, treesDir, false);
    if (exported === undefined || (!exported.ok && refusedById(exported.run))) {
      if (!state.blobsRefused) {
        state.blobsRefused = true;
        await writeCacheState(this.keyDir, state);
      }
      const full = await this.fullCopyWith(commit);
      if (!full.ok) return full;
      exported = await exportTree(this.ctx, ['--git-dir', this.fullDir], commit, listed.tree, treesDir, true);
    }
    if (!exported.ok) return remoteFailure(exported.run, this.runCtx, `downloading the files of commit ${commit} of`);
    const result: UpstreamResult = {
      ok: true,
      commit,
      specPath: path.join(exported.dir, specName),
      dir: exported.dir,
      files: exported.files,
      ...(exported.droppedLinks.length ? { droppedLinks: exported.droppedLinks } : {}),
      origin: ref.url,
    };
    if (warning !== undefined) result.warning = warning;
    return result;
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function removeLeftovers(cacheDir: string, key: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(cacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(`.tmp-${key}-`)) await fs.rm(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

/** Resolves the reference against the dist-git server through the cache, one call per package at a time. */
export async function resolveThroughCache(ctx: GitContext, ref: CheckedRef, options: CacheOptions): Promise<UpstreamResult> {
  const key = cacheKey(ref.pkg, ref.url);
  const keyDir = path.join(options.cacheDir, key);
  const lockDir = path.join(options.cacheDir, '.locks', `${key}.lock`);
  // Offline, a package the cache has never held is answered at once: no lock, no leftover scan (a
  // whole-tree check asks this of every component with overlays).
  if (options.offline && !(await isDirectory(keyDir))) return new CacheSession(ctx, ref, keyDir, options).notCached('a clone');
  const outcome = await withRepoLock(lockDir, ctx.deadline, ctx.signal, async (): Promise<UpstreamResult> => {
    await removeLeftovers(options.cacheDir, key);
    const session = new CacheSession(ctx, ref, keyDir, options);
    let state = await session.existing();
    let fresh = false;
    if (!state && options.offline) return session.notCached('a clone');
    if (!state) {
      const created = await session.create();
      if (!created.ok) return created;
      state = created.state;
      fresh = true;
    }
    const first = await session.resolve(state, fresh);
    if (first.ok || first.code !== 'cache-corrupt' || fresh || options.offline) return first;
    // A damaged clone is thrown away and made again, once.
    const created = await session.create();
    if (!created.ok) return created;
    return session.resolve(created.state, true);
  });
  if (outcome.locked) return outcome.value;
  if (outcome.why === 'cancelled') return failure('cancelled', `cancelled while waiting for another retrieval of package '${ref.pkg}': ${outcome.lock}`);
  return failure('timeout', `timed out after ${options.timeoutMs} ms waiting for another retrieval of package '${ref.pkg}' from ${ref.url} to finish: ${outcome.lock}; ${unlockHint(ref.pkg)}`);
}
