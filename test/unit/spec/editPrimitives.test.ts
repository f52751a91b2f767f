// The remaining azldev edit behaviours (edit_test.go's t.Run cases and spec_test.go's edge cases, transcribed),
// plus what our editor adds: untouched lines keep their end-of-lines, and Go's regex replacement rules.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addChangelogEntry, addPatchEntry, appendLines, appendLinesToSection, parsePatchTagNumber, prependLines,
  prependLinesToSection, removePatchEntry, removeSection, removeTagsMatching, searchAndReplace, setTag, SpecEditor,
  updateExistingTag,
} from '../../../server/src/core/spec';

function edited(input: string, edit: (e: SpecEditor) => unknown): string {
  const e = new SpecEditor(input);
  edit(e);
  return e.toAzldevText();
}

describe('search and replace', () => {
  test('globally', () => {
    const input = '\n\tName: test\n\n\t%build\n\tbuild.sh --vendor=contoso\n';
    assert.equal(edited(input, (e) => assert.ok(searchAndReplace(e, '', '', 'vendor=contoso', 'vendor=azl').ok)), input.replaceAll('contoso', 'azl'));
  });
  test('no match fails', () => {
    const r = searchAndReplace(new SpecEditor('\n\tName: test\n\n\t%build\n\tbuild.sh --vendor=contoso\n\t'), '', '', 'vendor=non-existent', 'vendor=azl');
    assert.equal(r.ok ? '' : r.error.code, 'pattern-not-found');
  });
  test('in one section of one package', () => {
    const input = '\n\tName: test\n\tVendor: contoso\n\n\t%description\n\tDo not replace this contoso\n\n\t%description -n subpackage\n\tSomething about contoso\n';
    const out = edited(input, (e) => assert.ok(searchAndReplace(e, '%description', 'subpackage', 'contoso', 'azl').ok));
    assert.equal(out, input.replaceAll('Something about contoso', 'Something about azl'));
  });
  test('replacement is literal and empty matches follow Go', () => {
    assert.equal(edited('%build\nbaaac\n', (e) => searchAndReplace(e, '%build', '', 'a*', 'X')), '%build\nXbXcX\n');
    assert.equal(edited('%build\naxb\n', (e) => searchAndReplace(e, '', '', '(x)', '$1')), '%build\na$1b\n');
  });
  test('headers are never rewritten; a line that becomes a header starts a section', () => {
    const out = edited('%build\nmake\n%install\nfoo\nbar\n', (e) => searchAndReplace(e, '%build', '', '^(make|foo)$', '%check'));
    assert.equal(out, '%build\n%check\n%install\nfoo\nbar\n');
    const chained = edited('Name: a\n%build\nX\nX\n', (e) => searchAndReplace(e, '%build', '', '^X$', '%install'));
    assert.equal(chained, 'Name: a\n%build\n%install\nX\n', 'the second X is in %install by then');
  });
  test('RE2 syntax: look-around is rejected', () => {
    const r = searchAndReplace(new SpecEditor('Name: a\n'), '', '', '(?<=a)b', '');
    assert.equal(r.ok ? '' : r.error.code, 'invalid-argument');
  });
});

describe('changelog entries', () => {
  const entry = { user: 'Test User', email: 'user@example.com', version: '1.0.0', release: '1', date: new Date(Date.UTC(2025, 0, 1)) };
  test('no changelog section fails', () => {
    assert.equal(addChangelogEntry(new SpecEditor('\nName: test\n'), { ...entry, details: ['Initial release'] }).ok, false);
  });
  test('empty changelog section', () => {
    assert.equal(edited('\nName: test\n\n%changelog\n', (e) => addChangelogEntry(e, { ...entry, details: ['Initial release', 'Something else'] })),
      '\nName: test\n\n%changelog\n* Wed Jan 01 2025 Test User <user@example.com> - 1.0.0-1\n- Initial release\n- Something else\n\n');
  });
  test('existing changelog section', () => {
    const input = '\nName: test\n\n%changelog\n* Wed Jan 01 2000 Test User <user@example.com> - 0.0.1-1\n- Initial release\n';
    assert.equal(edited(input, (e) => addChangelogEntry(e, { ...entry, details: ['Update'] })),
      '\nName: test\n\n%changelog\n* Wed Jan 01 2025 Test User <user@example.com> - 1.0.0-1\n- Update\n\n* Wed Jan 01 2000 Test User <user@example.com> - 0.0.1-1\n- Initial release\n');
  });
});

