// A project as it was at an earlier revision, seen through the current one: the files a change touched carry
// their earlier text (or are absent, when the change added them) and every other file reads as it is now. This
// is how the editor's Review Changes gets its base side — the client reads only the changed files from git (the
// built-in Git extension) and the server overlays them on what it already reads — and what the base side's
// renders read: overlay sources and local specs too.
import * as nodePath from 'node:path';
import type { DirEntry, FileSystem } from '../fs';
import type { SourceReader } from '../overlays';
import type { SpecProvider } from '../render';
import { localSpecMissing } from '../render/specInput';

/** `inner` with `replaced` (absolute path → earlier text, or null for a file the change added) laid over it. */
export function replacedFileSystem(inner: FileSystem, replaced: ReadonlyMap<string, string | null>): FileSystem {
  const norm = (p: string) => nodePath.resolve(p);
  const get = (p: string) => replaced.get(norm(p));
  // Directories that hold an earlier file which no longer exists.
  const impliedDirs = new Set<string>();
  for (const [p, text] of replaced) {
    if (text === null) continue;
    for (let d = nodePath.dirname(p); d !== nodePath.dirname(d); d = nodePath.dirname(d)) impliedDirs.add(d);
  }
  const isDirectory = (p: string) => inner.isDirectory(p) || impliedDirs.has(norm(p));
  return {
    readFile(p) {
      const r = get(p);
      return r === null ? undefined : r !== undefined ? r : inner.readFile(p);
    },
    exists(p) {
      const r = get(p);
      return r === null ? false : r !== undefined || inner.exists(p) || impliedDirs.has(norm(p));
    },
    isDirectory,
    readDirectory(p) {
      const dir = norm(p);
      const byName = new Map<string, DirEntry>();
      for (const e of inner.readDirectory(p)) byName.set(e.name, e);
      for (const [file, text] of replaced) {
        if (nodePath.dirname(file) === dir) {
          const name = nodePath.basename(file);
          if (text === null) byName.delete(name);
          else byName.set(name, { name, isDirectory: false, isFile: true });
        }
      }
      for (const d of impliedDirs) if (nodePath.dirname(d) === dir && !byName.has(nodePath.basename(d))) byName.set(nodePath.basename(d), { name: nodePath.basename(d), isDirectory: true, isFile: false });
      return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    realPath(p) {
      const r = get(p);
      if (r === null) return undefined;
      if (r !== undefined || impliedDirs.has(norm(p))) return inner.realPath?.(p) ?? norm(p);
      return inner.realPath ? inner.realPath(p) : inner.exists(p) ? norm(p) : undefined;
    },
    stat(p) {
      const r = get(p);
      if (r === null) return undefined;
      const st = inner.stat?.(p);
      if (r !== undefined) return { kind: 'file', size: Buffer.byteLength(r), dev: st?.dev ?? 0, ino: st?.ino ?? 0 };
      if (st === undefined && impliedDirs.has(norm(p))) return { kind: 'directory', size: 0, dev: 0, ino: 0 };
      return st;
    },
    directoryIdentity(p) {
      return inner.directoryIdentity?.(p) ?? (isDirectory(p) ? `replaced:${norm(p)}` : undefined);
    },
  };
}

/** Overlay sources: a replaced file's earlier text, otherwise `inner`. */
export function replacedSources(inner: SourceReader, replaced: ReadonlyMap<string, string | null>): SourceReader {
  return (p) => {
    const r = replaced.get(nodePath.resolve(p));
    if (r === null) return undefined;
    return r !== undefined ? new TextEncoder().encode(r) : inner(p);
  };
}

function listFiles(fs: FileSystem, dir: string, prefix: string, out: string[], depth: number): void {
  if (depth > 32) return;
  for (const e of fs.readDirectory(dir)) {
    if (e.isSymbolicLink) continue;
    if (e.isDirectory) {
      if (e.name !== '.git') listFiles(fs, nodePath.join(dir, e.name), prefix + e.name + '/', out, depth + 1);
    } else if (e.isFile) out.push(prefix + e.name);
  }
}

/** Local specs read through `fs` when the change touched their folder; everything else asked of `inner`. */
export function replacedLocalSpecs(inner: SpecProvider, fs: FileSystem, replaced: ReadonlyMap<string, string | null>): SpecProvider {
  return async (request) => {
    if (request.kind !== 'local') return inner(request);
    const dir = nodePath.dirname(nodePath.resolve(request.specPath));
    const touched = [...replaced.keys()].some((p) => p.startsWith(dir + nodePath.sep));
    if (!touched) return inner(request);
    const specName = `${request.component}.spec`;
    const text = fs.readFile(nodePath.join(dir, specName));
    if (text === undefined) return { ok: false, message: localSpecMissing(request, `no ${specName} there`) };
    const names: string[] = [];
    listFiles(fs, dir, '', names, 0);
    return {
      ok: true,
      tree: {
        specText: text,
        files: {
          list: () => names.filter((n) => n !== specName),
          read: (name) => {
            const t = fs.readFile(nodePath.join(dir, ...name.split('/')));
            return t === undefined ? undefined : new TextEncoder().encode(t);
          },
        },
        origin: dir,
      },
    };
  };
}
