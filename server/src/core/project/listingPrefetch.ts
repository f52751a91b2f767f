// Directory listings read ahead of an include glob's expansion, a few directories a step. The include walk
// (includes.ts) expands `comps/**/*.comp.toml` over the ~200 directories of the real tree's components, asking the
// disk four things about each (whether it exists, its real path, its identity, its entries) and the real path of
// each file it matches: ~25 ms in one piece at start-up, while an edit waited. The walk asks its questions through a memo of the tree's shape for its own
// length (fileSystemSnapshot), and before such an expansion it runs this: the same questions for the directories
// the `**` will walk, in steps it yields between, so the expansion finds the answers remembered. Only directories
// inside the roots are read ahead (their real paths too), each real directory once, and a bounded number of them
// (the expansion lists whatever is left itself). What is asked here changes nothing the expansion decides.
import * as path from 'node:path';
import { checkConfined, directoryIdentityOf, realRootsOf } from '../confinement';
import { indexMeta } from '../glob/pattern';
import type { FileSystem } from '../fs';
import type { LoadStep } from './includes';

/** Directories listed ahead in one step (each ~0.1 ms on a cold start: four questions to the disk, and one a file). */
export const DIRECTORIES_PER_STEP = 8;
/** Directories listed ahead for one pattern at most. */
export const PREFETCH_LIMIT = 10_000;

/** The directory a `**` pattern's expansion starts from: the path before its first glob character; undefined without `**`. */
export function doubleStarStart(absPattern: string): string | undefined {
  // (With an escape, the expansion's start is the unescaped text: it is left to find it.)
  if (!absPattern.includes('**') || absPattern.includes('\\')) return undefined;
  const meta = indexMeta(absPattern);
  return meta < 0 ? undefined : path.dirname(absPattern.slice(0, meta + 1));
}

/**
 * Lists, through `fs` (the walk's memo), the directories below the start of a `**` pattern, depth first; pauses
 * (`listing DIR`, the next directory to list) after every DIRECTORIES_PER_STEP.
 */
export function* prefetchListings(fs: FileSystem, absPattern: string, roots: readonly string[], perStep = DIRECTORIES_PER_STEP): Generator<LoadStep, void, void> {
  const start = doubleStarStart(absPattern);
  if (start === undefined) return;
  const realRoots = realRootsOf(fs, roots);
  const entered = new Set<string>();
  const stack = [start];
  let listed = 0;
  while (stack.length && listed < PREFETCH_LIMIT) {
    const dir = stack.pop() as string;
    if (!fs.exists(dir) || !checkConfined(fs, roots, dir, realRoots).ok) continue;
    // Asked as the confined expansion asks it, so its answer is remembered for the expansion.
    const id = directoryIdentityOf(fs, dir);
    if (entered.has(id)) continue;
    entered.add(id);
    if (listed > 0 && listed % perStep === 0) yield { work: `listing ${dir}` };
    listed++;
    const entries = fs.readDirectory(dir);
    for (let k = entries.length - 1; k >= 0; k--) {
      const e = entries[k];
      if (!e) continue;
      const entry = path.join(dir, e.name);
      if (e.isDirectory) stack.push(entry);
      // The expansion admits each file it matches by its real path.
      else fs.realPath?.(entry);
    }
  }
}