describe('whole-file lines', () => {
  test('prepend', () => {
    assert.equal(edited('', (e) => prependLines(e, ['New line', 'Next line'])), 'New line\nNext line\n');
    assert.equal(edited('%description\nA package.\n', (e) => prependLines(e, ['# top comment'])), '# top comment\n%description\nA package.\n');
    assert.equal(edited('Name: test\nVersion: 1.0\n\n%description\nA package.\n', (e) => prependLines(e, ['# header line 1', '# header line 2'])),
      '# header line 1\n# header line 2\nName: test\nVersion: 1.0\n\n%description\nA package.\n');
  });
  test('append', () => {
    assert.equal(edited('', (e) => appendLines(e, ['New line', 'Next line'])), 'New line\nNext line\n');
    const withChangelog = 'Name: test\n\n%description\nA package.\n\n%changelog\n* Mon Jan 01 2024 User <user@example.com> - 1.0-1\n- Initial release\n';
    assert.equal(edited(withChangelog, (e) => appendLines(e, ['# trailing comment'])), withChangelog + '# trailing comment\n');
    assert.equal(edited('Name: test\n', (e) => appendLines(e, ['# tail'])), 'Name: test\n# tail\n');
  });
});

describe('section lines', () => {
  const input = '\nName: test\n\n%description -n foo\nThis is a test package.\n\n%description -n other\nThis is another package.\n\n%build\nbuild.sh\n';
  test('prepend to the preamble, including of an empty spec', () => {
    assert.equal(edited('', (e) => assert.ok(prependLinesToSection(e, '', '', ['New line', 'Next line']).ok)), 'New line\nNext line\n');
    assert.equal(edited('Name: test\n', (e) => prependLinesToSection(e, '', '', ['New line', 'Next line'])), 'New line\nNext line\nName: test\n');
  });
  test('prepend to a sub-package section', () => {
    assert.equal(edited(input, (e) => prependLinesToSection(e, '%description', 'foo', ['New line', 'Next line'])),
      input.replace('%description -n foo\n', '%description -n foo\nNew line\nNext line\n'));
    assert.equal(prependLinesToSection(new SpecEditor('\nName: test\n'), '%description', '', ['New line']).ok, false);
  });
  test('append to a sub-package section: after its last line, before the next header', () => {
    assert.equal(edited(input, (e) => appendLinesToSection(e, '%description', 'foo', ['New line', 'Next line'])),
      input.replace('This is a test package.\n\n', 'This is a test package.\n\nNew line\nNext line\n'));
    assert.equal(appendLinesToSection(new SpecEditor('\nName: test\n'), '%description', '', ['New line']).ok, false);
  });
});

