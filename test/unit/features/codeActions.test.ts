// Quick fixes, each applied to a seeded document: the exact text it produces, and the real validation run
// again on the result no longer reports that code — also for the cross-file fixes (group members, includes).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeActions, type CoreCodeAction } from '../../../server/src/core/features/codeActions';
import { SchemaStore } from '../../../server/src/core/features/schemaWalk';
import { memoryService } from '../../support/memoryService';
import { SCHEMAS_DIR } from '../../support/paths';
import { applyOffsetEdits } from '../../support/offsetEdits';
import type { RuleCode } from '../../../server/src/core/ruleCatalog';

const PROJECT: Record<string, string> = {
  '/p/azldev.toml': 'includes = ["comps/*.comp.toml"]\n\n[distros.fedora]\ndefault-version = "43"\n[distros.fedora.versions.43]\n',
  '/p/comps/libs.comp.toml': '[components.glibc]\n[components.gcc]\n[components.bash]\n',
};
const FILE = '/p/comps/a.comp.toml';

const serviceFor = (files: Record<string, string>) => memoryService(files);


interface Fixed {
  actions: CoreCodeAction[];
  /** The files after applying the chosen action. */
  files: Record<string, string>;
  /** Codes the file still has after the fix. */
  remaining: string[];
}

/**
 * Validates `text` as FILE, takes the diagnostic with `code`, asks for its quick fixes, applies the one
 * titled `title` (the preferred one when omitted), and validates the result again.
 */
function fix(text: string, code: RuleCode, title?: string, extra: Record<string, string> = {}, file = FILE): Fixed {
  const files = { ...PROJECT, ...extra, [file]: text };
  const service = serviceFor(files);
  const diag = service.validateFile(file, text).find((d) => d.code === code);
  assert.ok(diag, `no ${code} in:\n${text}\n${service.validateFile(file, text).map((d) => d.code).join(', ')}`);
  const actions = codeActions({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, file, text, [diag]);
  const chosen = title === undefined ? actions.find((a) => a.isPreferred) : actions.find((a) => a.title === title);
  assert.ok(chosen, `no action '${title ?? 'preferred'}' among: ${actions.map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`).join(' | ')}`);
  const next = { ...files };
  for (const [f, edits] of Object.entries(chosen.edits)) next[f] = applyOffsetEdits(next[f] ?? '', edits);
  const remaining = serviceFor(next).validateFile(file).map((d) => d.code);
  assert.ok(!remaining.includes(code), `${code} still reported after '${chosen.title}':\n${next[file]}`);
  return { actions, files: next, remaining };
}

const titles = (r: Fixed) => r.actions.map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`);

