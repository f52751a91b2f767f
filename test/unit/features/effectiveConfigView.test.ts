// The "Show Effective Config" document: header with layers and groups, values with their origins,
// overlay files' overlays appended in azldev's order with their file's metadata, and the answer when
// the cursor is on no component (the names to pick from).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveConfigFor, effectiveConfigText } from '../../../server/src/core/features/effectiveConfigView';
import { c, corpus, markedProject, p } from './featureHarness';

const FILES = {
  'azldev.toml': 'includes = ["comps/*/*.comp.toml"]\n',
  'comps/foo/foo.comp.toml': [
    '[components.foo]',
    'spec = { type = "local", path = "foo.spec" }',
    'overlay-files = ["overlays/**/*.overlay.toml"]',
    '',
    '[[components.foo.overlays]]',
    'type = "spec-set-tag"',
    'tag = "Vendor"',
    'value = "v"',
    '',
  ].join('\n'),
  // azldev orders one pattern's matches by file name, so b/1-z comes before a/2-a though its directory sorts later.
  'comps/foo/overlays/a/2-a.overlay.toml': '[metadata]\ncategory = "build"\n\n[[overlays]]\ntype = "patch-add"\nsource = "a.patch"\n',
  'comps/foo/overlays/b/1-z.overlay.toml': '[[overlays]]\ntype = "spec-remove-section"\nsection = "%check"\n',
  'comps/bar/bar.comp.toml': '[components.bar]\n',
};

describe('effective config view', () => {
  it('writes the component with origins, then the overlay files in azldev order with metadata stamped on', () => {
    const m = markedProject(FILES);
    const model = m.service.projectOf(p('azldev.toml'));
    assert.ok(model);
    assert.equal(
      effectiveConfigText(m.service, model, 'foo'),
      [
        "# Effective configuration of component 'foo' (read-only; follows edits to the project's files).",
        "# azldev applies the distro version's default-component-config, the project's, each group's (by",
        "# name), then the component's own: scalars override, arrays append; then the overlay files' overlays.",
        '#',
        '# Distro: (no default distro)',
        '# Groups: (none)',
        '# Layers, in order:',
        '#   1. component foo (comps/foo/foo.comp.toml:1)',
        '#   2. overlay file comps/foo/overlays/b/1-z.overlay.toml (1 overlays)',
        '#   3. overlay file comps/foo/overlays/a/2-a.overlay.toml (1 overlays)',
        '',
        '[components.foo.spec]',
        'type = "local"  # from component foo (comps/foo/foo.comp.toml:2)',
        'path = "foo.spec"  # from component foo (comps/foo/foo.comp.toml:2)',
        '',
        '[[components.foo.overlays]]  # from component foo (comps/foo/foo.comp.toml:5)',
        'type = "spec-set-tag"',
        'tag = "Vendor"',
        'value = "v"',
        '',
        '[[components.foo.overlays]]  # from overlay file 1-z.overlay.toml (comps/foo/overlays/b/1-z.overlay.toml:1)',
        'type = "spec-remove-section"',
        'section = "%check"',
        '',
        '[[components.foo.overlays]]  # from overlay file 2-a.overlay.toml (comps/foo/overlays/a/2-a.overlay.toml:4)',
        'type = "patch-add"',
        'source = "a.patch"',
        '',
        '[components.foo.overlays.metadata]',
        'category = "build"',
        '',
      ].join('\n'),
    );
  });

  it('answers for the component around the cursor, by name, or with every name to pick from', () => {
    const inside = markedProject({ ...FILES, 'comps/foo/foo.comp.toml': FILES['comps/foo/foo.comp.toml'].replace('tag = "Vendor"', 'tag = "Ven‸dor"') });
    const around = effectiveConfigFor(inside.service, inside.file, { offset: inside.offset });
    assert.equal(around && 'component' in around ? around.component : undefined, 'foo');
    const named = effectiveConfigFor(inside.service, p('azldev.toml'), { component: 'bar' });
    assert.ok(named && 'text' in named && named.text.includes('#   1. component bar (comps/bar/bar.comp.toml:1)'));
    const nowhere = markedProject({ ...FILES, 'azldev.toml': 'includes = ["comps/*/*.comp.toml"]‸\n' });
    assert.deepEqual(effectiveConfigFor(nowhere.service, nowhere.file, { offset: nowhere.offset }), { candidates: ['bar', 'foo'] });
    assert.deepEqual(effectiveConfigFor(nowhere.service, nowhere.file, { component: 'nope' }), { candidates: ['bar', 'foo'] });
  });

  it("shows a real component's inherited values and own overlays", () => {
    const service = corpus();
    const model = service.projectOf(c('azldev.toml'));
    assert.ok(model);
    const text = effectiveConfigText(service, model, 'sssd') ?? '';
    assert.match(text, /^# Groups: check-skip-initial-failures$/m);
    assert.match(text, /^skip = true {2}# from component group check-skip-initial-failures default-component-config \(base\/comps\/component-check-disablement\.toml:\d+\)$/m);
    assert.match(text, /^snapshot = "2026-02-24T00:00:00-08:00" {2}# from distro azurelinux 4\.0-stage2 default-component-config \(distro\/azurelinux\.distro\.toml:\d+\)$/m);
    assert.match(text, /^\[\[components\.sssd\.overlays\]\] {2}# from component sssd \(base\/comps\/sssd\/sssd\.comp\.toml:\d+\)$/m);
  });
});
