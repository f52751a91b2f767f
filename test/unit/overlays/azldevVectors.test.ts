// azldev's overlay behaviour vectors (overlays_test.go: TestApplySpecOverlay, TestApplyNonSpecOverlay,
// TestApplyDestructiveNonSpecOverlay, TestApplyNonSpecOverlayWithGlob, TestApplyAddPatchOverlay,
// TestApplyRemovePatchOverlay, TestApplyRemoveSectionOverlay, TestApplyRemoveSubpackageOverlay, the invalid-regex
// and missing-file cases) run through applyOverlay on a spec editor and an in-memory sidecar set.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOverlay, decodeText, encodeText, overlayFromValue, SidecarFiles, type OverlayOutcome } from '../../../server/src/core/overlays';
import { SpecEditor } from '../../../server/src/core/spec';
import { SPEC_OVERLAY_VECTORS } from './specOverlayVectors';

interface Sandbox {
  spec: SpecEditor;
  files: SidecarFiles;
  sources: Map<string, string>;
  run(overlay: Record<string, unknown>): OverlayOutcome;
  text(name: string): string | undefined;
}

function sandbox(specText: string, files: Record<string, string> = {}, sources: Record<string, string> = {}): Sandbox {
  const spec = new SpecEditor(specText);
  const set = new SidecarFiles({ list: () => Object.keys(files), read: (n) => (n in files ? encodeText(files[n] as string) : undefined) });
  const src = new Map(Object.entries(sources));
  return {
    spec,
    files: set,
    sources: src,
    run: (o) => applyOverlay(overlayFromValue(o), { spec, files: set, readSource: (p) => (src.has(p) ? encodeText(src.get(p) as string) : undefined) }),
    text: (n) => {
      const b = set.read(n);
      return b === undefined ? undefined : decodeText(b);
    },
  };
}

describe('TestApplySpecOverlay', () => {
  for (const v of SPEC_OVERLAY_VECTORS) {
    test(v.name, () => {
      const s = sandbox(v.spec);
      const r = s.run(v.overlay);
      if (v.error) {
        assert.equal(r.ok, false);
        return;
      }
      assert.deepEqual(r, { ok: true });
      assert.equal(s.spec.toAzldevText(), v.result);
    });
  }
});

describe('TestApplyNonSpecOverlay', () => {
  const cases: { name: string; overlay: Record<string, unknown>; existing?: string; source?: string; result?: string }[] = [
    { name: 'prepend lines to file', overlay: { type: 'file-prepend-lines', file: 'test.txt', lines: ['# Added header', '# Second line'] }, existing: 'original content\n', result: '# Added header\n# Second line\noriginal content\n' },
    { name: 'prepend lines to non-existent file', overlay: { type: 'file-prepend-lines', file: 'does-not-exist.txt', lines: ['# Header'] } },
    { name: 'prepend to spec file is rejected', overlay: { type: 'file-prepend-lines', file: 'test.spec', lines: ['# Header'] }, existing: 'Name: test\n' },
    { name: 'search and replace in file', overlay: { type: 'file-search-replace', file: 'config.txt', regex: 'DEBUG=false', replacement: 'DEBUG=true' }, existing: '# Config\nDEBUG=false\nOTHER=value\n', result: '# Config\nDEBUG=true\nOTHER=value\n' },
    { name: 'search and replace with regex pattern', overlay: { type: 'file-search-replace', file: 'version.txt', regex: 'version\\s*=\\s*\\d+\\.\\d+', replacement: 'version = 2.0' }, existing: 'version = 1.5\n', result: 'version = 2.0\n' },
    { name: 'search and replace no match', overlay: { type: 'file-search-replace', file: 'test.txt', regex: 'not-found-pattern', replacement: 'replacement' }, existing: 'some content\n' },
    { name: 'search and replace on spec file is rejected', overlay: { type: 'file-search-replace', file: 'test.spec', regex: 'Name:', replacement: 'Name:' }, existing: 'Name: test\n' },
    { name: 'add file copies source to destination', overlay: { type: 'file-add', file: 'new-file.txt', source: '/source/original.txt' }, source: 'source file content\n', result: 'source file content\n' },
    { name: 'add file with non-existent source', overlay: { type: 'file-add', file: 'new-file.txt', source: '/source/does-not-exist.txt' } },
    { name: 'add file to spec file is rejected', overlay: { type: 'file-add', file: 'test.spec', source: '/source/original.txt' }, source: 'source content\n' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const file = c.overlay['file'] as string;
      const s = sandbox('Name: x\n', c.existing !== undefined ? { [file]: c.existing } : {}, c.source !== undefined ? { [c.overlay['source'] as string]: c.source } : {});
      const r = s.run(c.overlay);
      if (c.result === undefined) {
        assert.equal(r.ok, false, JSON.stringify(r));
        return;
      }
      assert.deepEqual(r, { ok: true });
      assert.equal(s.text(file), c.result);
    });
  }
});