describe('schema quick fixes', () => {
  it('renames an unknown key to the suggestion, or removes it', () => {
    const r = fix('[components.foo]\nsepc = { type = "upstream" }\n', 'schema-unknown-key');
    assert.deepEqual(titles(r), ["Change to 'spec' *", "Remove 'sepc'"]);
    assert.equal(r.files[FILE], '[components.foo]\nspec = { type = "upstream" }\n');
    assert.equal(fix('[components.foo]\nsepc = { type = "upstream" }\n', 'schema-unknown-key', "Remove 'sepc'").files[FILE], '[components.foo]\n');
  });

  it('renames a misspelt header segment', () => {
    assert.equal(fix('[components.foo.bulid]\nwith = ["x"]\n', 'schema-unknown-key').files[FILE], '[components.foo.build]\nwith = ["x"]\n');
  });

  it('replaces a wrong enum value with the suggestion or any allowed value', () => {
    const r = fix('[components.foo]\nspec = { type = "upstrem" }\n', 'schema-enum');
    assert.deepEqual(titles(r), ['Change to "upstream" *', 'Change to "local"', 'Change to ""']);
    assert.equal(r.files[FILE], '[components.foo]\nspec = { type = "upstream" }\n');
    assert.equal(fix("[[components.foo.overlays]]\ndescription = 'd'\ntype = 'spec-add-tga'\ntag = 'A'\nvalue = 'b'\n", 'schema-enum').files[FILE], "[[components.foo.overlays]]\ndescription = 'd'\ntype = 'spec-add-tag'\ntag = 'A'\nvalue = 'b'\n");
  });

  it('quotes an unquoted date-time', () => {
    const text = '[component-groups.g.default-component-config.spec.upstream-distro]\nname = "fedora"\nsnapshot = 2026-02-24T00:00:00Z\n';
    assert.equal(fix(text, 'schema-unquoted-datetime').files[FILE], text.replace('2026-02-24T00:00:00Z', '"2026-02-24T00:00:00Z"'));
  });

  it('adds a missing key wherever its table is written', () => {
    const sf = '[[components.foo.source-files]]\nfilename = "a.tar.gz"\nhash = "00"\nhash-type = "SHA256"\n';
    assert.equal(fix(`${sf}origin = {}\n`, 'schema-missing-key').files[FILE], `${sf}origin = { type = "download" }\n`);
    assert.equal(fix(`${sf}origin = { uri = "https://x" }\n`, 'schema-missing-key').files[FILE], `${sf}origin = { uri = "https://x", type = "download" }\n`);
    assert.equal(fix(`${sf}\n[components.foo.source-files.origin]\nuri = "https://x"\n`, 'schema-missing-key').files[FILE], `${sf}\n[components.foo.source-files.origin]\ntype = "download"\nuri = "https://x"\n`);
    assert.equal(fix(`${sf}origin.uri = "https://x"\n`, 'schema-missing-key').files[FILE], `${sf}origin.uri = "https://x"\norigin.type = "download"\n`);
    assert.equal(
      fix('[components.foo]\n[[components.foo.overlays]]\nregex = "x"\n', 'schema-missing-key').files[FILE],
      '[components.foo]\n[[components.foo.overlays]]\ntype = "spec-add-tag"\nregex = "x"\n',
    );
  });

  it('removes a duplicate key', () => {
    assert.equal(fix('[components.foo]\nspec = { type = "upstream" }\nspec = { type = "local" }\n', 'toml-duplicate-key').files[FILE], '[components.foo]\nspec = { type = "upstream" }\n');
  });
});

