// The answer of an upstream retrieval — a tree holding the spec and its sidecar files, or one failure with a message
// meant for the user — and the wording that turns a failed git run into that message.
import { classifyGitFailure, gitReason } from './gitFailure';
import type { GitRun } from './gitRunner';
import type { CheckedRef } from './distGitRef';

export type UpstreamFailureCode =
  | 'git-missing'
  | 'network'
  | 'not-found'
  | 'no-commit-before-snapshot'
  | 'bad-commit'
  | 'timeout'
  | 'cache-corrupt'
  /** The reference itself is unusable: empty package name, a base URI that gives no URL, a bad branch or snapshot. */
  | 'bad-ref'
  /** The caller's AbortSignal fired. */
  | 'cancelled';

export interface UpstreamSource {
  ok: true;
  /** The full hash of the commit the files come from. */
  commit: string;
  /** `<dir>/<pkg>.spec`. */
  specPath: string;
  /** A folder holding exactly the commit's files; it does not change once written. */
  dir: string;
  /** The commit's files relative to `dir` (`/`-separated, gitlinks left out as azldev does). */
  files: string[];
  /** Where the commit came from: the dist-git URL, or the local checkout's path. */
  origin: string;
  /** Symbolic links of the commit left out because they lead outside its tree or to nothing (never followed). */
  droppedLinks?: string[];
  /** Set when the result is usable but possibly stale: the branch could not be refreshed and the cached one was used. */
  warning?: string;
}

export interface UpstreamFailure {
  ok: false;
  code: UpstreamFailureCode;
  message: string;
}

export type UpstreamResult = UpstreamSource | UpstreamFailure;

export function failure(code: UpstreamFailureCode, message: string): UpstreamFailure {
  return { ok: false, code, message };
}

/** What the user is told to do when git is absent. */
export function gitMissing(git: string, detail: string): UpstreamFailure {
  return failure('git-missing', `git is not installed (cannot run '${git}': ${detail}) — install git (upstream specs are read with git, from dist-git and from local checkouts alike)`);
}

export interface RunContext {
  git: string;
  timeoutMs: number;
  ref: CheckedRef;
}

/** The failure for a git command that talked to the dist-git server (clone, fetch, blob download). */
export function remoteFailure(run: GitRun, ctx: RunContext, doing: string): UpstreamFailure {
  const { ref } = ctx;
  switch (run.kind) {
    case 'missing':
      return gitMissing(ctx.git, run.message);
    case 'timeout':
      return failure('timeout', `timed out after ${ctx.timeoutMs} ms ${doing} package '${ref.pkg}' (branch ${ref.branch}) from ${ref.url} — check the network, or allow more time`);
    case 'cancelled':
      return failure('cancelled', `cancelled while ${doing} package '${ref.pkg}' from ${ref.url}`);
    case 'exited': {
      const reason = gitReason(run.stderr);
      switch (classifyGitFailure(run.stderr)) {
        case 'repo-not-found':
          return failure('not-found', `package '${ref.pkg}' not found at ${ref.url} (${reason}) — check the component name or its upstream-name`);
        case 'branch-not-found':
          return failure('not-found', `package '${ref.pkg}' has no branch '${ref.branch}' at ${ref.url} — check dist-git-branch of the distro version`);
        case 'commit-not-found':
          if (ref.commit === undefined) return failure('network', `${ref.url} refused ${doing} package '${ref.pkg}': ${reason}`);
          return failure('bad-commit', `commit ${ref.commit} is not in package '${ref.pkg}' at ${ref.url} — check upstream-commit`);
        case 'corrupt':
          return failure('cache-corrupt', `the cached copy of package '${ref.pkg}' is damaged (${reason})`);
        case 'network':
        case 'other':
          return failure('network', `cannot reach ${ref.url} for package '${ref.pkg}' (branch ${ref.branch}): ${reason}`);
      }
    }
  }
}
