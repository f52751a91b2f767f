// The one place the core decides whether a path may be read: only files under the project root (and the
// directories a caller adds, such as a spec cache) are read, judged twice — on the path as written, and on
// the real path once every symbolic link is resolved — so neither `../`, an absolute path nor a link in
// the tree leads a read elsewhere. A confined view of a file system also walks each real directory at
// most once (device and inode decide), so link loops and links to `/` end instead of growing without bound.
import * as path from 'node:path';
import type { DirEntry, FileSystem } from './fs';

/**
 * Whether a POSIX path is absolute and already in `path.resolve`'s form: no empty, `.` or `..` segment and no
 * trailing slash (`/` itself excepted). Such paths need no resolving to be compared by prefix.
 */
const NOT_RESOLVED = /\/\/|\/\.\.?(?:\/|$)|.\/$/;
function resolvedPosix(p: string): boolean {
  return p.charCodeAt(0) === 47 /* / */ && !NOT_RESOLVED.test(p);
}

/** `path.resolve(p)`, without its work for a path already in that form (every path a walk or a glob builds). */
export function resolvedPath(p: string): string {
  return path.sep === '/' && resolvedPosix(p) ? p : path.resolve(p);
}

/** Whether `p` is `dir` or lies below it, on the paths as written (both absolute). */
export function isWithin(dir: string, p: string): boolean {
  // Every read asks this, with paths that are already resolved: compare them as they are, without the four
  // strings path.resolve and path.relative build (same answer; isWithinByRelative is the reference).
  if (path.sep === '/' && resolvedPosix(dir) && resolvedPosix(p)) return p === dir || (p.startsWith(dir) && (dir === '/' || p.charCodeAt(dir.length) === 47));
  return isWithinByRelative(dir, p);
}

/** isWithin through path.relative, for any path on any platform. */
export function isWithinByRelative(dir: string, p: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(p));
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

export type PathCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether reading `absPath` stays under one of `roots`: as written, and once links are resolved (a path that
 * does not exist is judged as written). `reason` completes "… is not read: it …".
 */
export function checkConfined(fs: FileSystem, roots: readonly string[], absPath: string, realRoots = realRootsOf(fs, roots)): PathCheck {
  const abs = resolvedPath(absPath);
  if (!roots.some((r) => isWithin(r, abs))) return { ok: false, reason: 'lies outside the project' };
  const real = fs.realPath?.(abs);
  if (real !== undefined && !realRoots.some((r) => isWithin(r, real))) {
    return { ok: false, reason: `leads through a symbolic link to ${real}, outside the project` };
  }
  return { ok: true };
}

/** A directory's identity for walks that list each real directory once: device and inode, else its real path. */
export function directoryIdentityOf(fs: FileSystem, dir: string): string {
  const st = fs.stat?.(dir);
  return st ? `${st.dev}:${st.ino}` : (fs.realPath?.(dir) ?? path.resolve(dir));
}

export function realRootsOf(fs: FileSystem, roots: readonly string[]): string[] {
  return roots.map((r) => fs.realPath?.(r) ?? path.resolve(r));
}

export interface Refusal {
  path: string;
  reason: string;
}

/** A view of a file system that reads only under its roots, and the reads it refused. */
export interface ConfinedFileSystem {
  fs: FileSystem;
  /** Each refused path once, in the order refused. */
  refusals: Refusal[];
  /** Whether `p` may be read; a refusal is recorded when it may not. */
  admit(p: string): boolean;
}

/**
 * A confined view for one walk (one glob expansion, one tree listing): reads outside the roots return
 * nothing and are recorded; a directory whose real identity the walk already listed under another path
 * (a second link to it, or a link loop) lists as empty.
 */
export function confineFileSystem(inner: FileSystem, roots: readonly string[]): ConfinedFileSystem {
  const realRoots = realRootsOf(inner, roots);
  const refusals: Refusal[] = [];
  const refused = new Set<string>();
  /** Real directory identity -> the path it was first listed under. */
  const listedAs = new Map<string, string>();

  const admit = (p: string): boolean => {
    const verdict = checkConfined(inner, roots, p, realRoots);
    if (verdict.ok) return true;
    const abs = path.resolve(p);
    if (!refused.has(abs)) {
      refused.add(abs);
      refusals.push({ path: abs, reason: verdict.reason });
    }
    return false;
  };
  // Existence is asked before any read: an outside path that exists is refused there, one that does not is just absent.
  const admitExisting = (p: string): boolean => inner.exists(p) && admit(p);


  const fs: FileSystem = {
    readFile: (p) => (admitExisting(p) ? inner.readFile(p) : undefined),
    exists: (p) => admitExisting(p),
    isDirectory: (p) => admitExisting(p) && inner.isDirectory(p),
    readDirectory(dir): DirEntry[] {
      if (!admitExisting(dir)) return [];
      const abs = resolvedPath(dir);
      const id = directoryIdentityOf(inner, abs);
      const first = listedAs.get(id);
      if (first === undefined) listedAs.set(id, abs);
      else if (first !== abs) return [];
      return inner.readDirectory(abs);
    },
    ...(inner.realPath ? { realPath: (p: string) => inner.realPath?.(p) } : {}),
    ...(inner.stat ? { stat: (p: string) => inner.stat?.(p) } : {}),
  };
  return { fs, refusals, admit };
}
