// RE2 regex validation: azldev compiles `regex` with Go's regexp, so patterns JS would accept (look-around,
// back-references) are errors and the RE2 parser's message is reported on the regex value.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { re2Error } from '../../../server/src/core/rules/regex';
import { expectNone, expectOne } from './ruleHarness';

const overlay = (type: string, regex: string) =>
  `[[components.curl.overlays]]\ntype = "${type}"\n${type.startsWith('file') ? 'file = "a.conf"\n' : ''}regex = ${JSON.stringify(regex)}\n`;

describe('regex-invalid', () => {
  it('reports an unbalanced group on the value with the RE2 error', () => {
    const text = overlay('spec-search-replace', 'a(b');
    const d = expectOne(text, 'regex-invalid', '"a(b"');
    assert.match(d.message, /missing closing \)/);
    assert.equal(d.data?.['pattern'], 'a(b');
  });

  it('checks file-search-replace too', () => {
    expectOne(overlay('file-search-replace', '[z-a]'), 'regex-invalid', '"[z-a]"');
  });

  it('rejects what JS RegExp accepts but RE2 does not', () => {
    for (const pattern of ['(?<=x)y', '(?!x)', '(a)\\1', '\\Z']) {
      assert.doesNotThrow(() => new RegExp(pattern.replace('\\Z', '\\z')), pattern);
      assert.notEqual(re2Error(pattern), undefined, pattern);
    }
    expectOne(overlay('spec-search-replace', '(?<=Requires: )foo'), 'regex-invalid', '"(?<=Requires: )foo"');
  });

  it('accepts RE2 syntax JS lacks or spells differently', () => {
    for (const pattern of ['(?i)^release:', '\\pN+', '\\Q1.0\\E', '(?P<v>[0-9]+)', '[[:digit:]]+', '\\z', '(?s).*']) {
      assert.equal(re2Error(pattern), undefined, pattern);
      expectNone(overlay('spec-search-replace', pattern));
    }
  });
});
