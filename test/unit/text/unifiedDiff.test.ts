// The unified diff the review and drift reports print: `git apply` must turn the old text into the new one
// exactly (random edits of real spec files, files without a final newline, empty files), the hunks must be as
// small as GNU diff's (same count of changed lines), and equal texts give no diff.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { unifiedDiff } from '../../../server/src/core/text/unifiedDiff';
import { prng } from '../../support/prng';
import { CORPUS_ROOT, tempDir } from '../../support/paths';

function mutate(text: string, random: () => number): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(random() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (lines.length + 1));
    const r = random();
    if (r < 0.33) lines.splice(at, 1 + Math.floor(random() * 3));
    else if (r < 0.66) lines.splice(at, 0, ...Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => `inserted ${e}.${i}`));
    else if (at < lines.length) lines[at] = `${lines[at]} changed`;
  }
  let out = lines.join('\n');
  if (random() < 0.15) out = out.replace(/\n$/, '');
  return out;
}

function applies(dir: string, from: string, to: string): void {
  fs.writeFileSync(path.join(dir, 'f'), from);
  const diff = unifiedDiff(from, to, { fromLabel: 'a/f', toLabel: 'b/f' });
  fs.writeFileSync(path.join(dir, 'p.diff'), diff);
  const r = spawnSync('git', ['apply', '--unidiff-zero', 'p.diff'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `git apply: ${r.stderr}\n${diff}`);
  assert.equal(fs.readFileSync(path.join(dir, 'f'), 'utf8'), to, diff);
}

function changedLines(diff: string): number {
  return diff.split('\n').filter((l) => /^[-+](?![-+]{2} )/.test(l)).length;
}

describe('unifiedDiff', () => {
  const specsRoot = path.join(CORPUS_ROOT, '..', 'rendered-specs');
  const specFiles: string[] = [];
  for (const letter of fs.readdirSync(specsRoot).sort().slice(0, 6)) {
    const dir = path.join(specsRoot, letter);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort().slice(0, 4)) {
      const spec = path.join(dir, name, `${name}.spec`);
      if (fs.existsSync(spec)) specFiles.push(spec);
    }
  }

  it('gives no diff for equal texts', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', { fromLabel: 'a', toLabel: 'b' }), '');
  });

  it('is applied by git apply to random edits of real specs, and changes as few lines as GNU diff', () => {
    assert.ok(specFiles.length >= 10, `${specFiles.length} specs found`);
    const dir = tempDir('distro-toml-diff-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const random = prng(20261202);
    let cases = 0;
    for (const file of specFiles) {
      const text = fs.readFileSync(file, 'utf8');
      for (let k = 0; k < 5; k++) {
        const changed = mutate(text, random);
        applies(dir, text, changed);
        fs.writeFileSync(path.join(dir, 'old'), text);
        fs.writeFileSync(path.join(dir, 'new'), changed);
        const gnu = spawnSync('diff', ['-u', 'old', 'new'], { cwd: dir, encoding: 'utf8' }).stdout;
        assert.equal(changedLines(unifiedDiff(text, changed, { fromLabel: 'a/f', toLabel: 'b/f' })), changedLines(gnu), file);
        cases++;
      }
    }
    assert.ok(cases >= 50);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('handles empty sides and a missing final newline as git does', () => {
    const dir = tempDir('distro-toml-diff-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    for (const [a, b] of [['', 'x\n'], ['x\n', ''], ['a\nb', 'a\nb\n'], ['a\nb\n', 'a\nc'], ['only', 'other'], ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', '1\n2\nX\n4\n5\n6\n7\n8\nY\n10\n']] as const) applies(dir, a, b);
    // GNU diff names line 0 for a side with no line in the hunk.
    assert.equal(unifiedDiff('', 'x\n', { fromLabel: 'a/f', toLabel: 'b/f' }), '--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n');
    assert.match(unifiedDiff('a\nb', 'a\nb\n', { fromLabel: 'a/f', toLabel: 'b/f' }), /^-b\n\\ No newline at end of file\n\+b$/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to one replaced block past the edit bound, still a correct patch', () => {
    const dir = tempDir('distro-toml-diff-');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const a = Array.from({ length: 300 }, (_, i) => `a${i}`).join('\n') + '\n';
    const b = Array.from({ length: 300 }, (_, i) => (i % 2 ? `a${i}` : `b${i}`)).join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'f'), a);
    const diff = unifiedDiff(a, b, { fromLabel: 'a/f', toLabel: 'b/f', maxEditDistance: 10 });
    fs.writeFileSync(path.join(dir, 'p.diff'), diff);
    assert.equal(spawnSync('git', ['apply', 'p.diff'], { cwd: dir }).status, 0, diff);
    assert.equal(fs.readFileSync(path.join(dir, 'f'), 'utf8'), b);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
