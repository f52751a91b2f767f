// Publish channel names become directory names, so azldev's validator tags (component.go, package.go,
// image.go) reject `.`, `..` and anything containing `/` or `\`, and empty entries in an image's channel list.
import type { Span } from '../diagnostics';
import type { ModelTable } from '../toml';
import { componentConfigSites, type ComponentConfigSite } from './componentConfigs';
import type { DiagnosticSink } from './diagnosticSink';
import { childTable, namedTables, readArray, readString, stringItems } from './modelValues';

const COMPONENT_CHANNELS = ['rpm-channel', 'srpm-channel', 'debuginfo-channel'];
const PACKAGE_CHANNELS = ['rpm-channel', 'debuginfo-channel', 'channel'];

export function channelProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return `\`${name}\` is not a directory name`;
  if (/[/\\]/.test(name)) return 'it must not contain `/` or `\\`';
  return undefined;
}

function reportChannel(sink: DiagnosticSink, span: Span, key: string, value: string, problem: string): void {
  sink.error(
    span,
    'publish-channel-invalid',
    `invalid publish channel \`${value}\` in \`${key}\`: ${problem}. A channel names one directory; use a plain name such as \`base\`.`,
    { field: key },
  );
}

function checkChannelTable(sink: DiagnosticSink, publish: ModelTable | undefined, keys: readonly string[]): void {
  if (!publish) return;
  for (const key of keys) {
    const read = readString(publish, key);
    if (read.state !== 'value' || read.value === '') continue;
    const problem = channelProblem(read.value);
    if (problem !== undefined) reportChannel(sink, read.span, key, read.value, problem);
  }
}

const checkPackageConfig = (sink: DiagnosticSink, pkg: ModelTable | undefined) => checkChannelTable(sink, childTable(pkg, 'publish'), PACKAGE_CHANNELS);

/** The channels one component-config site names (its `publish` and its packages'); distro defaults have none. A pure function of the site's table. */
export function checkSitePublishChannels(sink: DiagnosticSink, site: ComponentConfigSite): void {
  if (site.kind === 'distro-default') return;
  const table = site.table;
  if (table.entries.has('publish')) checkChannelTable(sink, childTable(table, 'publish'), COMPONENT_CHANNELS);
  if (table.entries.has('packages')) for (const { table: pkg } of namedTables(childTable(table, 'packages'))) checkPackageConfig(sink, pkg);
}

/** The channels named outside the component-config sites: the project's and package groups' package defaults, images. */
export function checkOtherPublishChannels(sink: DiagnosticSink, root: ModelTable): void {
  checkPackageConfig(sink, childTable(root, 'default-package-config'));
  for (const { table } of namedTables(childTable(root, 'package-groups'))) checkPackageConfig(sink, childTable(table, 'default-package-config'));

  for (const { table } of namedTables(childTable(root, 'images'))) {
    const channels = readArray(childTable(table, 'publish'), 'channels');
    if (channels.state !== 'value') continue;
    for (const item of stringItems(channels.value)) {
      const problem = item.value === '' ? 'an entry must not be empty' : channelProblem(item.value);
      if (problem !== undefined) reportChannel(sink, item.span, 'channels', item.value, problem);
    }
  }
}

export function checkPublishChannels(sink: DiagnosticSink, root: ModelTable): void {
  for (const site of componentConfigSites(root)) checkSitePublishChannels(sink, site);
  checkOtherPublishChannels(sink, root);
}
