// Package-group rules from azldev's PackageGroupConfig.Validate and validatePackageGroupMembership: no empty
// or repeated names in a group, and a binary package in at most one group (checked here among this file's groups).
import type { Span } from '../diagnostics';
import type { ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { childTable, namedTables, readArray, stringItems } from './modelValues';

export function checkPackageGroups(sink: DiagnosticSink, root: ModelTable): void {
  const firstGroup = new Map<string, string>();
  for (const { name, table } of namedTables(childTable(root, 'package-groups'))) {
    const packages = readArray(table, 'packages');
    if (packages.state !== 'value') continue;
    const inGroup = new Map<string, Span>();
    for (const item of stringItems(packages.value)) {
      if (item.value === '') {
        sink.error(item.span, 'package-group-empty-package', `packages[${item.index}] must not be empty (package group \`${name}\`); remove the entry or name a binary package.`, { group: name, index: item.index });
        continue;
      }
      if (inGroup.has(item.value)) {
        sink.error(item.span, 'package-group-duplicate-package', `package \`${item.value}\` appears more than once in the packages list of package group \`${name}\`; remove the repeat.`, { group: name, index: item.index });
        continue;
      }
      inGroup.set(item.value, item.span);
      const other = firstGroup.get(item.value);
      if (other !== undefined) {
        sink.error(item.span, 'package-group-package-in-two-groups', `package \`${item.value}\` appears in both package-group \`${other}\` and \`${name}\`; a package may only belong to one group, so remove it from one of them.`, { group: name, otherGroup: other });
      } else {
        firstGroup.set(item.value, name);
      }
    }
  }
}
