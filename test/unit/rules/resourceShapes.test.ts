// The resource, input and test-suite checks on shapes they do not own: a value of the wrong type is the
// schema's to report, so the rules and the project pass stay silent — and never throw — on every one.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { run } from './ruleHarness';

const ODD_SHAPES = [
  'resources = 1',
  'resources = { rpm-repos = 1, rpm-repo-set-templates = [], rpm-repo-sets = "x" }',
  '[resources.rpm-repos]\na = 1\nb = []',
  '[resources.rpm-repos.r]\nbase-uri = 1\nmetalink = []\ngpg-key = 2\ndescription = 3\ntype = 4',
  '[resources.rpm-repos.r]\nbase-uri = "https://x/"\ndisable-gpg-check = "yes"',
  '[resources.rpm-repo-set-templates.t]\nsubrepos = "x"',
  '[resources.rpm-repo-set-templates.t]\nsubrepos = [1, "a", [2], { name = 1, subpath = 2, kind = 3 }]',
  '[resources.rpm-repo-sets.s]\ntemplate = 1\nbase-uri = 2\ngpg-key = 3\nsubrepos = "x"\nname-prefix = 4\ndisable-gpg-check = "no"',
  '[resources.rpm-repo-set-templates.t]\nsubrepos = [{ name = "a", subpath = "a" }]\n[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\ndisable-gpg-check = true\nsubrepos = [1, ["a"]]\nname-prefix = 5',
  "[distros.d.versions.'1']\ninputs = 1",
  "[distros.d.versions.'1']\ninputs = { rpm-build = \"x\", image-build = [1, \"a\", [], { repo = 1 }, { set = [] }] }",
  'distros = { d = { versions = { v = { inputs = { rpm-build = [{ repo = 2, set = 3 }] } } } } }',
  'test-suites = 1',
  'test-suites = { a = 1, b = [], c = { type = 1 } }',
  '[test-suites.p]\ntype = "pytest"\npytest = 1\nlisa = 2',
  '[test-suites.p]\ntype = "pytest"\npytest = { install = 1, working-dir = 2 }',
  '[test-suites.l]\ntype = "lisa"\nlisa = { framework = "x", test-cases = ["a"] }',
  '[test-suites.l]\ntype = "lisa"\nlisa = { framework = { git-url = 1, ref = 2 }, test-cases = "x" }',
  'images = { i = { tests = 1 } }',
  'images = { i = { tests = { test-suites = "x" } }, j = { tests = { test-suites = [1, { name = 2 }, []] } } }',
];

describe('resources, inputs and test suites on odd shapes', () => {
  for (const text of ODD_SHAPES) {
    it(text.split('\n').join(' | '), () => {
      assert.deepEqual(run(text).map((d) => `${d.code}: ${d.message}`), []);
      const model = loadProject(new DocumentCache(memoryFileSystem({ '/p/azldev.toml': text })), '/p/azldev.toml');
      assert.deepEqual(model.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
    });
  }
});
