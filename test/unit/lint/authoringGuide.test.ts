// The authoring-guide lints: each seeded habit the guide warns about gives exactly one diagnostic of its
// code at the right place, the guide-following form gives none, and the real tree's legacy files give
// the counts we measured (its inline arrays, overlays without a description, unscoped regexes).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { runAuthoringGuide } from '../../../server/src/core/lint/authoringGuide';
import { parseToml } from '../../../server/src/core/toml';
import { CORPUS_ROOT, filesBelow } from '../../support/paths';

const FILE = '/p/comps/curl/curl.comp.toml';

function lint(marked: string, kind: 'config' | 'overlay-file' = 'config') {
  const start = marked.indexOf('«');
  const end = marked.indexOf('»') - 1;
  const text = marked.replace('«', '').replace('»', '');
  const doc = parseToml(text);
  assert.deepEqual(doc.errors, []);
  const diags = runAuthoringGuide({ file: FILE, doc, kind });
  return { diags, text, span: start < 0 ? undefined : { start, end } };
}

function expectOne(marked: string, code: string, kind: 'config' | 'overlay-file' = 'config') {
  const { diags, text, span } = lint(marked, kind);
  assert.deepEqual(diags.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [[code, span ? text.slice(span.start, span.end) : '']]);
  return diags[0];
}

const GOOD = '[[components.curl.overlays]]\ndescription = "Drop psl"\ntype = "spec-search-replace"\nsection = "%build"\nregex = "--with-libpsl"\nreplacement = "--without-libpsl"\n';

describe('authoring-guide lints', () => {
  it('a guide-following overlay is clean', () => {
    assert.deepEqual(lint(GOOD).diags, []);
  });
  it('an overlay without a description, at its header', () => {
    const d = expectOne('«[[components.curl.overlays]]»\ntype = "spec-remove-tag"\ntag = "Vendor"\n', 'guide-overlay-description');
    assert.equal(d?.severity, 'information');
  });
  it('an inline array of overlays, at the key', () => {
    expectOne('[components.curl]\n«overlays» = [\n  { description = "d", type = "spec-remove-tag", tag = "Vendor" },\n]\n', 'guide-inline-overlays');
  });
  it('$1 in a replacement is literal', () => {
    expectOne(GOOD.replace('replacement = "--without-libpsl"', 'replacement = «"--without-$1"»'), 'guide-literal-backreference');
  });
  it('no (?s) regexes', () => {
    expectOne(GOOD.replace('regex = "--with-libpsl"', 'regex = «"(?s)--with.*psl"»'), 'guide-dotall-regex');
  });
  it('spec-search-replace without section or package: the file alone cannot tell where it matches, so it is quiet', () => {
    // Judged against the spec instead, where it is at hand (render/scopeAdvice.ts).
    assert.ok(!lint(GOOD.replace('section = "%build"\nregex = "--with-libpsl"', 'regex = "--with-libpsl"')).diags.some((d) => d.code === 'guide-unscoped-search-replace'));
  });
  it('a regex over one single-valued tag line: prefer spec-set-tag', () => {
    const d = expectOne(GOOD.replace('regex = "--with-libpsl"\nreplacement = "--without-libpsl"', 'regex = «"^Release:.*"»\nreplacement = "Release: 5%{?dist}"'), 'guide-prefer-targeted');
    assert.match(d?.message ?? '', /spec-set-tag \(tag = "Release"\)/);
  });
  it('a regex over a repeatable tag (Requires) is not a spec-set-tag', () => {
    assert.deepEqual(lint(GOOD.replace('regex = "--with-libpsl"', 'regex = "^Requires: foo"')).diags, []);
  });
  it('never change Name:', () => {
    const d = expectOne('[[components.curl.overlays]]\ndescription = "d"\ntype = "spec-set-tag"\ntag = «"Name"»\nvalue = "curl2"\n', 'guide-name-tag');
    assert.equal(d?.severity, 'warning');
  });
  it('setting Name: to the component itself (an import under another name) is the intended use', () => {
    assert.deepEqual(lint('[[components.curl.overlays]]\ndescription = "d"\ntype = "spec-set-tag"\ntag = "Name"\nvalue = "curl"\n').diags, []);
  });
  it('package is the short sub-package suffix', () => {
    const d = expectOne(GOOD.replace('section = "%build"', 'section = "%files"\npackage = «"curl-devel"»'), 'guide-package-short-name');
    assert.deepEqual(d?.data, { suggestion: 'devel' });
  });
  it('package is the short suffix on every overlay type that takes one', () => {
    expectOne('[[components.curl.overlays]]\ndescription = "d"\ntype = "spec-append-lines"\nsection = "%files"\npackage = «"curl-minimal"»\nlines = ["%doc README"]\n', 'guide-package-short-name');
  });
  it('overlay files are linted too', () => {
    expectOne('[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n«[[overlays]]»\ntype = "spec-remove-tag"\ntag = "Vendor"\n', 'guide-overlay-description', 'overlay-file');
  });
  it('the real tree: only its legacy habits, as information', () => {
    const counts = new Map<string, number>();
    for (const f of filesBelow(CORPUS_ROOT, '.toml')) {
      for (const d of runAuthoringGuide({ file: f, doc: parseToml(fs.readFileSync(f, 'utf8')), kind: 'config' })) {
        assert.equal(d.severity, 'information', `${f}: ${d.message}`);
        counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      }
    }
    // One regex in a basic string with doubled backslashes (elfutils: "%global provide_yama_scope\\s+1"; the tree
    // writes its other backslashed regexes as literal strings).
    assert.deepEqual(Object.fromEntries(counts), { 'guide-inline-overlays': 5, 'guide-overlay-description': 38, 'guide-regex-basic-string': 1 });
  });
});
