// azldev's project-level resource and test-suite checks, on synthetic trees loaded from an in-memory file
// system: the cases of resources_internal_test.go (TestEffectiveRpmRepos_*, TestJoinSetBaseURI's subpath
// rows, TestEffectiveInputRepos_*) and testsuite_test.go TestValidateTestSuiteReferences, each at its range.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';

const ROOT = '/p/azldev.toml';

function diagnostics(files: Record<string, string>): CoreDiagnostic[] {
  const model = loadProject(new DocumentCache(memoryFileSystem(files)), ROOT);
  return model.diagnostics;
}

/** [code, file, spanned text] of each diagnostic. */
function found(files: Record<string, string>): [string, string, string][] {
  return diagnostics(files).map((d) => [d.code, d.file.replace('/p/', ''), (files[d.file] ?? '').slice(d.span.start, d.span.end)]);
}

const TEMPLATE_T = '[resources.rpm-repo-set-templates.t]\nsubrepos = [{ name = "a", subpath = "a" }, { name = "b", subpath = "b" }, { name = "c", subpath = "c" }]\n';
const version = (inputs: string) => `[distros.d]\ndefault-version = "1"\n[distros.d.versions.'1']\nrelease-ver = "1"\ninputs = ${inputs}\n`;

describe('repo-set expansion (azldev TestEffectiveRpmRepos_*)', () => {
  it('expands every sub-repo by default and only the allowlist when given', () => {
    const files = {
      [ROOT]: TEMPLATE_T +
        '[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\nname-prefix = "s-"\ndisable-gpg-check = true\n' +
        '[resources.rpm-repo-sets.u]\ntemplate = "t"\nbase-uri = "https://x/"\nname-prefix = "u-"\ndisable-gpg-check = true\nsubrepos = ["a", "c"]\n' +
        version('{ rpm-build = [{ repo = "s-a" }, { repo = "s-b" }, { repo = "s-c" }, { repo = "u-a" }, { repo = "u-b" }] }'),
    };
    // u-b is not in u's allowlist, so it is not a repo.
    assert.deepEqual(found(files), [['distro-input-undefined-repo', 'azldev.toml', '"u-b"']]);
  });

  it('reports a synthesized name that collides with an explicit repo, with the explicit one related', () => {
    const files = {
      [ROOT]: '[resources.rpm-repos.s-a]\nbase-uri = "https://other/"\ndisable-gpg-check = true\n' + TEMPLATE_T +
        '[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\nname-prefix = "s-"\ndisable-gpg-check = true\n',
    };
    const [d, ...rest] = diagnostics(files);
    assert.equal(rest.length, 0);
    assert.equal(d?.code, 'resource-set-repo-collision');
    assert.equal(files[ROOT].slice(d.span.start, d.span.end), '"s-"');
    assert.match(d.message, /expansion produced repo name `s-a` which already exists/);
    assert.equal(files[ROOT].slice(d.related?.[0]?.span.start, d.related?.[0]?.span.end), 's-a');
  });

  it('reports a collision between two sets on the later set by name', () => {
    const files = {
      [ROOT]: TEMPLATE_T +
        '[resources.rpm-repo-sets.zz]\ntemplate = "t"\nbase-uri = "https://x/"\ndisable-gpg-check = true\nsubrepos = ["a"]\n' +
        '[resources.rpm-repo-sets.aa]\ntemplate = "t"\nbase-uri = "https://y/"\ndisable-gpg-check = true\nsubrepos = ["a"]\n',
    };
    assert.deepEqual(found(files), [['resource-set-repo-collision', 'azldev.toml', 'zz']]);
  });

  it('reports an undefined template at the set\'s template value', () => {
    const files = { [ROOT]: '[resources.rpm-repo-sets.s]\ntemplate = "missing"\nbase-uri = "https://x/"\ndisable-gpg-check = true\n' };
    const d = diagnostics(files);
    assert.deepEqual(found(files), [['resource-set-undefined-template', 'azldev.toml', '"missing"']]);
    assert.match(d[0]?.message ?? '', /references undefined `template` `missing`; define a matching key under `\[resources.rpm-repo-set-templates\]`/);
  });

  it('reports allowlist names the template lacks, and names listed twice', () => {
    const files = { [ROOT]: TEMPLATE_T + '[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\ndisable-gpg-check = true\nsubrepos = ["nonesuch", "a", "a"]\n' };
    assert.deepEqual(found(files), [
      ['resource-set-unknown-subrepo', 'azldev.toml', '"nonesuch"'],
      ['resource-set-duplicate-subrepo', 'azldev.toml', '"a"'],
    ]);
    assert.match(diagnostics(files)[0]?.message ?? '', /`subrepos` allowlist references `nonesuch` which is not a sub-repo of template `t`/);
  });

  it('rejects an invalid synthesized repo ID at the name-prefix', () => {
    const files = { [ROOT]: TEMPLATE_T + '[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\nname-prefix = "-bad"\ndisable-gpg-check = true\n' };
    assert.deepEqual(found(files), [['resource-set-invalid-repo-id', 'azldev.toml', '"-bad"']]);
    assert.match(diagnostics(files)[0]?.message ?? '', /would synthesize an invalid repo ID `-bada` \(combining `name-prefix` `-bad` with sub-repo name `a`\)/);
  });

  it('finds the template in another file, and its problems there', () => {
    const files = {
      [ROOT]: 'includes = ["repos.toml"]\n[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\ndisable-gpg-check = true\n',
      '/p/repos.toml': '[resources.rpm-repo-set-templates.t]\nsubrepos = [{ name = "a", subpath = "../escape" }, { name = "b", subpath = "b?token=1" }]\n',
    };
    const d = diagnostics(files);
    assert.deepEqual(found(files), [['resource-subpath-invalid', 'repos.toml', '"../escape"']]);
    assert.match(d[0]?.message ?? '', /rpm-repo-set `s` template `subpath` `..\/escape` must not contain `..` segments/);
    assert.equal(d[0]?.related?.[0]?.file, ROOT);
  });

  // TestJoinSetBaseURI's subpath rows: [subpath, azldev's error substring].
  const SUBPATH_ROWS: [string, string][] = [['../escape', '..'], ['a?token=1', 'query string or fragment'], ['a#frag', 'query string or fragment']];
  for (const [subpath, want] of SUBPATH_ROWS) {
    it(`rejects subpath ${subpath} when a set expands it`, () => {
      const files = { [ROOT]: `[resources.rpm-repo-set-templates.t]\nsubrepos = [{ name = "a", subpath = "${subpath}" }]\n[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\ndisable-gpg-check = true\n` };
      const [d] = diagnostics(files);
      assert.equal(d?.code, 'resource-subpath-invalid');
      assert.ok(d?.message.includes(want), d?.message);
      // A template no set instantiates is never joined, so azldev never sees the subpath.
      assert.deepEqual(found({ [ROOT]: files[ROOT].replace(/\[resources.rpm-repo-sets[^]*$/, '') }), []);
    });
  }

  it('knows the templates azldev\'s built-in defaults define, and lets a project replace them', () => {
    const sets =
      '[resources.rpm-repo-sets.azl4]\ntemplate = "azl-standard"\nbase-uri = "https://x/azl4"\nname-prefix = "azl4-"\ndisable-gpg-check = true\nsubrepos = ["base", "sdk-src"]\n' +
      '[resources.rpm-repo-sets.koji]\ntemplate = "koji-dist-repo"\nbase-uri = "https://koji/repos/dist"\nname-prefix = "koji-"\ndisable-gpg-check = true\n';
    const files = { [ROOT]: sets + version('{ rpm-build = [{ repo = "azl4-base" }, { repo = "azl4-sdk-src" }, { repo = "koji-debug" }, { repo = "azl4-sdk" }] }') };
    // azl4-sdk is in the template but not in the set's allowlist.
    assert.deepEqual(found(files), [['distro-input-undefined-repo', 'azldev.toml', '"azl4-sdk"']]);
    const replaced = { [ROOT]: '[resources.rpm-repo-set-templates.azl-standard]\nsubrepos = [{ name = "main", subpath = "main" }]\n' + sets };
    assert.deepEqual(found(replaced), [['resource-set-unknown-subrepo', 'azldev.toml', '"base"'], ['resource-set-unknown-subrepo', 'azldev.toml', '"sdk-src"']]);
  });

  it('takes a later file\'s entry whole, as azldev\'s merge does', () => {
    const files = {
      [ROOT]: 'includes = ["override.toml"]\n' + TEMPLATE_T + '[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\nname-prefix = "s-"\ndisable-gpg-check = true\n',
      '/p/override.toml': '[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\nname-prefix = "o-"\ndisable-gpg-check = true\n' + version('{ rpm-build = [{ repo = "o-a" }, { repo = "s-a" }] }'),
    };
    assert.deepEqual(found(files), [['distro-input-undefined-repo', 'override.toml', '"s-a"']]);
  });
});

const RESOURCES =
  '[resources.rpm-repos.explicit]\nbase-uri = "https://e/"\ndisable-gpg-check = true\n' +
  '[resources.rpm-repo-set-templates.t]\nsubrepos = [{ name = "binary", subpath = "main/$basearch" }, { name = "src", kind = "source", subpath = "src" }]\n' +
  '[resources.rpm-repo-sets.s]\ntemplate = "t"\nbase-uri = "https://x/"\nname-prefix = "s-"\ndisable-gpg-check = true\n';

describe('distro-version inputs (azldev TestEffectiveInputRepos_*, validateDistroVersionInputs)', () => {
  it('accepts repos and sets that resolve', () => {
    assert.deepEqual(found({ [ROOT]: RESOURCES + version('{ rpm-build = [{ repo = "explicit" }, { set = "s" }], image-build = [{ set = "s" }] }') }), []);
  });

  it('reports a repo a set already produced, at the later entry', () => {
    const files = { [ROOT]: RESOURCES + version('{ rpm-build = [{ repo = "s-binary" }, { set = "s" }] }') };
    const d = diagnostics(files);
    assert.deepEqual(found(files), [['distro-input-duplicate', 'azldev.toml', '"s"']]);
    assert.equal(d[0]?.message, 'distro "d" version "1": `inputs.rpm-build` produces repo `s-binary` more than once (most recently from set `s`); remove the duplicate to disambiguate');
    assert.equal(files[ROOT].slice(d[0]?.related?.[0]?.span.start, d[0]?.related?.[0]?.span.end), '"s-binary"');
  });

  it('needs exactly one of repo or set in each entry', () => {
    const files = { [ROOT]: RESOURCES + version('{ image-build = [{ repo = "explicit", set = "s" }, {}] }') };
    assert.deepEqual(found(files), [
      ['distro-input-repo-or-set', 'azldev.toml', '{ repo = "explicit", set = "s" }'],
      ['distro-input-repo-or-set', 'azldev.toml', '{}'],
    ]);
    const [both, neither] = diagnostics(files);
    assert.match(both?.message ?? '', /`inputs.image-build` entry 1 sets both `repo` \(`explicit`\) and `set` \(`s`\); exactly one is required/);
    assert.match(neither?.message ?? '', /`inputs.image-build` entry 2 sets neither `repo` nor `set`; exactly one is required/);
  });

  it('reports undefined repos and sets', () => {
    const files = { [ROOT]: RESOURCES + version('{ rpm-build = [{ repo = "nope" }], image-build = [{ set = "nope" }] }') };
    assert.deepEqual(found(files), [
      ['distro-input-undefined-repo', 'azldev.toml', '"nope"'],
      ['distro-input-undefined-set', 'azldev.toml', '"nope"'],
    ]);
    const [repo, set] = diagnostics(files);
    assert.equal(repo?.message, 'distro "d" version "1" inputs.rpm-build references undefined rpm-repo "nope"');
    assert.equal(set?.message, 'distro "d" version "1": `inputs.image-build` entry 1 references undefined rpm-repo-set `nope`');
  });

  it('rejects a local gpg-key for rpm-build only', () => {
    const local = '[resources.rpm-repos.local]\nbase-uri = "https://l/"\ngpg-key = "keys/local.gpg"\n';
    const files = { [ROOT]: RESOURCES + local + version('{ rpm-build = [{ repo = "local" }], image-build = [{ repo = "local" }] }') };
    assert.deepEqual(found(files), [['distro-input-local-gpg-key', 'azldev.toml', '"local"']]);
    assert.match(diagnostics(files)[0]?.message ?? '', /has a local `gpg-key` \("keys\/local.gpg"\); local keys are not yet supported for mock builds/);
    const viaSet = RESOURCES.replace('disable-gpg-check = true\n', 'gpg-key = "file:///etc/pki/k"\n').replace(/(\[resources.rpm-repo-sets.s\][^[]*)disable-gpg-check = true\n/, '$1gpg-key = "file:///etc/pki/k"\n');
    assert.deepEqual(found({ [ROOT]: viaSet + version('{ rpm-build = [{ set = "s" }] }') }), [
      ['distro-input-local-gpg-key', 'azldev.toml', '"s"'],
      ['distro-input-local-gpg-key', 'azldev.toml', '"s"'],
    ]);
  });

  it('says nothing more of an input whose set already failed', () => {
    const files = { [ROOT]: '[resources.rpm-repo-sets.s]\ntemplate = "missing"\nbase-uri = "https://x/"\nname-prefix = "s-"\ndisable-gpg-check = true\n' + version('{ rpm-build = [{ set = "s" }] }') };
    assert.deepEqual(found(files), [['resource-set-undefined-template', 'azldev.toml', '"missing"']]);
  });

  it('uses the inputs of the version\'s last definition, which replaces earlier ones whole', () => {
    const files = {
      [ROOT]: 'includes = ["later.toml"]\n' + RESOURCES + version('{ rpm-build = [{ repo = "gone" }] }'),
      '/p/later.toml': "[distros.d.versions.'1']\nrelease-ver = \"1\"\ninputs = { rpm-build = [{ repo = \"explicit\" }, { repo = \"explicit\" }] }\n",
    };
    assert.deepEqual(found(files), [['distro-input-duplicate', 'later.toml', '"explicit"']]);
    files['/p/later.toml'] = "[distros.d.versions.'1']\nrelease-ver = \"1\"\n";
    assert.deepEqual(found(files), []);
  });
});

describe('image test-suite references (azldev TestValidateTestSuiteReferences)', () => {
  const suites = '[test-suites.smoke]\ntype = "pytest"\npytest = { working-dir = "tests" }\n';
  it('accepts a defined suite, from any file', () => {
    assert.deepEqual(found({ [ROOT]: 'includes = ["t.toml"]\n[images.myimage]\ntests = { test-suites = [{ name = "smoke" }] }\n', '/p/t.toml': suites }), []);
  });

  it('reports an undefined suite at its name', () => {
    const files = { [ROOT]: suites + '[images.myimage]\ntests = { test-suites = [{ name = "smoke" }, { name = "nonexistent" }] }\n' };
    assert.deepEqual(found(files), [['project-undefined-test-suite', 'azldev.toml', '"nonexistent"']]);
    assert.equal(diagnostics(files)[0]?.message, 'undefined test suite reference: image `myimage` references test suite `nonexistent`, which is not defined in [test-suites] (defined: smoke)');
  });

  it('accepts an image with no tests', () => {
    assert.deepEqual(found({ [ROOT]: '[images.myimage]\ndescription = "x"\n' }), []);
  });
});
