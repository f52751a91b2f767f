// A file system whose answers about the tree's shape (existence, directory listings, real paths, file kinds)
// are remembered for the life of the view: a batch run such as `distro-toml check` asks the same questions
// many times (every include glob, the confinement checks of every read, the walk for files nothing
// includes) about a tree that does not change while it runs. File contents are not remembered here (the
// document cache keeps parsed files). In the language server, whose tree changes under it, the project service's
// include walks see the tree through one until its structure changes (files created, deleted or moved, as the
// file watchers report them: ProjectService.invalidateStructure), as the walks and listings it keeps do.
import type { DirEntry, FileStat, FileSystem } from './fs';

function memo<T>(ask: (path: string) => T): (path: string) => T {
  const known = new Map<string, T>();
  return (path) => {
    if (known.has(path)) return known.get(path) as T;
    const answer = ask(path);
    known.set(path, answer);
    return answer;
  };
}

export function fileSystemSnapshot(inner: FileSystem): FileSystem {
  const readDirectory = memo((p) => inner.readDirectory(p));
  const out: FileSystem = {
    readFile: (p) => inner.readFile(p),
    exists: memo((p) => inner.exists(p)),
    isDirectory: memo((p) => inner.isDirectory(p)),
    // A copy each time: callers may sort or filter what they are given.
    readDirectory: (p): DirEntry[] => readDirectory(p).slice(),
  };
  if (inner.utf8Problems) out.utf8Problems = (p) => inner.utf8Problems?.(p) ?? [];
  if (inner.realPath) out.realPath = memo((p) => inner.realPath?.(p));
  if (inner.stat) out.stat = memo((p): FileStat | undefined => inner.stat?.(p));
  if (inner.directoryIdentity) out.directoryIdentity = memo((p) => inner.directoryIdentity?.(p));
  return out;
}
