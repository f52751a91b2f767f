// Issue 13's glob cases on real files: a malformed include glob, `**/` repeated 40 times, directory symlink
// loops, alternatives that explode, and exponential patterns in patch-remove and file-* overlays. Each must end
// with an answer (a value or a diagnostic), never an exception or a hang.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { expandGlob, glob, match, walkTree } from '../../../server/src/core/glob';
import { applyOverlay, encodeText, overlayFromValue, SidecarFiles } from '../../../server/src/core/overlays';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { walkIncludes } from '../../../server/src/core/project/includes';
import { SpecEditor } from '../../../server/src/core/spec';
import { DIST, tempProject } from '../../support/paths';

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function withProject(files: Record<string, string>, run: (dir: string) => void, links: [string, string][] = []): void {
  const dir = tempProject(files);
  try {
    for (const [at, target] of links) fs.symlinkSync(target, path.join(dir, at));
    run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts directory listings, to show a walk reads each real directory a bounded number of times. */
function countingFs(): { fs: FileSystem; listings: Map<string, number> } {
  const listings = new Map<string, number>();
  return {
    listings,
    fs: {
      ...diskFileSystem,
      readDirectory: (p) => {
        const real = fs.realpathSync(p);
        listings.set(real, (listings.get(real) ?? 0) + 1);
        return diskFileSystem.readDirectory(p);
      },
    },
  };
}

const TREE = {
  'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n[project]\ndescription = "loops"\ndefault-distro = { name = "fedora", version = "43" }\n[distros.fedora.versions.43]\n',
  'comps/a/a.comp.toml': '[components.a]\n',
  'comps/b/c/c.comp.toml': '[components.c]\n',
  'comps/top.comp.toml': '[components.top]\n',
};

describe('a malformed include glob', () => {
  const files = { 'azldev.toml': 'includes = ["[z-a]*.toml", "[unclosed"]\n[project]\ndescription = "x"\n', 'b.toml': '' };
  test('is a value, not an exception, in the include walk', () => {
    withProject(files, (dir) => {
      const walk = walkIncludes(new DocumentCache(diskFileSystem), path.join(dir, 'azldev.toml'));
      assert.deepEqual(walk.files.map((f) => path.relative(dir, f.path)), ['azldev.toml']);
      assert.deepEqual(expandGlob(diskFileSystem, path.join(dir, '[unclosed')), { ok: false, error: { kind: 'bad-pattern', message: 'syntax error in pattern' } });
      // A reversed range is valid to doublestar and matches nothing.
      assert.deepEqual(expandGlob(diskFileSystem, path.join(dir, '[z-a]*.toml')), { ok: true, paths: [] });
    });
  });
  test('ends neither check nor config dump with an internal error', () => {
    withProject(files, (dir) => {
      for (const args of [['check', '.'], ['config', 'dump', '--project', '.']]) {
        const r = cli(args, dir);
        assert.equal(r.signal, null, `${args.join(' ')} did not finish`);
        assert.doesNotMatch(r.stderr, /internal error|Invalid regular expression/, args.join(' '));
        assert.notEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      }
    });
  });
});

describe('bounded expansion', () => {
  test('`**/` repeated 40 times finds what `**/` finds, listing each directory once', () => {
    withProject(TREE, (dir) => {
      const once = glob(diskFileSystem, 'comps/**/*.comp.toml', { root: dir, filesOnly: true });
      const { fs: counting, listings } = countingFs();
      const forty = glob(counting, 'comps/' + '**/'.repeat(40) + '*.comp.toml', { root: dir, filesOnly: true });
      assert.deepEqual(forty, once);
      assert.deepEqual(once, { ok: true, paths: ['comps/top.comp.toml', 'comps/a/a.comp.toml', 'comps/b/c/c.comp.toml'] });
      for (const [d, n] of listings) assert.equal(n, 1, d);
    });
  });
  test('over its work budget, an expansion stops with an error value', () => {
    withProject(TREE, (dir) => {
      const r = glob(diskFileSystem, 'comps/' + '**/'.repeat(40) + '*.comp.toml', { root: dir, filesOnly: true, workLimit: 50 });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.error.kind === 'work-limit' && /stopped after 50 steps/.test(r.error.message));
    });
  });
  test('alternatives spanning directories that would expand past the cap are an include diagnostic at the pattern', () => {
    const pattern = '{a/x,b/x}'.repeat(9) + '.toml';
    const text = `includes = ["${pattern}"]\n`;
    withProject({ 'azldev.toml': text }, (dir) => {
      const walk = walkIncludes(new DocumentCache(diskFileSystem), path.join(dir, 'azldev.toml'));
      assert.equal(walk.diagnostics.length, 1);
      const d = walk.diagnostics[0]!;
      assert.equal(d.code, 'include-glob-work-limit');
      assert.equal(text.slice(d.span.start, d.span.end), `"${pattern}"`);
      assert.match(d.message, /stopped after/);
    });
  });
});

describe('huge patterns', () => {
  test('a 200,000-alternative group and a 300,000-character pattern are answered, not thrown', () => {
    const group = '{' + 'a,'.repeat(200_000) + 'b}';
    assert.deepEqual(match(group, 'b'), { ok: true, matched: true });
    assert.deepEqual(match(group + '/x', 'c/x'), { ok: true, matched: false });
    withProject(TREE, (dir) => {
      for (const pattern of ['comps/' + group + '/*.comp.toml', 'comps/' + '*'.repeat(300_000) + '.toml']) {
        const r = glob(diskFileSystem, pattern, { root: dir, filesOnly: true });
        assert.ok(!r.ok && r.error.kind === 'work-limit', pattern.slice(0, 20));
        // The message quotes the start of the pattern, not all of it.
        assert.ok(r.error.message.length < 300);
      }
      const smaller = '{' + 'x,'.repeat(20_000) + 'a}';
      assert.deepEqual(glob(diskFileSystem, 'comps/' + smaller + '/*.comp.toml', { root: dir, filesOnly: true }), { ok: true, paths: ['comps/a/a.comp.toml'] });
    });
  });
});

describe('directory symlink loops (l1 -> ., l2 -> . under comps)', () => {
  const links: [string, string][] = [
    ['comps/l1', '.'],
    ['comps/l2', '.'],
    ['comps/b/up', '..'],
  ];
  test('a ** include enters each real directory once and loads each file once', () => {
    withProject(
      TREE,
      (dir) => {
        const { fs: counting, listings } = countingFs();
        const r = expandGlob(counting, path.join(dir, 'comps/**/*.comp.toml'));
        assert.deepEqual(r, { ok: true, paths: ['comps/top.comp.toml', 'comps/a/a.comp.toml', 'comps/b/c/c.comp.toml'].map((p) => path.join(dir, p)) });
        for (const [d, n] of listings) assert.equal(n, 1, d);
        const model = loadProject(new DocumentCache(diskFileSystem), path.join(dir, 'azldev.toml'));
        assert.deepEqual([...model.unions.components.keys()].sort(), ['a', 'c', 'top']);
      },
      links,
    );
  });
  test('every directory walk (walkTree) ends, once per real directory', () => {
    withProject(
      TREE,
      (dir) => {
        const seen: string[] = [];
        walkTree(diskFileSystem, dir, { file: (p) => seen.push(path.relative(dir, p)) });
        assert.deepEqual(seen, ['azldev.toml', 'comps/a/a.comp.toml', 'comps/b/c/c.comp.toml', 'comps/top.comp.toml']);
      },
      links,
    );
  });
  test('check finishes with the tree clean', () => {
    withProject(
      TREE,
      (dir) => {
        const r = cli(['check', '.'], dir);
        assert.equal(r.signal, null, 'check did not finish');
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stderr, /4 files checked: 0 errors, 0 warnings/);
      },
      links,
    );
  });
});

describe('exponential patterns in overlays', () => {
  const pathological = '*a'.repeat(10) + '*b';
  const name = 'a'.repeat(40);
  test('a file-remove whose glob would backtrack for seconds answers "did not match any files"', () => {
    const files = new SidecarFiles({ list: () => [name, name + '.conf'], read: () => encodeText('') });
    const r = applyOverlay(overlayFromValue({ type: 'file-remove', file: pathological }), { spec: new SpecEditor('Name: x\n'), files, readSource: () => undefined });
    assert.deepEqual(r, { ok: false, message: `non-spec overlay filename pattern \`${pathological}\` did not match any files` });
  });
  test('a patch-remove with the same glob against a 40-character patch name finds no patch', () => {
    const spec = new SpecEditor(`Name: x\nPatch0: ${name}\n%patchlist\n${name}\n`);
    const r = applyOverlay(overlayFromValue({ type: 'patch-remove', file: pathological }), { spec, files: new SidecarFiles(), readSource: () => undefined });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /no patches matching/);
  });
});
