// Reads what git printed when a clone or fetch failed and says which kind of failure it was, so the caller gets
// one clear message: the server is unreachable, the package or branch does not exist there, the commit is not
// there, or the local cache is damaged. Git runs with LC_ALL=C, so these are its English messages.

export type GitFailureKind = 'network' | 'repo-not-found' | 'branch-not-found' | 'commit-not-found' | 'corrupt' | 'other';

const REPO_NOT_FOUND = [
  /repository '.*' not found/i,
  /does not appear to be a git repository/i,
  /The requested URL returned error: (404|410)/i,
  /Repository not found/i,
  // A server that asks for credentials for a public dist-git is saying the repository does not exist (GitHub-like
  // hosts answer 401 for unknown repositories); with prompts disabled git reports that it could not ask.
  /could not read Username/i,
  /Authentication failed/i,
  /The requested URL returned error: (401|403)/i,
];

const BRANCH_NOT_FOUND = [/couldn't find remote ref refs\/heads\//i, /Remote branch .* not found/i];

const COMMIT_NOT_FOUND = [
  /not our ref/i,
  /couldn't find remote ref [0-9a-f]{7,}/i,
  /no such remote ref [0-9a-f]{7,}/i,
  /unadvertised object/i,
  /Server does not allow request for unadvertised object/i,
];

const NETWORK = [
  /unable to access/i,
  /Could not resolve host/i,
  /Failed to connect/i,
  /Connection refused/i,
  /Connection timed out/i,
  /Connection reset/i,
  /Operation timed out/i,
  /Network is unreachable/i,
  /SSL/i,
  /TLS/i,
  /certificate/i,
  /The requested URL returned error: 5\d\d/i,
  /RPC failed/i,
  /early EOF/i,
  /the remote end hung up/i,
  /transfer closed/i,
  /Could not read from remote repository/i,
  /ssh: /i,
  /Host key verification failed/i,
  /transport '.*' not allowed/i,
];

const CORRUPT = [
  /not a git repository/i,
  /bad object/i,
  /missing (blob|tree|commit|object)/i,
  /corrupt/i,
  /did not send all necessary objects/i,
  /unable to read/i,
  /invalid (sha1|object) pointer/i,
  /fatal: bad (config|revision)/i,
  /unknown repository extension/i,
  /bad numeric config value/i,
  /packfile .* cannot be accessed/i,
  /index file .* is too small/i,
];

/** The kind of a failed git network command, judged from its standard error. */
export function classifyGitFailure(stderr: string): GitFailureKind {
  if (BRANCH_NOT_FOUND.some((re) => re.test(stderr))) return 'branch-not-found';
  if (COMMIT_NOT_FOUND.some((re) => re.test(stderr))) return 'commit-not-found';
  // Checked before the network patterns: "unable to access '…': The requested URL returned error: 404" is both.
  if (REPO_NOT_FOUND.some((re) => re.test(stderr))) return 'repo-not-found';
  if (NETWORK.some((re) => re.test(stderr))) return 'network';
  if (CORRUPT.some((re) => re.test(stderr))) return 'corrupt';
  return 'other';
}

/** Git's own explanation, shortened to its `fatal:`/`error:` lines, for the end of a message. */
export function gitReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const important = lines.filter((l) => /^(fatal|error):/i.test(l));
  const chosen = (important.length > 0 ? important : lines).map((l) => l.replace(/^(fatal|error):\s*/i, ''));
  const text = chosen.join('; ');
  return text.length > 400 ? text.slice(0, 400) + '…' : text || 'git gave no reason';
}