describe('rule quick fixes', () => {
  it('adds a missing overlay field below the header, with the schema example', () => {
    const text = '[[components.foo.overlays]]\ndescription = "d"\ntype = "spec-add-tag"\ntag = "Vendor"\n';
    const r = fix(text, 'overlay-missing-field');
    assert.deepEqual(titles(r), ['Add value = "pkgconfig(zlib)" *']);
    assert.equal(r.files[FILE], '[[components.foo.overlays]]\nvalue = "pkgconfig(zlib)"\ndescription = "d"\ntype = "spec-add-tag"\ntag = "Vendor"\n');
  });

  it('fills an empty required field and finds the right overlay among several', () => {
    const first = '[[components.foo.overlays]]\ndescription = "a"\ntype = "spec-remove-tag"\ntag = "Vendor"\n';
    const second = '[[components.foo.overlays]]\n  description = "b"\n  type = "spec-remove-section"\n';
    assert.equal(fix(first + second, 'overlay-missing-field').files[FILE], first + '[[components.foo.overlays]]\n  section = "%build"\n  description = "b"\n  type = "spec-remove-section"\n');
    assert.equal(fix(first.replace('"Vendor"', '""'), 'overlay-missing-field').files[FILE], first.replace('"Vendor"', '"BuildRequires"'));
  });

  it('adds a field to an inline overlay', () => {
    assert.equal(
      fix('[components.foo]\noverlays = [{ description = "d", type = "file-remove" }]\n', 'overlay-missing-field').files[FILE],
      '[components.foo]\noverlays = [{ description = "d", type = "file-remove", file = "*.conf" }]\n',
    );
  });

  it('adds the reason a skipped %check or an expected failure needs', () => {
    const reason = '"Tests need network access, which mock does not provide"';
    assert.equal(fix('[components.foo]\nbuild = { check = { skip = true } }\n', 'build-skip-reason-required').files[FILE], `[components.foo]\nbuild = { check = { skip = true, skip_reason = ${reason} } }\n`);
    assert.equal(fix('[components.foo]\nbuild.check.skip = true\n', 'build-skip-reason-required').files[FILE], `[components.foo]\nbuild.check.skip = true\nbuild.check.skip_reason = ${reason}\n`);
    assert.equal(fix('[components.foo.build.check]\nskip = true\nskip_reason = ""\n', 'build-skip-reason-required').files[FILE], `[components.foo.build.check]\nskip = true\nskip_reason = ${reason}\n`);
    assert.equal(fix('[components.foo.build.failure]\nexpected = true\n', 'build-expected-reason-required').files[FILE], '[components.foo.build.failure]\nexpected-reason = "Known upstream issue #456"\nexpected = true\n');
  });

  it('adds the section a package-scoped overlay needs, or drops the package', () => {
    const text = '[[components.foo.overlays]]\ndescription = "d"\ntype = "spec-append-lines"\npackage = "devel"\nlines = ["x"]\n';
    const r = fix(text, 'overlay-package-requires-section');
    assert.deepEqual(titles(r), ['Add section = "%files" *', "Remove 'package'"]);
    assert.equal(r.files[FILE], text.replace('\ndescription', '\nsection = "%files"\ndescription'));
    assert.equal(fix(text, 'overlay-package-requires-section', "Remove 'package'").files[FILE], text.replace('package = "devel"\n', ''));
  });

  it('adds the replace-reason an overriding source file needs', () => {
    const text = '[[components.foo.source-files]]\nfilename = "a.tar.gz"\nhash = "ab"\nhash-type = "SHA256"\norigin = { type = "download", uri = "https://example.org/a.tar.gz" }\nreplace-upstream = true\n';
    assert.equal(fix(text, 'source-file-replace-reason-required').files[FILE], text.replace('\nfilename', '\nreplace-reason = "replace-reason"\nfilename'));
  });

  it('removes a field the overlay type ignores', () => {
    const text = '[[components.foo.overlays]]\ndescription = "d"\ntype = "spec-remove-tag"\ntag = "Vendor"\nlines = ["x"]\n';
    assert.equal(fix(text, 'overlay-unused-field').files[FILE], text.replace('lines = ["x"]\n', ''));
  });
});

describe('project quick fixes', () => {
  it('replaces an unknown group member with the closest component, or removes it', () => {
    const text = '[component-groups.g]\ncomponents = ["glibcc", "bash"]\n';
    const r = fix(text, 'project-unknown-group-member');
    assert.deepEqual(titles(r), ["Change to 'glibc' *", "Remove 'glibcc' from the group"]);
    assert.equal(r.files[FILE], '[component-groups.g]\ncomponents = ["glibc", "bash"]\n');
    assert.equal(fix(text, 'project-unknown-group-member', "Remove 'glibcc' from the group").files[FILE], '[component-groups.g]\ncomponents = ["bash"]\n');
    const multi = '[component-groups.g]\ncomponents = [\n  "bash",\n  "zzzz", # why\n  "gcc",\n]\n';
    assert.equal(fix(multi, 'project-unknown-group-member', "Remove 'zzzz' from the group").files[FILE], '[component-groups.g]\ncomponents = [\n  "bash",\n  "gcc",\n]\n');
  });

  it('offers the defined distros for an unknown one', () => {
    const text = '[components.foo]\nspec = { type = "upstream", upstream-distro = { name = "fedoar" } }\n';
    assert.equal(fix(text, 'project-unknown-distro').files[FILE], text.replace('fedoar', 'fedora'));
  });

  it('adds a file nothing includes to the nearest includes list', () => {
    const file = '/p/comps/extra/new.comp.toml';
    const r = fix('[components.new]\n', 'project-file-not-included', undefined, {}, file);
    assert.deepEqual(titles(r), ['Add "comps/extra/new.comp.toml" to the includes of azldev.toml *']);
    assert.equal(r.files['/p/azldev.toml']?.split('\n')[0], 'includes = ["comps/*.comp.toml", "comps/extra/new.comp.toml"]');
  });

  it('prefers a nearer includes list, one entry per line when the list is written so', () => {
    const nested = { '/p/azldev.toml': 'includes = ["base/base.toml"]\n', '/p/base/base.toml': 'includes = [\n  "comps/*.comp.toml",\n]\n' };
    const r = fix('[components.new]\n', 'project-file-not-included', undefined, nested, '/p/base/more/new.toml');
    assert.equal(r.files['/p/base/base.toml'], 'includes = [\n  "comps/*.comp.toml",\n  "more/new.toml",\n]\n');
  });
});

