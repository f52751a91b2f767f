// Fields azldev's generated schema marks `required` that its loader never requires: the merge can supply
// them (a component's spec type and upstream distro come from the distro, project or group defaults), or
// nothing reads them at all. A vendored azldev schema still says `required`; its findings for these are
// dropped so that no schema makes us reject what azldev accepts. Our bundled schema does not list them.
// They are known by where they sit in the document (ajv's schemaPath is relative once a $ref is compiled
// on its own, so it does not name the definition).
import type { SchemaError } from './validator';

const NOT_REQUIRED_BY_AZLDEV: { missing: string; at: RegExp }[] = [
  // specsource.go: `validate:"omitempty,oneof=local upstream"`; an unset type is inherited, or read as local.
  { missing: 'type', at: /\/spec$/ },
  // distro.go: no validator; an empty upstream-distro name is inherited or falls back to the project's
  // default-distro (sourcemanager.go ResolveDistro); default-distro is only needed once resolved (distroResolution.ts).
  { missing: 'name', at: /\/(upstream-distro|default-distro)$/ },
  // distro.go: no validator tag on ReleaseVer.
  { missing: 'release-ver', at: /^\/distros\/[^/]+\/versions\/[^/]+$/ },
  // distro.go: distros are not validated when loaded, and nothing reads `repos`.
  { missing: 'base-uri', at: /^\/distros\/[^/]+\/repos\/\d+$/ },
];

/** Whether a `required` error is one azldev's code does not raise. */
export function isRequirementAzldevLacks(e: SchemaError): boolean {
  if (e.keyword !== 'required') return false;
  const missing = (e.params as { missingProperty?: unknown }).missingProperty;
  return NOT_REQUIRED_BY_AZLDEV.some((r) => r.missing === missing && r.at.test(e.instancePath));
}
