// `distro-toml repo sync` and `distro-toml repo query`: fetch, verify and cache the package index of the
// project's repositories (and any --repo), then answer name, what-provides and source/binary questions from it.
import * as path from 'node:path';
import { parseDependencies } from './core/packages/depString';
import { defaultPackageCacheDir } from './core/packages/indexCache';
import { loadPackageIndex } from './core/packages/packageIndexLoader';
import type { PackageIndex } from './core/packages/queries';
import type { PackageInfo } from './core/packages/repoIndex';
import { chooseRepositories, credentialsProblem, type RepoSource } from './core/packages/repoSources';
import { terminalLines } from './output/terminalText';

export const REPO_USAGE = `Usage: distro-toml repo list [--repo URL|DIR]... [--only-repos] [--project DIR] [--arch ARCH]...
       distro-toml repo sync [--repo URL|DIR]... [--only-repos] [--cache DIR] [--project DIR] [--arch ARCH]... [--force] [--filelists]
       distro-toml repo query NAME | --whatprovides CAP | --source NAME | --binaries SRC
                         [--repo URL|DIR]... [--only-repos] [--cache DIR] [--project DIR] [--arch ARCH]... [--filelists] [--format text|json]

The repositories are the project's upstream distro 'repos' ($releasever and $basearch expanded; each Fedora
source tree with its binary tree), plus each --repo (an http(s) URL, a file:// URL or a directory).
--only-repos leaves out the project's repositories. The index is cached in --cache
(default: $XDG_CACHE_HOME/distro-toml/packages). --filelists fetches (sync) and reads (query) each repository's
filelists too, so every file path is answered, not only those primary lists (/etc/, bin/, /usr/lib/sendmail).
HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.`;

export interface RepoCliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class UsageError extends Error {}

interface RepoArgs {
  action: 'list' | 'sync' | 'query';
  repos: string[];
  onlyRepos: boolean;
  cache: string | undefined;
  project: string | undefined;
  arches: string[];
  force: boolean;
  filelists: boolean;
  format: 'text' | 'json';
  query: { kind: 'name' | 'whatprovides' | 'source' | 'binaries'; value: string } | undefined;
}

