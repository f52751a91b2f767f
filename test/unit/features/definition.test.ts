// Go to definition, on inline marked projects (‸ the cursor, «…» the expected target spans) and on the
// real tree: include globs, group members, local spec and overlay paths, overlay-files, distro references.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { findDefinition } from '../../../server/src/core/features/definition';
import { c, corpus, corpusOffset, lineAt, markedProject, p } from './featureHarness';

const WHOLE_FILE = { start: 0, end: 0 };

function targetsOf(files: Record<string, string>) {
  const m = markedProject(files);
  return { m, result: findDefinition(m.service, m.file, m.offset) };
}

describe('definition on a small project', () => {
  it('goes from an include glob to every file it matches, in doublestar order (a directory\'s own files before its subdirectories\')', () => {
    const { m, result } = targetsOf({
      'azldev.toml': 'includes = [«"comps/**/*.co‸mp.toml"», "other.toml"]\n',
      'comps/b.comp.toml': '[components.b]\n',
      'comps/a/a.comp.toml': '[components.a]\n',
      'comps/c.comp.toml': '[components.c]\n',
      'comps/notes.txt': '',
      'other.toml': '',
    });
    assert.deepEqual(result?.targets.map((t) => t.file), [p('comps/b.comp.toml'), p('comps/c.comp.toml'), p('comps/a/a.comp.toml')]);
    assert.deepEqual(result?.targets[0]?.span, WHOLE_FILE);
    assert.deepEqual(result?.originSpan, m.spans.get(p('azldev.toml'))?.[0]);
  });

  it('goes from a literal include to the file, and from a missing one nowhere', () => {
    assert.deepEqual(targetsOf({ 'azldev.toml': 'includes = ["other.t‸oml"]\n', 'other.toml': '' }).result?.targets.map((t) => t.file), [p('other.toml')]);
    assert.equal(targetsOf({ 'azldev.toml': 'includes = ["missing.t‸oml"]\n' }).result, undefined);
  });

  it('goes from a group member to the [components.X] key in another file', () => {
    const { m, result } = targetsOf({
      'azldev.toml': 'includes = ["*.comp.toml"]\n[component-groups.g]\ncomponents = ["a", "b‸ash"]\n',
      'x.comp.toml': '[components.a]\n«[components.«bash»]»\nspec = { type = "upstream" }\n',
    });
    const [whole, key] = m.spans.get(p('x.comp.toml')) ?? [];
    assert.deepEqual(result?.targets, [{ file: p('x.comp.toml'), span: whole, selectionSpan: key }]);
  });

  it('finds nothing for a group member no file defines', () => {
    assert.equal(targetsOf({ 'azldev.toml': '[component-groups.g]\ncomponents = ["nob‸ody"]\n' }).result, undefined);
  });

  it('goes from a local spec path, relative to the config file', () => {
    const { result } = targetsOf({
      'azldev.toml': 'includes = ["comps/*/*.comp.toml"]\n',
      'comps/foo/foo.comp.toml': '[components.foo]\nspec = { type = "local", path = "foo.sp‸ec" }\n',
      'comps/foo/foo.spec': 'Name: foo\n',
    });
    assert.deepEqual(result?.targets.map((t) => t.file), [p('comps/foo/foo.spec')]);
  });

  it('goes from an inline overlay source, relative to the config file', () => {
    const { result } = targetsOf({
      'azldev.toml': 'includes = ["comps/*/*.comp.toml"]\n',
      'comps/foo/foo.comp.toml': '[components.foo]\n[[components.foo.overlays]]\ntype = "patch-add"\nsource = "patches/fix.pa‸tch"\n',
      'comps/foo/patches/fix.patch': '',
    });
    assert.deepEqual(result?.targets.map((t) => t.file), [p('comps/foo/patches/fix.patch')]);
  });

  it('goes from an overlay document source, relative to the overlay file, and from overlay-files to the documents', () => {
    const files = {
      'azldev.toml': 'includes = ["comps/*/*.comp.toml"]\n',
      'comps/foo/foo.comp.toml': '[components.foo]\noverlay-files = ["overlays/*.overlay.t‸oml"]\n',
      'comps/foo/overlays/2-b.overlay.toml': '[metadata]\ncategory = "build"\n[[overlays]]\ntype = "patch-add"\nsource = "b.patch"\n',
      'comps/foo/overlays/1-a.overlay.toml': '[[overlays]]\ntype = "patch-add"\nsource = "a.patch"\n',
      'comps/foo/overlays/b.patch': '',
    };
    assert.deepEqual(targetsOf(files).result?.targets.map((t) => t.file), [p('comps/foo/overlays/1-a.overlay.toml'), p('comps/foo/overlays/2-b.overlay.toml')]);
    const inDoc = targetsOf({ ...files, 'comps/foo/foo.comp.toml': '[components.foo]\noverlay-files = ["overlays/*.overlay.toml"]\n', 'comps/foo/overlays/2-b.overlay.toml': '[[overlays]]\ntype = "patch-add"\nsource = "b.pat‸ch"\n' });
    assert.deepEqual(inDoc.result?.targets.map((t) => t.file), [p('comps/foo/overlays/b.patch')]);
  });

  it('goes from distro reference names and versions to the distro and version definitions', () => {
    const distro = '«[distros.«fedora»]»\ndefault-version = "4‸3"\n«[distros.fedora.versions.«43»]»\ndist-git-branch = "f43"\n';
    const byName = targetsOf({ 'azldev.toml': '[project]\ndefault-distro = { name = "fed‸ora", version = "43" }\n', 'd.toml': '', 'azldev2.toml': '' });
    assert.equal(byName.result, undefined, 'no distros defined');
    const files = (main: string) => ({ 'azldev.toml': `includes = ["distro.toml"]\n${main}`, 'distro.toml': distro.replace('‸', '') });
    const name = targetsOf(files('[project]\ndefault-distro = { name = "fed‸ora", version = "43" }\n'));
    const [distroWhole, distroKey, versionWhole, versionKey] = name.m.spans.get(p('distro.toml')) ?? [];
    assert.deepEqual(name.result?.targets, [{ file: p('distro.toml'), span: distroWhole, selectionSpan: distroKey }]);
    const version = targetsOf(files('[components.a]\nspec = { type = "upstream", upstream-distro = { name = "fedora", version = "4‸3" } }\n'));
    assert.deepEqual(version.result?.targets, [{ file: p('distro.toml'), span: versionWhole, selectionSpan: versionKey }]);
    // A reference without a name means the project's default distro.
    const defaulted = targetsOf(files('[project]\ndefault-distro = { name = "fedora" }\n[components.a]\nspec = { upstream-distro = { version = "4‸3" } }\n'));
    assert.deepEqual(defaulted.result?.targets.map((t) => t.selectionSpan), [versionKey]);
    const defaultVersion = targetsOf({ 'azldev.toml': 'includes = ["distro.toml"]\n', 'distro.toml': distro });
    assert.deepEqual(defaultVersion.result?.targets.map((t) => t.selectionSpan), [versionKey]);
  });

  it('says nothing on a component header (it is the definition) or a plain value', () => {
    assert.equal(targetsOf({ 'azldev.toml': '[components.f‸oo]\n' }).result, undefined);
    assert.equal(targetsOf({ 'azldev.toml': '[project]\ndescription = "some‸thing"\n' }).result, undefined);
  });
});

