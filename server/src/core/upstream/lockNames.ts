// How upstream cache locks are named (`<cache>/.locks/<key>.lock`, the key being `<package>-<hash>` for a dist-git
// clone and `local-<package>-<hash>` for an export from a local checkout), so a package's locks can be found by
// its name, and the instruction every lock message ends with.

export const LOCKS_DIR = '.locks';
export const LOCAL_KEY_PREFIX = 'local-';

/** The package name as it appears in cache keys. */
export function readablePackage(pkg: string): string {
  return pkg.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 80);
}

/** Whether the lock file name `entry` (e.g. `foo-0123456789ab.lock`) belongs to package `pkg`. */
export function isLockOf(entry: string, pkg: string): boolean {
  const m = /^(.*)-[0-9a-f]{12}\.lock$/.exec(entry);
  if (!m) return false;
  const stem = m[1] as string;
  const readable = readablePackage(pkg);
  return stem === readable || stem === LOCAL_KEY_PREFIX + readable;
}

export function unlockHint(pkg: string): string {
  return `if no distro-toml or editor is fetching it any more, free it with \`distro-toml upstream unlock ${pkg}\``;
}
