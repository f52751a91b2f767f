// Edits after an edit that put "\n" inside a line. azldev's Spec keeps such a replacement as one raw line
// (rawLines[i] = replacement) and counts lines by entry from then on; section positions and line kinds follow.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendLinesToSection, prependLinesToSection, removeTag, searchAndReplace, SpecEditor, updateExistingTag } from '../../../server/src/core/spec';

const SPEC = ['Name: demo', 'Version: 1', '', '%install', 'make install', '', '%files', '/usr/bin/demo', '', '%files devel', '/usr/include/demo.h', '', '%changelog', '- one', ''].join('\n');

function withReplacement(replacement: string): SpecEditor {
  const e = new SpecEditor(SPEC);
  const r = searchAndReplace(e, '%install', '', '^make install$', replacement);
  assert.ok(r.ok);
  return e;
}

describe('lines holding newlines after a multi-line replacement', () => {
  test('a later append and prepend land in the sections they name, not lines further down', () => {
    const e = withReplacement('make install\ninstall -d /a\ninstall -d /b\ninstall -d /c\ninstall -d /d\ninstall -d /e');
    assert.ok(appendLinesToSection(e, '%files', '', ['/usr/share/demo']).ok);
    assert.ok(prependLinesToSection(e, '%files', 'devel', ['%doc README']).ok);
    assert.equal(
      e.toAzldevText(),
      SPEC.replace('make install\n', 'make install\ninstall -d /a\ninstall -d /b\ninstall -d /c\ninstall -d /d\ninstall -d /e\n')
        .replace('/usr/bin/demo\n\n', '/usr/bin/demo\n\n/usr/share/demo\n')
        .replace('%files devel\n', '%files devel\n%doc README\n'),
    );
  });

  test('a header on a later line of the replacement starts no section (azldev reads the first field only)', () => {
    const e = withReplacement('make install\n%files extra\n/usr/lib/extra');
    const r = appendLinesToSection(e, '%files', 'extra', ['x']);
    assert.equal(r.ok ? '' : r.error.code, 'section-not-found');
    assert.equal(e.document.sections.map((s) => s.name).join(' '), ' %install %files %files %changelog');
  });

  test('a replacement starting with a newline and a header does start one', () => {
    const e = withReplacement('\n%files extra');
    assert.ok(appendLinesToSection(e, '%files', 'extra', ['/usr/lib/extra']).ok);
    assert.match(e.toAzldevText(), /^%install\n\n%files extra\n\n\/usr\/lib\/extra\n%files\n/m);
  });

  test('a tag line whose value runs onto another line is no tag; one whose value starts on the next line is', () => {
    const e = new SpecEditor(SPEC);
    assert.ok(searchAndReplace(e, '', '', '^Version: 1$', 'Version: 1\nRelease: 2').ok);
    const r = removeTag(e, '', 'Version', '');
    assert.equal(r.ok ? '' : r.error.code, 'no-such-tag');
    const f = new SpecEditor(SPEC);
    assert.ok(searchAndReplace(f, '', '', '^Version: 1$', 'Version:\n2').ok);
    assert.ok(updateExistingTag(f, '', 'Version', '3').ok);
    assert.match(f.toAzldevText(), /^Version: 3$/m);
  });
});
