// The rule engine on the real Azure Linux 4.0 tree: azldev loads it, so no rule may fire; and seeded
// mutations of real files (a dropped skip_reason, a wrong path) must each be found, so silence means something.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { diskFileSystem } from '../../../server/src/core/fs';
import { runRules } from '../../../server/src/core/rules';
import { parseToml } from '../../../server/src/core/toml';

function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'server'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('repository root not found');
}

const corpus = path.resolve(findRepoRoot(), '..', 'shared', 'corpus', 'azurelinux-4.0');

function tomlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tomlFiles(p));
    else if (e.name.endsWith('.toml')) out.push(p);
  }
  return out.sort();
}

function check(file: string, text: string): CoreDiagnostic[] {
  return runRules({ file, doc: parseToml(text), kind: 'config', fs: diskFileSystem });
}

const files = tomlFiles(corpus);
const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));

describe('real corpus', () => {
  it('has the whole tree', () => {
    assert.ok(files.length >= 200, `found ${files.length} files`);
  });

  it('gives no diagnostics on any file', () => {
    const found: string[] = [];
    for (const [file, text] of texts) {
      for (const d of check(file, text)) found.push(`${path.relative(corpus, file)}: ${d.code}: ${d.message}`);
    }
    assert.deepEqual(found, []);
  });

  it('finds every skip_reason removed from the tree', () => {
    let removed = 0;
    let reported = 0;
    for (const [file, text] of texts) {
      const mutated = text.replace(/,\s*skip_reason\s*=\s*"[^"]*"/g, () => {
        removed++;
        return '';
      });
      if (mutated === text) continue;
      reported += check(file, mutated).filter((d) => d.code === 'build-skip-reason-required').length;
    }
    assert.ok(removed >= 5, `removed ${removed}`);
    assert.equal(reported, removed);
  });

  it('finds every overlay source and local spec path that is made wrong', () => {
    let broken = 0;
    let reported = 0;
    for (const [file, text] of texts) {
      const mutated = text.replace(/^(\s*(?:source|spec\s*=\s*\{[^}]*path)\s*=\s*")([^"]+)"/gm, (_m, head: string, p: string) => {
        broken++;
        return `${head}${p}.missing"`;
      });
      if (mutated === text) continue;
      reported += check(file, mutated).filter((d) => d.code === 'path-not-found').length;
    }
    assert.ok(broken >= 20, `broke ${broken}`);
    assert.equal(reported, broken);
  });

  it('finds a literal include that is made wrong', () => {
    const root = path.join(corpus, 'azldev.toml');
    const text = texts.get(root)!;
    const ds = check(root, text.replace('"distro/distro.toml"', '"distro/nope.toml"'));
    assert.deepEqual(ds.map((d) => d.code), ['path-not-found']);
  });

  it('finds an overlay field dropped from real overlays', () => {
    let dropped = 0;
    let reported = 0;
    for (const [file, text] of texts) {
      if (!text.includes('type = "spec-add-tag"')) continue;
      const mutated = text.replace(/(type = "spec-add-tag"[^\[]*?)\n\s*value = "[^"\n]*"/g, (_m, head: string) => {
        dropped++;
        return head;
      });
      reported += check(file, mutated).filter((d) => d.code === 'overlay-missing-field' && d.data?.['field'] === 'value').length;
    }
    assert.ok(dropped >= 5, `dropped ${dropped}`);
    assert.equal(reported, dropped);
  });
});
