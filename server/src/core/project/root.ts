// Which files are ours: the azldev project root of a file (nearest `azldev.toml` walking up, as azldev's
// finder.go does), and whether a TOML file is an azldev config, a per-file overlay document, or neither.
import * as path from 'node:path';
import type { FileSystem } from '../fs';
import { HOUSE_RULES_FILE } from '../houseRules/projectFile';

export const PROJECT_FILE = 'azldev.toml';

export type FileKind = 'config' | 'overlay-file';

/** The directory holding the nearest azldev.toml at or above the file's directory, or undefined. */
export function findProjectRoot(fs: FileSystem, file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  if (path.basename(file) === PROJECT_FILE && fs.exists(file)) return dir;
  while (true) {
    if (fs.exists(path.join(dir, PROJECT_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The kind of an azldev TOML file, or undefined when the file is not azldev's: TOML at or below a
 * project root (except the house rules file), plus `*.comp.toml`, `*.distro.toml` and `*.overlay.toml` anywhere.
 */
export function classifyFile(fs: FileSystem, file: string): FileKind | undefined {
  const base = path.basename(file);
  // The project's house rules (`.distro-toml.toml`) are ours, not azldev's: validated on their own (houseRules/).
  if (!base.endsWith('.toml') || base === HOUSE_RULES_FILE) return undefined;
  if (base.endsWith('.overlay.toml')) return 'overlay-file';
  if (base.endsWith('.comp.toml') || base.endsWith('.distro.toml') || base === PROJECT_FILE) return 'config';
  return findProjectRoot(fs, file) !== undefined ? 'config' : undefined;
}