describe('TestApplyDestructiveNonSpecOverlay', () => {
  test('remove file', () => {
    const s = sandbox('', { 'to-delete.txt': 'content\n' });
    assert.deepEqual(s.run({ type: 'file-remove', file: 'to-delete.txt' }), { ok: true });
    assert.equal(s.files.has('to-delete.txt'), false);
  });
  test('remove non-existent file', () => {
    const r = sandbox('').run({ type: 'file-remove', file: 'does-not-exist.txt' });
    assert.deepEqual(r, { ok: false, message: 'non-spec overlay filename pattern `does-not-exist.txt` did not match any files' });
  });
  test('rename file', () => {
    const s = sandbox('', { 'old-name.txt': 'file content\n' });
    assert.deepEqual(s.run({ type: 'file-rename', file: 'old-name.txt', replacement: 'new-name.txt' }), { ok: true });
    assert.equal(s.files.has('old-name.txt'), false);
    assert.equal(s.text('new-name.txt'), 'file content\n');
  });
  test('rename non-existent file', () => {
    assert.equal(sandbox('').run({ type: 'file-rename', file: 'does-not-exist.txt', replacement: 'new-name.txt' }).ok, false);
  });
  test('remove spec file is rejected', () => {
    const s = sandbox('', { 'test.spec': 'Name: test\n' });
    assert.equal(s.run({ type: 'file-remove', file: 'test.spec' }).ok, false);
    assert.equal(s.files.has('test.spec'), true);
  });
  test('rename spec file is rejected', () => {
    assert.equal(sandbox('', { 'test.spec': 'Name: test\n' }).run({ type: 'file-rename', file: 'test.spec', replacement: 'renamed.spec' }).ok, false);
  });
});

describe('TestApplyNonSpecOverlayWithGlob', () => {
  test('glob pattern prepends to multiple files', () => {
    const s = sandbox('', { 'file1.txt': 'content1\n', 'file2.txt': 'content2\n', 'other.md': 'not matched\n' });
    assert.deepEqual(s.run({ type: 'file-prepend-lines', file: '*.txt', lines: ['# Header'] }), { ok: true });
    assert.equal(s.text('file1.txt'), '# Header\ncontent1\n');
    assert.equal(s.text('file2.txt'), '# Header\ncontent2\n');
    assert.equal(s.text('other.md'), 'not matched\n');
  });
  test('globstar pattern matches files in subdirectories', () => {
    const s = sandbox('', { 'root.conf': 'DEBUG=false\n', 'subdir/nested.conf': 'DEBUG=false\n' });
    assert.deepEqual(s.run({ type: 'file-search-replace', file: '**/*.conf', regex: 'DEBUG=false', replacement: 'DEBUG=true' }), { ok: true });
    assert.equal(s.text('root.conf'), 'DEBUG=true\n');
    assert.equal(s.text('subdir/nested.conf'), 'DEBUG=true\n');
  });
  test('glob pattern removes multiple files', () => {
    const s = sandbox('', { 'file1.bak': 'b1\n', 'file2.bak': 'b2\n', 'keep.txt': 'keep this\n' });
    assert.deepEqual(s.run({ type: 'file-remove', file: '*.bak' }), { ok: true });
    assert.deepEqual(s.files.names(), ['keep.txt']);
  });
  test('glob pattern with no matches returns error', () => {
    assert.equal(sandbox('', { 'file.txt': 'content\n' }).run({ type: 'file-prepend-lines', file: '*.nonexistent', lines: ['# Header'] }).ok, false);
  });
  test('single-file overlay type rejects multiple glob matches', () => {
    const r = sandbox('', { 'file1.txt': 'c1\n', 'file2.txt': 'c2\n' }).run({ type: 'file-rename', file: '*.txt', replacement: 'renamed.txt' });
    assert.deepEqual(r, { ok: false, message: 'overlay type file-rename does not support multiple files, but filename pattern `*.txt` matched 2 files' });
  });
  test('glob pattern skips spec files and applies to other matches', () => {
    const s = sandbox('', { 'config.cfg': 'value=old\n', 'test.spec': 'Name: test\n' });
    assert.deepEqual(s.run({ type: 'file-search-replace', file: '*', regex: 'value=old', replacement: 'value=new' }), { ok: true });
    assert.equal(s.text('config.cfg'), 'value=new\n');
    assert.equal(s.text('test.spec'), 'Name: test\n');
  });
  test('glob pattern matching only spec files returns error', () => {
    assert.equal(sandbox('', { 'test.spec': 'Name: test\n', 'other.spec': 'Name: other\n' }).run({ type: 'file-prepend-lines', file: '*.spec', lines: ['# Header'] }).ok, false);
  });
});

