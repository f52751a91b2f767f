// The file-system view the core reads through: the real disk for the CLI, disk plus open editor buffers
// for the language server, and an in-memory map for unit tests.
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

export interface FileSystem {
  /** Text of the file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Entries of a directory, or [] when it does not exist. */
  readDirectory(path: string): DirEntry[];
  /** What makes a directory itself (device and inode on disk), so walks can tell two paths to it apart from two directories. */
  directoryIdentity?(path: string): string | undefined;
}

export const diskFileSystem: FileSystem = {
  readFile(path) {
    try {
      return nodeFs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
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
        if (d.isSymbolicLink()) {
          try {
            const st = nodeFs.statSync(nodePath.join(path, d.name));
            isDirectory = st.isDirectory();
            isFile = st.isFile();
          } catch {
            // A dangling link is neither.
          }
        }
        return { name: d.name, isDirectory, isFile };
      });
    } catch {
      return [];
    }
  },
  directoryIdentity(path) {
    try {
      const st = nodeFs.statSync(path, { bigint: true });
      return `${st.dev}:${st.ino}`;
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
  };
}
