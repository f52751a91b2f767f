// Where an overlay may put a file: inside the component's sources directory, as azldev's os.Root-backed
// destination (rootfs.go) allows — the name is cleaned, a leading `/` means the sources root, and any `..` that
// climbs above the root is refused ("path escapes from parent") before anything is read or written.
import { goBase, goClean } from '../rules/goPaths';

export type SourcesTarget = { ok: true; name: string } | { ok: false; reason: string };

/** The `/`-separated name inside the sources directory that `file` designates, or why it designates none. */
export function sourcesTarget(file: string): SourcesTarget {
  const cleaned = goClean(file).replace(/^\/+/, '');
  if (cleaned === '' || cleaned === '.') return { ok: false, reason: 'is the sources directory itself, not a file in it' };
  if (cleaned === '..' || cleaned.startsWith('../')) return { ok: false, reason: 'path escapes from parent' };
  if (file.includes('\0')) return { ok: false, reason: 'must not contain null bytes' };
  return { ok: true, name: cleaned };
}

/** True when `replacement` renames a file to a file name (not `.`, `..` or a path), as file-rename needs. */
export function isRenameTarget(replacement: string): boolean {
  return replacement !== '' && replacement !== '.' && replacement !== '..' && goBase(replacement) === replacement && !replacement.includes('\0');
}
