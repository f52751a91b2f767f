// A depth-first directory walk that enters each real directory once (by FileSystem.directoryIdentity: a
// symlink loop or a second link to a directory ends there) and keeps its stack on the heap, so a hostile
// tree can neither loop it nor overflow the call stack. Entries come in the file system's order, each
// directory's contents right after it, as a recursive walk would give them.
import { posix } from 'node:path';
import type { DirEntry, FileSystem } from '../fs';

export interface TreeVisitor {
  /** Whether to enter the directory at `path`; every directory is entered when absent. */
  enter?(path: string, entry: DirEntry): boolean;
  /** Each entry that is not a directory. */
  file?(path: string, entry: DirEntry): void;
}

export function walkTree(fs: FileSystem, root: string, visitor: TreeVisitor): void {
  const entered = new Set<string>();
  const stack: { path: string; entry?: DirEntry }[] = [{ path: root }];
  while (stack.length > 0) {
    const { path, entry } = stack.pop() as { path: string; entry?: DirEntry };
    if (entry && !entry.isDirectory) {
      visitor.file?.(path, entry);
      continue;
    }
    if (entry && visitor.enter && !visitor.enter(path, entry)) continue;
    const id = fs.directoryIdentity?.(path) ?? posix.normalize(path);
    if (entered.has(id)) continue;
    entered.add(id);
    const entries = fs.readDirectory(path);
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i] as DirEntry;
      stack.push({ path: posix.join(path, e.name), entry: e });
    }
  }
}
