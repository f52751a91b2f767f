// Package-group rules from azldev's PackageGroupConfig.Validate and validatePackageGroupMembership: no empty
// or repeated names in a group, and a binary package in at most one group (checked here among this file's groups).
import { stringListCounts, type ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { childTable, namedTables, readArray } from './modelValues';

export function checkPackageGroups(sink: DiagnosticSink, root: ModelTable): void {
  const groups = namedTables(childTable(root, 'package-groups'));
  // One group: its list's tally (stringListTally.ts: kept with the list and followed through edits inside it, or
  // counted once and shared with the list's other readers) says whether any name is empty or listed twice, without a
  // map of its 17,000 names made again each keystroke (~5 ms).
  if (groups.length === 1) {
    const packages = readArray((groups[0] as (typeof groups)[number]).table, 'packages');
    const tally = packages.state === 'value' ? stringListCounts(packages.value) : undefined;
    if (tally && tally.empty === 0 && tally.repeated === 0) return;
  }
  // One map for the whole file (tens of thousands of names): for each name, the group that listed it first and
  // the last group that listed it, as first * n + last (a small integer while there are fewer than 32,768
  // groups). A name listed again by its last group is a repeat; by another group, a second group.
  const n = Math.max(1, groups.length);
  const seen = new Map<string, number>();
  groups.forEach(({ name, table }, g) => {
    const packages = readArray(table, 'packages');
    if (packages.state !== 'value') return;
    const items = packages.value.items;
    for (let index = 0; index < items.length; index++) {
      const node = items[index] as (typeof items)[number];
      // The string items, as stringItems reads them (without an object per item).
      if (node.type !== 'scalar' || node.syntax.kind !== 'string') continue;
      const value = node.syntax.value;
      const span = node.span;
      if (value === '') {
        sink.error(span, 'package-group-empty-package', `packages[${index}] must not be empty (package group \`${name}\`); remove the entry or name a binary package.`, { group: name, index: index });
        continue;
      }
      const known = seen.get(value);
      if (known === undefined) {
        seen.set(value, g * n + g);
        continue;
      }
      if (known % n === g) {
        sink.error(span, 'package-group-duplicate-package', `package \`${value}\` appears more than once in the packages list of package group \`${name}\`; remove the repeat.`, { group: name, index: index });
        continue;
      }
      const first = Math.floor(known / n);
      const other = (groups[first] as (typeof groups)[number]).name;
      sink.error(span, 'package-group-package-in-two-groups', `package \`${value}\` appears in both package-group \`${other}\` and \`${name}\`; a package may only belong to one group, so remove it from one of them.`, { group: name, otherGroup: other });
      seen.set(value, first * n + g);
    }
  });
}
