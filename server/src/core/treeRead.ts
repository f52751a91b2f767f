// Reading a file of a spec tree (a local spec's folder, a specs folder, an upstream dist-git export) only
// when it stays inside that tree once links are resolved, is a regular file, and is within the size cap:
// a link in a hostile dist-git tree (`leak -> /etc/passwd`) or a `../` name reads nothing.
import * as path from 'node:path';
import { checkConfined } from './confinement';
import { diskFileSystem, MAX_FILE_BYTES, readRegularFile } from './fs';

/** The largest sidecar or overlay source file a render copies: 64 MiB (patches and configs, not source archives). */
export const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;

/** The bytes of `name` (relative, `/`-separated) in the tree at `dir`, or undefined when it may not or cannot be read. */
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
