// The resource, input and test-suite checks on shapes they do not own: a value of the wrong type is the
// schema's to report, so the rules and the project pass stay silent — and never throw — on every one.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { runRules } from '../../../server/src/core/rules';
import { parseToml } from '../../../server/src/core/toml';
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

// Every kind of resource, input and test-suite entry, some of them wrong: each prefix of it is half-typed text.
const FULL = `[resources.rpm-repos.good]
base-uri = "https://x/$basearch/"
gpg-key = "https://x/key"
[resources.rpm-repos."-bad"]
metalink = "https:x"
description = "a\\nb"
[resources.rpm-repo-set-templates.t]
subrepos = [{ name = "a", subpath = "../a" }, { name = "a", kind = "weird", subpath = "/b" }]
[resources.rpm-repo-sets.s]
template = "t"
base-uri = "https://x/?q"
name-prefix = "-"
gpg-key = "keys/k.gpg"
subrepos = ["a", "zz", "a"]
[distros.d.versions.'1']
release-ver = "1"
inputs = { rpm-build = [{ repo = "good" }, { set = "s" }, {}, { repo = "good", set = "s" }], image-build = [{ set = "nope" }] }
[test-suites.'x\\y']
type = "lisa"
lisa = { framework = { git-url = "", ref = "zz" }, test-cases = [] }
pytest = { install = "pip" }
[images.i]
tests = { test-suites = [{ name = 'x\\y' }, { name = "none" }] }
`;

describe('resources, inputs and test suites on half-typed text', () => {
  it('never throw on any prefix of a document using them all', () => {
    for (let end = 0; end <= FULL.length; end++) {
      const text = FULL.slice(0, end);
      const doc = parseToml(text);
      runRules({ file: '/p/azldev.toml', doc, kind: 'config', fs: memoryFileSystem({ '/p/azldev.toml': text }) });
      loadProject(new DocumentCache(memoryFileSystem({ '/p/azldev.toml': text })), '/p/azldev.toml');
    }
    // And the whole document is not silent: it is full of mistakes.
    assert.ok(run(FULL).length >= 10);
  });
});

describe('resources, inputs and test suites on odd shapes', () => {
  for (const text of ODD_SHAPES) {
    it(text.split('\n').join(' | '), () => {
      assert.deepEqual(run(text).map((d) => `${d.code}: ${d.message}`), []);
      const model = loadProject(new DocumentCache(memoryFileSystem({ '/p/azldev.toml': text })), '/p/azldev.toml');
      assert.deepEqual(model.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
    });
  }
});
