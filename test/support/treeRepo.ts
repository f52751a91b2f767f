// A repository holding every package name a tree uses, read from the tree's files without our package
// rules: a source package per component (or its upstream-name), a binary per package-group entry built from
// the source its `# srpm:` comment names, and one package providing every capability the dependency-tag
// overlays require. Written as primary.xml + repomd.xml (writeHandmadeRepo), gzip-compressed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDependencies } from '../../server/src/core/packages/depString';
import { toJS } from '../../server/src/core/toml';
import type { ProjectModel } from '../../server/src/core/project/projectModel';
import { writeHandmadeRepo } from './handmadeRepo';

const DEP_TAG = /^(requires|buildrequires|recommends|suggests|supplements|enhances|orderwithrequires|provides|obsoletes|conflicts|buildconflicts)(\(.*\))?$/i;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface TreeNames {
  sources: Set<string>;
  /** Binary name -> the source its `# srpm:` comment names. */
  binaries: Map<string, string>;
  capabilities: Set<string>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

export function treeNames(model: ProjectModel): TreeNames {
  const names: TreeNames = { sources: new Set(), binaries: new Map(), capabilities: new Set() };
  for (const [name, def] of model.unions.components) {
    const c = obj(toJS(def.node)) ?? {};
    const spec = obj(c['spec']);
    const up = typeof spec?.['upstream-name'] === 'string' ? spec['upstream-name'] : undefined;
    names.sources.add(up ?? name);
    for (const o of Array.isArray(c['overlays']) ? c['overlays'] : []) {
      const ov = obj(o);
      if (typeof ov?.['tag'] !== 'string' || typeof ov['value'] !== 'string' || !DEP_TAG.test(ov['tag'])) continue;
      for (const r of parseDependencies(ov['value'], new Map([['name', up ?? name]])).refs) names.capabilities.add(r.name);
    }
  }
  for (const file of model.contributions.keys()) {
    if (!file.endsWith('.packages.toml')) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\s*"([^"]+)",?\s*#\s*srpm:\s*(\S+)/gm)) names.binaries.set(m[1] as string, m[2] as string);
  }
  return names;
}

function pkg(name: string, arch: string, sourceRpm: string, provides: string[] = []): string {
  const prov = provides.map((p) => `<rpm:entry name="${esc(p)}"/>`).join('');
  return `<package type="rpm"><name>${esc(name)}</name><arch>${arch}</arch><version epoch="0" ver="1.0" rel="1.fc43"/><summary>${esc(name)} summary</summary><url>https://example.org/${esc(name)}</url><format><rpm:sourcerpm>${esc(sourceRpm)}</rpm:sourcerpm><rpm:provides><rpm:entry name="${esc(name)}" flags="EQ" epoch="0" ver="1.0" rel="1.fc43"/>${prov}</rpm:provides></format></package>`;
}

/** Writes the repository into `dir`; returns how many packages it holds. */
export function writeTreeRepo(dir: string, names: TreeNames): number {
  const pkgs: string[] = [];
  for (const s of names.sources) pkgs.push(pkg(s, 'src', ''));
  for (const [b, s] of names.binaries) pkgs.push(pkg(b, 'x86_64', `${s}-1.0-1.fc43.src.rpm`));
  pkgs.push(pkg('tree-capabilities', 'noarch', 'tree-capabilities-1.0-1.fc43.src.rpm', [...names.capabilities]));
  fs.mkdirSync(dir, { recursive: true });
  writeHandmadeRepo(dir, `<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${pkgs.length}">\n${pkgs.join('\n')}\n</metadata>\n`);
  return pkgs.length;
}

export function treeRepoPath(tmp: string): string {
  return path.join(tmp, 'tree-repo');
}
