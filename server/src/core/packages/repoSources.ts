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
