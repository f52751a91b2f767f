// The file-system view the core reads through: the real disk for the CLI, disk plus open editor buffers
// for the language server, and an in-memory map for unit tests. The disk view opens regular files only
// (never a device, FIFO or socket) and none larger than MAX_FILE_BYTES, so no read can block or exhaust memory.
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { decodeUtf8, type Utf8Problem } from './text/utf8';

/** The largest file the core reads: 8 MiB, eight times the largest file of the Azure Linux tree. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
  /** The entry is a symbolic link (isDirectory/isFile then describe its target). */
  isSymbolicLink?: boolean;
}

export type FileType = 'file' | 'directory' | 'fifo' | 'socket' | 'device' | 'other';

/** What a path leads to, symbolic links followed. */
export interface FileStat {
  kind: FileType;
  size: number;
  /** Device and inode: the identity of a real file or directory, whatever path reaches it. */
  dev: number;
  ino: number;
}

export interface FileSystem {
  /** Text of the file, or undefined when it does not exist, is no regular file, is too large or cannot be read. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Entries of a directory, or [] when it does not exist. */
  readDirectory(path: string): DirEntry[];
  /** Ill-formed UTF-8 found the last time `path` was read (decoded as U+FFFD), for a diagnostic. */
  utf8Problems?(path: string): readonly Utf8Problem[];
  /** The path with every symbolic link resolved, or undefined when it does not exist. */
  realPath?(path: string): string | undefined;
  /** What the path leads to, or undefined when it does not exist. */
  stat?(path: string): FileStat | undefined;
  /** What makes a directory itself (device and inode on disk), so walks can tell two paths to it apart from two directories. */
  directoryIdentity?(path: string): string | undefined;
}

function kindOf(st: nodeFs.Stats): FileType {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  return 'other';
}

/**
 * The bytes of a regular file of at most `maxBytes`, or undefined. Opened without blocking (a FIFO would
 * block an ordinary open) and checked on the open descriptor, so a path swapped for a device in between is
 * still refused; reads stop at the cap even when the file grows while being read.
 */
export function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES): Buffer | undefined {
  let fd: number;
  try {
    fd = nodeFs.openSync(path, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = nodeFs.fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    while (length < buf.length) {
      const n = nodeFs.readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return length > maxBytes ? undefined : buf.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** Files whose last read from disk held ill-formed UTF-8. */
const diskUtf8Problems = new Map<string, Utf8Problem[]>();

export const diskFileSystem: FileSystem = {
  readFile(path) {
    const bytes = readRegularFile(path);
    if (bytes === undefined) return undefined;
    const { text, problems } = decodeUtf8(bytes);
    if (problems.length) diskUtf8Problems.set(path, problems);
    else diskUtf8Problems.delete(path);
    return text;
  },
  utf8Problems: (path) => diskUtf8Problems.get(path) ?? [],
  exists(path) {
    return nodeFs.existsSync(path);
  },
  isDirectory(path) {
    try {
      return nodeFs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDirectory(path) {
    try {
      return nodeFs.readdirSync(path, { withFileTypes: true }).map((d) => {
        let isDirectory = d.isDirectory();
        let isFile = d.isFile();
        const isSymbolicLink = d.isSymbolicLink();
        if (isSymbolicLink) {
          try {
            const st = nodeFs.statSync(nodePath.join(path, d.name));
            isDirectory = st.isDirectory();
            isFile = st.isFile();
          } catch {
            // A dangling link is neither.
          }
        }
        return { name: d.name, isDirectory, isFile, isSymbolicLink };
      });
    } catch {
      return [];
    }
  },
  realPath(path) {
    try {
      // The system's realpath(3): one call, where the JavaScript realpathSync lstat()s every component.
      return nodeFs.realpathSync.native(path);
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const st = nodeFs.statSync(path);
      return { kind: kindOf(st), size: st.size, dev: st.dev, ino: st.ino };
    } catch {
      return undefined;
    }
  },
  directoryIdentity(path) {
    try {
      const st = nodeFs.statSync(path, { bigint: true });
      return st.isDirectory() ? `${st.dev}:${st.ino}` : undefined;
    } catch {
      return undefined;
    }
  },
};

/** A file system over a map of absolute POSIX paths to contents; directories are implied by the paths. */
export function memoryFileSystem(files: Record<string, string>): FileSystem {
  const norm = (p: string) => nodePath.posix.normalize(p).replace(/\/+$/, '') || '/';
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(files)) map.set(norm(k), v);
  const isDir = (p: string) => {
    const prefix = norm(p) === '/' ? '/' : norm(p) + '/';
    for (const k of map.keys()) if (k.startsWith(prefix)) return true;
    return false;
  };
  // Without links, a path is its own identity: number the paths as they are asked about.
  const inodes = new Map<string, number>();
  const inodeOf = (p: string) => {
    let ino = inodes.get(p);
    if (ino === undefined) inodes.set(p, (ino = inodes.size + 1));
    return ino;
  };
  return {
    readFile: (p) => map.get(norm(p)),
    exists: (p) => map.has(norm(p)) || isDir(p),
    isDirectory: isDir,
    readDirectory(p) {
      const prefix = norm(p) === '/' ? '/' : norm(p) + '/';
      const seen = new Map<string, DirEntry>();
      for (const k of map.keys()) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash < 0 ? rest : rest.slice(0, slash);
        if (!seen.has(name)) seen.set(name, { name, isDirectory: slash >= 0, isFile: slash < 0 });
      }
      return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    realPath: (p) => (map.has(norm(p)) || isDir(p) ? norm(p) : undefined),
    stat(p) {
      const text = map.get(norm(p));
      if (text !== undefined) return { kind: 'file', size: Buffer.byteLength(text), dev: 0, ino: inodeOf(norm(p)) };
      return isDir(p) ? { kind: 'directory', size: 0, dev: 0, ino: inodeOf(norm(p)) } : undefined;
    },
  };
}
