// Which schema validates a project: ours (bundled), the one the workspace vendors, or a file the user names.
import * as path from 'node:path';
import { checkConfined } from '../confinement';
import type { FileSystem } from '../fs';

export type SchemaSetting = 'bundled' | 'workspace' | string;

export interface ResolvedSchema {
  kind: 'bundled' | 'workspace' | 'file';
  /** Where the config schema was read from. */
  path: string;
  /** Set when the requested schema could not be used and the bundled one stands in. */
  error?: string;
}

/** Places a workspace vendors azldev's schema, relative to the project root, in the order tried. */
export const WORKSPACE_SCHEMA_CANDIDATES = ['external/schemas/azldev.schema.json', 'schemas/azldev.schema.json', 'azldev.schema.json'];

/** The vendored schema: a file inside the project (a link out of it, say to /proc/self/environ, is not taken). */
export function findWorkspaceSchema(fs: FileSystem, projectRoot: string): string | undefined {
  for (const rel of WORKSPACE_SCHEMA_CANDIDATES) {
    const p = path.join(projectRoot, rel);
    if (fs.exists(p) && !fs.isDirectory(p) && checkConfined(fs, [projectRoot], p).ok) return p;
  }
  return undefined;
}

/** Resolves the setting to a schema file path; falls back to the bundled schema with the reason. */
export function resolveSchemaSetting(fs: FileSystem, setting: SchemaSetting, projectRoot: string | undefined, bundledPath: string, cwd: string): ResolvedSchema {
  if (setting === 'bundled' || setting === '') return { kind: 'bundled', path: bundledPath };
  if (setting === 'workspace') {
    const found = projectRoot ? findWorkspaceSchema(fs, projectRoot) : undefined;
    if (found) return { kind: 'workspace', path: found };
    return {
      kind: 'bundled',
      path: bundledPath,
      error: projectRoot
        ? `No vendored schema in the workspace (looked for ${WORKSPACE_SCHEMA_CANDIDATES.join(', ')} under ${projectRoot}); using the bundled schema`
        : 'No azldev project root (azldev.toml) found, so no workspace schema; using the bundled schema',
    };
  }
  const p = path.resolve(projectRoot ?? cwd, setting);
  if (fs.exists(p) && !fs.isDirectory(p)) return { kind: 'file', path: p };
  return { kind: 'bundled', path: bundledPath, error: `Schema file ${p} does not exist; using the bundled schema` };
}
