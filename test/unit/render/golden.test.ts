// Golden renders: every case under test/fixtures/render/ rendered and compared with its expected.spec,
// expected.results (per-overlay outcome, errors, Release) and expected-files/. UPDATE_GOLDEN=1 rewrites them;
// the diff is then reviewed like code.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { GOLDEN_DIR, runGoldenCase } from './goldenCase';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function readTree(dir: string, prefix = '', out = new Map<string, Buffer>()): Map<string, Buffer> {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) readTree(p, prefix + e.name + '/', out);
    else out.set(prefix + e.name, fs.readFileSync(p));
  }
  return out;
}

const cases = fs.readdirSync(GOLDEN_DIR).filter((d) => fs.existsSync(path.join(GOLDEN_DIR, d, 'comp.toml'))).sort();

describe('golden renders', () => {
  test('there is a case for every overlay type, the build config and the check skip', () => {
    const all = cases.map((c) => fs.readFileSync(path.join(GOLDEN_DIR, c, 'comp.toml'), 'utf8')).join('\n');
    for (const t of ['spec-add-tag', 'spec-insert-tag', 'spec-set-tag', 'spec-update-tag', 'spec-remove-tag', 'spec-prepend-lines', 'spec-append-lines', 'spec-search-replace', 'spec-remove-section', 'spec-remove-subpackage', 'patch-add', 'patch-remove', 'file-prepend-lines', 'file-search-replace', 'file-add', 'file-remove', 'file-rename']) {
      assert.ok(all.includes(`"${t}"`), `no golden case uses ${t}`);
    }
    assert.match(all, /with = \[/);
    assert.match(all, /skip = true/);
  });
  for (const c of cases) {
    test(c, async () => {
      const dir = path.join(GOLDEN_DIR, c);
      const { output } = await runGoldenCase(dir);
      if (UPDATE) {
        fs.writeFileSync(path.join(dir, 'expected.spec'), output.spec);
        fs.writeFileSync(path.join(dir, 'expected.results'), output.results);
        fs.rmSync(path.join(dir, 'expected-files'), { recursive: true, force: true });
        for (const [n, b] of output.files) {
          const p = path.join(dir, 'expected-files', n);
          fs.mkdirSync(path.dirname(p), { recursive: true });
          fs.writeFileSync(p, b);
        }
        return;
      }
      assert.equal(output.spec, fs.readFileSync(path.join(dir, 'expected.spec'), 'utf8'));
      assert.equal(output.results, fs.readFileSync(path.join(dir, 'expected.results'), 'utf8'));
      const expectedFiles = readTree(path.join(dir, 'expected-files'));
      assert.deepEqual([...output.files.keys()].sort(), [...expectedFiles.keys()].sort());
      for (const [n, b] of output.files) assert.equal(b.toString('utf8'), expectedFiles.get(n)?.toString('utf8'), n);
    });
  }
});
