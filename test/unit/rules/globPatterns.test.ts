// A malformed `includes`, `overlay-files` or component-group `specs` glob is an error at the pattern, in
// azldev's words (loader.go, overlay_file.go, resolver.go: doublestar.Glob returns ErrBadPattern before it
// reads any directory). Which patterns are malformed is doublestar's own table: the pattern column of
// doublestar_test.go's matchTests, split by whether the row expects ErrBadPattern.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryService } from '../../support/memoryService';

/** matchTests rows with no expected error (their patterns, once each). */
const DOUBLESTAR_VALID = [
  '', '*', '/*', 'abc', '*c', '*/', 'a*', 'a*/b', 'a*/c/', 'a*b*c*d*e*', 'a*b*c*d*e*/f', 'a*b?c*x', 'ab[c]', 'ab[b-d]', 'ab[e-g]', 'ab[^c]',
  'ab[^b-d]', 'ab[^e-g]', 'a\\*b', 'a?b', 'a[^a]b', 'a[!a]b', 'a???b', 'a[^a][^a][^a]b', '[a-\u03b6]*', '*[a-\u03b6]', 'a*b', '[\\]a]', '[\\-]',
  '[x\\-]', '[\\-x]', '[-]', '[x-]', '[-x]', '[a-b-d]', '[a-b-x]', '*x', '[abc]', '[abc123]', '[a-z0-9]', '**', 'a/**', 'a/**/', '**/c', 'a/**/b',
  'a/**/c', 'a/**/d', 'a/\\**', 'a/\\[*\\]', 'a/b/c', 'a/', 'ab{c,d}', 'ab{c,d,*}', 'a{,bc}', 'a/{b/c,c/b}', 'a/a*{b,c}', '{a/{b,c},abc}', '{a/ab*}',
  '{a/*}', '{a/abc}', '{a/b,a/c}', 'abc/**', '**/abc', 'abc**', '**/*.txt', '**/\u3010*', '**/{a,b}', 'a/*/*/d', 'broken-symlink', 'broken-symlink/*',
  'broken*/*', 'working-symlink/c/*', 'working-sym*/*', 'b/**/f', '*/symlink-dir/*', 'e/\\[x\\]/*', 'e/\\[x\\]/*/z', 'e/**', 'e/*', 'e/?', 'e/\\[',
  'e/]', 'e/\\]', 'e/\\{', 'e/\\}', 'e/[\\*\\?]', 'e/[\\*\\?]?', 'e/{\\*,\\?}', 'e/\\*', 'e/\\?', '*\\}', 'case-sensitive/fi*', 'case-sensitive/FI*',
  'case-sensitive/Fi*', 'nonexistent-path', 'nonexistent-path/', 'nonexistent-path/file', 'nonexistent-path/*', 'nonexistent-path/**',
  'nopermission/*', 'nopermission/dir/', 'nopermission/file',
];
/** matchTests rows expecting ErrBadPattern. */
const DOUBLESTAR_BAD = ['[]a]', '\\', '[', '[^', '[^bc', 'a[', 'ad[', 'ab{c,d}[', 'e/['];

const ROOT = '/p/azldev.toml';
const REST = '\n\n[project]\ndefault-distro = { name = "f", version = "1" }\n[distros.f.versions.1]\n';

function invalidIn(key: 'includes' | 'overlay-files' | 'specs', pattern: string) {
  const item = JSON.stringify(pattern);
  const text =
    key === 'includes' ? `includes = [${item}]${REST}` : key === 'specs' ? `${REST}\n[component-groups.g]\nspecs = [${item}]\n` : `${REST}\n[components.a]\noverlay-files = [${item}]\n`;
  const found = memoryService({ [ROOT]: text }, { lint: false })
    .validateFile(ROOT, text)
    .filter((d) => d.code === 'glob-pattern-invalid');
  return { found, text, at: text.indexOf(`[${item}]`) + 1, length: item.length };
}

describe("doublestar's pattern table, as includes, overlay-files and group specs entries", () => {
  for (const key of ['includes', 'overlay-files', 'specs'] as const) {
    it(`${key}: every ErrBadPattern row is an error at the pattern`, () => {
      for (const pattern of DOUBLESTAR_BAD) {
        const { found, at, length } = invalidIn(key, pattern);
        assert.deepEqual(found.map((d) => [d.severity, d.span]), [['error', { start: at, end: at + length }]], pattern);
      }
    });
    it(`${key}: no other row is`, () => {
      for (const pattern of DOUBLESTAR_VALID) {
        if (pattern === '') continue; // an empty entry has its own finding (config-empty-entry)
        assert.deepEqual(invalidIn(key, pattern).found, [], pattern);
      }
    });
  }

  it('braces that do not pair up (validate.go) are malformed too', () => {
    for (const pattern of ['comps/{a,b.toml', 'comps/a}.toml', '{{a}']) assert.equal(invalidIn('includes', pattern).found.length, 1, pattern);
  });
});

describe("azldev's wording", () => {
  it('includes: "failed to expand include pattern … syntax error in pattern", with how to fix it', () => {
    const [d] = invalidIn('includes', 'comps/[abc.toml').found;
    assert.match(d?.message ?? '', /^failed to expand include pattern 'comps\/\[abc\.toml' in config file 'azldev\.toml': syntax error in pattern\. A glob's `\[` class must be closed/);
  });
  it('overlay-files: "failed to scan for overlay files matching … syntax error in pattern"', () => {
    const [d] = invalidIn('overlay-files', 'overlays/{a.overlay.toml').found;
    assert.match(d?.message ?? '', /^failed to scan for overlay files matching "overlays\/\{a\.overlay\.toml": syntax error in pattern\./);
  });
  it('component-group specs: "failed to expand spec pattern … syntax error in pattern" (resolver.go)', () => {
    const [d] = invalidIn('specs', 'SPECS/**/[.spec').found;
    assert.match(d?.message ?? '', /^failed to expand spec pattern `SPECS\/\*\*\/\[\.spec`: syntax error in pattern\./);
  });
  it('a malformed literal-looking entry is not also reported as a missing file', () => {
    const { text } = invalidIn('includes', 'a}.toml');
    const codes = memoryService({ [ROOT]: text }, { lint: false }).validateFile(ROOT, text).map((d) => d.code);
    assert.deepEqual(codes, ['glob-pattern-invalid']);
  });
});
