// [resources] rules on one file. The tables are azldev's (resources_internal_test.go TestValidateRpmRepo,
// TestHasURIScheme, TestJoinSetBaseURI) as data: each row's TOML, the code we report, the text it spans and
// the substring of azldev's message it must carry.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goParseUrl } from '../../../server/src/core/rules/goUrl';
import { gpgKeyProblem, hasUriScheme, isLocalGpgKey, remoteUriProblem } from '../../../server/src/core/rules/repoValues';
import { expectNone, expectOne, run, spanned } from './ruleHarness';

const repo = (body: string) => `[resources.rpm-repos.test]\n${body}\n`;

// TestValidateRpmRepo: [row name, repo body, expected code (undefined = accepted), spanned text, azldev's wantErr substring].
const RPM_REPO_ROWS: [string, string, string | undefined, string, string][] = [
  ['ok base-uri with disable-gpg-check', 'base-uri = "https://x/"\ndisable-gpg-check = true', undefined, '', ''],
  ['ok base-uri with gpg-key', 'base-uri = "https://x/"\ngpg-key = "https://x/key"', undefined, '', ''],
  ['ok metalink', 'metalink = "https://x/ml"\ndisable-gpg-check = true', undefined, '', ''],
  ['missing source', 'disable-gpg-check = true', 'resource-repo-source-required', '[resources.rpm-repos.test]', 'exactly one of `base-uri` or `metalink`'],
  ['both base-uri and metalink', 'base-uri = "https://x/"\nmetalink = "https://x/ml"\ndisable-gpg-check = true', 'resource-repo-source-conflict', '[resources.rpm-repos.test]', 'must not specify both'],
  ['gpg-check enabled with no key', 'base-uri = "https://x/"', 'resource-gpg-key-required', '[resources.rpm-repos.test]', 'GPG checking enabled'],
  ['newline in description', 'base-uri = "https://x/"\ndisable-gpg-check = true\ndescription = "a\\nb"', 'resource-unsafe-characters', '"a\\nb"', 'single line'],
  ['unsupported type', 'type = "weird"\nbase-uri = "https://x/"\ndisable-gpg-check = true', 'resource-unsupported-type', '"weird"', 'unsupported type'],
  ['opaque base-uri rejected', 'base-uri = "https:example.com"\ndisable-gpg-check = true', 'resource-invalid-uri', '"https:example.com"', 'opaque URI'],
  ['base-uri with empty host rejected', 'base-uri = "https:///path"\ndisable-gpg-check = true', 'resource-invalid-uri', '"https:///path"', 'must include a host'],
  ['opaque metalink rejected', 'metalink = "https:example.com/ml"\ndisable-gpg-check = true', 'resource-invalid-uri', '"https:example.com/ml"', 'opaque URI'],
  ['opaque gpg-key https rejected', 'base-uri = "https://x/"\ngpg-key = "https:example.com/key"', 'resource-invalid-gpg-key', '"https:example.com/key"', 'opaque URI'],
  ['opaque gpg-key file rejected', 'base-uri = "https://x/"\ngpg-key = "file:relative.gpg"', 'resource-invalid-gpg-key', '"file:relative.gpg"', 'opaque URI'],
  ['file gpg-key with host rejected', 'base-uri = "https://x/"\ngpg-key = "file://server/share/key.gpg"', 'resource-invalid-gpg-key', '"file://server/share/key.gpg"', 'file:///absolute/path'],
  ['https gpg-key with no host rejected', 'base-uri = "https://x/"\ngpg-key = "https:///path/key.gpg"', 'resource-invalid-gpg-key', '"https:///path/key.gpg"', 'must include a host'],
];

