// The whole validation pipeline (syntax + schema + azldev rules) as the server and the CLI run it:
// the real tree is clean under both schemas, and each seeded mistake yields exactly one diagnostic
// with its code at the right place — the schema and the rules never report the same thing twice.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../server/src/core/diagnostics';
import { diskFileSystem } from '../../server/src/core/fs';
import { createLanguageService } from '../../server/src/core/languageService';
import { memoryService } from '../support/memoryService';
import { CORPUS_ROOT, EXAMPLES_DIR, SCHEMAS_DIR } from '../support/paths';

function diskService(schema: string) {
  return createLanguageService({ fs: diskFileSystem, schema, bundledSchemaDir: SCHEMAS_DIR });
}

describe('the real Azure Linux 4.0 tree', () => {
  for (const schema of ['bundled', 'workspace']) {
    it(`has no diagnostics with the ${schema} schema`, () => {
      const service = diskService(schema);
      const resolved = service.schemaFor(path.join(CORPUS_ROOT, 'azldev.toml'));
      assert.equal(resolved.kind, schema);
      assert.equal(resolved.error, undefined);
      const result = service.checkProject(CORPUS_ROOT);
      assert.ok(result.files.length >= 210, `only ${result.files.length} files reached through includes`);
      // The two distro override files the tree's CI passes with --config-file are hints, not problems;
      // the authoring-guide lints (information) are tested on their own.
      assert.deepEqual(
        result.diagnostics.filter((d) => !d.code.startsWith('guide-')).map((d) => `${path.relative(CORPUS_ROOT, d.file)}: ${d.severity} ${d.code}`),
        ['distro/stage2.toml: hint project-file-not-included', 'overrides/fedora.distro.azl.sources.toml: hint project-file-not-included'],
      );
    });
  }

  it('reaches the files through includes in azldev order (depth-first)', () => {
    const result = diskService('bundled').checkProject(CORPUS_ROOT);
    const rel = result.files.map((f) => path.relative(CORPUS_ROOT, f));
    assert.deepEqual(rel.slice(0, 3), ['azldev.toml', 'distro/distro.toml', 'distro/azurelinux.distro.toml']);
    assert.ok(rel.indexOf('base/project.toml') > rel.indexOf('distro/fedora.distro.toml'));
    assert.ok(rel.indexOf('base/comps/components.toml') < rel.indexOf('base/comps/sssd/sssd.comp.toml'));
  });
});

describe('the bundled example project', () => {
  it('is clean, overlay files included', () => {
    const result = diskService('bundled').checkProject(EXAMPLES_DIR);
    assert.ok(result.files.some((f) => f.endsWith('.overlay.toml')));
    assert.deepEqual(result.diagnostics, []);
  });
});

const FILE = '/p/comps/foo/foo.comp.toml';

function check(text: string, extra: Record<string, string> = {}, file = FILE): { diags: CoreDiagnostic[]; spanned: string[] } {
  const fs = {
    '/p/azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n\n[distros.fedora.versions.43]\ndist-git-branch = "f43"\n',
    '/p/comps/foo/overlays.comp.toml': '[components.foo-overlays]\noverlay-files = ["overlays/*.overlay.toml"]\n',
    [file]: text,
    ...extra,
  };
  // Schema and rules only: the authoring-guide lints have their own tests.
  const service = memoryService(fs, { lint: false });
  const diags = service.validateFile(file, text);
  return { diags, spanned: diags.map((d) => text.slice(d.span.start, d.span.end)) };
}

/** Exactly one diagnostic, with the code, spanning the text between « and ». */
function expectOne(marked: string, code: string, extra: Record<string, string> = {}, file = FILE): CoreDiagnostic {
  const start = marked.indexOf('«');
  const end = marked.indexOf('»') - 1;
  const text = marked.replace('«', '').replace('»', '');
  const { diags } = check(text, extra, file);
  assert.equal(diags.length, 1, `expected one diagnostic, got:\n${diags.map((d) => `  ${d.code} [${text.slice(d.span.start, d.span.end)}] ${d.message}`).join('\n')}`);
  const d = diags[0] as CoreDiagnostic;
  assert.equal(d.code, code, d.message);
  assert.deepEqual([text.slice(d.span.start, d.span.end), d.span], [text.slice(start, end), { start, end }]);
  return d;
}

