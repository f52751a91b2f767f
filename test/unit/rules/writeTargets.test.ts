// Names that become paths when azldev writes: component names (fileutils.ValidateFilename, with azldev's own test
// vectors), file-add/patch-add targets that climb out of the sources, and file-rename onto `.` or `..`.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectNone, expectOne, run } from './ruleHarness';
import { sourcesTarget } from '../../../server/src/core/overlays/sourcesTarget';

// azldev internal/utils/fileutils/file_test.go TestValidateFilename, as component names.
const VALIDATE_FILENAME: [string, string | undefined][] = [
  ['source.tar.gz', undefined],
  ['.', 'not a valid file name'],
  ['..', 'not a valid file name'],
  ['/etc/passwd', 'cannot be an absolute path'],
  ['../escape.tar.gz', 'without directory components'],
  ['subdir/file.tar.gz', 'without directory components'],
  ['./file.tar.gz', 'path traversal'],
  ['has space.tar.gz', 'must not contain whitespace'],
  ['has\ttab.tar.gz', 'must not contain whitespace'],
  ['has\u0000null.tar.gz', 'must not contain null bytes'],
  ['foo\\bar.tar.gz', 'must not contain backslashes'],
  ['foo\u0080bar.tar.gz', 'must contain only ASCII characters'],
];

function tomlKey(name: string): string {
  return JSON.stringify(name);
}

describe('component names', () => {
  for (const [name, expected] of VALIDATE_FILENAME) {
    test(`${JSON.stringify(name)}: ${expected ?? 'accepted'}`, () => {
      const text = `[components.${tomlKey(name)}]\n`;
      if (expected === undefined) return expectNone(text);
      const d = expectOne(text, 'component-name-invalid', tomlKey(name));
      assert.equal(d.severity, 'error');
      assert.ok(d.message.includes(expected), d.message);
    });
  }
  test('the names of the real tree pass (libsigc++20, python-zope-interface)', () => {
    expectNone('[components."libsigc++20"]\n[components.python-zope-interface]\n');
  });
  test('a dotted-key definition is checked too', () => {
    expectOne('components."../x" = {}\n', 'component-name-invalid', '"../x"');
  });
});

describe('overlay write targets', () => {
  test('file-add climbing out of the sources', () => {
    const text = '[[components.curl.overlays]]\ntype = "file-add"\nfile = "../x.conf"\nsource = "x.conf"\n';
    const d = expectOne(text, 'overlay-file-escapes', '"../x.conf"', { files: { '/proj/comps/curl/x.conf': '' } });
    assert.match(d.message, /path escapes from parent/);
  });
  test('a `..` that stays inside is fine; so is patch-add without file', () => {
    expectNone('[[components.curl.overlays]]\ntype = "file-add"\nfile = "sub/../x.conf"\nsource = "x.conf"\n', { files: { '/proj/comps/curl/x.conf': '' } });
    expectNone('[[components.curl.overlays]]\ntype = "patch-add"\nsource = "x.patch"\n', { files: { '/proj/comps/curl/x.patch': '' } });
  });
  test('patch-add in an overlay file', () => {
    const text = '[[overlays]]\ntype = "patch-add"\nfile = "a/../../b.patch"\nsource = "x.patch"\n';
    expectOne(text, 'overlay-file-escapes', '"a/../../b.patch"', { kind: 'overlay-file', files: { '/proj/comps/curl/overlays/x.patch': '' } });
  });
  test('file-rename onto `..`', () => {
    expectOne('[[components.curl.overlays]]\ntype = "file-rename"\nfile = "a.conf"\nreplacement = ".."\n', 'overlay-replacement-not-filename', '".."');
  });
  test('sourcesTarget cleans like os.Root', () => {
    assert.deepEqual(sourcesTarget('./a//b/../c'), { ok: true, name: 'a/c' });
    assert.deepEqual(sourcesTarget('/a'), { ok: true, name: 'a' });
    assert.equal(sourcesTarget('a/../..').ok, false);
    assert.equal(sourcesTarget('.').ok, false);
    assert.equal(run('[components.curl]\n').length, 0);
  });
});
