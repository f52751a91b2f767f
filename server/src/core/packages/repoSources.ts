// A repository the package index covers and where it came from, and how flags or settings add to (or replace)
// the project's: apart from repositories.ts so that `repo query --only-repos` loads no project code.

export interface RepoSource {
  url: string;
  kind: 'source' | 'binary';
  /** Where the repository came from, for messages: a distro, a resource or a flag. */
  origin: string;
}

/** The project's repositories with `extra` added, or only `extra` when `replace` is set. */
export function chooseRepositories(project: readonly RepoSource[], extra: readonly string[], replace: boolean): RepoSource[] {
  const added = extra.map((url): RepoSource => ({ url, kind: 'binary', origin: 'added' }));
  return replace ? added : [...project, ...added.filter((a) => !project.some((p) => p.url === a.url))];
}

/**
 * Why a repository URL given by the user cannot be used, when it names a user or password (`https://user:pw@host/`):
 * Node's fetch refuses such URLs, and its message would print the password into a terminal or a CI log. The
 * answer names the URL with its credentials left out.
 */
export function credentialsProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.username && !parsed.password) return undefined;
  parsed.username = '';
  parsed.password = '';
  return `${parsed.href.replace(/^([a-z][a-z0-9+.-]*:\/\/)/i, '$1***@')}: a repository URL may not carry a user name or password (they would be refused by the download and shown in messages); use a mirror that needs none, or a proxy (HTTPS_PROXY) that authenticates`;
}