describe('seeded mistakes: exactly one diagnostic each', () => {
  it('unknown key, at the key, with a suggestion', () => {
    const d = expectOne('[components.foo]\n«sepc» = { type = "upstream" }\n', 'schema-unknown-key');
    assert.match(d.message, /Did you mean 'spec'\?/);
  });
  it('unknown key in an inline table', () => {
    expectOne('[components.foo]\nspec = { type = "upstream", «upstream_name» = "bar" }\n', 'schema-unknown-key');
  });
  it('wrong enum value, at the value', () => {
    const d = expectOne('[components.foo]\nspec = { type = «"upstrem"» }\n', 'schema-enum');
    assert.match(d.message, /Did you mean "upstream"\?/);
  });
  it('wrong type, at the value', () => {
    expectOne('[components.foo.build]\nwith = «"tests"»\n', 'schema-type');
  });
  it('an unquoted TOML date-time for snapshot', () => {
    const d = expectOne('[components.foo]\nspec = { type = "upstream", upstream-distro = { name = "fedora", version = "43", snapshot = «2026-02-24T00:00:00-08:00» } }\n', 'schema-unquoted-datetime');
    assert.match(d.message, /"2026-02-24T00:00:00-08:00" in quotes/);
  });
  it('an overlay missing its required field, at the [[header]]', () => {
    expectOne('[components.foo]\n«[[components.foo.overlays]]»\ndescription = "x"\ntype = "spec-add-tag"\nvalue = "y"\n', 'overlay-missing-field');
  });
  it('package without section', () => {
    const { diags } = check('[[components.foo.overlays]]\ndescription = "x"\ntype = "spec-append-lines"\npackage = "devel"\nlines = ["a"]\n');
    assert.equal(diags.length, 1, diags.map((d) => d.code + ' ' + d.message).join('\n'));
  });
  it('skip = true without skip_reason', () => {
    const { diags } = check('[components.foo.build]\ncheck = { skip = true }\n');
    assert.deepEqual(diags.map((d) => d.code), ['build-skip-reason-required']);
  });
  it('expected = true without expected-reason', () => {
    const { diags } = check('[components.foo.build]\nfailure = { expected = true }\n');
    assert.equal(diags.length, 1, diags.map((d) => d.code + ' ' + d.message).join('\n'));
  });
  it('an invalid Go RE2 regex, at the value', () => {
    expectOne('[[components.foo.overlays]]\ndescription = "x"\ntype = "spec-search-replace"\nregex = «"(?<=a)b"»\n', 'regex-invalid');
  });
  it('a missing local spec, at the path', () => {
    const d = expectOne('[components.foo]\nspec = { type = "local", path = «"foo.spec"» }\n', 'path-not-found');
    assert.match(d.message, /foo\.spec/);
  });
  it('an existing local spec is fine', () => {
    assert.deepEqual(check('[components.foo]\nspec = { type = "local", path = "foo.spec" }\n', { '/p/comps/foo/foo.spec': 'Name: foo\n' }).diags, []);
  });
  it('a missing literal include, at the pattern', () => {
    expectOne('includes = [«"nothere.toml"»]\n', 'path-not-found');
  });
  it('a duplicate key, pointing at both', () => {
    const d = expectOne('[components.foo]\nspec = { type = "upstream" }\n«spec» = { type = "local" }\n', 'toml-duplicate-key');
    assert.equal(d.related?.length, 1);
  });
  it('a syntax error keeps the rest checked', () => {
    const { diags } = check('[components.\n[components.bar]\nsepc = 1\n');
    assert.deepEqual(diags.map((d) => d.code).filter((c) => c !== 'toml-syntax'), ['schema-unknown-key']);
  });
  it('per-overlay metadata in an overlay file', () => {
    const file = '/p/comps/foo/overlays/0001.overlay.toml';
    const { diags } = check('[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n[[overlays]]\ndescription = "x"\ntype = "spec-remove-tag"\ntag = "Foo"\nmetadata = { category = "azl-pruning", upstream-status = "inapplicable" }\n', {}, file);
    assert.equal(diags.length, 1, diags.map((d) => d.code + ' ' + d.message).join('\n'));
  });
  it('upstream-backport metadata without commits', () => {
    const { diags } = check('[[components.foo.overlays]]\ndescription = "x"\ntype = "spec-remove-tag"\ntag = "Foo"\nmetadata = { category = "upstream-backport", upstream-status = "upstreamed" }\n');
    assert.equal(diags.length, 1, diags.map((d) => d.code + ' ' + d.message).join('\n'));
  });
  it('replace-upstream without replace-reason', () => {
    const { diags } = check('[[components.foo.source-files]]\nfilename = "a.tar.gz"\nhash = "00"\nhash-type = "SHA256"\nreplace-upstream = true\norigin = { type = "download", uri = "https://example.com/a.tar.gz" }\n');
    assert.equal(diags.length, 1, diags.map((d) => d.code + ' ' + d.message).join('\n'));
  });
  it('hash without hash-type', () => {
    const { diags } = check('[[components.foo.source-files]]\nfilename = "a.tar.gz"\nhash = "00"\norigin = { type = "download", uri = "https://example.com/a.tar.gz" }\n');
    assert.equal(diags.length, 1, diags.map((d) => d.code + ' ' + d.message).join('\n'));
  });
});

describe('schema choice', () => {
  it('falls back to the bundled schema, saying why, when the workspace vendors none', () => {
    const resolved = diskService('workspace').schemaFor(path.join(EXAMPLES_DIR, 'azldev.toml'));
    assert.equal(resolved.kind, 'bundled');
    assert.match(resolved.error ?? '', /No vendored schema/);
  });
  it('takes a schema file path relative to the project root', () => {
    const resolved = diskService('external/schemas/azldev.schema.json').schemaFor(path.join(CORPUS_ROOT, 'azldev.toml'));
    assert.deepEqual([resolved.kind, resolved.path], ['file', path.join(CORPUS_ROOT, 'external/schemas/azldev.schema.json')]);
  });
  it('reports a missing schema file and keeps validating with the bundled one', () => {
    const service = diskService('no/such.schema.json');
    const resolved = service.schemaFor(path.join(EXAMPLES_DIR, 'azldev.toml'));
    assert.equal(resolved.kind, 'bundled');
    assert.match(resolved.error ?? '', /does not exist/);
    assert.deepEqual(service.checkProject(EXAMPLES_DIR).diagnostics, []);
  });
});