describe('tags: edge cases from spec_test.go and edit_test.go', () => {
  test('CRLF input: the tag is found, azldev writes LF, our text keeps CRLF elsewhere', () => {
    const e = new SpecEditor('Name: test\r\nVersion: 1.0\r\nRelease: 1\r\n');
    assert.ok(updateExistingTag(e, '', 'Name', 'updated').ok);
    assert.equal(e.toAzldevText(), 'Name: updated\nVersion: 1.0\nRelease: 1\n');
    assert.equal(e.toString(), 'Name: updated\r\nVersion: 1.0\r\nRelease: 1\r\n');
  });
  test('missing Name tag, non-existent package', () => {
    const r = updateExistingTag(new SpecEditor('Version: 1.0\nRelease: 1\n'), '', 'Name', 'test');
    assert.equal(r.ok ? '' : r.error.code, 'no-such-tag');
    const s = setTag(new SpecEditor('Name: test\nVersion: 1.0\n'), 'nonexistent-pkg', 'Summary', 'test');
    assert.equal(s.ok ? '' : s.error.code, 'section-not-found');
  });
  test('every instance is updated, not only the first', () => {
    assert.equal(edited('Name: a\n%if 1\nVersion: 1\n%else\nVersion: 2\n%endif\n', (e) => updateExistingTag(e, '', 'version', '3')),
      'Name: a\n%if 1\nversion: 3\n%else\nversion: 3\n%endif\n');
  });
  test('removeTagsMatching counts what it removed', () => {
    const e = new SpecEditor('Name: test\nSource0: fix-foo.patch\nPatch0: fix-foo.patch\n');
    assert.equal(removeTagsMatching(e, '', (t, v) => parsePatchTagNumber(t) !== undefined && v === 'fix-foo.patch'), 1);
    assert.equal(e.toAzldevText(), 'Name: test\nSource0: fix-foo.patch\n');
    assert.equal(removeTagsMatching(e, '', (_t, v) => v === 'nonexistent.patch'), 0);
  });
  test('ParsePatchTagNumber vectors', () => {
    const cases: [string, number | undefined][] = [['Patch0', 0], ['Patch1', 1], ['Patch99', 99], ['patch0', 0], ['PATCH5', 5], ['Patch', undefined], ['PatchFoo', undefined], ['Source0', undefined], ['Name', undefined], ['', undefined]];
    for (const [tag, n] of cases) assert.equal(parsePatchTagNumber(tag), n, tag);
  });
});

describe('patches and sections: edge cases', () => {
  test('a first patch in a minimal spec becomes Patch0', () => {
    assert.equal(edited('Name: test\n', (e) => addPatchEntry(e, '', 'fix-build.patch')), 'Name: test\nPatch0: fix-build.patch\n');
    assert.equal(edited('Name: test\n\n%patchlist\na.patch\n\n%build\n', (e) => addPatchEntry(e, '', 'b.patch')), 'Name: test\n\n%patchlist\na.patch\n\nb.patch\n%build\n');
  });
  test('removing from a spec with no patches fails', () => {
    const r = removePatchEntry(new SpecEditor('Name: test\nVersion: 1.0\n'), '*.patch');
    assert.ok(!r.ok && r.error.message.includes('no patches matching'));
  });
  test('duplicate section headers are all removed', () => {
    assert.equal(edited('Name: test\nVersion: 1.0\n\n%description\nFirst description.\n\n%description\nSecond description.\n', (e) => removeSection(e, '%description', '')), 'Name: test\nVersion: 1.0\n\n');
  });
  test('azldev refuses removals when its raw %if count is off, as in kernel.spec-style %define bodies', () => {
    const input = 'Name: a\n%define m() \\\n%if 1\\\n%endif\\\n%{nil}\n%files x\n/x\n';
    const r = removeSection(new SpecEditor(input), '%files', 'x');
    assert.ok(!r.ok && r.error.message.includes('unmatched %if'), JSON.stringify(r));
  });
});

describe('our text keeps untouched lines exactly', () => {
  test('a missing final newline is kept until something is appended after it', () => {
    const e = new SpecEditor('Name: a\r\n%build\r\nmake');
    assert.equal(e.toString(), 'Name: a\r\n%build\r\nmake');
    assert.ok(appendLinesToSection(e, '%build', '', ['make check']).ok);
    assert.equal(e.toString(), 'Name: a\r\n%build\r\nmake\nmake check\n');
    assert.equal(e.document.sections[1]?.endLine, 4);
  });
});
