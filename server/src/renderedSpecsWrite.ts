// `render --all --check --write`: brings one component's directory of the rendered-specs-dir to what azldev's
// `render -a --clean-stale` leaves there — the directory replaced by exactly the rendered files (or the
// RENDER_FAILED marker), the `+`-escaped alias link azldev adds beside it — and removes orphan directories.
// Every write stays inside the rendered-specs-dir: names are checked first, only real directories are walked (a
// link on the way is refused, never followed), files are created with O_NOFOLLOW, and a directory is removed
// only when it was reached through real directories (rm does not follow the links inside it).
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { renderedDirAlias, renderedDirOf, type WritePlan } from './core/render/drift';
import { outputFileProblem, renderedDirProblem } from './renderOutput';

export type WriteResult = { ok: true } | { ok: false; message: string };

class Refused extends Error {}

/** `root/rel` reached through real directories only; undefined when a step is missing. */
function realPath(root: string, rel: string, create: boolean): string | undefined {
  let dir = root;
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') throw new Refused(`\`${rel}\` is not a plain path below ${root}`);
    dir = path.join(dir, seg);
    let st: nodeFs.Stats | undefined;
    try {
      st = nodeFs.lstatSync(dir);
    } catch {
      st = undefined;
    }
    if (st === undefined) {
      if (!create) return undefined;
      nodeFs.mkdirSync(dir);
    } else if (!st.isDirectory()) {
      throw new Refused(`${dir} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}; the drift check writes only into real directories below ${root}`);
    }
  }
  return dir;
}

function writeFile(file: string, bytes: Uint8Array): void {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = nodeFs.constants;
  // The directory was just emptied: O_EXCL refuses anything that appeared in between.
  const fd = nodeFs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644);
  try {
    nodeFs.writeSync(fd, bytes);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** Replaces the component's directory below `root` with exactly `files`. */
export function writeRenderedDir(root: string, component: string, files: WritePlan): WriteResult {
  const nameProblem = renderedDirProblem(component);
  if (nameProblem !== undefined) return { ok: false, message: nameProblem };
  for (const rel of files.keys()) {
    const problem = outputFileProblem(rel);
    if (problem !== undefined) return { ok: false, message: `refusing to write the rendered files of ${component}: ${problem}` };
  }
  try {
    const real = nodeFs.realpathSync(root);
    const rel = renderedDirOf(component);
    const existing = realPath(real, rel, false);
    if (existing !== undefined) nodeFs.rmSync(existing, { recursive: true, force: true });
    const dir = realPath(real, rel, true) as string;
    for (const [name, bytes] of files) {
      const parts = name.split('/');
      const parent = parts.length > 1 ? (realPath(dir, parts.slice(0, -1).join('/'), true) as string) : dir;
      writeFile(path.join(parent, parts[parts.length - 1] as string), bytes);
    }
    const alias = renderedDirAlias(component);
    if (alias !== undefined && !alias.includes('/')) {
      const link = path.join(path.dirname(dir), alias);
      let st: nodeFs.Stats | undefined;
      try {
        st = nodeFs.lstatSync(link);
      } catch {
        st = undefined;
      }
      if (st !== undefined && !st.isSymbolicLink()) return { ok: false, message: `alias path ${link} is already occupied by a non-symlink entry; refusing to overwrite` };
      if (st !== undefined) nodeFs.unlinkSync(link);
      nodeFs.symlinkSync(component, link);
    }
    return { ok: true };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, message: err.message };
    return { ok: false, message: `cannot write the rendered files of ${component} below ${root}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Removes orphan directories (`<letter>/<name>`) found by the check. */
export function removeOrphanDir(root: string, rel: string): WriteResult {
  try {
    const dir = realPath(nodeFs.realpathSync(root), rel, false);
    if (dir !== undefined) nodeFs.rmSync(dir, { recursive: true, force: true });
    return { ok: true };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