describe('rpm-repos (azldev TestValidateRpmRepo)', () => {
  for (const [name, body, code, span, wantErr] of RPM_REPO_ROWS) {
    it(name, () => {
      const text = repo(body);
      if (code === undefined) return expectNone(text);
      const d = expectOne(text, code, span);
      assert.ok(d.message.includes(wantErr), `${d.message} lacks ${wantErr}`);
      assert.equal(d.severity, 'error');
    });
  }

  it('checks the repo name grammar at the key', () => {
    const text = '[resources.rpm-repos."-bad"]\nbase-uri = "https://x/"\ndisable-gpg-check = true\n';
    const d = expectOne(text, 'resource-invalid-name', '"-bad"');
    assert.match(d.message, /^rpm-repo: rpm-repo name `-bad` is invalid; must match \^\[A-Za-z0-9\]/);
    expectOne('[resources.rpm-repos.""]\nbase-uri = "https://x/"\ndisable-gpg-check = true\n', 'resource-invalid-name', '""');
    expectNone('[resources.rpm-repos."azl4-base:x86_64.v2"]\nbase-uri = "https://x/"\ndisable-gpg-check = true\n');
  });

  it('accepts http, any case of the scheme, ports and bare or file:/// keys', () => {
    for (const key of ['keys/local.gpg', '/etc/pki/key', 'file:///etc/pki/key', 'HTTPS://x/key']) {
      expectNone(repo(`base-uri = "http://mirror.example:8080/fedora/$releasever/"\ngpg-key = "${key}"`));
    }
  });

  it('reports the URI parse errors Go reports', () => {
    const d = expectOne(repo('base-uri = "https://exa mple.org/"\ndisable-gpg-check = true'), 'resource-invalid-uri', '"https://exa mple.org/"');
    assert.equal(d.message, 'rpm-repo `test` `base-uri` is not a valid URI: parse "https://exa mple.org/": invalid character " " in host name');
    const port = expectOne(repo('base-uri = "https://x:http/"\ndisable-gpg-check = true'), 'resource-invalid-uri', '"https://x:http/"');
    assert.match(port.message, /invalid port ":http" after host/);
    const scheme = expectOne(repo('base-uri = "mirror.example/fedora"\ndisable-gpg-check = true'), 'resource-invalid-uri', '"mirror.example/fedora"');
    assert.match(scheme.message, /is missing a scheme \(expected an http or https URL\)/);
    const ftp = expectOne(repo('metalink = "ftp://x/ml"\ndisable-gpg-check = true'), 'resource-invalid-uri', '"ftp://x/ml"');
    assert.match(ftp.message, /uses unsupported scheme "ftp"; only http and https are accepted/);
  });

  it('reports where a description breaks a line, in bytes as Go counts them', () => {
    const d = expectOne(repo('base-uri = "https://x/"\ndisable-gpg-check = true\ndescription = "é\\u2028"'), 'resource-unsafe-characters', '"é\\u2028"');
    assert.match(d.message, /must not contain Unicode line separators \(at byte 2\)/);
    const nul = expectOne(repo('base-uri = "https://x/"\ndisable-gpg-check = true\ndescription = "ab\\u0000"'), 'resource-unsafe-characters', '"ab\\u0000"');
    assert.match(nul.message, /must not contain NUL bytes \(at byte 2\)/);
  });

  it('points at an empty gpg-key, and at the key of a dotted table', () => {
    expectOne(repo('base-uri = "https://x/"\ngpg-key = ""'), 'resource-gpg-key-required', '""');
    expectOne('[resources]\nrpm-repos.test.base-uri = "https://x/"\n', 'resource-gpg-key-required', 'test');
  });

  it('leaves values of the wrong type to the schema', () => {
    expectNone(repo('base-uri = 1\ngpg-key = 2'));
  });
});