describe('authoring-guide quick fixes', () => {
  it('adds a description that says in words what the overlay does', () => {
    const cases: [string, string][] = [
      ['type = "spec-remove-tag"\ntag = "Vendor"\n', 'Remove Vendor'],
      ['type = "spec-add-tag"\ntag = "BuildRequires"\nvalue = "pkgconfig(zlib)"\n', 'Add BuildRequires: pkgconfig(zlib)'],
      ["type = \"spec-search-replace\"\nsection = \"%build\"\nregex = '--with-foo'\nreplacement = '--without-foo'\n", 'Replace `--with-foo` with `--without-foo` in %build'],
      ['type = "spec-search-replace"\nsection = "%files"\npackage = "devel"\nregex = "^/usr/lib/debug.*$"\n', 'Remove `^/usr/lib/debug.*$` in %files of devel'],
      ['type = "spec-append-lines"\nsection = "%files"\nlines = ["a", "b"]\n', 'Append 2 lines to %files'],
      ['type = "patch-add"\nsource = "patches/CVE-2024-1234.patch"\n', 'Add patch CVE-2024-1234.patch'],
      ['type = "file-rename"\nfile = "a.conf"\nreplacement = "b.conf"\n', 'Rename a.conf to b.conf'],
      ['type = "spec-remove-subpackage"\npackage = "docs"\n', 'Drop the docs sub-package'],
    ];
    for (const [body, description] of cases) {
      const text = `[[components.foo.overlays]]\n${body}`;
      const fixed = fix(text, 'guide-overlay-description').files[FILE] ?? '';
      assert.equal(fixed, `[[components.foo.overlays]]\ndescription = ${JSON.stringify(description)}\n${body}`);
    }
  });

  it('shortens a sub-package name to its suffix', () => {
    const text = '[[components.foo.overlays]]\ndescription = "d"\ntype = "spec-search-replace"\nsection = "%files"\npackage = "foo-devel"\nregex = "a"\nreplacement = "b"\n';
    assert.equal(fix(text, 'guide-package-short-name').files[FILE], text.replace('"foo-devel"', '"devel"'));
  });

  it('scopes an unscoped search-replace only to the section the spec showed to be safe', () => {
    const text = '[[components.foo.overlays]]\ndescription = "d"\ntype = "spec-search-replace"\nregex = "a"\nreplacement = "b"\n';
    const service = serviceFor({ ...PROJECT, [FILE]: text });
    const span = { start: text.indexOf('"a"'), end: text.indexOf('"a"') + 3 };
    const judged = (data: Record<string, unknown>) =>
      codeActions({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, FILE, text, [{ file: FILE, span, severity: 'information', code: 'guide-unscoped-search-replace', message: 'm', data }]);
    const [scoped, ...rest] = judged({ field: 'section', reach: ['%build'], section: '%build' });
    assert.equal(rest.length, 0);
    assert.equal(scoped?.title, 'Scope it with section = "%build"');
    assert.equal(scoped?.isPreferred, true);
    assert.equal(applyOffsetEdits(text, scoped?.edits[FILE] ?? []), text.replace('[[components.foo.overlays]]\n', '[[components.foo.overlays]]\nsection = "%build"\n'));
    // Preamble-only or several sections: no section can scope it without changing the render.
    assert.deepEqual(judged({ field: 'section', reach: [''] }), []);
    assert.deepEqual(judged({ field: 'section', reach: ['%prep', '%build'] }), []);
  });
});
