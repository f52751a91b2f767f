// Overlay metadata rules (azldev overlay_metadata.go): upstream-backport needs commits and a compatible
// upstream-status; reference URLs need a host. Ported from TestOverlayMetadata_Validate where the schema
// does not already decide (missing fields and unknown enum values are schema diagnostics).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne, run } from './ruleHarness';

const overlayWith = (metadata: string) =>
  `[[components.curl.overlays]]\ntype = "spec-set-tag"\ntag = "Vendor"\nvalue = "Microsoft"\nmetadata = ${metadata}\n`;

describe('overlay metadata', () => {
  it('requires commits for upstream-backport, on the metadata table', () => {
    const md = '{ category = "upstream-backport", upstream-status = "upstreamed" }';
    const d = expectOne(overlayWith(md), 'metadata-commits-required', md);
    assert.deepEqual(d.data, { field: 'commits' });
  });

  it('reports an empty commits list on the list', () => {
    expectOne(overlayWith('{ category = "upstream-backport", upstream-status = "upstreamed", commits = [] }'), 'metadata-commits-required', '[]');
  });

  it('rejects statuses that contradict upstream-backport', () => {
    for (const status of ['needs-upstream-hook', 'inapplicable', 'unknown']) {
      const text = overlayWith(`{ category = "upstream-backport", upstream-status = "${status}", commits = [{ url = "https://src.fedoraproject.org/rpms/x/c/abc" }] }`);
      const d = expectOne(text, 'metadata-upstream-status-contradictory', `"${status}"`);
      assert.match(d.message, /contradictory/);
    }
  });

  it('leaves an unknown status to the schema', () => {
    expectNone(overlayWith('{ category = "upstream-backport", upstream-status = "bogus", commits = [{ url = "https://e.org/c" }] }'));
  });

  it('requires a host in reference URLs', () => {
    const text = '[[components.curl.overlays]]\ntype = "spec-set-tag"\ntag = "V"\nvalue = "M"\n[components.curl.overlays.metadata]\ncategory = "azl-compatibility"\nupstream-status = "inapplicable"\nbugs = [{ url = "https://" }]\n';
    const d = expectOne(text, 'metadata-url-invalid', '"https://"');
    assert.deepEqual(d.data, { field: 'url', list: 'bugs', index: 0 });
  });

  it('checks component group metadata', () => {
    const text = '[component-groups.java]\ncomponents = ["ant"]\n[component-groups.java.metadata]\ncategory = "upstream-backport"\nupstream-status = "upstreamable"\n';
    expectOne(text, 'metadata-commits-required', '[component-groups.java.metadata]');
  });

  // TestOverlayMetadata_Validate's vectors that the rule engine decides.
  const valid = [
    '{ category = "upstream-backport", upstream-status = "upstreamed", commits = [{ url = "https://src.fedoraproject.org/rpms/xclock/c/abc123" }] }',
    '{ category = "upstream-backport", upstream-status = "upstreamed", commits = [{ url = "https://src.fedoraproject.org/rpms/xclock/c/abc123" }], bugs = [{ url = "https://github.com/example/repo/issues/1" }] }',
    '{ category = "azl-branding-policy", upstream-status = "inapplicable" }',
    '{ category = "azl-temp-workaround", upstream-status = "unknown" }',
    '{ category = "azl-branding-policy", upstream-status = "upstreamable", bugs = [{ url = "https://bugzilla.redhat.com/show_bug.cgi?id=2234567" }], commits = [{ url = "https://github.com/example/repo/commit/deadbeef" }] }',
    '{ category = "azl-compatibility", upstream-status = "inapplicable" }',
    '{ category = "azl-pruning", upstream-status = "needs-upstream-hook" }',
    '{ category = "upstream-backport", upstream-status = "upstreamable", commits = [{ url = "https://src.fedoraproject.org/rpms/xclock/c/abc123" }] }',
  ];
  it('accepts azldev valid vectors', () => {
    for (const md of valid) assert.deepEqual(run(overlayWith(md)), [], md);
  });
});
