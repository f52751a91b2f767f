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

/** Specs whose decoded text is kept with the bytes it came from, the most recently read last. */
const DECODED_LIMIT = 8;
const decoded = new Map<string, { bytes: Buffer; text: string }>();

/**
 * The text of a spec in a tree, under the same rules and the text cap. The file is read each time, but the
 * same bytes as the last time are not decoded again: they give the same string object (the overlay check reads
 * its spec on every keystroke, and decoding kernel.spec's 392 KB costs ~5 ms of CPU, comparing the bytes ~0.1 ms).
 */
export function readTreeText(dir: string, name: string): string | undefined {
  const bytes = readTreeFile(dir, name, MAX_FILE_BYTES);
  if (bytes === undefined) return undefined;
  const file = path.join(dir, ...name.split('/'));
  const last = decoded.get(file);
  decoded.delete(file);
  const text = last !== undefined && last.bytes.equals(bytes) ? last.text : bytes.toString('utf8');
  decoded.set(file, { bytes, text });
  if (decoded.size > DECODED_LIMIT) decoded.delete(decoded.keys().next().value as string);
  return text;
}
