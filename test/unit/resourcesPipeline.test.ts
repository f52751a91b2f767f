// The resource and test-suite checks through the whole pipeline (syntax + schema + rules + project): each
// seeded mistake yields exactly one diagnostic, azldev's, where the schema states the same rule; and seeded
// into the real tree they are found at their place while the rest of the tree stays clean, under both schemas.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../server/src/core/diagnostics';
import { diskFileSystem, type FileSystem } from '../../server/src/core/fs';
import { createLanguageService } from '../../server/src/core/languageService';
import { memoryService } from '../support/memoryService';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../support/paths';

const FILE = '/p/azldev.toml';

/** Exactly one diagnostic, with the code, spanning the text between « and ». */
function expectOne(marked: string, code: string): CoreDiagnostic {
  const start = marked.indexOf('«');
  const end = marked.indexOf('»') - 1;
  const text = marked.replace('«', '').replace('»', '');
  const diags = memoryService({ [FILE]: text }, { lint: false }).validateFile(FILE, text);
  assert.equal(diags.length, 1, `expected one diagnostic, got:\n${diags.map((d) => `  ${d.code} [${text.slice(d.span.start, d.span.end)}] ${d.message}`).join('\n')}`);
  const d = diags[0] as CoreDiagnostic;
  assert.equal(d.code, code, d.message);
  assert.deepEqual([text.slice(d.span.start, d.span.end), d.span], [text.slice(start, end), { start, end }]);
  return d;
}

const OK_REPO = 'base-uri = "https://x/"\ndisable-gpg-check = true\n';
const SHA = 'abcdef0123456789abcdef0123456789abcdef01';

describe('resources and test suites through the pipeline: one diagnostic per mistake', () => {
  it('a repo name the schema\'s propertyNames also rejects, at the key', () => {
    expectOne(`[resources.rpm-repos.«"-bad"»]\n${OK_REPO}`, 'resource-invalid-name');
  });
  it('both base-uri and metalink (the schema\'s oneOf)', () => {
    expectOne('«[resources.rpm-repos.r]»\nbase-uri = "https://x/"\nmetalink = "https://x/ml"\ndisable-gpg-check = true\n', 'resource-repo-source-conflict');
  });
  it('an ftp base-uri (the schema\'s pattern), at the value', () => {
    expectOne('[resources.rpm-repos.r]\nbase-uri = «"ftp://x/"»\ndisable-gpg-check = true\n', 'resource-invalid-uri');
  });
  it('an opaque file gpg-key (the schema\'s pattern), at the value', () => {
    expectOne('[resources.rpm-repos.r]\nbase-uri = "https://x/"\ngpg-key = «"file:k.gpg"»\n', 'resource-invalid-gpg-key');
  });
  it('a set without template (the schema\'s required)', () => {
    expectOne('«[resources.rpm-repo-sets.s]»\nbase-uri = "https://x/"\ndisable-gpg-check = true\n', 'resource-set-template-required');
  });
  it('a sub-repo kind outside the enum', () => {
    expectOne('[resources.rpm-repo-set-templates.t]\nsubrepos = [{ name = "a", subpath = "a", kind = «"src"» }]\n', 'resource-invalid-subrepo-kind');
  });
  it('a set whose template no file defines (a project check, in the file\'s own diagnostics)', () => {
    expectOne(`[resources.rpm-repo-sets.s]\ntemplate = «"nope"»\nbase-uri = "https://x/"\ndisable-gpg-check = true\n`, 'resource-set-undefined-template');
  });
  it('an input naming no repo', () => {
    expectOne(`[resources.rpm-repos.r]\n${OK_REPO}[distros.d.versions.'1']\nrelease-ver = "1"\ninputs = { rpm-build = [{ repo = «"q"» }] }\n`, 'distro-input-undefined-repo');
  });
  it('a test suite type outside the enum', () => {
    expectOne('[test-suites.t]\ntype = «"unittest"»\n', 'test-suite-unknown-type');
  });
  it('a pytest suite without [pytest] (the schema\'s if/then)', () => {
    expectOne('«[test-suites.t]»\ntype = "pytest"\n', 'test-suite-pytest-required');
  });
  it('an install mode without working-dir (the schema\'s if/then)', () => {
    expectOne('[test-suites.t]\ntype = "pytest"\npytest = «{ install = "requirements" }»\n', 'test-suite-working-dir-required');
  });
  it('a short lisa ref (the schema\'s pattern)', () => {
    expectOne('[test-suites.t]\ntype = "lisa"\nlisa = { framework = { git-url = "https://x/l.git", ref = «"abc123"» }, test-cases = ["a"] }\n', 'test-suite-invalid-ref');
  });
  it('empty lisa test-cases (the schema\'s minItems)', () => {
    expectOne(`[test-suites.t]\ntype = "lisa"\nlisa = { framework = { git-url = "https://x/l.git", ref = "${SHA}" }, test-cases = «[]» }\n`, 'test-suite-test-cases-required');
  });
  it('a test suite name with a slash (the schema\'s propertyNames)', () => {
    expectOne('[test-suites.«"a/b"»]\ntype = "lisa"\n', 'test-suite-invalid-name');
  });
  it('an image naming an undefined suite', () => {
    expectOne('[images.i]\ntests = { test-suites = [{ name = «"smoke"» }] }\n', 'project-undefined-test-suite');
  });
});

