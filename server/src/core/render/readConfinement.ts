// What a render may read: the local spec, overlay sources and overlay files from inside the project only;
// sidecar files from inside their own tree only (a link in a dist-git tree that points elsewhere is not
// followed, see treeRead.ts); regular files only, each within a size cap, so a device, FIFO or huge file cannot stall it.
import { checkConfined } from '../confinement';
import { readRegularFile, type FileSystem } from '../fs';
import type { SourceReader } from '../overlays';
import { MAX_SIDECAR_BYTES } from '../treeRead';


/** Why reading `file` for a render is refused, or undefined when it may be read. */
export function refusedRead(fs: FileSystem, projectRoot: string, file: string, what: string): string | undefined {
  const verdict = checkConfined(fs, [projectRoot], file);
  return verdict.ok ? undefined : `${what} ${JSON.stringify(file)} is not read: it ${verdict.reason}`;
}

/** Overlay sources from disk: regular files of at most MAX_SIDECAR_BYTES. */
export const diskSource: SourceReader = (p) => readRegularFile(p, MAX_SIDECAR_BYTES);
