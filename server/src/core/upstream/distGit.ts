// Upstream spec retrieval for the render pipeline and the editor: given a component's upstream reference (package,
// the distro's dist-git base URI and branch, an optional pinned commit or snapshot), finds the commit azldev would
// use and returns a folder with that commit's spec and sidecar files — from a local checkout when one is
// configured, else from dist-git through a reusable cache. Uses the system git; never throws; all work is async.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { filenameProblem } from '../rules/goPaths';
import { checkRef, type UpstreamRef } from './distGitRef';
import { resolveThroughCache } from './distGitCache';
import { resolveFromCheckout } from './localCheckout';
import { failure, type UpstreamResult } from './upstreamResult';
import { readTreeText } from '../treeRead';

export type { UpstreamRef } from './distGitRef';
export type { UpstreamFailure, UpstreamFailureCode, UpstreamResult, UpstreamSource } from './upstreamResult';

export interface ResolveUpstreamOptions {
  /** Where clones and exported trees are kept; shared by every call and process. */
  cacheDir: string;
  /** The git program, default `git` (looked up on PATH). */
  git?: string;
  /** Folders holding `<pkg>/` dist-git checkouts to use instead of the network; the first that has the package wins. */
  localCheckouts?: string[];
  /** For the whole call, lock wait included; default two minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How old a cached branch may be before a tip or an unsettled snapshot fetches it again; default five minutes. */
  refreshAfterMs?: number;
  /** Answer only from local checkouts and what the cache already holds; never contact the server. */
  offline?: boolean;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_REFRESH_AFTER_MS = 5 * 60_000;

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function resolve(ref: UpstreamRef, options: ResolveUpstreamOptions): Promise<UpstreamResult> {
  const checked = checkRef(ref);
  if (!checked.ok) return failure(checked.code, checked.message);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ctx = { git: options.git ?? 'git', deadline: Date.now() + timeoutMs, signal: options.signal };
  const cacheDir = path.resolve(options.cacheDir);
  // `<root>/<pkg>` must stay a folder of `root`: a package name with a path in it never picks a checkout.
  for (const root of filenameProblem(ref.pkg) === undefined ? (options.localCheckouts ?? []) : []) {
    const checkout = path.resolve(root, ref.pkg);
    if (await isDirectory(checkout)) return resolveFromCheckout(ctx, checked.ref, checkout, cacheDir, timeoutMs);
  }
  return resolveThroughCache(ctx, checked.ref, {
    cacheDir,
    timeoutMs,
    refreshAfterMs: options.refreshAfterMs ?? DEFAULT_REFRESH_AFTER_MS,
    ...(options.offline ? { offline: true } : {}),
  });
}

/** Finds the upstream commit for `ref` and a folder holding its files. Resolves with a failure rather than throwing. */
export async function resolveUpstreamSource(ref: UpstreamRef, options: ResolveUpstreamOptions): Promise<UpstreamResult> {
  try {
    return await resolve(ref, options);
  } catch (err) {
    // Only the file system can get here (git failures are answers): an unwritable or vanished cache folder.
    const reason = err instanceof Error ? err.message : String(err);
    return failure('cache-corrupt', `cannot use the upstream cache folder ${options.cacheDir} for package '${ref.pkg}': ${reason}`);
  }
}

export type SpecRead = { ok: true; path: string; text: string } | { ok: false; message: string };

/**
 * The spec of a dist-git tree. Like azldev (fedorasourceprovider.go renameSpecIfNeeded, sourceprep.go findSpecInDir)
 * it is exactly `<pkg>.spec` in the root — no other name is looked for; the message lists the specs that are there.
 */
export async function readSpecFromCheckout(dir: string, pkg: string): Promise<SpecRead> {
  const specPath = path.join(dir, `${pkg}.spec`);
  try {
    // Only a regular file inside the tree: a spec that is a link out of it is not read.
    const text = readTreeText(dir, `${pkg}.spec`);
    if (text === undefined) throw new Error(`${specPath} is missing, not a regular file inside the tree, or too large`);
    return { ok: true, path: specPath, text };
  } catch (err) {
    let others: string[] = [];
    try {
      others = (await fs.readdir(dir)).filter((n) => n.endsWith('.spec')).sort();
    } catch {
      return { ok: false, message: `cannot read ${dir}: ${(err as Error).message}` };
    }
    const hint = others.length > 0 ? `; it has ${others.join(', ')} — azldev only uses ${pkg}.spec (set upstream-name if the package is named differently)` : '';
    return { ok: false, message: `no ${pkg}.spec in ${dir}${hint}` };
  }
}