describe('URI helpers (azldev TestHasURIScheme, Go url.Parse)', () => {
  const HAS_SCHEME: [string, boolean][] = [
    ['https://x', true], ['file:///x', true], ['foo+bar.baz:x', true], ['/abs/path', false],
    ['rel/path', false], ['', false], [':nope', false], ['1abc:nope', false],
  ];
  for (const [input, want] of HAS_SCHEME) it(`hasURIScheme(${JSON.stringify(input)}) = ${want}`, () => assert.equal(hasUriScheme(input), want));

  it('splits URLs as url.Parse does', () => {
    assert.deepEqual(goParseUrl('https://user@x:8080/a/b?q=1#frag').url, { scheme: 'https', opaque: '', host: 'x:8080', path: '/a/b', rawQuery: 'q=1', fragment: 'frag' });
    assert.equal(goParseUrl('HTTPS:example.com').url?.opaque, 'example.com');
    assert.equal(goParseUrl('https://[::1]:443/').url?.host, '[::1]:443');
    assert.equal(goParseUrl('https://x/%zz').error, 'parse "https://x/%zz": invalid URL escape "%zz"');
    assert.equal(goParseUrl(':x').error, 'parse ":x": missing protocol scheme');
    assert.equal(goParseUrl('https://x/\ty').error, 'parse "https://x/\\ty": net/url: invalid control character in URL');
    assert.equal(goParseUrl('https://[::1/').error, `parse "https://[::1/": missing ']' in host`);
  });

  it('judges remote URIs and keys as validateRemoteURI and validateGPGKey do', () => {
    assert.equal(remoteUriProblem('rpm-repo', 'base-uri', 'r', 'https://x/'), undefined);
    assert.match(remoteUriProblem('rpm-repo', 'base-uri', 'r', 'file:///srv/repo') ?? '', /unsupported scheme "file"/);
    assert.equal(gpgKeyProblem('rpm-repo', 'r', 'file:///'), undefined);
    assert.match(gpgKeyProblem('rpm-repo', 'r', 'ftp://x/key') ?? '', /unsupported scheme "ftp"; expected http, https, or file/);
    assert.match(gpgKeyProblem('rpm-repo', 'r', 'C:\\keys\\k.gpg') ?? '', /unsupported scheme "c"/);
    assert.deepEqual(['keys/k.gpg', 'file:///k', 'https://x/k', ''].map(isLocalGpgKey), [true, true, false, false]);
  });
});

const template = (subrepos: string) => `[resources.rpm-repo-set-templates.t]\nsubrepos = ${subrepos}\n`;

describe('rpm-repo-set-templates', () => {
  it('accepts a standard layout', () => {
    expectNone(template('[\n  { name = "base", subpath = "base/$basearch" },\n  { name = "base-debug", kind = "debug", subpath = "base/debuginfo/$basearch" },\n  { name = "base-src", kind = "source", subpath = "base/srpms" },\n]'));
  });

  it('needs at least one sub-repo', () => {
    expectOne(template('[]'), 'resource-template-no-subrepos', '[]');
    expectOne('[resources.rpm-repo-set-templates.t]\ndescription = "x"\n', 'resource-template-no-subrepos', '[resources.rpm-repo-set-templates.t]');
  });

  it('checks sub-repo names: grammar, presence and uniqueness', () => {
    const bad = expectOne(template('[{ name = "_x", subpath = "a" }]'), 'resource-invalid-name', '"_x"');
    assert.match(bad.message, /^rpm-repo-set-template `t` sub-repo 1: rpm-repo name `_x` is invalid/);
    const missing = expectOne(template('[{ subpath = "a" }]'), 'resource-invalid-name', '{ subpath = "a" }');
    assert.match(missing.message, /sub-repo 1: rpm-repo name must not be empty/);
    const text = template('[{ name = "a", subpath = "a" }, { name = "a", subpath = "b" }]');
    const dup = expectOne(text, 'resource-duplicate-subrepo', '"a"');
    assert.equal(dup.span.start, text.lastIndexOf('"a"', text.indexOf('"b"')));
    assert.match(dup.message, /has duplicate sub-repo name `a`/);
  });

  it('checks kind and subpath', () => {
    const kind = expectOne(template('[{ name = "a", subpath = "a", kind = "debuginfo" }]'), 'resource-invalid-subrepo-kind', '"debuginfo"');
    assert.match(kind.message, /has invalid `kind` `debuginfo` \(expected one of: binary, debug, source\)/);
    expectOne(template('[{ name = "a" }]'), 'resource-subpath-required', '{ name = "a" }');
    expectOne(template('[{ name = "a", subpath = "" }]'), 'resource-subpath-required', '""');
    expectOne(template('[{ name = "a", subpath = "/abs" }]'), 'resource-subpath-absolute', '"/abs"');
    const crlf = expectOne(template('[{ name = "a", subpath = "a\\r\\nb" }]'), 'resource-unsafe-characters', '"a\\r\\nb"');
    assert.equal(crlf.message, 'rpm-repo-set-template `t`: rpm-repo-set-template `a` `subpath` must be a single line (no embedded CR/LF at byte 1)');
  });

  it('checks the template name', () => {
    expectOne('[resources.rpm-repo-set-templates."a b"]\nsubrepos = [{ name = "a", subpath = "a" }]\n', 'resource-invalid-name', '"a b"');
  });
});

