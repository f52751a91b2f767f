// %fedora_upstream_version / %fedora_upstream_release for components with `build.emit-upstream-provenance`
// (upstream_provenance.go): Version and Release of the pristine upstream spec, the Release's %{?dist} and
// %{dist} replaced by `.fc<release-ver>`. A Release using %autorelease needs rpmautospec and is left out.
import type { EffectiveNode } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import { goTrimSpace } from '../spec/goText';
import type { SpecEditor } from '../spec';
import { releaseUsesAutorelease } from './release';
import { distroVersionField, upstreamDistroOf } from './upstreamRef';

/** The `.fc<release-ver>` the provenance macros use, when the component's upstream distro is Fedora with a numeric release-ver; otherwise none are emitted. */
export function provenanceDistTag(model: ProjectModel, config: EffectiveNode): string | undefined {
  const distro = upstreamDistroOf(model, config);
  const releaseVer = distro ? distroVersionField(model, distro.name, distro.version, 'release-ver') : '';
  if (!distro || distro.name.toLowerCase() !== 'fedora' || !/^[0-9]+$/.test(releaseVer)) return undefined;
  return `.fc${releaseVer}`;
}

export function upstreamProvenanceMacros(model: ProjectModel, config: EffectiveNode, spec: SpecEditor): { macros: Map<string, string>; notes: string[] } {
  const distTag = provenanceDistTag(model, config);
  return distTag === undefined ? { macros: new Map(), notes: [] } : provenanceMacrosOf(distTag, spec);
}

/** The macros from the pristine spec's Version and Release, `%{?dist}` and `%{dist}` replaced by `distTag`. */
export function provenanceMacrosOf(distTag: string, spec: SpecEditor): { macros: Map<string, string>; notes: string[] } {
  const macros = new Map<string, string>();
  const notes: string[] = [];
  let version = '';
  let release = '';
  for (const t of spec.document.tags) {
    if (t.package !== '') continue;
    const n = t.name.toLowerCase();
    if (n === 'version' && version === '') version = goTrimSpace(t.value);
    if (n === 'release' && release === '') release = goTrimSpace(t.value);
  }
  if (version !== '') macros.set('fedora_upstream_version', version);
  if (release !== '') {
    if (releaseUsesAutorelease(release)) notes.push('%fedora_upstream_release is not shown: the upstream Release uses %autorelease, which azldev resolves with rpmautospec');
    else macros.set('fedora_upstream_release', release.split('%{?dist}').join(distTag).split('%{dist}').join(distTag));
  }
  return { macros, notes };
}
