// The project model on synthetic trees: azldev's include walk (glob forms, depth-first order, literal paths,
// cycles and repeats), its strict unions (a duplicate is reported on both definitions), the cross-file
// checks, and the effective component config with mergo's rules and each value's origin.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { effectiveComponent, effectiveToJS, describeLayer, type EffectiveNode } from '../../../server/src/core/project/effectiveConfig';
import { expandGlob, globPaths, match } from '../../../server/src/core/glob';
import { loadProject } from '../../../server/src/core/project/projectModel';

function project(files: Record<string, string>) {
  const fs = memoryFileSystem(files);
  return loadProject(new DocumentCache(fs), '/p/azldev.toml');
}

const rel = (paths: string[]) => paths.map((p) => p.replace('/p/', ''));

describe('include globs (doublestar semantics)', () => {
  const fs = memoryFileSystem({
    '/p/a.toml': '',
    '/p/b.toml': '',
    '/p/ab.toml': '',
    '/p/x/c.toml': '',
    '/p/x/y/d.toml': '',
    '/p/x/y/e.txt': '',
    '/p/.hidden/f.toml': '',
  });
  const cases: [string, string[]][] = [
    ['/p/*.toml', ['a.toml', 'ab.toml', 'b.toml']],
    ['/p/?.toml', ['a.toml', 'b.toml']],
    ['/p/[ab].toml', ['a.toml', 'b.toml']],
    ['/p/[!a].toml', ['b.toml']],
    ['/p/{a,ab}.toml', ['a.toml', 'ab.toml']],
    ['/p/**/*.toml', ['.hidden/f.toml', 'a.toml', 'ab.toml', 'b.toml', 'x/c.toml', 'x/y/d.toml']],
    ['/p/x/**', ['x/c.toml', 'x/y/d.toml', 'x/y/e.txt']],
    ['/p/x/*/d.toml', ['x/y/d.toml']],
    ['/p/nothing/*.toml', []],
  ];
  for (const [pattern, expected] of cases) {
    it(pattern.replace('/p/', ''), () => assert.deepEqual(rel(globPaths(expandGlob(fs, pattern))).sort(), expected.sort()));
  }
  it('matches paths the same way it expands them', () => {
    assert.deepEqual(match('/p/**/*.toml', '/p/x/y/d.toml'), { ok: true, matched: true });
    assert.deepEqual(match('/p/**/*.toml', '/p/a.toml'), { ok: true, matched: true });
    assert.deepEqual(match('/p/*.toml', '/p/x/c.toml'), { ok: true, matched: false });
  });
});

describe('the include walk', () => {
  it('is depth-first in match order', () => {
    const model = project({
      '/p/azldev.toml': 'includes = ["one.toml", "sub/*.toml"]\n',
      '/p/one.toml': 'includes = ["deep/two.toml"]\n',
      '/p/deep/two.toml': '',
      '/p/sub/b.toml': '',
      '/p/sub/a.toml': 'includes = ["../three.toml"]\n',
      '/p/three.toml': '',
    });
    assert.deepEqual(rel(model.files.map((f) => f.path)), ['azldev.toml', 'one.toml', 'deep/two.toml', 'sub/a.toml', 'three.toml', 'sub/b.toml']);
  });
  it('expands {a,b} alternatives as doublestar does, even with no other glob character', () => {
    const model = project({ '/p/azldev.toml': 'includes = ["{one,two}.toml"]\n', '/p/one.toml': '', '/p/two.toml': '' });
    assert.deepEqual(rel(model.files.map((f) => f.path)), ['azldev.toml', 'one.toml', 'two.toml']);
  });
  it('reports a cycle at the include that closes it, and a repeat as azldev does', () => {
    const model = project({
      '/p/azldev.toml': 'includes = ["a.toml", "b.toml"]\n',
      '/p/a.toml': 'includes = ["azldev.toml", "b.toml"]\n',
      '/p/b.toml': '',
    });
    assert.deepEqual(model.diagnostics.map((d) => [rel([d.file])[0], d.code]), [['a.toml', 'include-cycle'], ['azldev.toml', 'include-repeated']]);
  });
});

