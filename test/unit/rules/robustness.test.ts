// The rule engine never throws and stays silent on shapes it does not own: wrong value types are the
// schema's, half-typed documents are the parser's. Every line-prefix of real files must run cleanly too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { runRules } from '../../../server/src/core/rules';
import { parseToml } from '../../../server/src/core/toml';
import { CONFIG_FILE, run } from './ruleHarness';

const ODD_SHAPES = [
  'components = 3',
  'components = ["a"]',
  '[components]\ncurl = "x"',
  '[components.curl]\noverlays = "x"',
  '[components.curl]\noverlays = [1, "a", [2]]',
  '[components.curl]\nbuild = []',
  '[components.curl]\nbuild = { check = "x", failure = 1 }',
  '[components.curl]\nsource-files = { filename = "a" }',
  '[components.curl]\nsource-files = [{ filename = 1, origin = "download" }]',
  '[components.curl]\nsource-files = [{ filename = "a", origin = { type = 1, uri = 2, inputs = "x" } }]',
  '[components.curl]\nspec = "local"',
  '[components.curl]\nspec = { type = 1, path = 2, upstream-distro = "x" }',
  '[components.curl]\noverlay-files = "x"\npublish = []\npackages = 1',
  '[components.curl]\noverlay-files = [1, ["a"]]\npackages = { a = 1, b = { publish = 2 } }',
  '[[components.curl.overlays]]\ntype = "spec-add-tag"\ntag = "A"\nvalue = "b"\nmetadata = "x"',
  '[[components.curl.overlays]]\ntype = "spec-add-tag"\ntag = "A"\nvalue = "b"\nmetadata = { category = 1, commits = "x", bugs = [1, { url = 2 }] }',
  'includes = "x"',
  'includes = [1, { a = 1 }]',
  'default-component-config = 1\ndistros = { a = 1, b = { versions = 2 }, c = { versions = { v = 3 } } }',
  'component-groups = { g = 1, h = { metadata = 1, specs = 2, default-component-config = [] } }',
  'package-groups = { a = 1, b = { packages = "x" }, c = { packages = [1, []] } }',
  'images = { a = 1, b = { publish = { channels = "x" } }, c = { publish = { channels = [1] } } }',
  'default-package-config = { publish = { channel = 1 } }',
];

describe('robustness', () => {
  it('is silent on wrong value types in config files', () => {
    for (const text of ODD_SHAPES) assert.deepEqual(run(text), [], text);
  });

  it('is silent on wrong shapes in overlay files', () => {
    for (const text of ['overlays = 1', 'overlays = [1, "x"]', 'metadata = 1\n[[overlays]]\ntype = 2', '[overlays]\ntype = "x"']) {
      assert.deepEqual(run(text, { kind: 'overlay-file' }), [], text);
    }
  });

  it('never throws on any line-prefix of real corpus files', () => {
    let root = __dirname;
    while (!fs.existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
    if (!fs.existsSync(path.join(root, 'package.json'))) root = process.cwd();
    const dir = path.resolve(root, '..', 'shared', 'corpus', 'azurelinux-4.0');
    const samples = ['azldev.toml', 'base/comps/golang/golang.comp.toml', 'distro/azurelinux.distro.toml', 'base/comps/coreutils/coreutils.comp.toml'];
    const fsys = memoryFileSystem({});
    let runs = 0;
    for (const rel of samples) {
      const text = fs.readFileSync(path.join(dir, rel), 'utf8');
      for (let i = 0; i <= text.length; i = text.indexOf('\n', i + 1) === -1 ? text.length + 1 : text.indexOf('\n', i + 1)) {
        for (const cut of [i, Math.max(0, i - 7)]) {
          const doc = parseToml(text.slice(0, cut));
          assert.doesNotThrow(() => runRules({ file: CONFIG_FILE, doc, kind: 'config', fs: fsys }));
          assert.doesNotThrow(() => runRules({ file: CONFIG_FILE, doc, kind: 'overlay-file', fs: fsys }));
          runs++;
        }
      }
    }
    assert.ok(runs > 100, `ran ${runs} prefixes`);
  });
});
