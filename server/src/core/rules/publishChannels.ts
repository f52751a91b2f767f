// Publish channel names become directory names, so azldev's validator tags (component.go, package.go,
// image.go) reject `.`, `..` and anything containing `/` or `\`, and empty entries in an image's channel list.
import type { Span } from '../diagnostics';
import type { ModelTable } from '../toml';
import { componentConfigSites } from './componentConfigs';
import type { DiagnosticSink } from './diagnosticSink';
import { childTable, namedTables, readArray, readString, stringItems } from './modelValues';

const COMPONENT_CHANNELS = ['rpm-channel', 'srpm-channel', 'debuginfo-channel'];
const PACKAGE_CHANNELS = ['rpm-channel', 'debuginfo-channel', 'channel'];

export function channelProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return `\`${name}\` is not a directory name`;
  if (/[/\\]/.test(name)) return 'it must not contain `/` or `\\`';
  return undefined;
}

export function checkPublishChannels(sink: DiagnosticSink, root: ModelTable): void {
  const report = (span: Span, key: string, value: string, problem: string) =>
    sink.error(
      span,
      'publish-channel-invalid',
      `invalid publish channel \`${value}\` in \`${key}\`: ${problem}. A channel names one directory; use a plain name such as \`base\`.`,
      { field: key },
    );
  const checkTable = (publish: ModelTable | undefined, keys: string[]) => {
    for (const key of keys) {
      const read = readString(publish, key);
      if (read.state !== 'value' || read.value === '') continue;
      const problem = channelProblem(read.value);
      if (problem !== undefined) report(read.span, key, read.value, problem);
    }
  };
  const checkPackageConfig = (pkg: ModelTable | undefined) => checkTable(childTable(pkg, 'publish'), PACKAGE_CHANNELS);

  for (const site of componentConfigSites(root)) {
    if (site.kind === 'distro-default') continue;
    checkTable(childTable(site.table, 'publish'), COMPONENT_CHANNELS);
    for (const { table } of namedTables(childTable(site.table, 'packages'))) checkPackageConfig(table);
  }
  checkPackageConfig(childTable(root, 'default-package-config'));
  for (const { table } of namedTables(childTable(root, 'package-groups'))) checkPackageConfig(childTable(table, 'default-package-config'));

  for (const { table } of namedTables(childTable(root, 'images'))) {
    const channels = readArray(childTable(table, 'publish'), 'channels');
    if (channels.state !== 'value') continue;
    for (const item of stringItems(channels.value)) {
      const problem = item.value === '' ? 'an entry must not be empty' : channelProblem(item.value);
      if (problem !== undefined) report(item.span, 'channels', item.value, problem);
    }
  }
}
