// Package references in odd but valid (and invalid) TOML: quoted component keys, literal strings, escapes,
// `Requires(post)`, tags that declare rather than require, `%{name}` expanded from the component, unknown
// macros matched loosely, malformed rich dependencies — each reported at the name or left alone, never a crash.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { packageDiagnostics, type PackageCheckContext } from '../../../server/src/core/packageRules/packageDiagnostics';
import { specDependencyMacros } from '../../../server/src/core/packageRules/dependencyMacros';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import type { PackageIndex } from '../../../server/src/core/packages/queries';
import { writeHandmadeRepo } from '../../support/handmadeRepo';
import { memoryService } from '../../support/memoryService';
import { tempDir } from '../../support/paths';

let tmp = '';
let index: PackageIndex;

const pkg = (name: string, arch: string, srpm: string, provides = '') =>
  `<package type="rpm"><name>${name}</name><arch>${arch}</arch><version epoch="0" ver="2.0" rel="1"/><summary>s</summary><url></url><format><rpm:sourcerpm>${srpm}</rpm:sourcerpm><rpm:provides><rpm:entry name="${name}" flags="EQ" epoch="0" ver="2.0" rel="1"/>${provides}</rpm:provides></format></package>`;

before(async () => {
  tmp = tempDir('distro-toml-refs-');
  writeHandmadeRepo(path.join(tmp, 'repo'), `<?xml version="1.0"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="3">
${pkg('foo', 'src', '')}
${pkg('foo', 'x86_64', 'foo-2.0-1.src.rpm', '<rpm:entry name="foo(x86-64)" flags="EQ" epoch="0" ver="2.0" rel="1"/>')}
${pkg('foo-devel', 'x86_64', 'foo-2.0-1.src.rpm', '<rpm:entry name="pkgconfig(foo)" flags="EQ" epoch="0" ver="2.0"/>')}
</metadata>\n`);
  await syncRepository(path.join(tmp, 'repo'), { cacheDir: path.join(tmp, 'cache') });
  index = (await loadPackageIndex(path.join(tmp, 'cache'), [path.join(tmp, 'repo')])).index;
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(comp: string, ctx: PackageCheckContext = {}): { code: string; text: string }[] {
  const service = memoryService({ '/p/azldev.toml': 'includes = ["x.comp.toml"]\n', '/p/x.comp.toml': comp });
  const diags = [...packageDiagnostics(service.projects.model('/p'), index, (f) => service.cache.get(f)?.text, ctx).values()].flat();
  return diags.map((d) => ({ code: d.code, text: comp.slice(d.span.start, d.span.end) }));
}

const overlay = (tag: string, value: string, component = 'foo') => `[components.${component}]\n[[components.${component}.overlays]]\ntype = "spec-add-tag"\ntag = "${tag}"\nvalue = ${value}\n`;

test('a quoted component key is reported inside its quotes', () => {
  assert.deepEqual(check('[components."fooo"]\n'), [{ code: 'package-source-unknown', text: 'fooo' }]);
});

test('local components name no upstream package', () => {
  assert.deepEqual(check('[components.mine]\nspec = { type = "local", path = "mine.spec" }\n'), []);
});

test('literal strings, Requires(post) and versioned requirements', () => {
  assert.deepEqual(check(overlay('Requires(post)', "'foo-devl'")), [{ code: 'package-capability-unknown', text: 'foo-devl' }]);
  assert.deepEqual(check(overlay('BuildRequires', '"pkgconfig(foo) >= 3"')), [{ code: 'package-version-unsatisfied', text: 'pkgconfig(foo)' }]);
  assert.deepEqual(check(overlay('BuildRequires', '"pkgconfig(foo) >= 1.5, foo = 2.0-1"')), []);
});

test('%{name} is the component; an unknown macro is matched loosely and never reported', () => {
  assert.deepEqual(check(overlay('Requires', '"%{name}-devel%{?_isa}"')), []);
  assert.deepEqual(check(overlay('Requires', '"%{name}-docs"')), [{ code: 'package-capability-unknown', text: '%{name}-docs' }]);
  assert.deepEqual(check(overlay('Requires', '"%{mystery}-devel, %{?with_x:bar}"')), []);
});

test('tags that declare rather than require are not reported', () => {
  assert.deepEqual(check(overlay('Provides', '"nothing-like-this"')), []);
  assert.deepEqual(check(overlay('Obsoletes', '"old-gone < 2"')), []);
});

test('escapes, malformed rich dependencies and non-strings do not crash', () => {
  assert.deepEqual(check(overlay('Requires', '"fo\\\\u006f"')), []);
  assert.deepEqual(check(overlay('Requires', '"(foo or (bar"')).map((d) => d.code), ['package-capability-unknown']);
  assert.deepEqual(check(overlay('Requires', '42')), []);
  assert.deepEqual(check(overlay('Requires', '"' + 'x'.repeat(5000) + '"')).map((d) => d.code), ['package-capability-unknown']);
  assert.deepEqual(check('[package-groups.g]\npackages = ["foo", "foo-devel", 3, "", "fo"]\n'), [{ code: 'package-binary-unknown', text: 'fo' }]);
});

test('%{?_isa} is the target architecture\'s: `foo%{?_isa}` needs foo(x86-64), reported at the name as written', () => {
  const x86 = { arch: 'x86_64' };
  assert.deepEqual(check(overlay('Requires', '"%{name}%{?_isa} = 2.0-1"'), x86), []);
  assert.deepEqual(check(overlay('Requires', '"%{name}-devel%{?_isa}"'), x86), [{ code: 'package-capability-unknown', text: '%{name}-devel%{?_isa}' }]);
  // Without a target architecture rpm leaves %{?_isa} out.
  assert.deepEqual(check(overlay('Requires', '"%{name}-devel%{?_isa}"')), []);
});

test('%{version} and %{release}: from the spec when it is at hand, the config\'s tag overlays winning; a guess is never reported', () => {
  const spec = (text: string): PackageCheckContext => ({ specMacros: (c) => (c === 'foo' ? specDependencyMacros(text) : undefined) });
  const req = overlay('Requires', '"foo = %{version}-%{release}"');
  // No spec at hand: loose, silent.
  assert.deepEqual(check(req), []);
  // The spec's Version and Release (with its own %global).
  assert.deepEqual(check(req, spec('%global majver 2\nName: foo\nVersion: %{majver}.0\nRelease: 1\n')), []);
  assert.deepEqual(check(req, spec('Name: foo\nVersion: 3.0\nRelease: 1\n')), [{ code: 'package-version-unsatisfied', text: 'foo' }]);
  // A release using %{?dist}, which only the build knows: loose, never reported.
  assert.deepEqual(check(req, spec('Name: foo\nVersion: 3.0\nRelease: 1%{?dist}\n')), []);
  // A sub-package's Version does not define %{version}.
  assert.deepEqual(check(overlay('Requires', '"foo >= %{version}"'), spec('Name: foo\nVersion: 2.0\nRelease: 1\n%package extra\nVersion: 9.0\n')), []);
  // The component's own Version overlay changes the spec, so it wins over the spec's.
  const bumped = `${req}[[components.foo.overlays]]\ntype = "spec-update-tag"\ntag = "Version"\nvalue = "3.0"\n`;
  assert.deepEqual(check(bumped, spec('Name: foo\nVersion: 2.0\nRelease: 1\n')), [{ code: 'package-version-unsatisfied', text: 'foo' }]);
  assert.deepEqual(check(bumped), []);
  // A Release overlay with %{?dist} hides the spec's release: loose again.
  const released = `${req}[[components.foo.overlays]]\ntype = "spec-set-tag"\ntag = "Release"\nvalue = "4%{?dist}"\n`;
  assert.deepEqual(check(released, spec('Name: foo\nVersion: 3.0\nRelease: 1\n')), []);
});
