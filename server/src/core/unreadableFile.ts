// Why a file the project names could not be read, in words a diagnostic can carry: not there, not a
// regular file (a device, FIFO or socket is never opened), or over the per-file size limit.
import { MAX_FILE_BYTES, type FileSystem } from './fs';

export interface Unreadable {
  code: 'file-not-regular' | 'file-too-large' | 'file-unreadable';
  /** Completes "<path> …". */
  message: string;
}

const KIND_NAME = { fifo: 'a FIFO (named pipe)', socket: 'a socket', device: 'a device', directory: 'a directory', other: 'not a regular file' } as const;

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function explainUnreadable(fs: FileSystem, file: string): Unreadable {
  const st = fs.stat?.(file);
  if (st && st.kind !== 'file') {
    return { code: 'file-not-regular', message: `is ${KIND_NAME[st.kind]}, not a regular file; Distro TOML opens regular files only` };
  }
  if (st && st.size > MAX_FILE_BYTES) {
    return { code: 'file-too-large', message: `is ${mib(st.size)}, over the ${mib(MAX_FILE_BYTES)} limit for one file; it is not read` };
  }
  return { code: 'file-unreadable', message: st ? 'cannot be read (check its permissions)' : 'does not exist or cannot be read' };
}