describe('files an include reaches again', () => {
  // A file under comps/ including the whole of comps/ again, as a hand-edited copy of the real tree did.
  const files: Record<string, string> = { '/p/azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n' };
  for (let i = 0; i < 200; i++) files[`/p/comps/c${String(i).padStart(3, '0')}/c.comp.toml`] = '';
  files['/p/comps/zz/z.comp.toml'] = '# again\nincludes = ["../**/*.comp.toml"]\n';

  it('are one finding per include entry, counted, the first three named with where each was first included', () => {
    const model = project(files);
    const again = model.diagnostics.filter((d) => d.code === 'include-repeated' || d.code === 'include-cycle');
    const entry = files['/p/comps/zz/z.comp.toml']?.indexOf('"../') as number;
    assert.deepEqual(
      again.map((d) => [rel([d.file])[0], d.code, d.span.start, d.message]),
      [
        ['comps/zz/z.comp.toml', 'include-cycle', entry, `Circular include: 'z.comp.toml' (matched by '../**/*.comp.toml') includes this file; azldev stops with "circular include detected"`],
        [
          'comps/zz/z.comp.toml',
          'include-repeated',
          entry,
          `Include '../**/*.comp.toml' reaches 200 files that are already included elsewhere: '../c000/c.comp.toml', '../c001/c.comp.toml', '../c002/c.comp.toml' and 197 more; azldev includes a file only once and stops with "circular include detected" at the first of them`,
        ],
      ],
    );
    const repeated = again[1];
    assert.deepEqual(
      repeated?.related?.map((r) => [rel([r.file])[0], r.span.start, r.message]),
      ['c000', 'c001', 'c002'].map((c) => ['azldev.toml', 12, `'comps/${c}/c.comp.toml' first included here`]),
    );
    // Every file is walked once all the same.
    assert.equal(model.files.length, 202);
  });

  it('keep the single-file wording for one file', () => {
    const model = project({ '/p/azldev.toml': 'includes = ["a.toml", "b.toml"]\n', '/p/a.toml': 'includes = ["b.toml"]\n', '/p/b.toml': '' });
    assert.deepEqual(
      model.diagnostics.map((d) => [rel([d.file])[0], d.code, d.message]),
      [['azldev.toml', 'include-repeated', `'b.toml' (matched by 'b.toml') is already included elsewhere; azldev includes a file only once and stops with "circular include detected"`]],
    );
  });
});

describe('strict unions and cross-file checks', () => {
  it('a component defined in two files is an error on both, each pointing at the other', () => {
    const model = project({
      '/p/azldev.toml': 'includes = ["*.comp.toml"]\n',
      '/p/a.comp.toml': '[components.curl]\n',
      '/p/b.comp.toml': '\n[components.curl]\n',
    });
    const dups = model.diagnostics.filter((d) => d.code === 'project-duplicate-component');
    assert.deepEqual(dups.map((d) => [rel([d.file])[0], d.span.start, rel([d.related?.[0]?.file ?? ''])[0]]), [['b.comp.toml', 13, 'a.comp.toml'], ['a.comp.toml', 12, 'b.comp.toml']]);
  });
  for (const kind of ['component-groups', 'images', 'package-groups']) {
    it(`${kind} are strict unions too`, () => {
      const model = project({ '/p/azldev.toml': `includes = ["x.toml"]\n[${kind}.g]\n`, '/p/x.toml': `[${kind}.g]\n` });
      assert.equal(model.diagnostics.filter((d) => d.code.startsWith('project-duplicate-')).length, 2);
    });
  }
  it('group members that name no component, unknown distros and versions, packages in two groups', () => {
    const model = project({
      '/p/azldev.toml': [
        'includes = ["x.toml"]',
        '[project]',
        'default-distro = { name = "nope" }',
        '[distros.fedora]',
        'default-version = "99"',
        '[distros.fedora.versions.43]',
        '[components.a]',
        'spec = { type = "upstream", upstream-distro = { name = "fedora", version = "44" } }',
        '[component-groups.g]',
        'components = ["a", "b"]',
        '[package-groups.one]',
        'packages = ["p1"]',
        '',
      ].join('\n'),
      '/p/x.toml': '[package-groups.two]\npackages = ["p1"]\n',
    });
    assert.deepEqual(model.diagnostics.map((d) => d.code).sort(), ['project-package-in-two-groups', 'project-unknown-distro', 'project-unknown-distro-version', 'project-unknown-distro-version', 'project-unknown-group-member']);
  });
  it('distros merge field by field across files', () => {
    const model = project({
      '/p/azldev.toml': 'includes = ["x.toml"]\n[distros.d]\ndescription = "first"\ndefault-version = "1"\n[distros.d.versions.1]\n',
      '/p/x.toml': '[distros.d]\ndescription = "second"\n',
    });
    assert.deepEqual(model.diagnostics, []);
    assert.equal(model.distros.get('d')?.length, 2);
  });
});

function valueAt(node: EffectiveNode | undefined, ...keys: string[]): EffectiveNode | undefined {
  let cur = node;
  for (const k of keys) cur = cur?.kind === 'table' ? cur.entries.get(k) : undefined;
  return cur;
}

