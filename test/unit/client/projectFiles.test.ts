// Which files wake the extension: azldev's by name, and files below a folder holding an azldev.toml.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isAzldevFileName, isInsideProject } from '../../../client/src/projectFiles';
import { CORPUS_ROOT } from '../../support/paths';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('azldev file names', () => {
  it('the tree\'s azldev.toml, components, distros and overlay files are azldev files', () => {
    const toml = files(CORPUS_ROOT).filter((f) => f.endsWith('.toml'));
    const named = toml.filter(isAzldevFileName);
    assert.ok(named.includes(path.join(CORPUS_ROOT, 'azldev.toml')));
    assert.ok(named.some((f) => f.endsWith('.comp.toml')) && named.some((f) => f.endsWith('.distro.toml')));
    // The rest (components.toml, *.packages.toml, project.toml...) are recognised by the project folder above them.
    assert.ok(toml.every((f) => isInsideProject(f, [CORPUS_ROOT])));
  });

  it('other TOML files are not, by name', () => {
    for (const f of ['/x/Cargo.toml', '/x/pyproject.toml', '/x/comp.toml', '/x/.comp.toml.bak', '/x/azldev.toml.orig', '/x/my-azldev.toml', 'C:\\x\\rustfmt.toml']) assert.equal(isAzldevFileName(f), false, f);
    for (const f of ['azldev.toml', '/x/azldev.toml', 'C:\\x\\a.comp.toml', '/x/y/fedora.distro.toml', '/o/x.overlay.toml']) assert.equal(isAzldevFileName(f), true, f);
  });

  it('inside a project means below its folder, not beside it', () => {
    assert.equal(isInsideProject('/w/proj/comps/a.toml', ['/w/proj']), true);
    assert.equal(isInsideProject('/w/proj2/a.toml', ['/w/proj']), false);
    assert.equal(isInsideProject('/w/Cargo.toml', ['/w/proj/']), false);
    assert.equal(isInsideProject('C:\\w\\proj\\a.toml', ['C:\\w\\proj']), true);
  });
});
