// Settings a workspace folder sets for its own files. In a multi-root workspace each folder can choose its own
// schema, authoring-guide lints, rule levels and extra config files; a file takes the settings of the innermost
// folder holding it, and a file outside every listed folder takes the service's own (the setters').
import * as path from 'node:path';
import type { RuleLevels } from './houseRules/levels';
import type { SchemaSetting } from './schema/schemaChoice';

export interface FolderSettings {
  schema: SchemaSetting;
  lint: boolean;
  ruleLevels: RuleLevels;
  /** Absolute paths, loaded after the include tree of each project in the folder (azldev's `--config-file`). */
  extraConfigFiles: string[];
}

/** The innermost of `folders` holding `file` (the folder itself counts), or undefined. */
export function folderOf(folders: Iterable<string>, file: string): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const rel = path.relative(folder, file);
    const inside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    if (inside && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best;
}
