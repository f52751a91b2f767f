// `distro-toml check --repo URL|DIR`: syncs the given repositories into the package cache (an unchanged
// repository downloads nothing but repomd.xml) and loads their index, so the check reports unknown packages
// with the same diagnostics and codes as the editor.
import * as path from 'node:path';
import { defaultPackageCacheDir } from './core/packages/indexCache';
import { failureOf, refreshPackageIndex } from './core/packages/packageIndexRefresh';
import type { PackageIndex } from './core/packages/queries';

/** The repository as the index names it: URLs as given, directories made absolute. */
export function repoArgument(value: string, cwd: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : path.resolve(cwd, value);
}

/** The index of `repos` with its summary ("76 packages from 2 of 2 repositories"), or undefined (with the reasons on
 * stderr) when none of them could be loaded. */
export async function packageIndexForCheck(repos: readonly string[], cacheDir: string | undefined, env: NodeJS.ProcessEnv, stderr: (line: string) => void, filelists = false): Promise<{ index: PackageIndex; summary: string } | undefined> {
  const { results, loaded } = await refreshPackageIndex(repos, { cacheDir: cacheDir ?? defaultPackageCacheDir(env), filelists });
  for (const r of results) if (r.status === 'failed') stderr(`distro-toml: --repo ${failureOf(r)}`);
  for (const r of loaded.repos) if (r.state !== 'loaded') stderr(`distro-toml: --repo ${r.url}: no usable index (${r.reason ?? r.state})`);
  for (const r of loaded.repos) if (r.fileList && r.fileList.state !== 'loaded') stderr(`distro-toml: --repo ${r.url}: file dependencies outside primary are not checked (${r.fileList.reason})`);
  return loaded.repos.some((r) => r.state === 'loaded') ? { index: loaded.index, summary: loaded.summary } : undefined;
}
