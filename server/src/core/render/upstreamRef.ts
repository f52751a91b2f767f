// The dist-git reference azldev fetches an upstream component from: the package (`upstream-name` or the
// component name), the upstream distro (`spec.upstream-distro`, else the project's default distro) with its
// `dist-git-base-uri` and the version's `dist-git-branch`, the pinned `upstream-commit` and the snapshot.
import type { EffectiveNode } from '../project/effectiveConfig';
import { projectDistroRef } from '../project/effectiveConfig';
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
  /** The reference's version, else the distro's `default-version`; '' when neither names one. */
  version: string;
  snapshot: string;
  /** Where the reference came from: the component's `spec.upstream-distro`, or the project's `default-distro`. */
  from: 'component' | 'project';
  /** What named the version, in words: the reference, or the distro's `default-version`. */
  versionFrom: string;
}

/**
 * The distro reference azldev resolves an upstream component against (sourcemanager.go ResolveDistro): the
 * component's `spec.upstream-distro` when it names a distro, else the project's `default-distro` whole
 * (name, version and snapshot); then a missing version is the distro's `default-version` (ResolveDistroRef).
 */
export function upstreamDistroOf(model: ProjectModel, config: EffectiveNode): UpstreamDistro | undefined {
  const ud = child(config, 'spec', 'upstream-distro');
  const own = str(child(ud, 'name'));
  const ref = own !== '' ? { name: own, version: str(child(ud, 'version')), snapshot: str(child(ud, 'snapshot')) } : projectDistroRef(model);
  if (ref.name === '') return undefined;
  const from = own !== '' ? 'component' : 'project';
  const version = ref.version || modelString(distroField(model, ref.name, 'default-version')?.node);
  const versionFrom = ref.version ? (from === 'component' ? "the component's upstream-distro" : "the project's default-distro") : `the distro's default-version`;
  return { name: ref.name, version, snapshot: ref.snapshot, from, versionFrom };
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
  const where = distro.from === 'component' ? `the component's upstream-distro` : `the project's default-distro`;
  if (!model.distros.has(distro.name)) {
    return { ok: false, message: `distro \`${distro.name}\` (${where}) is not defined under [distros]; azldev stops with "distro '${distro.name}' not found in project config"` };
  }
  if (distro.version === '') {
    return { ok: false, message: `${where} names distro \`${distro.name}\` without a version, and the distro has no default-version; azldev stops with "no distro version selected in project config"` };
  }
  if (!distroVersions(model, distro.name).has(distro.version)) {
    return { ok: false, message: `distro \`${distro.name}\` has no version \`${distro.version}\` (named by ${distro.versionFrom}) under [distros.${distro.name}.versions]` };
  }
  const baseUri = modelString(distroField(model, distro.name, 'dist-git-base-uri')?.node);
  if (baseUri === '') return { ok: false, message: `distro \`${distro.name}\` has no dist-git-base-uri` };
  const branch = distroVersionField(model, distro.name, distro.version, 'dist-git-branch');
  if (branch === '') return { ok: false, message: `distro \`${distro.name}\` version \`${distro.version}\` has no dist-git-branch` };
  const pkg = str(child(config, 'spec', 'upstream-name')) || name;
  const commit = str(child(config, 'spec', 'upstream-commit'));
  return { ok: true, ref: { pkg, baseUri, branch, ...(commit ? { commit } : {}), ...(distro.snapshot ? { snapshot: distro.snapshot } : {}) } };
}