const set = (body: string) => `[resources.rpm-repo-sets.s]\n${body}\n`;

describe('rpm-repo-sets', () => {
  it('accepts a complete set', () => {
    expectNone(set('template = "t"\nbase-uri = "https://x/azl4"\nname-prefix = "azl4-"\ngpg-key = "https://x/key"\nsubrepos = ["base"]'));
  });

  it('needs a template and a base-uri', () => {
    const d = expectOne(set('base-uri = "https://x/"\ndisable-gpg-check = true'), 'resource-set-template-required', '[resources.rpm-repo-sets.s]');
    assert.match(d.message, /^rpm-repo-set `s` is missing `template`/);
    expectOne(set('template = "t"\ndisable-gpg-check = true'), 'resource-set-base-uri-required', '[resources.rpm-repo-sets.s]');
    expectOne(set('template = ""\nbase-uri = "https://x/"\ndisable-gpg-check = true'), 'resource-set-template-required', '""');
  });

  it('checks base-uri and gpg-key as for a repo', () => {
    expectOne(set('template = "t"\nbase-uri = "https:x"\ndisable-gpg-check = true'), 'resource-invalid-uri', '"https:x"');
    expectOne(set('template = "t"\nbase-uri = "https://x/"'), 'resource-gpg-key-required', '[resources.rpm-repo-sets.s]');
    expectOne(set('template = "t"\nbase-uri = "https://x/"\ngpg-key = "file://host/k"'), 'resource-invalid-gpg-key', '"file://host/k"');
  });

  // TestJoinSetBaseURI's base-uri rows (its subpath rows are project checks: test/unit/project/resourceReferences.test.ts).
  const JOIN_ROWS: [string, boolean][] = [['https://x', true], ['https://x/', true], ['https://x?token=1', false], ['https://x#frag', false]];
  for (const [base, ok] of JOIN_ROWS) {
    it(`base-uri ${base} ${ok ? 'joins' : 'has a query string or fragment'}`, () => {
      const text = set(`template = "t"\nbase-uri = "${base}"\ndisable-gpg-check = true`);
      if (ok) return expectNone(text);
      const d = expectOne(text, 'resource-set-base-uri-query', `"${base}"`);
      assert.match(d.message, /must not contain a query string or fragment/);
    });
  }

  it('reports every finding of a file, each once', () => {
    const text = repo('type = "oci"') + set('disable-gpg-check = true');
    assert.deepEqual(run(text).map((d) => [d.code, spanned(text, d)]), [
      ['resource-unsupported-type', '"oci"'],
      ['resource-gpg-key-required', '[resources.rpm-repos.test]'],
      ['resource-set-template-required', '[resources.rpm-repo-sets.s]'],
      ['resource-set-base-uri-required', '[resources.rpm-repo-sets.s]'],
    ]);
  });
});
