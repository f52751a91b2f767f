// [test-suites] rules on one file. The table is azldev's testsuite_test.go TestTestSuiteConfig_Validate (and
// fileutils' TestValidateFilename for suite names) as data: each row's TOML, the code we report, the text it
// spans and the substring of azldev's message it must carry.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne, run, spanned } from './ruleHarness';

const SHA = 'abcdef0123456789abcdef0123456789abcdef01';
const LISA = `lisa = { framework = { git-url = "https://github.com/microsoft/lisa.git", ref = "${SHA}" }, test-cases = ["verify_cpu_count", "verify_grub"] }`;
const suite = (name: string, body: string) => `[test-suites.${name}]\n${body}\n`;

// [row name, suite body, expected code (undefined = accepted), spanned text, azldev's message substring].
const ROWS: [string, string, string | undefined, string, string][] = [
  ['valid pytest config', 'type = "pytest"\npytest = { working-dir = "tests", test-paths = ["cases/"], extra-args = ["--image-path", "{image-path}"] }', undefined, '', ''],
  ['valid pytest config with install mode pyproject', 'type = "pytest"\npytest = { install = "pyproject", working-dir = "tests" }', undefined, '', ''],
  ['valid pytest config with install mode requirements', 'type = "pytest"\npytest = { install = "requirements", working-dir = "tests" }', undefined, '', ''],
  ['valid pytest config with install mode none', 'type = "pytest"\npytest = { install = "none", working-dir = "tests" }', undefined, '', ''],
  ['valid pytest config with empty install mode', 'type = "pytest"\npytest = { working-dir = "tests" }', undefined, '', ''],
  ['invalid install mode', 'type = "pytest"\npytest = { install = "bad-mode" }', 'test-suite-invalid-install-mode', '"bad-mode"', 'invalid install mode: `bad-mode`'],
  ['pyproject install mode requires working-dir', 'type = "pytest"\npytest = { install = "pyproject" }', 'test-suite-working-dir-required', '{ install = "pyproject" }', "'working-dir' is required when install mode is `pyproject`"],
  ['requirements install mode requires working-dir', 'type = "pytest"\npytest = { install = "requirements", working-dir = "" }', 'test-suite-working-dir-required', '""', "'working-dir' is required when install mode is `requirements`"],
  ['install none without working-dir is valid', 'type = "pytest"\npytest = { install = "none" }', undefined, '', ''],
  ['default install without working-dir is valid', 'type = "pytest"\npytest = {}', undefined, '', ''],
  ['valid lisa config', `type = "lisa"\n${LISA}`, undefined, '', ''],
  ['pytest missing subtable', 'type = "pytest"', 'test-suite-pytest-required', '[test-suites.smoke]', 'requires a [pytest] subtable'],
  ['pytest with lisa subtable', `type = "pytest"\npytest = {}\n${LISA}`, 'test-suite-mismatched-subtable', LISA.slice('lisa = '.length), 'mismatched test subtable: test suite `smoke` of type `pytest` must not have a [lisa] subtable'],
  ['lisa missing subtable is valid (optional)', 'type = "lisa"', undefined, '', ''],
  ['lisa missing framework git-url', `type = "lisa"\nlisa = { framework = { ref = "${SHA}" }, test-cases = ["a"] }`, 'test-suite-git-url-required', `{ ref = "${SHA}" }`, "lisa.framework requires 'git-url'"],
  ['lisa missing framework ref', 'type = "lisa"\nlisa = { framework = { git-url = "https://x/lisa.git" }, test-cases = ["a"] }', 'test-suite-ref-required', '{ git-url = "https://x/lisa.git" }', "lisa.framework requires 'ref'"],
  ['lisa invalid framework ref', 'type = "lisa"\nlisa = { framework = { git-url = "https://x/lisa.git", ref = "not-a-sha" }, test-cases = ["a"] }', 'test-suite-invalid-ref', '"not-a-sha"', 'invalid git ref: expected 40 hex characters, got 9: `not-a-sha`'],
  ['lisa ref of 40 non-hex characters', `type = "lisa"\nlisa = { framework = { git-url = "https://x/lisa.git", ref = "${'g'.repeat(40)}" }, test-cases = ["a"] }`, 'test-suite-invalid-ref', `"${'g'.repeat(40)}"`, 'invalid git ref: not a valid hex string'],
  ['lisa missing test-cases', `type = "lisa"\nlisa = { framework = { git-url = "https://x/lisa.git", ref = "${SHA}" } }`, 'test-suite-test-cases-required', `{ framework = { git-url = "https://x/lisa.git", ref = "${SHA}" } }`, "lisa requires 'test-cases'"],
  ['lisa with pytest subtable', `type = "lisa"\n${LISA}\npytest = {}`, 'test-suite-mismatched-subtable', '{}', 'must not have a [pytest] subtable'],
  ['unknown test type', 'type = "unknown-type"', 'test-suite-unknown-type', '"unknown-type"', 'unknown test type: `unknown-type` (test suite: `smoke`)'],
  ['missing type returns missing-field error', 'description = "no type"', 'test-suite-type-required', '[test-suites.smoke]', "is missing required field 'type'"],
];

describe('test suites (azldev TestTestSuiteConfig_Validate)', () => {
  for (const [name, body, code, span, want] of ROWS) {
    it(name, () => {
      const text = suite('smoke', body);
      if (code === undefined) return expectNone(text);
      const d = expectOne(text, code, span);
      assert.ok(d.message.includes(want), `${d.message} lacks ${want}`);
    });
  }

  it('reads header subtables too', () => {
    const text = '[test-suites.smoke]\ntype = "pytest"\n[test-suites.smoke.pytest]\ninstall = "pyproject"\n';
    expectOne(text, 'test-suite-working-dir-required', '[test-suites.smoke.pytest]');
  });
});

describe('test suite names (fileutils.ValidateFilename)', () => {
  const NAMES: [string, string][] = [
    ['"a\\\\b"', 'must not contain backslashes'],
    ['"café"', 'must contain only ASCII characters'],
    ['"a/b"', 'must be a simple filename without directory components'],
    ['".."', 'is not a valid file name'],
    ['"a b"', 'must not contain whitespace'],
  ];
  for (const [key, want] of NAMES) {
    it(`rejects ${key}`, () => {
      const text = suite(key, 'type = "lisa"');
      const d = expectOne(text, 'test-suite-invalid-name', key);
      assert.ok(d.message.startsWith('invalid test suite name'), d.message);
      assert.ok(d.message.includes(want), `${d.message} lacks ${want}`);
    });
  }

  it('accepts plain names', () => expectNone(suite('"smoke-1.2_x"', 'type = "lisa"')));

  it('reports each suite of a file', () => {
    const text = suite('a', 'type = "pytest"') + suite('b', 'type = "lisa"\npytest = {}');
    assert.deepEqual(run(text).map((d) => [d.code, spanned(text, d)]), [
      ['test-suite-pytest-required', '[test-suites.a]'],
      ['test-suite-mismatched-subtable', '{}'],
    ]);
  });
});