function parseRepoArgs(argv: string[], cwd: string): RepoArgs {
  const [action, ...rest] = argv;
  if (action !== 'list' && action !== 'sync' && action !== 'query') throw new UsageError(action ? `unknown repo command '${action}'` : 'missing repo command (list, sync or query)');
  const out: RepoArgs = { action, repos: [], onlyRepos: false, cache: undefined, project: undefined, arches: [], force: false, filelists: false, format: 'text', query: undefined };
  const setQuery = (kind: NonNullable<RepoArgs['query']>['kind'], value: string): void => {
    if (out.query) throw new UsageError('give one query');
    out.query = { kind, value };
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const value = (): string => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq >= 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const flag = a.replace(/=.*$/, '');
    if (flag === '--repo') {
      const v = value();
      const credentials = credentialsProblem(v);
      if (credentials) throw new UsageError(`--repo ${credentials}`);
      out.repos.push(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : path.resolve(cwd, v));
    } else if (flag === '--only-repos') out.onlyRepos = true;
    else if (flag === '--cache') out.cache = path.resolve(cwd, value());
    else if (flag === '--project') out.project = path.resolve(cwd, value());
    else if (flag === '--arch') out.arches.push(value());
    else if (flag === '--force' && action === 'sync') out.force = true;
    else if (flag === '--filelists' && action !== 'list') out.filelists = true;
    else if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json (got '${v}')`);
      out.format = v;
    } else if (action === 'query' && flag === '--whatprovides') setQuery('whatprovides', value());
    else if (action === 'query' && flag === '--source') setQuery('source', value());
    else if (action === 'query' && flag === '--binaries') setQuery('binaries', value());
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (action === 'query') setQuery('name', a);
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (action === 'query' && !out.query) throw new UsageError('repo query needs NAME, --whatprovides, --source or --binaries');
  if (!out.arches.length) out.arches.push('x86_64');
  return out;
}

/** The repositories to use. The project (and with it the language service) is loaded only when its
 * repositories count: `repo query --only-repos` loads no more than the package index code. */
async function repositoriesFor(args: RepoArgs, cwd: string, io: RepoCliIo): Promise<{ repos: RepoSource[]; note: string | undefined }> {
  let project: RepoSource[] = [];
  let note: string | undefined;
  if (!args.onlyRepos) {
    const { diskFileSystem } = await import('./core/fs.js');
    const { createLanguageService } = await import('./core/languageService.js');
    const { findProjectRoot } = await import('./core/project/root.js');
    const { projectRepositories, PROJECT_REPO_REFUSED } = await import('./core/packages/repositories.js');
    const root = findProjectRoot(diskFileSystem, path.join(args.project ?? cwd, 'azldev.toml'));
    if (root !== undefined) {
      const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: path.join(__dirname, '..', 'schemas'), cwd });
      const model = service.projectOf(path.join(root, 'azldev.toml'));
      const found = model ? projectRepositories(model, args.arches) : undefined;
      if (found) {
        project = found.repos;
        note = `${found.distro} ${found.version} (release ${found.releaseVer})`;
        for (const r of found.refused) io.stderr(`distro-toml: ${r.url} (${r.origin}): ${PROJECT_REPO_REFUSED}\n`);
      }
    }
  }
  return { repos: chooseRepositories(project, args.repos, args.onlyRepos), note };
}

async function runSync(args: RepoArgs, repos: RepoSource[], cacheDir: string, io: RepoCliIo): Promise<number> {
  const { proxyFetchFromEnv } = await import('./core/packages/proxyFetch.js');
  const { refreshPackageIndex } = await import('./core/packages/packageIndexRefresh.js');
  const viaProxy = await proxyFetchFromEnv(io.env);
  const { results, loaded } = await refreshPackageIndex(repos.map((r) => r.url), { cacheDir, force: args.force, filelists: args.filelists, ...(viaProxy ? { fetch: viaProxy } : {}) });
  for (const res of results) {
    if (res.status === 'failed') io.stderr(`distro-toml: ${res.error}\n`);
    else io.stdout(`${res.status === 'unchanged' ? 'unchanged' : 'synced'}  ${res.repo}  (${res.meta.packageCount} packages${res.filelists ? `, ${res.filelists.fileCount} files (filelists ${res.filelists.status})` : ''}, revision ${res.meta.revision})\n`);
  }
  io.stdout(`${loaded.summary}\n`);
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

/**
 * The `repo sync` command that fills the index a query was asked to read: the same repositories, cache, project
 * and architectures as typed, so running it as printed mends what the query said (a bare `repo sync` would fill
 * the default cache with the project's repositories).
 */
export function syncCommandFor(args: Pick<RepoArgs, 'repos' | 'onlyRepos' | 'cache' | 'project' | 'arches'>, extra: readonly string[] = []): string {
  const quoted = (s: string) => (/^[A-Za-z0-9_./:@%+=,~-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const parts = ['distro-toml', 'repo', 'sync'];
  if (args.onlyRepos) parts.push('--only-repos');
  for (const r of args.repos) parts.push('--repo', quoted(r));
  if (args.cache !== undefined) parts.push('--cache', quoted(args.cache));
  if (args.project !== undefined) parts.push('--project', quoted(args.project));
  for (const a of args.arches) parts.push('--arch', quoted(a));
  return [...parts, ...extra].join(' ');
}

/** The index of `repos`, or undefined when none of them has a usable one (the reasons on stderr). */
async function loadIndex(repos: RepoSource[], cacheDir: string, args: RepoArgs, io: RepoCliIo): Promise<PackageIndex | undefined> {
  const loaded = await loadPackageIndex(cacheDir, repos.map((r) => r.url), { filelists: args.filelists });
  for (const r of loaded.repos) {
    if (r.state !== 'loaded') io.stderr(terminalLines(`distro-toml: no usable index for ${r.url} (${r.reason}); run: ${syncCommandFor(args, args.filelists ? ['--filelists'] : [])}\n`));
    else if (r.fileList && r.fileList.state !== 'loaded') io.stderr(terminalLines(`distro-toml: no file list for ${r.url} (${r.fileList.reason}); run: ${syncCommandFor(args, ['--filelists'])}\n`));
  }
  return loaded.repos.some((r) => r.state === 'loaded') ? loaded.index : undefined;
}

/** Why `--whatprovides` cannot take `value` (one capability, optionally versioned), or undefined. */
function whatProvidesProblem(value: string): string | undefined {
  const parsed = parseDependencies(value);
  if (parsed.errors.length) return parsed.errors.map((e) => e.message).join('; ');
  if (parsed.refs.length !== 1) return `'${value}' names ${parsed.refs.length} capabilities; ask for one at a time`;
  return undefined;
}

function line(p: PackageInfo): string {
  return `${p.name}-${p.evr}.${p.arch}\t${p.summary}\t${p.repo}`;
}

function runQuery(args: RepoArgs, index: PackageIndex, io: RepoCliIo): number {
  const q = args.query as NonNullable<RepoArgs['query']>;
  let result: PackageInfo[] | string[];
  if (q.kind === 'name') result = [...index.binary(q.value), ...(index.source(q.value)?.packages ?? [])];
  else if (q.kind === 'binaries') result = index.binariesOf(q.value);
  else if (q.kind === 'source') result = index.sourceOf(q.value);
  else {
    const dep = parseDependencies(q.value).refs[0];
    result = dep ? index.whatProvides(dep.name, dep.flags, dep.evr) : [];
  }
  if (args.format === 'json') io.stdout(JSON.stringify(result, null, 2) + '\n');
  else for (const r of result) io.stdout(terminalLines((typeof r === 'string' ? r : line(r)) + '\n'));
  let code = 0;
  if (!result.length) {
    const kind = q.kind === 'binaries' ? 'source' : 'binary';
    const near = q.kind === 'whatprovides' ? [] : index.didYouMean(q.value, kind);
    io.stderr(`distro-toml: nothing matches '${q.value}'${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''}\n`);
    code = 1;
  }
  // The index is read as the query goes: damage it met means the answer may be missing something.
  for (const d of index.damaged()) {
    io.stderr(terminalLines(`distro-toml: the cached index of ${d.url} is damaged (${d.what.join('; ')}): answers may be missing; run: ${syncCommandFor(args, args.filelists ? ['--force', '--filelists'] : ['--force'])}\n`));
    code = 2;
  }
  return code;
}

/** Runs `repo ...` with `argv` after the word `repo`; resolves to the exit code. */
export async function runRepoCli(argv: string[], io: RepoCliIo): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(REPO_USAGE + '\n');
    return 0;
  }
  let args: RepoArgs;
  try {
    args = parseRepoArgs(argv, io.cwd);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`distro-toml: ${e.message}\n\n${REPO_USAGE}\n`);
    return 2;
  }
  const cacheDir = args.cache ?? defaultPackageCacheDir(io.env);
  const { repos, note } = await repositoriesFor(args, io.cwd, io);
  if (!repos.length) {
    io.stderr(`distro-toml: no repositories: the project names none and no --repo was given\n`);
    return 2;
  }
  if (args.action === 'list') {
    if (note) io.stdout(`# repositories of ${note}\n`);
    for (const r of repos) io.stdout(`${r.kind}\t${r.url}\t${r.origin}\n`);
    return 0;
  }
  if (args.action === 'sync') {
    if (note) io.stdout(`repositories of ${note}\n`);
    return runSync(args, repos, cacheDir, io);
  }
  const problem = args.query?.kind === 'whatprovides' ? whatProvidesProblem(args.query.value) : undefined;
  if (problem !== undefined) {
    io.stderr(`distro-toml: --whatprovides takes one capability, optionally with a version ('NAME', 'NAME >= 1.2'): ${problem}\n`);
    return 2;
  }
  const index = await loadIndex(repos, cacheDir, args, io);
  // No index at all answers nothing: that is not "nothing matches" (exit 1), which a script would take as absent.
  if (!index) return 2;
  return runQuery(args, index, io);
}