/** The real tree, with `extra` appended to one of its files. */
function seededTree(file: string, extra: string): FileSystem {
  const target = path.join(CORPUS_ROOT, file);
  return { ...diskFileSystem, readFile: (p) => (p === target ? (diskFileSystem.readFile(p) ?? '') + extra : diskFileSystem.readFile(p)) };
}

function problems(fs: FileSystem, schema: string): string[] {
  const service = createLanguageService({ fs, schema, bundledSchemaDir: SCHEMAS_DIR, lint: false });
  return service.checkProject(CORPUS_ROOT).diagnostics
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${path.relative(CORPUS_ROOT, d.file)}: ${d.code} ${(fs.readFile(d.file) ?? '').slice(d.span.start, d.span.end)}`);
}

describe('seeded into the real tree', () => {
  it('finds resource and input mistakes in the distro file (bundled schema: the tree\'s vendored one predates [resources])', () => {
    const extra =
      '\n[resources.rpm-repos.azl-base]\nbase-uri = "https://packages.example/azl/4.0/base/$basearch"\ngpg-key = "keys/azl.gpg"\n' +
      "\n[distros.azurelinux.versions.'4.0-stage2'.inputs]\nrpm-build = [{ repo = \"azl-base\" }, { repo = \"azl-sdk\" }]\n";
    assert.deepEqual(problems(seededTree('distro/azurelinux.distro.toml', extra), 'bundled'), [
      'distro/azurelinux.distro.toml: distro-input-local-gpg-key "azl-base"',
      'distro/azurelinux.distro.toml: distro-input-undefined-repo "azl-sdk"',
    ]);
  });

  for (const schema of ['bundled', 'workspace']) {
    it(`finds test-suite mistakes in the root file with the ${schema} schema`, () => {
      const extra = '\n[test-suites.smoke]\ntype = "pytest"\n\n[images.seeded]\ntests = { test-suites = [{ name = "smoke" }, { name = "integration" }] }\n';
      assert.deepEqual(problems(seededTree('azldev.toml', extra), schema), [
        'azldev.toml: test-suite-pytest-required [test-suites.smoke]',
        // The tree's vendored schema predates test-suite types (its TestSuiteConfig has only a description):
        // an unknown key is always reported, even where a rule speaks of the same table.
        ...(schema === 'workspace' ? ['azldev.toml: schema-unknown-key type'] : []),
        'azldev.toml: project-undefined-test-suite "integration"',
      ]);
    });
  }
});
