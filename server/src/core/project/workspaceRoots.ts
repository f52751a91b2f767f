// The azldev projects of a set of workspace folders: for each folder, the project above it (a folder
// inside a tree), or else every azldev.toml below it — to a bounded depth, skipping node_modules and
// dot-directories (.git), and stopping at the first root on each path (a project's own subdirectories
// belong to it). Each real directory is visited once, inside the folder (link loops and links out end).
import * as path from 'node:path';
import { confineFileSystem } from '../confinement';
import type { FileSystem } from '../fs';
import { findProjectRoot, PROJECT_FILE } from './root';

/** How many directory levels below a workspace folder are searched for azldev.toml. */
export const WORKSPACE_SEARCH_DEPTH = 6;

export function findWorkspaceRoots(given: FileSystem, folders: readonly string[], maxDepth = WORKSPACE_SEARCH_DEPTH): string[] {
  const roots = new Set<string>();
  let fs = given;
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
    const up = findProjectRoot(given, path.join(folder, PROJECT_FILE));
    if (up) roots.add(up);
    else {
      // Each real directory of the folder once: a link loop or a link out of the folder lists nothing.
      fs = confineFileSystem(given, [folder]).fs;
      below(folder, 0);
    }
  }
  return [...roots];
}
