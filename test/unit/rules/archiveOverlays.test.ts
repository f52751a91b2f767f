// Archive overlay scope conflicts (azldev component.go ValidateArchiveOverlays), within one component; the pairing
// with overlay-origin source files is checked on the resolved component (test/unit/project/archivePairing.test.ts).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathMatch } from '../../../server/src/core/glob';
import { expectNone, expectOne } from './ruleHarness';

const archiveOverlay = '[[components.curl.overlays]]\ntype = "file-remove"\narchive = "curl-8.0.tar.xz"\nfile = "tests/**"\n';
const overlayOrigin =
  '[[components.curl.source-files]]\nfilename = "curl-8.0.tar.xz"\nreplace-upstream = true\nreplace-reason = "drop tests"\norigin = { type = "overlay" }\n';

describe('archive overlays', () => {
  it('accepts an archive overlay with its overlay-origin entry', () => {
    expectNone(archiveOverlay + overlayOrigin);
  });

  it('leaves the pairing to the project: one half alone is no file-level finding', () => {
    expectNone(archiveOverlay);
    expectNone(overlayOrigin);
  });

  it('rejects a loose-file overlay on the repacked archive', () => {
    const loose = '[[components.curl.overlays]]\ntype = "file-remove"\nfile = "*.tar.xz"\n';
    const d = expectOne(archiveOverlay + loose + overlayOrigin, 'archive-overlay-loose-conflict', '"*.tar.xz"');
    assert.deepEqual(d.data, { archive: 'curl-8.0.tar.xz', overlayType: 'file-remove' });
    expectNone(archiveOverlay + '[[components.curl.overlays]]\ntype = "file-remove"\nfile = "*.patch"\n' + overlayOrigin);
  });

  it('matches globs as doublestar does', () => {
    const globMatches = (pattern: string, name: string) => {
      const r = pathMatch(pattern, name);
      return r.ok && r.matched;
    };
    assert.ok(globMatches('**/*.tar.xz', 'curl.tar.xz'));
    assert.ok(globMatches('curl-{8,9}.[0-9].tar.xz', 'curl-8.0.tar.xz'));
    assert.ok(!globMatches('*', 'a/b'));
    assert.ok(globMatches('a{b,c},d', 'ac,d'));
    assert.ok(!globMatches('[!c]url.tar', 'curl.tar'));
  });
});
