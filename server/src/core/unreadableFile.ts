// Why a file the project names could not be read, in words a diagnostic can carry: not there, not a
// regular file (a device, FIFO or socket is never opened), or over the per-file size limit. Messages name
// files relative to the project, never by the machine's absolute path (it would end up in CI logs).
import * as path from 'node:path';
import { isWithin } from './confinement';
import type { CoreDiagnostic } from './diagnostics';
import { MAX_FILE_BYTES, type FileSystem } from './fs';

export interface Unreadable {
  code: 'file-not-regular' | 'file-too-large' | 'file-unreadable';
  /** Completes "<path> …". */
  message: string;
}

const KIND_NAME = { fifo: 'a FIFO (named pipe)', socket: 'a socket', device: 'a device', directory: 'a directory', other: 'not a regular file' } as const;

/** What azldev does with it: it opens every path its globs match that is not a directory. */
const AZLDEV_OPENS = { fifo: '; azldev would open it and wait for a writer, without end', socket: '; azldev fails to open it', device: '; azldev would read the device', directory: '', other: '' } as const;

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Why the file would not be read, judged from its type and size alone (no open); undefined when it would be. */
export function unreadableByStat(fs: FileSystem, file: string): Unreadable | undefined {
  const st = fs.stat?.(file);
  if (st && st.kind !== 'file') {
    return { code: 'file-not-regular', message: `is ${KIND_NAME[st.kind]}, not a regular file: it was not read (Distro TOML opens regular files only${AZLDEV_OPENS[st.kind]})` };
  }
  if (st && st.size > MAX_FILE_BYTES) {
    return { code: 'file-too-large', message: `is ${mib(st.size)}, over the ${mib(MAX_FILE_BYTES)} limit for one file; it is not read` };
  }
  return undefined;
}

export function explainUnreadable(fs: FileSystem, file: string): Unreadable {
  return unreadableByStat(fs, file) ?? { code: 'file-unreadable', message: fs.stat?.(file) ? 'cannot be read (check its permissions)' : 'does not exist or cannot be read' };
}

/**
 * How a message names a file: relative to `base` (the project root) when it lies below it, by its own name when
 * it is the root itself; a path outside stays as it is (the user's own words, or where a link leads).
 */
export function shownPath(base: string, file: string): string {
  if (!isWithin(base, file)) return file;
  return path.relative(base, file) || path.basename(file);
}

/** The error at the top of a file that could not be read, which names it relative to `base`. */
export function unreadableFileDiagnostic(fs: FileSystem, file: string, base: string): CoreDiagnostic {
  const why = explainUnreadable(fs, file);
  return { file, span: { start: 0, end: 0 }, severity: 'error', code: why.code, message: `${shownPath(base, file)} ${why.message}` };
}
