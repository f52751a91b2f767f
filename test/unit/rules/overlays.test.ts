// Overlay field rules (azldev overlay.go): seeded documents with one mistake each, the valid counterparts,
// every overlay location, and azldev's own TestComponentOverlay_Validate table as data.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne, run } from './ruleHarness';

describe('overlay required fields', () => {
  it('reports a missing field on the [[...]] header', () => {
    const text = '[[components.curl.overlays]]\ntype = "spec-add-tag"\nvalue = "foo"\n';
    const d = expectOne(text, 'overlay-missing-field', '[[components.curl.overlays]]');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.data, { field: 'tag', overlayType: 'spec-add-tag' });
    assert.match(d.message, /overlay type `spec-add-tag` requires `tag` field/);
    assert.match(d.message, /overlay 1 of component `curl`/);
  });

  it('reports an empty string on the value itself', () => {
    const text = '[[components.curl.overlays]]\ntype = "spec-set-tag"\ntag = "Version"\nvalue = ""\n';
    expectOne(text, 'overlay-missing-field', '""');
  });

  it('reports an empty lines array on the array', () => {
    const text = '[[components.curl.overlays]]\ntype = "spec-append-lines"\nlines = []\n';
    expectOne(text, 'overlay-missing-field', '[]');
  });

  it('reports on the inline table in the inline-array form', () => {
    const text = '[components.curl]\noverlays = [\n  { type = "spec-add-tag", tag = "A", value = "b" },\n  { type = "spec-remove-section" },\n]\n';
    const d = expectOne(text, 'overlay-missing-field', '{ type = "spec-remove-section" }');
    assert.match(d.message, /overlay 2 of component `curl`/);
  });

  it('checks overlays in every default-component-config, as warnings (azldev validates them on components only)', () => {
    const cases = [
      ['[[default-component-config.overlays]]', 'the project default-component-config'],
      ['[[component-groups.g.default-component-config.overlays]]', 'component group `g`'],
      ["[[distros.fedora.versions.'43'.default-component-config.overlays]]", 'distro `fedora` version `43`'],
    ];
    for (const [header, label] of cases) {
      const text = `${header}\ntype = "spec-search-replace"\n`;
      const d = expectOne(text, 'overlay-missing-field', header!);
      assert.ok(d.message.includes(label!), d.message);
      assert.equal(d.severity, 'warning');
      assert.match(d.message, /azldev only checks this on components and overlay files, but every component inheriting it is affected\)\.$/);
    }
    assert.equal(expectOne('[[components.curl.overlays]]\ntype = "spec-search-replace"\n', 'overlay-missing-field', '[[components.curl.overlays]]').severity, 'error');
  });

  it('names the overlay by its description', () => {
    const text = '[[components.curl.overlays]]\ndescription = "Add vendor tag"\ntype = "spec-add-tag"\ntag = "Vendor"\n';
    const d = expectOne(text, 'overlay-missing-field', '[[components.curl.overlays]]');
    assert.match(d.message, /"Add vendor tag"/);
  });

  it('leaves unknown types, missing types and wrong value types to the schema', () => {
    expectNone('[[components.curl.overlays]]\ntype = "spec-frobnicate"\n');
    expectNone('[[components.curl.overlays]]\ntag = "x"\n');
    expectNone('[[components.curl.overlays]]\ntype = "spec-add-tag"\ntag = 3\nvalue = true\n');
    expectNone('[[components.curl.overlays]]\ntype = "spec-append-lines"\nlines = "not an array"\n');
  });
});

