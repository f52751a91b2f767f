// `distro-toml config dump`: azldev's merge and path rules (paths absolute against the file that wrote
// them, project default directories, distros merged field by field with versions replaced whole),
// TOML keys vs json-tag names, and a real component's resolved configuration with inherited values.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { runConfigDump, runConfigDumpCli } from '../../../server/src/cliConfigDump';
import { CORPUS_ROOT, SCHEMAS_DIR, tempProject } from '../../support/paths';

const FILES = {
  'azldev.toml': [
    'includes = ["distro/*.toml", "comps/**/*.comp.toml", "groups.toml"]',
    '[project]',
    'description = "p"',
    'log-dir = "logs"',
    'default-distro = { name = "d" }',
    '',
  ].join('\n'),
  'distro/a.toml': '[distros.d]\ndescription = "first"\ndefault-version = "1"\n[distros.d.versions.1]\nrelease-ver = "1"\ndist-git-branch = "b1"\nmock-config = "mock/1.cfg"\n[distros.d.versions.1.default-component-config]\nspec = { type = "upstream", upstream-distro = { name = "d", version = "1" } }\n[distros.d.versions.2]\nrelease-ver = "2"\ndist-git-branch = "b2"\n',
  // Loaded second: overrides the description, and redefines version 2 (azldev replaces the whole version).
  'distro/b.toml': '[distros.d]\ndescription = "second"\n[distros.d.versions.2]\nrelease-ver = "2b"\n',
  'comps/foo/foo.comp.toml': '[components.foo]\nspec = { type = "local", path = "foo.spec" }\n[[components.foo.overlays]]\ntype = "patch-add"\nsource = "fix.patch"\n',
  'groups.toml': '[component-groups.g]\ncomponents = ["foo"]\n[component-groups.g.default-component-config.build]\ncheck = { skip = true, skip_reason = "flaky" }\n',
};

/** smol-toml's tables have no prototype; compare them as plain objects. */
function tomlOf(text: string): Record<string, Record<string, unknown>> {
  return JSON.parse(JSON.stringify(parse(text))) as Record<string, Record<string, unknown>>;
}

function dump(dir: string, extra: { component?: string; format?: 'json' | 'toml' } = {}) {
  return runConfigDump({ project: dir, format: extra.format ?? 'toml', configFiles: [], cwd: dir, bundledSchemaDir: SCHEMAS_DIR, ...(extra.component ? { component: extra.component } : {}) });
}

describe('config dump of a project', () => {
  it('merges as azldev does and makes paths absolute against the file that wrote them', () => {
    const dir = tempProject(FILES);
    const result = dump(dir);
    assert.equal(result.exitCode, 0, result.stderr.join('\n'));
    const config = tomlOf(result.stdout);
    assert.deepEqual(Object.keys(config), ['project', 'component-groups', 'components', 'distros']);
    assert.deepEqual(config.project, {
      description: 'p',
      'log-dir': path.join(dir, 'logs'),
      'default-distro': { name: 'd' },
      // ApplyProjectDefaults fills the unset directories from the project root.
      'work-dir': path.join(dir, 'build/work'),
      'output-dir': path.join(dir, 'out'),
      'lock-dir': path.join(dir, 'locks'),
      'rendered-specs-dir': path.join(dir, 'specs'),
    });
    assert.deepEqual(config.components, {
      foo: { spec: { type: 'local', path: path.join(dir, 'comps/foo/foo.spec') }, overlays: [{ type: 'patch-add', source: path.join(dir, 'comps/foo/fix.patch') }] },
    });
    const spec = { type: 'upstream', 'upstream-distro': { name: 'd', version: '1' } };
    assert.deepEqual(config.distros, {
      d: {
        description: 'second',
        'default-version': '1',
        versions: {
          '1': { 'release-ver': '1', 'dist-git-branch': 'b1', 'mock-config': path.join(dir, 'distro/mock/1.cfg'), 'default-component-config': { spec } },
          '2': { 'release-ver': '2b' },
        },
      },
    });
  });

  it('names fields by their json tags in JSON, keeps map keys, and adds each component its name', () => {
    const dir = tempProject(FILES);
    const json = JSON.parse(dump(dir, { format: 'json' }).stdout) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(json), ['project', 'componentGroups', 'components', 'distros']);
    assert.deepEqual(Object.keys(json.project ?? {}), ['description', 'logDir', 'workDir', 'outputDir', 'renderedSpecsDir', 'lockDir', 'defaultDistro']);
    assert.deepEqual(json.componentGroups, { g: { components: ['foo'], defaultComponentConfig: { build: { check: { skip: true, skipReason: 'flaky' } } } } });
    assert.equal((json.components?.foo as { name: string }).name, 'foo');
  });
});

describe('config dump of one component', () => {
  it('applies distro, group and own layers, paths absolute', () => {
    const dir = tempProject(FILES);
    const result = dump(dir, { component: 'foo' });
    assert.deepEqual(tomlOf(result.stdout), {
      components: {
        foo: {
          spec: { type: 'local', 'upstream-distro': { name: 'd', version: '1' }, path: path.join(dir, 'comps/foo/foo.spec') },
          overlays: [{ type: 'patch-add', source: path.join(dir, 'comps/foo/fix.patch') }],
          build: { check: { skip: true, skip_reason: 'flaky' } },
        },
      },
    });
  });

  it('resolves a real component that inherits from its distro and the check-skip group', () => {
    const lines: string[] = [];
    const code = runConfigDumpCli(['--project', CORPUS_ROOT, '--component', 'git', '--format', 'json'], {
      cwd: CORPUS_ROOT,
      bundledSchemaDir: SCHEMAS_DIR,
      stdout: (t) => lines.push(t),
      stderr: (t) => lines.push(t),
    });
    assert.equal(code, 0, lines.join(''));
    assert.deepEqual(JSON.parse(lines.join('')), {
      name: 'git',
      spec: { type: 'upstream', upstreamDistro: { name: 'fedora', version: '43', snapshot: '2026-02-24T00:00:00-08:00' } },
      build: { check: { skip: true, skipReason: 'Disabling checks for initial set of failures.' } },
    });
  });

  it('says which component is unknown, and rejects bad arguments', () => {
    const out: string[] = [];
    const io = { cwd: CORPUS_ROOT, bundledSchemaDir: SCHEMAS_DIR, stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    assert.equal(runConfigDumpCli(['--component', 'no-such-component'], io), 2);
    assert.match(out.join(''), /the project defines no component 'no-such-component'/);
    assert.equal(runConfigDumpCli(['--format', 'yaml'], io), 2);
    assert.match(out.join(''), /--format must be toml or json \(got 'yaml'\)/);
  });
});
