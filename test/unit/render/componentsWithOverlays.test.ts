// Which components `check` renders against their spec: every component whose effective config has overlays,
// overlay files or a %check skip. The list is found without merging the layers of components none of whose
// layers writes one; it must equal the list found by merging every component, on the real tree and on
// projects where the setting comes from each kind of layer (the component, a group, the project, the distro).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { diskFileSystem } from '../../../server/src/core/fs';
import { effectiveComponent, type EffectiveNode } from '../../../server/src/core/project/effectiveConfig';
import { loadProject, type ProjectModel } from '../../../server/src/core/project/projectModel';
import { componentsWithOverlays } from '../../../server/src/core/render';
import { CORPUS_ROOT, tempProject } from '../../support/paths';

/** The definition, the slow way: every component's layers merged, then its effective config read. */
function byMergingEveryComponent(model: ProjectModel): string[] {
  const entry = (n: EffectiveNode | undefined, k: string) => (n?.kind === 'table' ? n.entries.get(k) : undefined);
  const nonEmpty = (n: EffectiveNode | undefined) => n?.kind === 'array' && n.items.length > 0;
  return [...model.unions.components.keys()].sort().filter((name) => {
    const c = effectiveComponent(model, name)?.config;
    const skip = entry(entry(entry(c, 'build'), 'check'), 'skip');
    return nonEmpty(entry(c, 'overlays')) || nonEmpty(entry(c, 'overlay-files')) || (skip?.kind === 'value' && skip.value === true);
  });
}

const load = (root: string) => loadProject(new DocumentCache(diskFileSystem), path.join(root, 'azldev.toml'));

const PROJECT = (extra: string) =>
  [
    'includes = ["comps.toml"]',
    '[project]',
    'default-distro = { name = "fedora", version = "43" }',
    '[distros.fedora]',
    'default-version = "43"',
    '[distros.fedora.versions.43]',
    'release-ver = "43"',
    extra,
  ].join('\n');

const COMPS = [
  '[components.plain]',
  '[components.own]',
  '[[components.own.overlays]]',
  'description = "d"',
  'type = "spec-add-tag"',
  'tag = "Provides"',
  'value = "x"',
  '[components.grouped]',
  '[components.skipped.build]',
  'check = { skip = true, skip_reason = "slow" }',
  '[components.unskipped.build]',
  'check = { skip = false }',
  '[component-groups.g]',
  'components = ["grouped"]',
  '[component-groups.g.default-component-config]',
  'overlay-files = ["x.overlay.toml"]',
].join('\n');

describe('componentsWithOverlays', () => {
  test('on the real tree: the same components as merging every component', () => {
    const model = load(CORPUS_ROOT);
    const expected = byMergingEveryComponent(model);
    assert.ok(expected.length > 100, `only ${expected.length} components with overlays in the real tree`);
    assert.deepEqual(componentsWithOverlays(model), expected);
  });

  test('a component’s own overlays, a group’s overlay files and a %check skip; not a skip = false', () => {
    const model = load(tempProject({ 'azldev.toml': PROJECT(''), 'comps.toml': COMPS }));
    assert.deepEqual(componentsWithOverlays(model), ['grouped', 'own', 'skipped']);
    assert.deepEqual(componentsWithOverlays(model), byMergingEveryComponent(model));
  });

  test('the project’s default-component-config with a %check skip reaches every component', () => {
    const model = load(tempProject({ 'azldev.toml': PROJECT('[default-component-config.build]\ncheck = { skip = true, skip_reason = "slow" }'), 'comps.toml': COMPS }));
    assert.deepEqual(componentsWithOverlays(model), ['grouped', 'own', 'plain', 'skipped', 'unskipped']);
    assert.deepEqual(componentsWithOverlays(model), byMergingEveryComponent(model));
  });

  test('the default distro version’s default-component-config with overlays reaches every component', () => {
    const distroOverlay = '[[distros.fedora.versions.43.default-component-config.overlays]]\ndescription = "d"\ntype = "spec-add-tag"\ntag = "Provides"\nvalue = "y"';
    const model = load(tempProject({ 'azldev.toml': PROJECT(distroOverlay), 'comps.toml': COMPS }));
    assert.deepEqual(componentsWithOverlays(model), ['grouped', 'own', 'plain', 'skipped', 'unskipped']);
    assert.deepEqual(componentsWithOverlays(model), byMergingEveryComponent(model));
  });
});