describe('overlay field combinations', () => {
  it('rejects package without section on whole-file overlays', () => {
    for (const type of ['spec-prepend-lines', 'spec-append-lines']) {
      const text = `[[components.curl.overlays]]\ntype = "${type}"\npackage = "devel"\nlines = ["x"]\n`;
      const d = expectOne(text, 'overlay-package-requires-section', '"devel"');
      assert.deepEqual(d.data, { field: 'section', overlayType: type });
    }
    expectOne('[[components.curl.overlays]]\ntype = "spec-search-replace"\npackage = "devel"\nregex = "x"\n', 'overlay-package-requires-section', '"devel"');
    expectNone('[[components.curl.overlays]]\ntype = "spec-search-replace"\nsection = "%files"\npackage = "devel"\nregex = "x"\n');
  });

  it('rejects section on spec-remove-subpackage', () => {
    const text = '[[components.curl.overlays]]\ntype = "spec-remove-subpackage"\npackage = "devel"\nsection = "%files"\n';
    const d = expectOne(text, 'overlay-forbidden-field', '"%files"');
    assert.deepEqual(d.data, { field: 'section', overlayType: 'spec-remove-subpackage' });
  });

  it('requires relative file paths', () => {
    expectOne('[[components.curl.overlays]]\ntype = "file-remove"\nfile = "/etc/x.conf"\n', 'overlay-file-not-relative', '"/etc/x.conf"');
    expectOne('[[components.curl.overlays]]\ntype = "patch-add"\nsource = "a.patch"\nfile = "/a.patch"\n', 'overlay-file-not-relative', '"/a.patch"', {
      files: { '/proj/comps/curl/a.patch': '' },
    });
  });

  it('requires a bare file name as file-rename replacement', () => {
    const d = expectOne('[[components.curl.overlays]]\ntype = "file-rename"\nfile = "a.conf"\nreplacement = "sub/b.conf"\n', 'overlay-replacement-not-filename', '"sub/b.conf"');
    assert.equal(d.data?.['suggestion'], 'b.conf');
    expectNone('[[components.curl.overlays]]\ntype = "file-rename"\nfile = "a.conf"\nreplacement = "b.conf"\n');
  });

  it('validates patch-remove globs like doublestar', () => {
    expectOne('[[components.curl.overlays]]\ntype = "patch-remove"\nfile = "[invalid"\n', 'overlay-glob-invalid', '"[invalid"');
    expectOne('[[components.curl.overlays]]\ntype = "patch-remove"\nfile = "{a,b"\n', 'overlay-glob-invalid', '"{a,b"');
    expectOne('[[components.curl.overlays]]\ntype = "patch-remove"\nfile = "[]"\n', 'overlay-glob-invalid', '"[]"');
    expectNone('[[components.curl.overlays]]\ntype = "patch-remove"\nfile = "{CVE,fix}-[0-9]*.patch"\n');
  });

  it('warns about fields the overlay type ignores', () => {
    const text = '[[components.curl.overlays]]\ntype = "spec-add-tag"\ntag = "A"\nvalue = "b"\nregex = "x"\n';
    const d = expectOne(text, 'overlay-unused-field', '"x"');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.data, { field: 'regex', overlayType: 'spec-add-tag' });
  });
});

describe('overlay archive field', () => {
  const base = '[[components.curl.overlays]]\n';
  // Each archive overlay is paired with its overlay-origin source file, as azldev requires.
  const origin = (name: string) =>
    `[[components.curl.source-files]]\nfilename = "${name}"\nreplace-upstream = true\nreplace-reason = "repacked"\norigin = { type = "overlay" }\n`;
  it('accepts archive-scoped file-remove and file-search-replace', () => {
    expectNone(`${base}type = "file-remove"\narchive = "pkg-1.0.tar.gz"\nfile = "vendor/**"\n${origin('pkg-1.0.tar.gz')}`);
    expectNone(`${base}type = "file-search-replace"\narchive = "pkg-1.0.TZST"\nfile = "config.h"\nregex = "old"\n${origin('pkg-1.0.TZST')}`);
  });
  it('rejects an unknown archive suffix', () => {
    expectOne(`${base}type = "file-remove"\narchive = "pkg-1.0.zip"\nfile = "x"\n`, 'overlay-archive-invalid', '"pkg-1.0.zip"');
  });
  it('rejects an archive that is not a plain file name', () => {
    const d = expectOne(`${base}type = "file-remove"\narchive = "../pkg.tar.gz"\nfile = "x"\n`, 'overlay-archive-unsafe', '"../pkg.tar.gz"');
    assert.match(d.message, /simple filename/);
  });
  it('rejects archive on other types', () => {
    const d = expectOne(`${base}type = "file-add"\narchive = "pkg.tar.gz"\nfile = "x"\nsource = "x"\n`, 'overlay-forbidden-field', '"pkg.tar.gz"', {
      files: { '/proj/comps/curl/x': '' },
    });
    assert.match(d.message, /does not support archive-scoped file paths/);
  });
});