describe('definition on the real tree', () => {
  const service = corpus();

  it('goes from base/project.toml includes to the included files', () => {
    const file = c('base/project.toml');
    const result = findDefinition(service, file, corpusOffset(service, file, '"comps/components.toml"', 3));
    assert.deepEqual(result?.targets.map((t) => t.file), [c('base/comps/components.toml')]);
    const images = findDefinition(service, file, corpusOffset(service, file, '"images/images.toml"', 3));
    assert.deepEqual(images?.targets.map((t) => t.file), [c('base/images/images.toml')]);
  });

  it('goes from the **/*.comp.toml include to every component file, as many as the disk holds', () => {
    const file = c('base/comps/components.toml');
    const result = findDefinition(service, file, corpusOffset(service, file, '"**/*.comp.toml"', 3));
    const onDisk = fs.readdirSync(c('base/comps'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.comp.toml'));
    assert.equal(result?.targets.length, onDisk.length);
    assert.ok(result?.targets.some((t) => t.file === c('base/comps/sssd/sssd.comp.toml')));
  });

  it('goes from a check-skip group member to its line in components.toml', () => {
    const file = c('base/comps/component-check-disablement.toml');
    const result = findDefinition(service, file, corpusOffset(service, file, '"git"', 2));
    const target = result?.targets[0];
    assert.equal(target?.file, c('base/comps/components.toml'));
    const text = fs.readFileSync(c('base/comps/components.toml'), 'utf8');
    assert.equal(text.slice(target?.span.start, target?.span.end), '[components.git]');
    assert.equal(lineAt(service, target?.file ?? '', target?.span.start ?? 0), text.slice(0, text.indexOf('[components.git]\n')).split('\n').length);
  });

  it("goes from project.default-distro's name to the azurelinux distro", () => {
    const file = c('base/project.toml');
    const result = findDefinition(service, file, corpusOffset(service, file, '"azurelinux"', 2));
    assert.deepEqual(result?.targets.map((t) => t.file), [c('distro/azurelinux.distro.toml')]);
  });
});

describe('definition from package lists and images on the real tree', () => {
  const service = corpus();

  it('goes from a package-group member to the component that builds it (its # srpm: comment)', () => {
    const file = c('base/packages/base.packages.toml');
    const result = findDefinition(service, file, corpusOffset(service, file, '"389-ds-base-devel"', 3));
    const target = result?.targets[0];
    assert.equal(target?.file, c('base/comps/components.toml'));
    const text = fs.readFileSync(c('base/comps/components.toml'), 'utf8');
    assert.equal(text.slice(target?.span.start, target?.span.end), '[components.389-ds-base]');
    assert.equal(result?.originSpan.start, corpusOffset(service, file, '"389-ds-base-devel"', 0));
  });

  it("goes from an image definition's path to the kiwi file, relative to the config file", () => {
    const file = c('base/images/images.toml');
    const result = findDefinition(service, file, corpusOffset(service, file, '"vm-base/vm-base.kiwi"', 3));
    assert.deepEqual(result?.targets, [{ file: c('base/images/vm-base/vm-base.kiwi'), span: WHOLE_FILE, selectionSpan: WHOLE_FILE }]);
  });
});

describe('definition from a package-group member without a comment', () => {
  it('goes to a component of the same name, and nowhere when there is none', () => {
    const files = {
      'azldev.toml': 'includes = ["*.toml"]\n[components.zlib]\n',
      'p.toml': '[package-groups.g]\npackages = ["zl‸ib", "nothing-builds-me"]\n',
    };
    const { result } = targetsOf(files);
    assert.equal(result?.targets[0]?.file, p('azldev.toml'));
    const none = markedProject({ ...files, 'p.toml': '[package-groups.g]\npackages = ["zlib", "nothing-bu‸ilds-me"]\n' });
    assert.equal(findDefinition(none.service, none.file, none.offset), undefined);
  });
});
