// Which dist-git reference an upstream component is fetched from, resolved as azldev's ResolveDistro and
// ResolveDistroRef do: the component's upstream-distro when it names a distro, else the project's default-distro
// whole (name, version, snapshot), a missing version then the distro's default-version; and when that fails,
// a message that says which part is missing, in azldev's words.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { effectiveComponent } from '../../../server/src/core/project/effectiveConfig';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { upstreamRefFor } from '../../../server/src/core/render';
import { cli, smallProject } from '../security/hostileTree';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../support/paths';

/** Fedora with versions 43 and 44, and a default-version when one is given. */
function fedora(defaultVersion?: string): string {
  const dv = defaultVersion === undefined ? '' : `default-version = "${defaultVersion}"\n`;
  return `[distros.fedora]\n${dv}dist-git-base-uri = "https://src.example.invalid/rpms/$pkg.git"\n[distros.fedora.versions.43]\ndist-git-branch = "f43"\n[distros.fedora.versions.44]\ndist-git-branch = "f44"\n`;
}
const FEDORA = fedora();

function refOf(azldevToml: string, component = 'curl') {
  const model = loadProject(new DocumentCache(memoryFileSystem({ '/p/azldev.toml': azldevToml })), '/p/azldev.toml');
  const eff = effectiveComponent(model, component);
  assert.ok(eff, 'component');
  return upstreamRefFor(model, component, eff.config);
}

describe('the upstream reference of a component', () => {
  it("takes the version from the project's default-distro when the distro has no default-version", () => {
    const r = refOf(`[project]\ndefault-distro = { name = "fedora", version = "44" }\n${FEDORA}[components.curl]\n`);
    assert.deepEqual(r, { ok: true, ref: { pkg: 'curl', baseUri: 'https://src.example.invalid/rpms/$pkg.git', branch: 'f44' } });
  });

  it("takes the project's default-distro whole: its version over the distro's default-version, and its snapshot", () => {
    const r = refOf(`[project]\ndefault-distro = { name = "fedora", version = "44", snapshot = "2026-01-02T00:00:00Z" }\n${fedora('43')}[components.curl]\n`);
    assert.deepEqual(r, { ok: true, ref: { pkg: 'curl', baseUri: 'https://src.example.invalid/rpms/$pkg.git', branch: 'f44', snapshot: '2026-01-02T00:00:00Z' } });
  });

  it("takes a component's own upstream-distro without a version to the distro's default-version", () => {
    const r = refOf(`[project]\ndefault-distro = { name = "fedora", version = "44" }\n${fedora('43')}[components.curl]\nspec = { type = "upstream", upstream-distro = { name = "fedora" } }\n`);
    assert.equal(r.ok && r.ref.branch, 'f43');
  });

  it('says which reference names no version, in azldev\'s words, instead of naming an empty version', () => {
    const r = refOf(`[project]\ndefault-distro = { name = "fedora" }\n${FEDORA}[components.curl]\n`);
    assert.deepEqual(r, {
      ok: false,
      message: `the project's default-distro names distro \`fedora\` without a version, and the distro has no default-version; azldev stops with "no distro version selected in project config"`,
    });
  });

  it('says when the distro or the version is not defined', () => {
    assert.deepEqual(refOf(`${FEDORA}[components.curl]\nspec = { type = "upstream", upstream-distro = { name = "fedroa", version = "43" } }\n`), {
      ok: false,
      message: `distro \`fedroa\` (the component's upstream-distro) is not defined under [distros]; azldev stops with "distro 'fedroa' not found in project config"`,
    });
    assert.deepEqual(refOf(`[project]\ndefault-distro = { name = "fedora", version = "45" }\n${FEDORA}[components.curl]\n`), {
      ok: false,
      message: "distro `fedora` has no version `45` (named by the project's default-distro) under [distros.fedora.versions]",
    });
  });
});

describe('upstream sync on a project whose default distro has no default-version', () => {
  it('fetches from the version default-distro names, and names no empty version', () => {
    const root = smallProject({ 'base/comps/u/u.comp.toml': '[components.u]\nspec = { type = "upstream" }\n' });
    fs.writeFileSync(path.join(root, 'azldev.toml'), `includes = ["base/comps/**/*.comp.toml"]\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n${FEDORA}`);
    const empty = tempDir('distro-toml-cache-');
    const r = cli(['upstream', 'sync', '--offline', '--cache-dir', empty, 'u'], root);
    assert.ok(!r.stdout.includes('``'), r.stdout);
    assert.ok(!r.stdout.includes('no upstream:'), r.stdout);
    assert.match(r.stdout, /^1 package\(s\): 0 fetched, 0 already cached, 1 failed /m);
  });

  it('says the version is missing when neither default-distro nor the distro names one', () => {
    const root = smallProject({ 'base/comps/u/u.comp.toml': '[components.u]\nspec = { type = "upstream" }\n' });
    fs.writeFileSync(path.join(root, 'azldev.toml'), `includes = ["base/comps/**/*.comp.toml"]\n[project]\ndefault-distro = { name = "fedora" }\n${FEDORA}`);
    const empty = tempDir('distro-toml-cache-');
    const r = cli(['upstream', 'sync', '--offline', '--cache-dir', empty, 'u'], root);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^ {2}no upstream: u: the project's default-distro names distro `fedora` without a version, and the distro has no default-version; azldev stops with "no distro version selected in project config"$/m);
  });
});
