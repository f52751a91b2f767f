// Overlay metadata rules from azldev's OverlayMetadata.Validate: `upstream-backport` needs commits and an
// upstream-status of upstreamed/upstreamable, and every commit/bug reference is an http(s) URL with a host.
// Presence and enum values (category, upstream-status, url) are the schema's diagnostics.
import type { ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { readArray, readString, stringValue, tablesOf } from './modelValues';

const UPSTREAM_STATUSES: readonly string[] = ['upstreamed', 'upstreamable', 'needs-upstream-hook', 'inapplicable', 'unknown'];

/** validator's http_url: parses, has a host, scheme http or https. */
export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw.toLowerCase());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function checkMetadata(sink: DiagnosticSink, metadata: ModelTable): void {
  const status = readString(metadata, 'upstream-status');
  const categoryValue = stringValue(readString(metadata, 'category'));
  const statusValue = stringValue(status);

  if (categoryValue === 'upstream-backport') {
    const commits = readArray(metadata, 'commits');
    if (commits.state === 'absent' || (commits.state === 'value' && commits.value.items.length === 0)) {
      sink.error(
        commits.state === 'value' ? commits.span : metadata.span,
        'metadata-commits-required',
        "overlay category `upstream-backport` requires at least one entry in 'commits'; " +
          'add the upstream change it backports, e.g. `commits = [{ url = "https://src.fedoraproject.org/rpms/NAME/c/HASH" }]`.',
        { field: 'commits' },
      );
    }
    // An unknown status is the schema's enum error, not a contradiction.
    if (status.state === 'value' && statusValue !== undefined && UPSTREAM_STATUSES.includes(statusValue) && statusValue !== 'upstreamed' && statusValue !== 'upstreamable') {
      sink.error(
        status.span,
        'metadata-upstream-status-contradictory',
        "overlay category `upstream-backport` implies the change is already upstream or upstreamable; " +
          `'upstream-status' value \`${statusValue}\` is contradictory (allowed: \`upstreamed\` or \`upstreamable\`). ` +
          'Change the status, or pick another category.',
        { field: 'upstream-status', allowed: ['upstreamed', 'upstreamable'] },
      );
    }
  }

  for (const key of ['commits', 'bugs'] as const) {
    const list = readArray(metadata, key);
    if (list.state !== 'value') continue;
    for (const { index, table } of tablesOf(list.value)) {
      const url = readString(table, 'url');
      // Other schemes and a missing url are the schema's (`^https?://`, required); we add the host check.
      if (url.state === 'value' && /^https?:\/\//.test(url.value) && !isHttpUrl(url.value)) {
        sink.error(
          url.span,
          'metadata-url-invalid',
          `'${key}' entry ${index + 1} has url \`${url.value}\`, which is not an http(s) URL with a host; ` +
            'azldev requires an absolute link such as `https://example.org/...`.',
          { field: 'url', list: key, index },
        );
      }
    }
  }
}
