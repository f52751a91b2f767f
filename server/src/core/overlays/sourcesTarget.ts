// Where an overlay may put a file: inside the component's sources directory, as azldev's os.Root-backed
// destination (rootfs.go) allows — the name is cleaned, a leading `/` means the sources root, and any `..` that
// climbs above the root is refused ("path escapes from parent") before anything is read or written.
import { goBase, goClean } from '../rules/goPaths';

/** `escapes`: the path leaves the sources (os.Root's refusal); otherwise it names the sources directory itself or holds a NUL. */
export type SourcesTarget = { ok: true; name: string } | { ok: false; escapes: boolean; reason: string };

/** The `/`-separated name inside the sources directory that `file` designates, or why it designates none. */
export function sourcesTarget(file: string): SourcesTarget {
  const cleaned = goClean(file).replace(/^\/+/, '');
  if (cleaned === '' || cleaned === '.') return { ok: false, escapes: false, reason: 'it names the sources directory itself' };
  if (cleaned === '..' || cleaned.startsWith('../')) return { ok: false, escapes: true, reason: 'path escapes from parent' };
  if (file.includes('\0')) return { ok: false, escapes: false, reason: 'it holds a null byte' };
  return { ok: true, name: cleaned };
}

/** True when `replacement` renames a file to a file name (not `.`, `..` or a path), as file-rename needs. */
export function isRenameTarget(replacement: string): boolean {
  return replacement !== '' && replacement !== '.' && replacement !== '..' && goBase(replacement) === replacement && !replacement.includes('\0');
}
