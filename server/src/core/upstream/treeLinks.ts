// Symbolic links in an exported dist-git tree are data from the network: one that resolves outside the tree
// (`leak -> /etc/passwd`, `up -> ../../x`, a link to such a link) or to nothing is removed before anything reads
// the tree, so a render never follows it; links that stay inside the tree are kept, as git checked them out.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}

/** Removes the links of `links` (tree-relative, `/`-separated) that leave `dir` or dangle; returns them, sorted. */
export async function dropEscapingLinks(dir: string, links: readonly string[]): Promise<string[]> {
  if (links.length === 0) return [];
  const root = await fs.realpath(dir);
  const dropped: string[] = [];
  for (const link of links) {
    const p = path.join(dir, ...link.split('/'));
    let target: string | undefined;
    try {
      target = await fs.realpath(p);
    } catch {
      target = undefined;
    }
    if (target !== undefined && inside(root, target)) continue;
    dropped.push(link);
    try {
      if ((await fs.lstat(p)).isSymbolicLink()) await fs.unlink(p);
    } catch {
      // Already gone.
    }
  }
  return dropped.sort();
}
