// Package references in odd but valid (and invalid) TOML: quoted component keys, literal strings, escapes,
// `Requires(post)`, tags that declare rather than require, `%{name}` expanded from the component, unknown
// macros matched loosely, malformed rich dependencies — each reported at the name or left alone, never a crash.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { packageDiagnostics } from '../../../server/src/core/packageRules/packageDiagnostics';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { loadPackageIndex } from '../../../server/src/core/packages/packageIndexLoader';
import type { PackageIndex } from '../../../server/src/core/packages/queries';
import { writeHandmadeRepo } from '../../support/handmadeRepo';
import { memoryService } from '../../support/memoryService';

let tmp = '';
let index: PackageIndex;

const pkg = (name: string, arch: string, srpm: string, provides = '') =>
  `<package type="rpm"><name>${name}</name><arch>${arch}</arch><version epoch="0" ver="2.0" rel="1"/><summary>s</summary><url></url><format><rpm:sourcerpm>${srpm}</rpm:sourcerpm><rpm:provides><rpm:entry name="${name}" flags="EQ" epoch="0" ver="2.0" rel="1"/>${provides}</rpm:provides></format></package>`;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-refs-'));
  writeHandmadeRepo(path.join(tmp, 'repo'), `<?xml version="1.0"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="3">
${pkg('foo', 'src', '')}
${pkg('foo', 'x86_64', 'foo-2.0-1.src.rpm')}
${pkg('foo-devel', 'x86_64', 'foo-2.0-1.src.rpm', '<rpm:entry name="pkgconfig(foo)" flags="EQ" epoch="0" ver="2.0"/>')}
</metadata>\n`);
  await syncRepository(path.join(tmp, 'repo'), { cacheDir: path.join(tmp, 'cache') });
  index = (await loadPackageIndex(path.join(tmp, 'cache'), [path.join(tmp, 'repo')])).index;
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(comp: string): { code: string; text: string }[] {
  const service = memoryService({ '/p/azldev.toml': 'includes = ["x.comp.toml"]\n', '/p/x.comp.toml': comp });
  const diags = [...packageDiagnostics(service.projects.model('/p'), index, (f) => service.cache.get(f)?.text).values()].flat();
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
