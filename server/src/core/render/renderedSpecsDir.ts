// The project's rendered-specs-dir (`[project] rendered-specs-dir`, the last file that sets it winning, relative
// to that file), or azldev's default `specs` beside the project file (ProjectInfo.ApplyProjectDefaults).
import * as path from 'node:path';
import type { ProjectModel } from '../project/projectModel';

export function renderedSpecsDirOf(model: ProjectModel): string {
  let dir = 'specs';
  let base = path.dirname(model.rootFile);
  for (const s of model.sections.project) {
    const v = s.entry.node.type === 'table' ? s.entry.node.entries.get('rendered-specs-dir')?.node : undefined;
    if (v?.type === 'scalar' && v.syntax.kind === 'string' && v.syntax.value !== '') {
      dir = v.syntax.value;
      base = path.dirname(s.file);
    }
  }
  return path.resolve(base, dir);
}
