// Paths that must exist, resolved as azldev resolves them: relative to the directory of the file that
// writes them; literal includes and overlay-files must match a file, globs may match nothing.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne } from './ruleHarness';

const ROOT = '/proj/azldev.toml';

describe('path rules', () => {
  it('reports a literal include that does not exist', () => {
    const d = expectOne('includes = ["distro/fedora.toml", "comps/**/*.comp.toml"]\n', 'path-not-found', '"distro/fedora.toml"', { file: ROOT });
    assert.deepEqual(d.data, { field: 'includes', path: 'distro/fedora.toml', resolved: '/proj/distro/fedora.toml' });
  });

  it('accepts an existing literal include and globs that match nothing', () => {
    expectNone('includes = ["distro/fedora.toml", "missing/*.toml", "x?.toml", "[ab].toml"]\n', { file: ROOT, files: { '/proj/distro/fedora.toml': '' } });
  });

  it('does not accept a directory as a literal include', () => {
    expectOne('includes = ["distro"]\n', 'path-not-found', '"distro"', { file: ROOT, files: { '/proj/distro/fedora.toml': '' } });
  });

  it('rejects empty include entries', () => {
    expectOne('includes = [""]\n', 'config-empty-entry', '""', { file: ROOT });
  });

  it('checks literal overlay-files of a component', () => {
    expectOne('[components.curl]\noverlay-files = ["overlays/0001-fix.overlay.toml", "overlays/*.overlay.toml"]\n', 'path-not-found', '"overlays/0001-fix.overlay.toml"');
    expectNone('[components.curl]\noverlay-files = ["overlays/0001-fix.overlay.toml"]\n', { files: { '/proj/comps/curl/overlays/0001-fix.overlay.toml': '' } });
    // Inherited patterns resolve from each concrete component's directory, so defaults are not checked.
    expectNone('[default-component-config]\noverlay-files = ["overlays/0001-fix.overlay.toml"]\n');
  });

  it('checks a local spec path relative to the config file', () => {
    const d = expectOne('[components.curl]\nspec = { type = "local", path = "curl.spec" }\n', 'path-not-found', '"curl.spec"');
    assert.equal(d.data?.['resolved'], '/proj/comps/curl/curl.spec');
  });

  it('checks overlay sources relative to the config file', () => {
    const text = '[[components.curl.overlays]]\ntype = "file-add"\nfile = "curl.conf"\nsource = "files/curl.conf"\n';
    expectOne(text, 'path-not-found', '"files/curl.conf"');
    expectNone(text, { files: { '/proj/comps/curl/files/curl.conf': '' } });
  });

  it('rejects empty specs patterns in component groups', () => {
    expectOne('[component-groups.g]\nspecs = ["SPECS/**/*.spec", ""]\n', 'config-empty-entry', '""');
  });
});
