// Writes the files of one commit of a dist-git repository into `trees/<commit>/` beside the cached repository, so
// a render reads a spec and its sidecar files that no later fetch can change. The tree is checked out through a
// throw-away index (the repository's own index and work tree are never touched, which matters for a user's local
// checkout) into a temporary folder that is renamed into place only once complete. In a blob-less partial clone,
// git fetches the commit's blobs in one batch here.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runGit, type GitContext, type GitRun } from './gitRunner';
import { filterDriverNames, filterNeutralizingEnv } from './gitSandbox';
import { dropEscapingLinks } from './treeLinks';

export interface TreeFiles {
  /** Paths of the commit's files (blobs and symlinks), relative to the tree, `/`-separated, in git's order. */
  files: string[];
  /** Gitlink (submodule) entries, which azldev drops from upstream checkouts. */
  gitlinks: string[];
  /** The symbolic links among `files` (mode 120000), checked after every export. */
  symlinks: string[];
}

function isPlainTreePath(name: string): boolean {
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part.toLowerCase() !== '.git');
}

/** Lists the commit's tree without touching the network. */
export async function listTree(ctx: GitContext, repoArgs: string[], commit: string): Promise<{ ok: true; tree: TreeFiles } | { ok: false; run: GitRun }> {
  const run = await runGit(ctx, [...repoArgs, 'ls-tree', '-r', '-z', '--full-tree', commit], { offline: true });
  if (run.kind !== 'exited' || run.exitCode !== 0) return { ok: false, run };
  const files: string[] = [];
  const gitlinks: string[] = [];
  const symlinks: string[] = [];
  for (const entry of run.stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type] = entry.slice(0, tab).split(' ');
    const name = entry.slice(tab + 1);
    // git refuses to check such a path out; a crafted tree fetched without fsck can still list one.
    if (!isPlainTreePath(name)) continue;
    if (type === 'blob') files.push(name);
    if (type === 'blob' && mode === '120000') symlinks.push(name);
    else if (type === 'commit' || mode === '160000') gitlinks.push(name);
  }
  return { ok: true, tree: { files, gitlinks, symlinks } };
}

/** The filter drivers the repository's configuration defines (its includes too); none when it cannot be read. */
async function filterDrivers(ctx: GitContext, repoArgs: string[]): Promise<string[]> {
  const run = await runGit(ctx, [...repoArgs, 'config', '-z', '--name-only', '--get-regexp', '^filter\\.'], { offline: true });
  return run.kind === 'exited' && run.exitCode === 0 ? filterDriverNames(run.stdout) : [];
}

async function allPresent(dir: string, tree: TreeFiles): Promise<boolean> {
  const links = new Set(tree.symlinks);
  for (const f of tree.files) {
    // A link left out by an earlier export (see treeLinks.ts) is meant to be missing.
    if (links.has(f)) continue;
    try {
      await fs.lstat(path.join(dir, f));
    } catch {
      return false;
    }
  }
  return true;
}

/** `files` leaves out the links that were dropped because they lead out of the tree (`droppedLinks`). */
export type ExportOutcome = { ok: true; dir: string; files: string[]; droppedLinks: string[] } | { ok: false; run: GitRun };

async function checked(dir: string, tree: TreeFiles): Promise<ExportOutcome> {
  const droppedLinks = await dropEscapingLinks(dir, tree.symlinks);
  const gone = new Set(droppedLinks);
  return { ok: true, dir, files: tree.files.filter((f) => !gone.has(f)), droppedLinks };
}

/**
 * Makes `treesDir/<commit>` hold the commit's files, reusing a complete earlier export. `offline` forbids the
 * blob fetch (for local checkouts, which must already have their objects). Callers hold the repository's lock.
 */
export async function exportTree(
  ctx: GitContext,
  repoArgs: string[],
  commit: string,
  tree: TreeFiles,
  treesDir: string,
  offline: boolean,
): Promise<ExportOutcome> {
  const dir = path.join(treesDir, commit);
  if (await allPresent(dir, tree)) return checked(dir, tree);
  await fs.mkdir(treesDir, { recursive: true });
  const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = path.join(treesDir, `.tmp-${commit}-${stamp}`);
  const index = path.join(treesDir, `.index-${commit}-${stamp}`);
  try {
    await fs.mkdir(tmp);
    const run = await runGit(ctx, [...repoArgs, '--work-tree', tmp, 'read-tree', '-u', '--reset', commit], {
      offline,
      env: { ...filterNeutralizingEnv(await filterDrivers(ctx, repoArgs)), GIT_INDEX_FILE: index },
    });
    if (run.kind !== 'exited' || run.exitCode !== 0) return { ok: false, run };
    for (const link of tree.gitlinks) await fs.rm(path.join(tmp, link), { recursive: true, force: true });
    await fs.rm(dir, { recursive: true, force: true });
    // Checked before the tree is renamed into place, so no reader ever sees a link out of it.
    await dropEscapingLinks(tmp, tree.symlinks);
    await fs.rename(tmp, dir);
    return checked(dir, tree);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
    await fs.rm(index, { force: true });
  }
}
