// `spec` rules azldev enforces when it loads a file (specsource.go validator tags, configfile.go): `path`
// only, and always, with `type = "local"`; `upstream-name`/`upstream-commit` only with `type = "upstream"`;
// no per-component `upstream-distro.snapshot`. The validator does not descend into distro versions, so their
// default-component-config is left alone.
import type { ComponentConfigSite } from './componentConfigs';
import type { DiagnosticSink } from './diagnosticSink';
import { childTable, readString, stringValue } from './modelValues';

const TYPE_ONLY_FIELDS: { field: string; type: 'local' | 'upstream' }[] = [
  { field: 'path', type: 'local' },
  { field: 'upstream-name', type: 'upstream' },
  { field: 'upstream-commit', type: 'upstream' },
];

export function checkSpecSource(sink: DiagnosticSink, site: ComponentConfigSite): void {
  if (site.kind === 'distro-default') return;
  const spec = childTable(site.table, 'spec');
  if (!spec) return;
  const typeRead = readString(spec, 'type');
  if (typeRead.state === 'wrong-type') return;
  const type = typeRead.state === 'value' ? typeRead.value : '';

  for (const { field, type: needed } of TYPE_ONLY_FIELDS) {
    const read = readString(spec, field);
    if (read.state !== 'value' || read.value === '' || type === needed) continue;
    sink.error(
      read.span,
      'spec-field-requires-type',
      `\`spec.${field}\` is only valid with \`type = "${needed}"\` (${site.label} has ${type === '' ? 'no type' : `\`type = "${type}"\``}); ` +
        `azldev rejects the file: remove \`${field}\`, or set \`type = "${needed}"\`.`,
      { field, requiredType: needed },
    );
  }

  if (type === 'local') {
    const path = readString(spec, 'path');
    if (path.state !== 'wrong-type' && stringValue(path) === undefined) {
      sink.error(
        path.state === 'value' ? path.span : spec.span,
        'spec-path-required',
        `a local spec needs \`path\` (${site.label}); add the spec file's path relative to this file, e.g. \`path = "${site.name ?? 'name'}.spec"\`.`,
        { field: 'path' },
      );
    }
  }

  if (site.kind === 'component') {
    const snapshot = readString(childTable(spec, 'upstream-distro'), 'snapshot');
    if (snapshot.state === 'value' && snapshot.value !== '') {
      sink.error(
        snapshot.span,
        'spec-snapshot-per-component',
        `${site.label} has a per-component 'snapshot' on 'upstream-distro'; snapshots should be set on the distro or group ` +
          "default-component-config, or use 'upstream-commit' to pin a specific commit.",
        { field: 'snapshot' },
      );
    }
  }
}
