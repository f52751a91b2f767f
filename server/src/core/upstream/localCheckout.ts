// The offline path of upstream retrieval: a dist-git checkout the user already has (`<dir>/<pkg>/`, as fedpkg clone
// or git clone leave it) stands in for the server. The commit is chosen by the same rules, on the checkout's local
// branch or else its origin/ branch, and its files are exported into the cache; the checkout itself is only read
// (its index, work tree and refs stay as they are) and no transport is allowed.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { commitAtSnapshot, findCommit, firstCommitDate, refHash } from './commitSelection';
import type { CheckedRef } from './distGitRef';
import { gitReason } from './gitFailure';
import { runGit, type GitContext, type GitRun } from './gitRunner';
import { LOCAL_KEY_PREFIX, unlockHint } from './lockNames';
import { withRepoLock } from './repoLock';
import { exportTree, listTree } from './treeExport';
import { failure, gitMissing, type UpstreamFailure, type UpstreamResult } from './upstreamResult';

function unusable(run: GitRun, git: string, checkout: string, pkg: string, timeoutMs: number): UpstreamFailure {
  switch (run.kind) {
    case 'missing':
      return gitMissing(git, run.message);
    case 'timeout':
      return failure('timeout', `timed out after ${timeoutMs} ms reading the local checkout ${checkout} of package '${pkg}'`);
    case 'cancelled':
      return failure('cancelled', `cancelled while reading the local checkout ${checkout} of package '${pkg}'`);
    case 'exited':
      return failure('cache-corrupt', `the local checkout ${checkout} of package '${pkg}' cannot be read: ${gitReason(run.stderr)}`);
  }
}

/** Resolves the reference in `checkout` (an existing directory) and exports the commit under `cacheDir`. */
export async function resolveFromCheckout(
  ctx: GitContext,
  ref: CheckedRef,
  checkout: string,
  cacheDir: string,
  timeoutMs: number,
): Promise<UpstreamResult> {
  const repoArgs = ['-C', checkout];
  const fail = (run: GitRun) => unusable(run, ctx.git, checkout, ref.pkg, timeoutMs);
  const probe = await runGit(ctx, [...repoArgs, 'rev-parse', '--git-dir'], { offline: true });
  if (probe.kind !== 'exited') return fail(probe);
  if (probe.exitCode !== 0) {
    return failure('not-found', `the local checkout ${checkout} of package '${ref.pkg}' is not a git repository (${gitReason(probe.stderr)}) — clone it there with git or fedpkg, or remove its folder from distroToml.upstream.localCheckouts`);
  }

  let commit = '';
  if (ref.commit !== undefined) {
    const found = await findCommit(ctx, repoArgs, ref.commit);
    if ('failed' in found) return fail(found.failed);
    if (!found.found) {
      return failure('bad-commit', `commit ${ref.commit} is ${found.ambiguous ? 'ambiguous' : 'not'} in the local checkout ${checkout} of package '${ref.pkg}' — run git fetch there, or check upstream-commit`);
    }
    commit = found.hash;
  } else {
    let branchRef: string | undefined;
    for (const candidate of [`refs/heads/${ref.branch}`, `refs/remotes/origin/${ref.branch}`]) {
      const found = await refHash(ctx, repoArgs, candidate);
      if ('failed' in found) return fail(found.failed);
      if (found.found) {
        branchRef = candidate;
        commit = found.hash;
        break;
      }
    }
    if (branchRef === undefined) {
      return failure('not-found', `the local checkout ${checkout} of package '${ref.pkg}' has no branch '${ref.branch}' (nor origin/${ref.branch}) — fetch it there, or check dist-git-branch`);
    }
    if (ref.snapshot !== undefined) {
      const at = await commitAtSnapshot(ctx, repoArgs, branchRef, ref.snapshot);
      if ('failed' in at) return fail(at.failed);
      if (!at.found) {
        const first = await firstCommitDate(ctx, repoArgs, branchRef);
        return failure(
          'no-commit-before-snapshot',
          `package '${ref.pkg}' has no commit on branch ${ref.branch} at or before the snapshot ${ref.snapshot} in the local checkout ${checkout}` +
            (first ? ` (its first commit is dated ${first})` : ''),
        );
      }
      commit = at.hash;
    }
  }
  const chosen = commit;

  const listed = await listTree(ctx, repoArgs, chosen);
  if (!listed.ok) return fail(listed.run);
  const specName = `${ref.pkg}.spec`;
  if (!listed.tree.files.includes(specName)) {
    return failure('not-found', `package '${ref.pkg}' has no ${specName} in its root at commit ${chosen} of the local checkout ${checkout}`);
  }
  const key = `${LOCAL_KEY_PREFIX}${ref.pkg.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 80)}-${createHash('sha256').update(checkout).digest('hex').slice(0, 12)}`;
  const outcome = await withRepoLock(path.join(cacheDir, '.locks', `${key}.lock`), ctx.deadline, ctx.signal, () =>
    exportTree(ctx, repoArgs, chosen, listed.tree, path.join(cacheDir, key, 'trees'), true),
  );
  if (!outcome.locked) {
    const hint = outcome.why === 'timeout' ? `; ${unlockHint(ref.pkg)}` : '';
    return failure(outcome.why, `${outcome.why === 'timeout' ? 'timed out' : 'cancelled'} waiting to export package '${ref.pkg}' from the local checkout ${checkout}: ${outcome.lock}${hint}`);
  }
  if (!outcome.value.ok) return fail(outcome.value.run);
  return {
    ok: true,
    commit: chosen,
    specPath: path.join(outcome.value.dir, specName),
    dir: outcome.value.dir,
    files: outcome.value.files,
    ...(outcome.value.droppedLinks.length ? { droppedLinks: outcome.value.droppedLinks } : {}),
    origin: checkout,
  };
}
