// A read-only file system over a list of relative file names (a component's sidecar files), so the one glob
// expansion serves overlays that match those names exactly as azldev globs its sources directory.
import { posix } from 'node:path';
import type { DirEntry, FileSystem } from '../fs';

/** Names such as `sub/fix.patch`, seen as files under `/`. */
export function fileSystemOfNames(names: Iterable<string>): FileSystem {
  const dirs = new Map<string, Map<string, DirEntry>>([['/', new Map()]]);
  const files = new Set<string>();
  for (const name of names) {
    const full = posix.join('/', name);
    files.add(full);
    let child = full;
    let isFile = true;
    for (let dir = posix.dirname(child); ; dir = posix.dirname(dir)) {
      let entries = dirs.get(dir);
      const known = entries !== undefined;
      if (!entries) {
        entries = new Map();
        dirs.set(dir, entries);
      }
      const base = posix.basename(child);
      if (!entries.has(base)) entries.set(base, { name: base, isDirectory: !isFile, isFile });
      if (known || dir === '/') break;
      child = dir;
      isFile = false;
    }
  }
  const norm = (p: string) => posix.normalize(posix.join('/', p)).replace(/(.)\/+$/, '$1');
  return {
    readFile: () => undefined,
    exists: (p) => files.has(norm(p)) || dirs.has(norm(p)),
    isDirectory: (p) => dirs.has(norm(p)),
    readDirectory: (p) => [...(dirs.get(norm(p))?.values() ?? [])],
  };
}
