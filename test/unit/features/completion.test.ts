// Completion at a `|` cursor in inline documents: keys from the schema (overlay fields by type, required
// first), table headers, enum/section/boolean values, component and distro names from the project, overlay
// snippets — also on half-typed text; then the real tree (7,400 component names, capped and incomplete).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { complete, type CoreCompletionItem, type CoreCompletionList } from '../../../server/src/core/features/completion';
import { OVERLAY_TYPE_FIELDS } from '../../../server/src/core/features/completionOverlays';
import { MAX_NAME_ITEMS } from '../../../server/src/core/features/completionValues';
import { SchemaStore } from '../../../server/src/core/features/schemaWalk';
import { diskFileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { memoryService } from '../../support/memoryService';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../../support/paths';

const PROJECT = {
  '/p/azldev.toml':
    'includes = ["comps/*.comp.toml"]\n\n[distros.fedora]\ndefault-version = "43"\n[distros.fedora.versions.43]\n[distros.fedora.versions.rawhide]\n[distros.azurelinux.versions."4.0"]\n',
  '/p/comps/libs.comp.toml': '[components.glibc]\n[components.gcc]\n[components.bash]\n[components.glib2]\n',
};
const FILE = '/p/comps/a.comp.toml';

const serviceFor = (files: Record<string, string>) => memoryService(files);

/** Completion at the `|` of a document written to FILE in the test project. */
function at(marked: string, file = FILE, extra: Record<string, string> = {}): CoreCompletionList & { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const service = serviceFor({ ...PROJECT, ...extra, [file]: text });
  return { ...complete({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, file, text, offset), text, offset };
}

const sorted = (items: CoreCompletionItem[]) => [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
const labels = (r: CoreCompletionList) => sorted(r.items).map((i) => i.label);
const plain = (r: CoreCompletionList) => sorted(r.items.filter((i) => i.kind !== 'snippet')).map((i) => i.label);
const item = (r: CoreCompletionList, label: string) => {
  const found = r.items.find((i) => i.label === label);
  assert.ok(found, `no item '${label}' among ${labels(r).join(', ')}`);
  return found;
};
/** The document after applying an item's edit. */
const apply = (r: CoreCompletionList & { text: string }, label: string) => {
  const { edit } = item(r, label);
  return r.text.slice(0, edit.start) + edit.newText + r.text.slice(edit.end);
};

describe('key completion', () => {
  it('offers the component keys the schema lists, written with a value skeleton', () => {
    const r = at('[components.foo]\n|');
    assert.deepEqual(plain(r), ['build', 'overlay-files', 'packages', 'publish', 'release', 'render', 'spec']);
    assert.equal(apply(r, 'spec'), '[components.foo]\nspec = { $1 }');
    assert.equal(apply(r, 'overlay-files'), '[components.foo]\noverlay-files = [$1]');
    assert.equal(item(r, 'spec').snippet, true);
    assert.equal(item(r, 'spec').detail, 'Spec');
  });

  it('replaces the half-typed key and skips keys already present', () => {
    const r = at('[components.foo]\nspec = { type = "upstream" }\nbu|');
    assert.ok(!labels(r).includes('spec'));
    assert.deepEqual(item(r, 'build').edit, { start: 46, end: 48, newText: 'build = { $1 }' });
  });

  it('inserts only the name when `=` already follows', () => {
    const r = at('[components.foo]\nsp| = {}');
    assert.equal(apply(r, 'spec'), '[components.foo]\nspec = {}');
    assert.equal(item(r, 'spec').snippet, undefined);
  });

  it('completes inside an unclosed inline table, and after a comma', () => {
    // No key leads: `type` is not required (the merge supplies it from the defaults, as azldev's loader allows).
    assert.deepEqual(plain(at('[components.foo]\nspec = { |')), ['path', 'type', 'upstream-commit', 'upstream-distro', 'upstream-name']);
    // With type = "local", the schema's else branches rule out the upstream-only keys.
    assert.deepEqual(plain(at('[components.foo]\nspec = { type = "local", |')), ['path', 'upstream-distro']);
    assert.deepEqual(plain(at('[components.foo]\nspec = { type = "upstream", | }')), ['upstream-commit', 'upstream-distro', 'upstream-name']);
  });

  it('does not offer a key straight after a value on the same line', () => {
    assert.deepEqual(labels(at('[components.foo]\nspec = { type = "upstream" |')), []);
    assert.deepEqual(labels(at('[components.foo]\nspec = { type = "upstream" } |')), []);
  });

  it('follows dotted keys into their tables', () => {
    assert.deepEqual(plain(at('[components.foo]\nbuild.|')), ['check', 'defines', 'emit-upstream-provenance', 'failure', 'hints', 'undefines', 'with', 'without']);
    assert.deepEqual(plain(at('[components.foo]\nbuild.check = { skip = true, | }')), ['skip_reason']);
  });

  it('puts a required key first: skip_reason once skip = true is written', () => {
    const r = at('[components.foo.build.check]\nskip = true\n|');
    assert.deepEqual(plain(r), ['skip_reason']);
    assert.equal(item(r, 'skip_reason').detail, 'Reason for skipping %check (required)');
  });

  it('offers only the fields an overlay type uses, required ones first', () => {
    const r = at('[[components.foo.overlays]]\ntype = "spec-add-tag"\n|');
    assert.deepEqual(plain(r), ['tag', 'value', 'description', 'metadata', 'package']);
    assert.deepEqual(plain(at('[[components.foo.overlays]]\ndescription = "d"\ntype = "spec-search-replace"\nre|')), ['regex', 'metadata', 'package', 'replacement', 'section']);
    assert.deepEqual(plain(at('[[components.foo.overlays]]\ntype = "file-remove"\n|')), ['file', 'archive', 'description', 'metadata']);
  });

  it('leads with type and description while the overlay type is unknown', () => {
    const r = plain(at('[[components.foo.overlays]]\n|'));
    assert.deepEqual(r.slice(0, 2), ['description', 'type']);
    assert.equal(r.length, 13);
  });

  it('completes overlay keys in inline overlay tables too', () => {
    assert.deepEqual(plain(at('[components.foo]\noverlays = [{ type = "spec-remove-section", | }]')), ['section', 'description', 'metadata', 'package']);
  });

  it('does not offer per-overlay metadata in an overlay file', () => {
    const r = plain(at('[metadata]\ncategory = "x"\n[[overlays]]\ntype = "spec-add-tag"\n|', '/p/comps/foo/fix.overlay.toml'));
    assert.deepEqual(r, ['tag', 'value', 'description', 'package']);
  });

  it('offers nothing inside a comment', () => {
    assert.deepEqual(labels(at('[components.foo]\n# a comment |')), []);
  });
});

describe('header completion', () => {
  it('offers the sub-tables of a component after [components.NAME.', () => {
    const r = at('[components.foo]\n[components.foo.|');
    assert.deepEqual(labels(r), ['build', 'publish', 'release', 'render', 'spec', 'packages']);
    assert.equal(apply(r, 'build'), '[components.foo]\n[components.foo.build]');
    // `packages` is a map of binary packages: the name follows, so no bracket yet.
    assert.equal(apply(r, 'packages'), '[components.foo]\n[components.foo.packages');
  });

  it('offers arrays of tables after [[components.NAME.', () => {
    const r = at('[[components.foo.|');
    assert.deepEqual(labels(r), ['overlays', 'source-files']);
    assert.equal(apply(r, 'overlays'), '[[components.foo.overlays]]');
  });

  it('does not add a bracket the header already has', () => {
    const r = at('[components.foo.b|]');
    assert.equal(apply(r, 'build'), '[components.foo.build]');
  });

  it('offers top-level tables after [ and the names this file defines after [components.', () => {
    assert.deepEqual(labels(at('[|')), ['default-component-config', 'default-package-config', 'project', 'resources', 'tools', 'component-groups', 'components', 'distros', 'images', 'package-groups', 'test-suites']);
    // A new [components. header names a new component: the defined ones are not offered (a duplicate).
    assert.deepEqual(labels(at('[components.curl]\n[components.bash]\n[components.|')), []);
    // Other maps: a defined name continues to a sub-table, never writing the same header twice.
    const r = at('[component-groups.net]\ncomponents = []\n[component-groups.|');
    assert.deepEqual(labels(r), ['net']);
    assert.equal(apply(r, 'net'), '[component-groups.net]\ncomponents = []\n[component-groups.net.');
  });

  it('offers nothing on a header\'s line before its `[`: what is typed there joins the header\'s line', () => {
    // The first header of a file (before it, the root table's keys were offered) and a later one (its table's).
    assert.deepEqual(labels(at('|[components.foo]\nspec = { type = "upstream" }\n')), []);
    assert.deepEqual(labels(at('# the component\n|[components.foo]\n')), []);
    assert.deepEqual(labels(at('[components.foo]\n|[components.foo.build]\n')), []);
    assert.deepEqual(labels(at('[components.foo]\n  |  [[components.foo.overlays]]\n')), []);
    // A line of its own above the header is the table before it, as ever.
    assert.deepEqual(plain(at('[components.foo]\n|\n[components.foo.build]\n')), ['overlay-files', 'packages', 'publish', 'release', 'render', 'spec']);
    assert.ok(labels(at('|\n[components.foo]\n')).length > 0);
    // Inside the header, after its `[`, the header's own completion.
    assert.ok(labels(at('[|components.foo]\n')).length > 0);
  });

  it('leaves out tables written inline, which a header cannot extend', () => {
    assert.ok(!labels(at('[components.foo]\nspec = { type = "upstream" }\n[components.foo.|')).includes('spec'));
  });
});

describe('value completion', () => {
  it('offers the overlay types with their descriptions', () => {
    const r = at('[[components.foo.overlays]]\ntype = |');
    assert.equal(r.items.length, 17);
    assert.equal(apply(r, 'spec-add-tag'), '[[components.foo.overlays]]\ntype = "spec-add-tag"');
    assert.match(item(r, 'spec-add-tag').documentation ?? '', /Fails if the tag already exists/);
  });

  it('replaces a half-typed bare word and an unclosed string', () => {
    const bare = at('[[components.foo.overlays]]\ntype = spec-a|');
    assert.equal(apply(bare, 'spec-add-tag'), '[[components.foo.overlays]]\ntype = "spec-add-tag"');
    const open = at('[components.foo]\nspec = { type = "up|');
    assert.equal(apply(open, 'upstream'), '[components.foo]\nspec = { type = "upstream"');
    const closed = at('[components.foo]\nspec = { type = "|" }');
    assert.equal(apply(closed, 'local'), '[components.foo]\nspec = { type = "local" }');
  });

  it('adds the space after a bare `=`', () => {
    assert.equal(apply(at('[components.foo]\nbuild = { check = { skip =|'), 'true'), '[components.foo]\nbuild = { check = { skip = true');
  });

  it('offers booleans, and spec sections for an overlay section', () => {
    assert.deepEqual(labels(at('[components.foo.build.check]\nskip = |')), ['true', 'false']);
    const sections = labels(at('[[components.foo.overlays]]\ntype = "spec-append-lines"\nsection = "%|"'));
    assert.deepEqual(sections.slice(0, 7), ['%prep', '%build', '%install', '%check', '%files', '%description', '%package']);
    assert.ok(sections.includes('%triggerpostun'));
  });

  it('keeps a literal string literal', () => {
    assert.equal(apply(at("[[components.foo.overlays]]\nsection = '%b|'"), '%build'), "[[components.foo.overlays]]\nsection = '%build'");
  });

  it('offers the schema examples when there is no enum', () => {
    assert.deepEqual(labels(at('[[components.foo.overlays]]\ntype = "spec-add-tag"\ntag = "|"')), ['BuildRequires', 'Requires', 'Release', 'Source9999', 'Patch9999', 'URL']);
  });

  it('offers distro names and the versions of the named distro', () => {
    assert.deepEqual(labels(at('[components.foo]\nspec = { type = "upstream", upstream-distro = { name = "|" } }')).sort(), ['azurelinux', 'fedora']);
  });

  it('offers the versions of the distro the reference names', () => {
    const r = at('[components.foo]\nspec = { type = "upstream", upstream-distro = { name = "fedora", version = "|" } }');
    assert.deepEqual(labels(r), ['43', 'rawhide']);
    assert.equal(item(r, 'rawhide').detail, 'fedora version');
  });

  it('offers component names in a group, without the listed ones', () => {
    const r = at('[component-groups.g]\ncomponents = ["gcc", "g|');
    assert.deepEqual(labels(r), ['glib2', 'glibc']);
    assert.equal(apply(r, 'glibc'), '[component-groups.g]\ncomponents = ["gcc", "glibc"');
    assert.equal(item(r, 'glibc').detail, path.join('comps', 'libs.comp.toml'));
    assert.deepEqual(labels(at('[component-groups.g]\ncomponents = [\n  "bash",\n  |\n]')), ['gcc', 'glib2', 'glibc']);
  });

  it('offers nothing between an item and the next comma', () => {
    assert.deepEqual(labels(at('[component-groups.g]\ncomponents = ["gcc" |]')), []);
  });
});

describe('overlay snippets', () => {
  it('offers a whole [[overlays]] block per type, with the required fields as tab stops', () => {
    const r = at('[components.foo]\n|');
    const snippets = r.items.filter((i) => i.kind === 'snippet');
    assert.deepEqual(snippets.map((s) => s.label.replace('overlay: ', '')).sort(), Object.keys(OVERLAY_TYPE_FIELDS).sort());
    assert.equal(
      item(r, 'overlay: spec-add-tag').edit.newText,
      '[[components.foo.overlays]]\ndescription = "${1:What this spec-add-tag overlay does and why}"\ntype = "spec-add-tag"\ntag = "${2:BuildRequires}"\nvalue = "${3:pkgconfig(zlib)}"\n$0',
    );
    assert.equal(item(r, 'overlay: spec-append-lines').edit.newText.split('\n')[3], 'lines = ["${2:%global azl_marker 1}"]');
  });

  it('writes [[overlays]] in an overlay file, and nothing in an inline table', () => {
    const r = at('[metadata]\n|', '/p/comps/foo/fix.overlay.toml');
    assert.match(item(r, 'overlay: patch-add').edit.newText, /^\[\[overlays\]\]\n/);
    assert.equal(at('[components.foo]\nspec = { |').items.filter((i) => i.kind === 'snippet').length, 0);
  });

  it('expands, placeholders filled, to an overlay that validates', () => {
    // Every type: each block carries every field azldev's validation demands of it, whichever schema is used.
    for (const type of Object.keys(OVERLAY_TYPE_FIELDS)) {
      const r = at('[components.foo]\n|');
      const expanded = apply(r, `overlay: ${type}`).replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0/, '');
      const service = serviceFor({ ...PROJECT, [FILE]: expanded, '/p/comps/patches/CVE-2024-1234.patch': '' });
      assert.deepEqual(service.fileDiagnostics(FILE).map((d) => d.code), [], `${type}:\n${expanded}`);
    }
  });
});

describe('completion on the real tree', () => {
  const components = path.join(CORPUS_ROOT, 'base', 'comps', 'components.toml');
  const groups = path.join(CORPUS_ROOT, 'base', 'comps', 'component-check-disablement.toml');
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const env = { service, schemas: new SchemaStore(SCHEMAS_DIR) };

  it('caps component names in a group and says the list is incomplete', () => {
    const text = fs.readFileSync(groups, 'utf8');
    const offset = text.indexOf('"bats"') + 1;
    const r = complete(env, groups, text, offset);
    assert.equal(r.items.length, MAX_NAME_ITEMS);
    assert.equal(r.isIncomplete, true);
    const g = complete(env, groups, text.slice(0, offset) + 'glib' + text.slice(offset), offset + 4);
    assert.equal(g.isIncomplete, false);
    assert.deepEqual(sorted(g.items).map((i) => i.label).slice(0, 3), ['glib', 'glib-networking', 'glibc']);
    // glib2 is already a member of that group.
    assert.ok(!g.items.some((i) => i.label === 'glib2'));
    assert.ok(g.items.every((i) => i.label.toLowerCase().includes('glib')));
  });

  it('offers nothing at the start of any header line of components.toml', () => {
    const text = fs.readFileSync(components, 'utf8');
    let headers = 0;
    for (let at = text.indexOf('\n[') + 1; at > 0 && headers < 200; at = text.indexOf('\n[', at) + 1) {
      assert.deepEqual(complete(env, components, text, at).items, [], `offset ${at}: ${text.slice(at, text.indexOf('\n', at))}`);
      headers++;
    }
    assert.equal(headers, 200);
  });

  it('completes a new component in the 7,400-line components.toml', () => {
    const text = fs.readFileSync(components, 'utf8') + '\n[components.new-one]\n';
    const r = complete(env, components, text, text.length);
    assert.deepEqual(plain(r), ['build', 'overlay-files', 'packages', 'publish', 'release', 'render', 'spec']);
  });
});

describe('overlay fields by type', () => {
  const KNOWN = ['file', 'archive', 'section', 'package', 'tag', 'value', 'regex', 'replacement', 'lines', 'source'];
  const valueOf = (field: string) => (field === 'lines' ? '["x"]' : field === 'archive' ? '"x.tar.gz"' : '"x"');
  it('agree with the rule engine: every other known field draws its unused or forbidden warning', () => {
    for (const [type, fields] of Object.entries(OVERLAY_TYPE_FIELDS)) {
      for (const field of KNOWN) {
        const text = `[[components.foo.overlays]]\ndescription = "d"\ntype = "${type}"\n${field} = ${valueOf(field)}\n`;
        const diags = serviceFor({ ...PROJECT, [FILE]: text }).fileDiagnostics(FILE);
        const rejected = diags.some((d) => (d.code === 'overlay-unused-field' || d.code === 'overlay-forbidden-field') && d.data?.field === field);
        assert.equal(rejected, !fields.includes(field), `${type} with ${field}: ${diags.map((d) => d.code).join(', ')}`);
      }
    }
  });
});
