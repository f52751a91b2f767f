// The core check both the editor and `check` call, on real projects on disk with local specs: an overlay a
// group gives several components is one finding at the group's overlay naming the others; a check skip from a
// group is reported at the group's `skip`; the editor's file filter keeps only what is written in that file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { diskFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { checkOverlaysAgainstSpecs, componentsDefinedWithOverlays, componentsWithOverlays, createSpecProvider } from '../../../server/src/core/render';
import { tempProject } from '../../support/paths';

const spec = (name: string) => `Name: ${name}\nVersion: 1\nRelease: 1\nSummary: s\nLicense: MIT\n\n%description\nd\n\n%build\nmake\n\n%files\n`;

const GROUPS = [
  '[component-groups.tuned]',
  'components = ["a", "b", "c"]',
  '',
  '[[component-groups.tuned.default-component-config.overlays]]',
  'description = "a flag none of these specs has"',
  'type = "spec-search-replace"',
  'section = "%build"',
  "regex = '--no-such-flag'",
  'replacement = ""',
  '',
  '[component-groups.tuned.default-component-config.build]',
  'check = { skip = true, skip_reason = "slow" }',
  '',
].join('\n');

const COMPS = [
  '[components.a]',
  'spec = { type = "local", path = "a/a.spec" }',
  '[components.b]',
  'spec = { type = "local", path = "b/b.spec" }',
  '[components.c]',
  'spec = { type = "local", path = "c/c.spec" }',
  '',
  '[[components.c.overlays]]',
  'description = "c only"',
  'type = "spec-remove-tag"',
  'tag = "Vendor"',
  '',
  '[components.d]',
  'spec = { type = "local", path = "d/d.spec" }',
  '[components.plain]',
  '',
].join('\n');

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function project() {
  const dir = tempProject({
    'azldev.toml': 'includes = ["groups.toml", "comps/comps.toml"]\n\n[project]\ndescription = "groups"\n',
    'groups.toml': GROUPS,
    'comps/comps.toml': COMPS,
    'comps/a/a.spec': spec('a'),
    'comps/b/b.spec': spec('b'),
    // c's spec is missing: c cannot be judged.
    'comps/d/d.spec': spec('d'),
  });
  dirs.push(dir);
  return { dir, model: loadProject(new DocumentCache(diskFileSystem), path.join(dir, 'azldev.toml')) };
}

describe('checkOverlaysAgainstSpecs', () => {
  test('one finding per failing place, naming the other components; a missing spec leaves a component unjudged', async () => {
    const { dir, model } = project();
    const groups = path.join(dir, 'groups.toml');
    assert.deepEqual(componentsWithOverlays(model), ['a', 'b', 'c']);
    const r = await checkOverlaysAgainstSpecs(model, { fs: diskFileSystem, specs: createSpecProvider({}), components: componentsWithOverlays(model) });
    assert.deepEqual(r.judged, ['a', 'b']);
    assert.deepEqual(r.unjudged.map((u) => u.component), ['c']);
    assert.match(r.unjudged[0]?.reason ?? '', /failed to find spec for component `c`/);
    const header = '[[component-groups.tuned.default-component-config.overlays]]';
    const overlayAt = GROUPS.indexOf(header);
    const skipAt = GROUPS.indexOf('skip = true');
    assert.deepEqual(
      r.diagnostics.map((d) => [path.relative(dir, d.file), d.span, d.code, d.message]),
      [
        [
          'groups.toml',
          { start: overlayAt, end: overlayAt + header.length },
          'overlay-does-not-apply',
          `spec-search-replace overlay fails against ${path.join(dir, 'comps', 'a')}: failed to search and replace in spec:\npattern \`--no-such-flag\` not found (section=\`%build\`, package=\`\`):\npattern not found\n(also fails for 1 other component: \`b\`)`,
        ],
        [
          'groups.toml',
          { start: skipAt, end: skipAt + 'skip = true'.length },
          'check-skip-does-not-apply',
          `check.skip prepends \`exit 0\` to %check, which fails against ${path.join(dir, 'comps', 'a')}: failed to prepend lines to spec:\nsection \`%check\` (package=\`\`) not found:\nsection not found\n(also fails for 1 other component: \`b\`)`,
        ],
      ],
    );
  });

  test("the editor's view of one file: its own components, and only findings written in it", async () => {
    const { dir, model } = project();
    const comps = path.join(dir, 'comps', 'comps.toml');
    assert.deepEqual(componentsDefinedWithOverlays(model, comps), ['c']);
    fs.mkdirSync(path.join(dir, 'comps', 'c'));
    fs.writeFileSync(path.join(dir, 'comps', 'c', 'c.spec'), spec('c'));
    const r = await checkOverlaysAgainstSpecs(model, { fs: diskFileSystem, specs: createSpecProvider({}), components: ['c'], file: comps });
    assert.deepEqual(r.judged, ['c']);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.span.start, d.data]), [['overlay-does-not-apply', COMPS.indexOf('[[components.c.overlays]]'), { component: 'c', index: 1 }]]);
  });
});
