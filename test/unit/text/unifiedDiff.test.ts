// The unified diff against the tools that read it: every diff of 120 random edits is applied with
// `git apply` to the old text and must give the new one, and its hunks are exactly GNU diff's where both are minimal.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { unifiedDiff, unifiedHunks } from '../../../server/src/core/text/unifiedDiff';
import { prng } from '../../support/prng';

function randomText(rand: () => number, lines: number): string {
  const words = ['Name: foo', 'Version: 1', '%build', 'make', '', '%install', 'exit 0', '# comment', 'Release: 1%{?dist}'];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(words[Math.floor(rand() * words.length)] as string);
  return out.join('\n') + (rand() < 0.8 ? '\n' : '');
}

function mutate(rand: () => number, text: string): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (lines.length + 1));
    const r = rand();
    if (r < 0.4) lines.splice(at, 1);
    else if (r < 0.8) lines.splice(at, 0, `added ${i}`);
    else lines[at] = `changed ${i}`;
  }
  let out = lines.join('\n');
  if (rand() < 0.15) out = out.endsWith('\n') ? out.slice(0, -1) : out + '\n';
  return out;
}

describe('unified diff', () => {
  test('git apply turns the old text into the new one for 120 random pairs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'udiff-'));
    try {
      const rand = prng(17);
      for (let i = 0; i < 120; i++) {
        const before = randomText(rand, Math.floor(rand() * 40));
        const after = mutate(rand, before);
        const file = path.join(dir, 'f.spec');
        fs.writeFileSync(file, before);
        const diff = unifiedDiff(before, after, 'a/f.spec', 'b/f.spec');
        if (before === after) {
          assert.equal(diff, '');
          continue;
        }
        fs.writeFileSync(path.join(dir, 'p.diff'), diff);
        const r = spawnSync('git', ['apply', '--unidiff-zero', 'p.diff'], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, `case ${i}: ${r.stderr}\n${diff}`);
        assert.equal(fs.readFileSync(file, 'utf8'), after, `case ${i}\n${diff}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('hunks match GNU diff -u on a spec edit, with the missing final newline marked', () => {
    const before = 'Name: foo\nVersion: 1\nRelease: 1%{?dist}\nSummary: x\nLicense: MIT\n\n%description\nfoo\n\n%build\nmake\n\n%install\nmake install\n';
    const after = 'Name: foo\nVersion: 2\nRelease: 1%{?dist}\nSummary: x\nLicense: MIT\n\n%description\nfoo\n\n%build\nmake V=1\n\n%install\nmake install';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'udiff-'));
    try {
      fs.writeFileSync(path.join(dir, 'a'), before);
      fs.writeFileSync(path.join(dir, 'b'), after);
      const gnu = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
      const expected = gnu.stdout.split('\n').slice(2).join('\n');
      assert.equal(unifiedHunks(before, after), expected);
      assert.match(unifiedHunks(before, after), /^\\ No newline at end of file$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('equal texts give no diff; a whole replacement past the search cap is still a correct diff', () => {
    assert.equal(unifiedHunks('a\n', 'a\n'), '');
    const before = Array.from({ length: 3000 }, (_, i) => `old ${i}`).join('\n') + '\n';
    const after = Array.from({ length: 3000 }, (_, i) => `new ${i}`).join('\n') + '\n';
    const hunks = unifiedHunks(before, after);
    assert.match(hunks, /^@@ -1,3000 \+1,3000 @@\n/);
    assert.equal(hunks.split('\n').filter((l) => l.startsWith('-')).length, 3000);
  });
});
