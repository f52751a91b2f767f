// UTF-8 decoding that reports what it replaces: each ill-formed sequence is found at the U+FFFD that stands
// for it (the decoder's own replacement, by WHATWG's maximal-subpart rule), with its byte offset; checked on
// hand-picked sequences, on random bytes, and through `distro-toml check` on a file with a Latin-1 byte.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { decodeUtf8, utf8Diagnostics } from '../../../server/src/core/text/utf8';
import { DIST, tempProject } from '../../support/paths';

const decode = (...bytes: number[]) => decodeUtf8(new Uint8Array(bytes));

describe('UTF-8 decoding with problems', () => {
  it('finds nothing in well-formed text, BOM and 4-byte characters included', () => {
    const text = '\ufeffa = "é € 😀 ok"\n';
    assert.deepEqual(decodeUtf8(Buffer.from(text, 'utf8')), { text, problems: [] });
  });

  it('places each ill-formed sequence at its replacement character', () => {
    // A lone Latin-1 byte after a 4-byte character (two UTF-16 units).
    assert.deepEqual(decode(0xf0, 0x9f, 0x98, 0x80, 0xe9, 0x41), { text: '😀\ufffdA', problems: [{ offset: 2, byteOffset: 4, bytes: [0xe9] }] });
    // A truncated 3-byte sequence is one problem (its maximal subpart), then the ASCII after it.
    assert.deepEqual(decode(0x61, 0xe2, 0x82, 0x62).problems, [{ offset: 1, byteOffset: 1, bytes: [0xe2, 0x82] }]);
    // An encoded surrogate and an overlong form: every byte on its own.
    assert.deepEqual(decode(0xed, 0xa0, 0x80).problems.map((p) => p.bytes), [[0xed], [0xa0], [0x80]]);
    assert.deepEqual(decode(0xc0, 0x80).problems.map((p) => p.offset), [0, 1]);
    // Truncated at the end of the file.
    assert.deepEqual(decode(0x61, 0xf0, 0x9f, 0x98).problems, [{ offset: 1, byteOffset: 1, bytes: [0xf0, 0x9f, 0x98] }]);
  });

  it('agrees with the decoder on random bytes: one problem per replacement character', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 8) & 0xff;
    for (let round = 0; round < 2000; round++) {
      const bytes = Uint8Array.from({ length: 1 + (round % 40) }, () => (random() % 3 === 0 ? random() & 0x7f : 0x80 | random()));
      const { text, problems } = decodeUtf8(bytes);
      assert.equal(text, Buffer.from(bytes).toString('utf8'));
      const replacements = [...text.matchAll(/\ufffd/g)].map((m) => m.index);
      // A well-formed EF BF BD is a real U+FFFD, not a problem; without one the two lists are equal.
      if (!Buffer.from(bytes).includes(Buffer.from([0xef, 0xbf, 0xbd]))) assert.deepEqual(problems.map((p) => p.offset), replacements, `bytes ${Buffer.from(bytes).toString('hex')}`);
      else assert.ok(problems.every((p) => text[p.offset] === '\ufffd'));
    }
  });

  it('turns problems into invalid-utf8 errors at the character, never at a text that moved', () => {
    const { text, problems } = decode(0x61, 0xff);
    assert.deepEqual(utf8Diagnostics('/f.toml', text, problems), [
      { file: '/f.toml', span: { start: 1, end: 2 }, severity: 'error', code: 'invalid-utf8', message: 'Invalid UTF-8: byte 0xFF at byte offset 1 does not form a character. TOML files must be UTF-8; save the file as UTF-8.' },
    ]);
    assert.deepEqual(utf8Diagnostics('/f.toml', 'ab', problems), []);
  });

  it('is reported by distro-toml check at the line and column of the bad byte', () => {
    const dir = tempProject({
      'azldev.toml': 'includes = ["comps/*.comp.toml"]\n',
      'comps/a.comp.toml': Buffer.concat([Buffer.from('[components.a]\n# caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]),
    });
    const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'check', dir], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /comps\/a\.comp\.toml:2:6 error invalid-utf8 Invalid UTF-8: byte 0xE9 at byte offset 20 does not form a character/);
  });
});