describe('effective component config', () => {
  const files = {
    '/p/azldev.toml': [
      'includes = ["distro.toml", "groups.toml", "comps.toml"]',
      '[project]',
      'default-distro = { name = "azl" }',
      '[default-component-config.build]',
      'with = ["project"]',
      'check = { skip = true, skip_reason = "project says so" }',
      '',
    ].join('\n'),
    '/p/distro.toml': [
      '[distros.azl]',
      'default-version = "4"',
      '[distros.azl.versions.4.default-component-config]',
      'spec = { type = "upstream", upstream-distro = { name = "fedora", version = "43" } }',
      'overlay-files = ["overlays/*.overlay.toml"]',
      '[distros.azl.versions.4.default-component-config.build]',
      'with = ["distro"]',
      'defines = { a = "1", b = "2" }',
      '[distros.fedora.versions.43]',
      '',
    ].join('\n'),
    '/p/groups.toml': [
      '[component-groups.zz]',
      'components = ["curl"]',
      'default-component-config = { build = { with = ["zz"] } }',
      '[component-groups.aa]',
      'components = ["curl"]',
      'default-component-config = { build = { with = ["aa"], defines = { b = "group" } } }',
      '',
    ].join('\n'),
    '/p/comps.toml': [
      '[components.curl]',
      'overlay-files = []',
      '[components.curl.build]',
      'with = ["own"]',
      'check = { skip = false }',
      '[components.curl.packages.curl-devel]',
      'publish = { channel = "sdk" }',
      '',
    ].join('\n'),
  };

  it('layers in azldev order: distro version, project, groups alphabetically, component; arrays append', () => {
    const eff = effectiveComponent(project(files), 'curl');
    assert.ok(eff);
    assert.deepEqual(eff.layers.map((l) => describeLayer(l.layer)), [
      'distro azl 4 default-component-config',
      'project default-component-config',
      'component group aa default-component-config',
      'component group zz default-component-config',
      'component curl',
    ]);
    const js = effectiveToJS(eff.config) as { build: { with: string[]; defines: Record<string, string>; check: { skip: boolean } } };
    assert.deepEqual(js.build.with, ['distro', 'project', 'aa', 'zz', 'own']);
    assert.deepEqual(js.build.defines, { a: '1', b: 'group' });
  });
  it('empty values never clear: skip = false does not undo the project default (mergo.WithOverride)', () => {
    const eff = effectiveComponent(project(files), 'curl');
    const skip = valueAt(eff?.config, 'build', 'check', 'skip');
    assert.deepEqual(skip?.kind === 'value' && [skip.value, describeLayer(skip.origin.layer)], [true, 'project default-component-config']);
  });
  it('overlay-files replaces the inherited list; an empty list disables it', () => {
    const eff = effectiveComponent(project(files), 'curl');
    const of = valueAt(eff?.config, 'overlay-files');
    assert.deepEqual(of?.kind === 'array' && [of.items.length, describeLayer(of.origin.layer)], [0, 'component curl']);
  });
  it('each value knows its file and layer', () => {
    const eff = effectiveComponent(project(files), 'curl');
    const distro = valueAt(eff?.config, 'spec', 'upstream-distro', 'version');
    assert.ok(distro?.kind === 'value');
    assert.equal(distro.origin.file, '/p/distro.toml');
    assert.equal(files['/p/distro.toml'].slice(distro.origin.span.start, distro.origin.span.end), 'version = "43"');
    const b = valueAt(eff?.config, 'build', 'defines', 'b');
    assert.ok(b?.kind === 'value');
    assert.deepEqual([b.origin.file, describeLayer(b.origin.layer)], ['/p/groups.toml', 'component group aa default-component-config']);
  });
  it('a distro version defined again in a later file replaces the earlier definition whole', () => {
    const model = project({ ...files, '/p/comps.toml': files['/p/comps.toml'] + '[distros.azl.versions.4]\nrelease-ver = "4.0"\n' });
    const eff = effectiveComponent(model, 'curl');
    assert.equal(valueAt(eff?.config, 'spec'), undefined, 'the later version has no default-component-config');
  });
  it('a package entry from a later layer replaces the earlier one whole', () => {
    const model = project({
      ...files,
      '/p/azldev.toml': files['/p/azldev.toml'] + '[default-component-config.packages.curl-devel]\npublish = { channel = "base", debuginfo-channel = "dbg" }\n',
    });
    const eff = effectiveComponent(model, 'curl');
    assert.deepEqual(effectiveToJS(valueAt(eff?.config, 'packages') as EffectiveNode), { 'curl-devel': { publish: { channel: 'sdk' } } });
  });
});
