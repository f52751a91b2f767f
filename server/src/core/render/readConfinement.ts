// What a render may read: the local spec, overlay sources and overlay files from inside the project only;
// sidecar files from inside their own tree only (a link in a dist-git tree that points elsewhere is not
// followed); regular files only, each within a size cap, so a device, FIFO or huge file cannot stall it.
import * as path from 'node:path';
import { checkConfined } from '../confinement';
import { diskFileSystem, MAX_FILE_BYTES, readRegularFile, type FileSystem } from '../fs';
import type { SourceReader } from '../overlays';

/** The largest sidecar or overlay source file a render copies: 64 MiB (patches and configs, not source archives). */
export const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;

/** Why reading `file` for a render is refused, or undefined when it may be read. */
export function refusedRead(fs: FileSystem, projectRoot: string, file: string, what: string): string | undefined {
  const verdict = checkConfined(fs, [projectRoot], file);
  return verdict.ok ? undefined : `${what} ${JSON.stringify(file)} is not read: it ${verdict.reason}`;
}

/** Overlay sources from disk: regular files of at most MAX_SIDECAR_BYTES. */
export const diskSource: SourceReader = (p) => readRegularFile(p, MAX_SIDECAR_BYTES);

/** A file of a spec tree, read only when it stays inside the tree (links resolved), is regular and within the cap. */
export function readTreeFile(dir: string, name: string, maxBytes = MAX_SIDECAR_BYTES): Buffer | undefined {
  if (name === '' || path.isAbsolute(name) || name.split('/').includes('..')) return undefined;
  const file = path.join(dir, ...name.split('/'));
  if (!checkConfined(diskFileSystem, [dir], file).ok) return undefined;
  return readRegularFile(file, maxBytes);
}

/** The text of a spec in a tree, under the same rules and the text cap. */
export function readTreeText(dir: string, name: string): string | undefined {
  return readTreeFile(dir, name, MAX_FILE_BYTES)?.toString('utf8');
}
