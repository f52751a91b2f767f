// The reference checks that run before git: the dist-git URL (azldev's BuildDistGitURL with Go's url.PathEscape),
// the snapshot as Go parses and re-formats it for `--before=`, and the commit and branch rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildDistGitUrl, checkRef, goPathEscape, parseSnapshot } from '../../../server/src/core/upstream/distGitRef';

describe('distGitRef', () => {
  test("goPathEscape matches Go's url.PathEscape", () => {
    // Expected values from Go: url.PathEscape(in).
    const cases: Array<[string, string]> = [
      ['gcc', 'gcc'],
      ['rust-nix0.23', 'rust-nix0.23'],
      ['libsigc++20', 'libsigc++20'],
      ['a/b', 'a%2Fb'],
      ['a?b#c', 'a%3Fb%23c'],
      ['50%', '50%25'],
      ['a b', 'a%20b'],
      ['x:y@z=w&v$', 'x:y@z=w&v$'],
      ['semi;comma,', 'semi%3Bcomma%2C'],
      ["it's(ok)!*", 'it%27s%28ok%29%21%2A'],
      ['é', '%C3%A9'],
      ['~_.-', '~_.-'],
    ];
    for (const [input, want] of cases) assert.equal(goPathEscape(input), want, input);
  });

  test('buildDistGitUrl substitutes every $pkg and checks the result is absolute', () => {
    assert.deepEqual(buildDistGitUrl('https://src.fedoraproject.org/rpms/$pkg.git', 'libsigc++20'), { ok: true, url: 'https://src.fedoraproject.org/rpms/libsigc++20.git' });
    assert.deepEqual(buildDistGitUrl('https://h/$pkg/$pkg.git', 'a/b'), { ok: true, url: 'https://h/a%2Fb/a%2Fb.git' });
    assert.deepEqual(buildDistGitUrl('file:///srv/git/$pkg', 'foo'), { ok: true, url: 'file:///srv/git/foo' });
    assert.equal(buildDistGitUrl('https:///rpms/$pkg.git', 'foo').ok, false);
    assert.equal(buildDistGitUrl('rpms/$pkg.git', 'foo').ok, false);
    assert.equal(buildDistGitUrl('mailto:$pkg', 'foo').ok, false);
    assert.equal(buildDistGitUrl('git@pkgs.fedoraproject.org:rpms/$pkg.git', 'foo').ok, false, 'scp-like addresses have no URL scheme for Go either');
    assert.deepEqual(buildDistGitUrl('ssh://user@pkgs.fedoraproject.org/rpms/$pkg', 'foo'), { ok: true, url: 'ssh://user@pkgs.fedoraproject.org/rpms/foo' });
  });

  test('parseSnapshot accepts what Go time.Parse(time.RFC3339) accepts and formats like time.Format(time.RFC3339)', () => {
    const good: Array<[string, string, string]> = [
      ['2026-02-24T00:00:00-08:00', '2026-02-24T00:00:00-08:00', '2026-02-24T08:00:00.000Z'],
      ['2026-02-24T00:00:00Z', '2026-02-24T00:00:00Z', '2026-02-24T00:00:00.000Z'],
      ['2026-02-24T00:00:00+00:00', '2026-02-24T00:00:00Z', '2026-02-24T00:00:00.000Z'],
      ['2026-02-24T05:30:00+05:30', '2026-02-24T05:30:00+05:30', '2026-02-24T00:00:00.000Z'],
      ['2026-02-24T00:00:00.999999-08:00', '2026-02-24T00:00:00-08:00', '2026-02-24T08:00:00.000Z'],
      ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ];
    for (const [input, formatted, iso] of good) {
      const r = parseSnapshot(input);
      assert.ok(r.ok, input);
      assert.equal(r.formatted, formatted, input);
      assert.equal(new Date(r.ms).toISOString(), iso, input);
    }
    for (const bad of ['2026-02-24', '2026-02-24 00:00:00Z', '2026-02-24t00:00:00Z', '2026-02-24T00:00:00z', '2026-02-24T00:00:00', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-02-24T24:00:00Z', '2026-02-24T00:00:00-0800', 'yesterday']) {
      assert.equal(parseSnapshot(bad).ok, false, bad);
    }
  });

  test('checkRef: commit 7–40 hex digits (lower-cased), a branch that is no option, names in every refusal', () => {
    const base = { pkg: 'foo', baseUri: 'https://src.fedoraproject.org/rpms/$pkg.git', branch: 'f43' };
    const ok = checkRef({ ...base, commit: 'ABCDEF0', snapshot: '2026-02-24T00:00:00-08:00' });
    assert.ok(ok.ok);
    assert.deepEqual(ok.ref, { pkg: 'foo', url: 'https://src.fedoraproject.org/rpms/foo.git', branch: 'f43', commit: 'abcdef0', snapshot: '2026-02-24T00:00:00-08:00', snapshotMs: Date.UTC(2026, 1, 24, 8) });
    assert.ok(checkRef({ ...base, commit: '', snapshot: '' }).ok, 'empty strings mean unset, as in the TOML');
    for (const commit of ['abcdef', 'g123456', '0'.repeat(41)]) {
      const r = checkRef({ ...base, commit });
      assert.ok(!r.ok);
      assert.equal(r.code, 'bad-commit');
    }
    for (const branch of ['', '-f43', 'f 43', 'f43..x', 'a:b', 'x.lock', 'epel/']) {
      const r = checkRef({ ...base, branch });
      assert.ok(!r.ok, branch);
      assert.equal(r.code, 'bad-ref');
    }
    for (const branch of ['f43', 'rawhide', 'epel10.1', 'stream-8.0']) assert.ok(checkRef({ ...base, branch }).ok, branch);
  });

  test('checkRef: a dist-git the tree names on this machine (file://) is refused; the network schemes are fetched', () => {
    const base = { pkg: 'foo', branch: 'f43' };
    for (const baseUri of ['file:///srv/git/$pkg', 'FILE:///home/user/rpms/$pkg.git', 'ext::sh -c touch% /tmp/x/$pkg']) {
      const r = checkRef({ ...base, baseUri });
      assert.ok(!r.ok, baseUri);
      assert.equal(r.code, 'bad-ref');
      if (baseUri.startsWith('ext')) continue;
      assert.match(r.message, /is not fetched: only http\(s\), ssh and git URLs are, since a tree may not make Distro TOML read files outside the project/);
    }
    for (const baseUri of ['https://src.fedoraproject.org/rpms/$pkg.git', 'http://127.0.0.1:8080/rpms/$pkg.git', 'ssh://git@example.org/rpms/$pkg', 'git://example.org/$pkg']) assert.ok(checkRef({ ...base, baseUri }).ok, baseUri);
  });
});
