// The dist-git reference azldev fetches an upstream component from: the package (`upstream-name` or the
// component name), the upstream distro (`spec.upstream-distro`, else the project's default distro) with its
// `dist-git-base-uri` and the version's `dist-git-branch`, the pinned `upstream-commit` and the snapshot.
import type { EffectiveNode } from '../project/effectiveConfig';
import { defaultDistro } from '../project/effectiveConfig';
import { distroField, distroVersions, type ProjectModel } from '../project/projectModel';
import type { ModelNode } from '../toml';
import type { UpstreamRef } from '../upstream/distGit';

function child(node: EffectiveNode | undefined, ...keys: string[]): EffectiveNode | undefined {
  let cur = node;
  for (const k of keys) cur = cur?.kind === 'table' ? cur.entries.get(k) : undefined;
  return cur;
}

function str(node: EffectiveNode | undefined): string {
  return node?.kind === 'value' && typeof node.value === 'string' ? node.value : '';
}

function modelString(node: ModelNode | undefined): string {
  return node?.type === 'scalar' && node.syntax.kind === 'string' ? node.syntax.value : '';
}

export interface UpstreamDistro {
  name: string;
  version: string;
  snapshot: string;
}

export function upstreamDistroOf(model: ProjectModel, config: EffectiveNode): UpstreamDistro | undefined {
  const ud = child(config, 'spec', 'upstream-distro');
  const fallback = defaultDistro(model);
  const name = str(child(ud, 'name')) || fallback?.name || '';
  if (name === '') return undefined;
  const version = str(child(ud, 'version')) || modelString(distroField(model, name, 'default-version')?.node);
  return { name, version, snapshot: str(child(ud, 'snapshot')) };
}

/** The value of a field of a distro version (later definitions win). */
export function distroVersionField(model: ProjectModel, distro: string, version: string, key: string): string {
  let value = '';
  for (const v of distroVersions(model, distro).get(version) ?? []) {
    const n = v.entry.node.type === 'table' ? v.entry.node.entries.get(key)?.node : undefined;
    const s = modelString(n);
    if (s !== '') value = s;
  }
  return value;
}

export function upstreamRefFor(model: ProjectModel, name: string, config: EffectiveNode): { ok: true; ref: UpstreamRef } | { ok: false; message: string } {
  const distro = upstreamDistroOf(model, config);
  if (!distro) return { ok: false, message: `component \`${name}\` names no upstream distro and the project has no default distro` };
  const baseUri = modelString(distroField(model, distro.name, 'dist-git-base-uri')?.node);
  if (baseUri === '') return { ok: false, message: `distro \`${distro.name}\` has no dist-git-base-uri` };
  const branch = distroVersionField(model, distro.name, distro.version, 'dist-git-branch');
  if (branch === '') return { ok: false, message: `distro \`${distro.name}\` version \`${distro.version}\` has no dist-git-branch` };
  const pkg = str(child(config, 'spec', 'upstream-name')) || name;
  const commit = str(child(config, 'spec', 'upstream-commit'));
  return { ok: true, ref: { pkg, baseUri, branch, ...(commit ? { commit } : {}), ...(distro.snapshot ? { snapshot: distro.snapshot } : {}) } };
}
