// The azldev projects of a set of workspace folders: for each folder, the project above it (a folder
// inside a tree), or else every azldev.toml below it — to a bounded depth, skipping node_modules and
// dot-directories (.git), and stopping at the first root on each path (a project's own subdirectories
// belong to it).
import * as path from 'node:path';
import type { FileSystem } from '../fs';
import { findProjectRoot, PROJECT_FILE } from './root';

/** How many directory levels below a workspace folder are searched for azldev.toml. */
export const WORKSPACE_SEARCH_DEPTH = 6;

export function findWorkspaceRoots(fs: FileSystem, folders: readonly string[], maxDepth = WORKSPACE_SEARCH_DEPTH): string[] {
  const roots = new Set<string>();
  const below = (dir: string, depth: number) => {
    if (fs.exists(path.join(dir, PROJECT_FILE))) {
      roots.add(dir);
      return;
    }
    if (depth >= maxDepth) return;
    for (const e of fs.readDirectory(dir)) {
      if (e.isDirectory && e.name !== 'node_modules' && !e.name.startsWith('.')) below(path.join(dir, e.name), depth + 1);
    }
  };
  for (const folder of folders) {
    const up = findProjectRoot(fs, path.join(folder, PROJECT_FILE));
    if (up) roots.add(up);
    else below(folder, 0);
  }
  return [...roots];
}