describe('TestApplyAddPatchOverlay', () => {
  test('adds patch with PatchN tag when no patches exist', () => {
    const s = sandbox('Name: test\nVersion: 1.0\n', {}, { '/patches/fix-foo.patch': 'patch content\n' });
    assert.deepEqual(s.run({ type: 'patch-add', source: '/patches/fix-foo.patch' }), { ok: true });
    assert.match(s.spec.toAzldevText(), /Patch0: fix-foo\.patch/);
    assert.equal(s.text('fix-foo.patch'), 'patch content\n');
  });
  test('adds patch with next PatchN number', () => {
    const s = sandbox('Name: test\nPatch0: existing.patch\nPatch1: other.patch\n', {}, { '/patches/fix-bar.patch': 'p\n' });
    assert.deepEqual(s.run({ type: 'patch-add', source: '/patches/fix-bar.patch' }), { ok: true });
    assert.match(s.spec.toAzldevText(), /Patch2: fix-bar\.patch/);
  });
  test('adds patch with non-contiguous PatchN numbers', () => {
    const s = sandbox('Name: test\nPatch0: a.patch\nPatch5: b.patch\n', {}, { '/patches/c.patch': 'p\n' });
    s.run({ type: 'patch-add', source: '/patches/c.patch' });
    assert.match(s.spec.toAzldevText(), /Patch6: c\.patch/);
  });
  test('adds patch to patchlist section', () => {
    const s = sandbox('Name: test\n\n%patchlist\nexisting.patch\n\n%build\nmake\n', {}, { '/patches/new.patch': 'p\n' });
    assert.deepEqual(s.run({ type: 'patch-add', source: '/patches/new.patch' }), { ok: true });
    const text = s.spec.toAzldevText();
    assert.match(text, /new\.patch/);
    assert.doesNotMatch(text, /Patch0:/);
  });
  test('uses explicit file field as destination name', () => {
    const s = sandbox('Name: test\n', {}, { '/patches/original-name.patch': 'content\n' });
    assert.deepEqual(s.run({ type: 'patch-add', source: '/patches/original-name.patch', file: 'custom-name.patch' }), { ok: true });
    assert.match(s.spec.toAzldevText(), /Patch0: custom-name\.patch/);
    assert.equal(s.text('custom-name.patch'), 'content\n');
  });
  test('fails when patch file already exists', () => {
    const r = sandbox('Name: test\n', { 'conflict.patch': 'existing\n' }, { '/patches/conflict.patch': 'new\n' }).run({ type: 'patch-add', source: '/patches/conflict.patch' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /already exists/);
  });
  test('missing patch file (TestApplyAddPatchOverlay_MissingPatchFile)', () => {
    assert.equal(sandbox('Name: test\nVersion: 1.0\n').run({ type: 'patch-add', source: '/nonexistent/fix.patch' }).ok, false);
  });
});

describe('TestApplyRemovePatchOverlay', () => {
  test('removes patch from PatchN tags', () => {
    const s = sandbox('Name: test\nPatch0: keep.patch\nPatch1: remove-me.patch\nPatch2: also-keep.patch\n', { 'remove-me.patch': 'patch\n' });
    assert.deepEqual(s.run({ type: 'patch-remove', file: 'remove-me.patch' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: test\nPatch0: keep.patch\nPatch2: also-keep.patch\n');
    assert.equal(s.files.has('remove-me.patch'), false);
  });
  test('removes patch from patchlist', () => {
    const s = sandbox('Name: test\n\n%patchlist\nkeep.patch\nremove-me.patch\n\n%build\nmake\n', { 'remove-me.patch': 'patch\n' });
    assert.deepEqual(s.run({ type: 'patch-remove', file: 'remove-me.patch' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: test\n\n%patchlist\nkeep.patch\n\n%build\nmake\n');
  });
  test('removes from both tags and patchlist', () => {
    const s = sandbox('Name: test\nPatch0: fix-a.patch\n\n%patchlist\nfix-a.patch\n\n%build\nmake\n', { 'fix-a.patch': 'p\n' });
    assert.deepEqual(s.run({ type: 'patch-remove', file: 'fix-a.patch' }), { ok: true });
    assert.doesNotMatch(s.spec.toAzldevText(), /fix-a\.patch/);
  });
  test('returns error when no patches match', () => {
    const r = sandbox('Name: test\nPatch0: keep.patch\n').run({ type: 'patch-remove', file: 'nonexistent.patch' });
    assert.deepEqual(r, { ok: false, message: 'failed to remove patch entry from spec:\nno patches matching `nonexistent.patch` found in spec' });
  });
  test("fails when patch doesn't exist on disk", () => {
    const r = sandbox('Name: test\nPatch0: ghost.patch\n').run({ type: 'patch-remove', file: 'ghost.patch' });
    assert.deepEqual(r, { ok: false, message: 'non-spec overlay filename pattern `ghost.patch` did not match any files' });
  });
  test('glob removes multiple patches from PatchN tags', () => {
    const s = sandbox('Name: test\nPatch0: CVE-001.patch\nPatch1: CVE-002.patch\nPatch2: keep.patch\n', { 'CVE-001.patch': '1', 'CVE-002.patch': '2', 'keep.patch': 'k' });
    assert.deepEqual(s.run({ type: 'patch-remove', file: 'CVE-*.patch' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: test\nPatch2: keep.patch\n');
    assert.deepEqual(s.files.names(), ['keep.patch']);
  });
  test('glob removes multiple patches from patchlist', () => {
    const s = sandbox('Name: test\n\n%patchlist\nCVE-001.patch\nkeep.patch\nCVE-002.patch\n\n%build\nmake\n', { 'CVE-001.patch': '1', 'CVE-002.patch': '2' });
    assert.deepEqual(s.run({ type: 'patch-remove', file: 'CVE-*.patch' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: test\n\n%patchlist\nkeep.patch\n\n%build\nmake\n');
  });
  test('glob with no file matches errors', () => {
    assert.equal(sandbox('Name: test\nPatch0: fix-build.patch\n').run({ type: 'patch-remove', file: 'CVE-*.patch' }).ok, false);
  });
});

describe('TestApplyRemoveSectionOverlay / TestApplyRemoveSubpackageOverlay', () => {
  test('removes section from spec', () => {
    const s = sandbox('Name: test\nVersion: 1.0\n%generate_buildrequires\n%cargo_generate_buildrequires\n%build\nmake\n');
    assert.deepEqual(s.run({ type: 'spec-remove-section', section: '%generate_buildrequires' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: test\nVersion: 1.0\n%build\nmake\n');
  });
  test('removes section scoped by package', () => {
    const s = sandbox('Name: test\n%files\n/usr/bin/test\n%files devel\n/usr/include/test.h\n%files libs\n/usr/lib/libtest.so\n');
    assert.deepEqual(s.run({ type: 'spec-remove-section', section: '%files', package: 'devel' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: test\n%files\n/usr/bin/test\n%files libs\n/usr/lib/libtest.so\n');
  });
  test('fails when section does not exist', () => {
    const r = sandbox('Name: test\nVersion: 1.0\n%build\nmake\n').run({ type: 'spec-remove-section', section: '%check' });
    assert.deepEqual(r, { ok: false, message: 'failed to remove section from spec:\nsection `%check` (package=``) not found:\nsection not found' });
  });
  test('removes all sections for a sub-package', () => {
    const s = sandbox(
      'Name: test\nVersion: 1.0\n%description\nMain description.\n%package devel\nSummary: Devel files\nRequires: test = 1.0\n%description devel\nDevel description.\n%files\n/usr/bin/test\n%files devel\n/usr/include/test.h\n%post devel\necho posting\n',
    );
    assert.deepEqual(s.run({ type: 'spec-remove-subpackage', package: 'devel' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: test\nVersion: 1.0\n%description\nMain description.\n%files\n/usr/bin/test\n');
  });
  test('fails when sub-package has no sections', () => {
    const r = sandbox('Name: test\n%description\nMain.\n%files\n/usr/bin/test\n').run({ type: 'spec-remove-subpackage', package: 'devel' });
    assert.deepEqual(r, { ok: false, message: 'failed to remove sub-package from spec:\nsub-package `devel` not found:\nsection not found' });
  });
});

describe('invalid regexes and missing files', () => {
  test('TestApplySpecOverlay_InvalidRegex: refused with the regex named', () => {
    const r = sandbox('Name: test\n').run({ type: 'spec-search-replace', regex: '(?P<invalid', replacement: 'replaced' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /^invalid regex `\(\?P<invalid` in overlay "\(no description\)":/);
  });
  test('TestApplyNonSpecOverlay_InvalidRegex', () => {
    const r = sandbox('', { 'config.txt': 'DEBUG=false\n' }).run({ type: 'file-search-replace', file: 'config.txt', regex: '(?P<invalid', replacement: 'replaced' });
    assert.match(r.ok ? '' : r.message, /regex/);
  });
  test('TestApplyNonSpecOverlay_MissingSourceFile', () => {
    const r = sandbox('').run({ type: 'file-add', file: 'extra.txt', source: '/nonexistent/path/extra.txt' });
    assert.deepEqual(r, { ok: false, message: 'failed to copy overlay file from `/nonexistent/path/extra.txt` to `extra.txt`:\nopen /nonexistent/path/extra.txt: no such file or directory' });
  });
  test('TestApplyNonSpecOverlay_SearchReplaceOnNonexistentFile', () => {
    assert.equal(sandbox('').run({ type: 'file-search-replace', file: 'nonexistent.txt', regex: 'pattern', replacement: 'replaced' }).ok, false);
  });
  test('spec-search-replace that matches nothing: azldev wording with the sentinel', () => {
    const r = sandbox('Name: name\n\n%build\n./configure --enable-baz\n').run({ type: 'spec-search-replace', section: '%build', regex: '--enable-foo' });
    assert.deepEqual(r, { ok: false, message: 'failed to search and replace in spec:\npattern `--enable-foo` not found (section=`%build`, package=``):\npattern not found' });
  });
  test('file-search-replace over several files where none match', () => {
    const r = sandbox('', { 'a.txt': 'x\n', 'b.txt': 'y\n' }).run({ type: 'file-search-replace', file: '*.txt', regex: 'zzz', replacement: 'q' });
    assert.deepEqual(r, { ok: false, message: 'non-spec overlay for filename `*.txt` did not apply to any targets\noverlay did not apply to target' });
  });
  test('replacement is literal: $1 stays as written', () => {
    const s = sandbox('Name: foo-bar\n');
    assert.deepEqual(s.run({ type: 'spec-search-replace', regex: '(foo)-(bar)', replacement: '$2-$1 ${1}' }), { ok: true });
    assert.equal(s.spec.toAzldevText(), 'Name: $2-$1 ${1}\n');
  });
  test('a hostile regex runs in linear time', () => {
    const s = sandbox('Name: x\n', { 'big.txt': 'a'.repeat(200_000) + '!' });
    const start = Date.now();
    const r = s.run({ type: 'file-search-replace', file: 'big.txt', regex: '(a+)+$', replacement: '' });
    assert.equal(r.ok, false);
    assert.ok(Date.now() - start < 5000, 'RE2 does not backtrack');
  });
  test('a required field missing is azldev validation wording', () => {
    assert.deepEqual(sandbox('Name: x\n').run({ type: 'spec-add-tag', tag: 'Foo', description: 'd' }), { ok: false, message: 'overlay type `spec-add-tag` requires `value` field: d', invalid: true });
  });
  test('archive overlays are validated and reported as not shown', () => {
    const s = sandbox('Name: x\n');
    const r = s.run({ type: 'file-remove', archive: 'pkg-1.0.tar.gz', file: 'docs/*' });
    assert.equal(r.ok, true);
    assert.match(r.ok ? (r.note ?? '') : '', /archive contents cannot be shown/);
    assert.equal(s.run({ type: 'file-add', archive: 'pkg-1.0.tar.gz', file: 'x', source: '/s' }).ok, false);
    assert.equal(s.run({ type: 'file-remove', archive: 'pkg.rpm', file: 'x' }).ok, false);
  });
});
