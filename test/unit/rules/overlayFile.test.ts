// Per-file overlay documents (azldev overlay_file.go): overlays validate as inline ones do, per-overlay
// metadata is rejected, and relative `source` paths resolve against the overlay file's directory.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne } from './ruleHarness';

const metadata = '[metadata]\ncategory = "azl-compatibility"\nupstream-status = "inapplicable"\n\n';

describe('overlay files', () => {
  it("accepts azldev's valid backport overlay file", () => {
    const text =
      '[metadata]\ncategory = "upstream-backport"\nupstream-status = "upstreamed"\ncommits = [{ url = "https://src.fedoraproject.org/rpms/ant/c/4ca7a3b" }]\n\n' +
      '[[overlays]]\ndescription = "Remove openjdk21 binding"\ntype = "spec-search-replace"\nsection = "%install"\nregex = ".*openjdk21.*"\n\n' +
      '[[overlays]]\ntype = "spec-remove-subpackage"\npackage = "openjdk21"\n';
    expectNone(text, { kind: 'overlay-file' });
  });

  it('rejects per-overlay metadata, on the metadata table', () => {
    const md = '{ category = "azl-branding-policy", upstream-status = "inapplicable" }';
    const text = `${metadata}[[overlays]]\ntype = "spec-set-tag"\ntag = "Vendor"\nvalue = "Microsoft"\nmetadata = ${md}\n`;
    const d = expectOne(text, 'overlay-file-per-overlay-metadata', md, { kind: 'overlay-file' });
    assert.match(d.message, /per-overlay metadata is not allowed inside an overlay file/);
  });

  it('validates each overlay (azldev: "invalid overlay 1 ... requires ... value")', () => {
    const text = `${metadata}[[overlays]]\ntype = "spec-set-tag"\ntag = "Vendor"\n`;
    const d = expectOne(text, 'overlay-missing-field', '[[overlays]]', { kind: 'overlay-file' });
    assert.match(d.message, /requires `value` field \(overlay 1 in this overlay file\)/);
  });

  it('checks the file-level metadata rules', () => {
    const text = '[metadata]\ncategory = "upstream-backport"\nupstream-status = "upstreamed"\n\n[[overlays]]\ntype = "spec-remove-tag"\ntag = "Obsoletes"\n';
    expectOne(text, 'metadata-commits-required', '[metadata]', { kind: 'overlay-file' });
  });

  it('resolves source relative to the overlay file', () => {
    const text = `${metadata}[[overlays]]\ntype = "patch-add"\nsource = "fix.patch"\n`;
    expectNone(text, { kind: 'overlay-file', files: { '/proj/comps/curl/overlays/fix.patch': '' } });
    const d = expectOne(text, 'path-not-found', '"fix.patch"', { kind: 'overlay-file', files: { '/proj/comps/curl/fix.patch': '' } });
    assert.equal(d.data?.['resolved'], '/proj/comps/curl/overlays/fix.patch');
  });
});