// azldev's TestComponentOverlay_Validate (internal/projectconfig/overlay_test.go) as data: the overlay's fields,
// whether azldev rejects it, and the text azldev's error contains.
interface GoVector {
  name: string;
  overlay: Record<string, string | string[]>;
  error?: string;
}
const GO_VECTORS: GoVector[] = [
  { name: 'spec-add-tag valid', overlay: { type: 'spec-add-tag', tag: 'BuildRequires', value: 'some-package' } },
  { name: 'spec-add-tag missing tag', overlay: { type: 'spec-add-tag', value: 'some-value' }, error: 'tag' },
  { name: 'spec-add-tag missing value', overlay: { type: 'spec-add-tag', tag: 'BuildRequires' }, error: 'value' },
  { name: 'spec-insert-tag valid', overlay: { type: 'spec-insert-tag', tag: 'Source9999', value: 'macros.azl.macros' } },
  { name: 'spec-insert-tag missing tag', overlay: { type: 'spec-insert-tag', value: 'some-value' }, error: 'tag' },
  { name: 'spec-insert-tag missing value', overlay: { type: 'spec-insert-tag', tag: 'Source9999' }, error: 'value' },
  { name: 'spec-set-tag valid', overlay: { type: 'spec-set-tag', tag: 'Version', value: '1.0.0' } },
  { name: 'spec-set-tag missing tag', overlay: { type: 'spec-set-tag', value: '1.0.0' }, error: 'tag' },
  { name: 'spec-update-tag valid', overlay: { type: 'spec-update-tag', tag: 'Release', value: '2' } },
  { name: 'spec-remove-tag valid', overlay: { type: 'spec-remove-tag', tag: 'Obsoletes' } },
  { name: 'spec-remove-tag missing tag', overlay: { type: 'spec-remove-tag' }, error: 'tag' },
  { name: 'spec-prepend-lines valid', overlay: { type: 'spec-prepend-lines', lines: ['# Comment'] } },
  { name: 'spec-prepend-lines missing lines', overlay: { type: 'spec-prepend-lines' }, error: 'lines' },
  { name: 'spec-append-lines valid', overlay: { type: 'spec-append-lines', lines: ['# Footer'] } },
  { name: 'spec-prepend-lines whole-file with package rejected', overlay: { type: 'spec-prepend-lines', package: 'foo', lines: ['# Top of file'] }, error: 'requires `section` field when `package` is set' },
  { name: 'spec-append-lines whole-file with package rejected', overlay: { type: 'spec-append-lines', package: 'foo', lines: ['# End of file'] }, error: 'package' },
  { name: 'spec-search-replace whole-file (no section) valid', overlay: { type: 'spec-search-replace', regex: 'pattern', replacement: 'replacement' } },
  { name: 'spec-search-replace whole-file with package rejected', overlay: { type: 'spec-search-replace', package: 'foo', regex: 'pattern', replacement: 'replacement' }, error: 'package' },
  { name: 'spec-search-replace valid with empty replacement', overlay: { type: 'spec-search-replace', regex: 'pattern-to-delete', replacement: '' } },
  { name: 'spec-search-replace missing regex', overlay: { type: 'spec-search-replace', replacement: 'replacement' }, error: 'regex' },
  { name: 'file-prepend-lines valid', overlay: { type: 'file-prepend-lines', file: 'test.txt', lines: ['# Header'] } },
  { name: 'file-prepend-lines missing file', overlay: { type: 'file-prepend-lines', lines: ['# Header'] }, error: 'file' },
  { name: 'file-prepend-lines missing lines', overlay: { type: 'file-prepend-lines', file: 'test.txt' }, error: 'lines' },
  { name: 'file-search-replace valid', overlay: { type: 'file-search-replace', file: 'config.txt', regex: 'old', replacement: 'new' } },
  { name: 'file-search-replace missing file', overlay: { type: 'file-search-replace', regex: 'pattern', replacement: 'replacement' }, error: 'file' },
  { name: 'file-search-replace missing regex', overlay: { type: 'file-search-replace', file: 'test.txt', replacement: 'replacement' }, error: 'regex' },
  { name: 'file-add valid', overlay: { type: 'file-add', file: 'new-file.txt', source: '/path/to/source.txt' } },
  { name: 'file-add missing file', overlay: { type: 'file-add', source: '/path/to/source.txt' }, error: 'file' },
  { name: 'file-add missing source', overlay: { type: 'file-add', file: 'new-file.txt' }, error: 'source' },
  { name: 'file-remove archive-scoped path accepted', overlay: { type: 'file-remove', archive: 'pkg-1.0.tar.gz', file: 'vendor/**' } },
  { name: 'file-search-replace archive-scoped path accepted', overlay: { type: 'file-search-replace', archive: 'pkg-1.0.tar.gz', file: 'vendor/config.h', regex: 'old', replacement: 'new' } },
  { name: 'file-add archive field rejected', overlay: { type: 'file-add', archive: 'pkg-1.0.tar.gz', file: 'vendor/new.txt', source: '/path/to/source.txt' }, error: 'archive-scoped' },
  { name: 'file-prepend-lines archive field rejected', overlay: { type: 'file-prepend-lines', archive: 'pkg-1.0.tar.gz', file: 'vendor/config.h', lines: ['// header'] }, error: 'archive-scoped' },
  { name: 'patch-remove archive field rejected', overlay: { type: 'patch-remove', archive: 'pkg-1.0.tar.gz', file: 'fix.patch' }, error: 'archive-scoped' },
  { name: 'archive field with unrecognized extension rejected', overlay: { type: 'file-remove', archive: 'pkg-1.0.zip', file: 'vendor/**' }, error: 'not a recognized archive name' },
  { name: 'archive field without file field rejected', overlay: { type: 'file-remove', archive: 'pkg-1.0.tar.gz' }, error: 'file' },
  { name: 'error includes description', overlay: { type: 'spec-add-tag', description: 'Add vendor tag for compliance' }, error: 'Add vendor tag for compliance' },
  { name: 'patch-add valid with source only', overlay: { type: 'patch-add', source: 'patches/fix-foo.patch' } },
  { name: 'patch-add valid with source and file', overlay: { type: 'patch-add', source: 'patches/fix-foo.patch', file: 'my-fix.patch' } },
  { name: 'patch-add missing source', overlay: { type: 'patch-add' }, error: 'source' },
  { name: 'patch-add absolute file path rejected', overlay: { type: 'patch-add', source: 'patches/fix-foo.patch', file: '/absolute/path.patch' }, error: 'relative path' },
  { name: 'patch-remove valid', overlay: { type: 'patch-remove', file: 'fix-foo.patch' } },
  { name: 'patch-remove missing file', overlay: { type: 'patch-remove' }, error: 'file' },
  { name: 'patch-remove absolute file path rejected', overlay: { type: 'patch-remove', file: '/absolute/fix.patch' }, error: 'relative path' },
  { name: 'patch-remove with glob pattern valid', overlay: { type: 'patch-remove', file: 'CVE-*.patch' } },
  { name: 'patch-remove with doublestar glob valid', overlay: { type: 'patch-remove', file: '**/*.patch' } },
  { name: 'patch-remove with invalid glob pattern', overlay: { type: 'patch-remove', file: '[invalid' }, error: 'invalid glob pattern' },
  { name: 'spec-remove-section valid with section only', overlay: { type: 'spec-remove-section', section: '%generate_buildrequires' } },
  { name: 'spec-remove-section valid with section and package', overlay: { type: 'spec-remove-section', section: '%files', package: 'devel' } },
  { name: 'spec-remove-section missing section', overlay: { type: 'spec-remove-section' }, error: 'section' },
  { name: 'spec-remove-subpackage valid', overlay: { type: 'spec-remove-subpackage', package: 'devel' } },
  { name: 'spec-remove-subpackage missing package', overlay: { type: 'spec-remove-subpackage' }, error: 'package' },
  { name: 'spec-remove-subpackage rejects section field', overlay: { type: 'spec-remove-subpackage', package: 'devel', section: '%files' }, error: 'section' },
  { name: 'file-remove archive-scoped valid', overlay: { type: 'file-remove', archive: 'pkg-1.0.tar.gz', file: 'unwanted.conf' } },
  { name: 'file-remove archive-scoped glob valid', overlay: { type: 'file-remove', archive: 'pkg-1.0.tar.gz', file: 'docs/**/*.md' } },
  { name: 'file-remove of a bare archive name is a plain loose-file remove', overlay: { type: 'file-remove', file: 'old.tar.gz' } },
  { name: 'file-remove without archive field is a plain loose-file remove', overlay: { type: 'file-remove', file: 'unwanted.conf' } },
  { name: 'file-search-replace archive-scoped valid', overlay: { type: 'file-search-replace', archive: 'pkg-1.0.tar.gz', file: 'config.h', regex: 'old_value', replacement: 'new_value' } },
];

describe("azldev's overlay validation vectors", () => {
  // The vectors' source files exist, so only the overlay's own fields decide.
  const files = { '/path/to/source.txt': '', '/proj/comps/curl/patches/fix-foo.patch': '' };
  for (const v of GO_VECTORS) {
    it(v.name, () => {
      const body = Object.entries(v.overlay)
        .map(([k, val]) => `${k} = ${JSON.stringify(val)}`)
        .join('\n');
      const ds = run(`[[components.curl.overlays]]\n${body}\n`, { files }).filter((d) => d.severity === 'error');
      if (v.error === undefined) {
        assert.deepEqual(ds.map((d) => d.message), []);
      } else {
        // azldev stops at its first error; we report each problem, in azldev's order.
        assert.ok(ds.length >= 1, 'azldev rejects this overlay');
        assert.ok(ds[0]!.message.includes(v.error), `${ds[0]!.message} should contain ${v.error}`);
      }
    });
  }
});
