// The spec model on real azldev-rendered specs: packages in both naming forms, tags with their sections,
// sections in order, macro-named sub-packages and conditionals around tags.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../../../server/src/core/spec';
import { readCorpusSpec } from './corpus';

test('azurelinux-repos: suffix and -n sub-packages, sections in order, tags per package', () => {
  const doc = parseSpec(readCorpusSpec('azurelinux-repos'));
  assert.deepEqual(doc.packages.map((p) => [p.qualifier, p.absolute, p.name]), [
    ['', false, 'azurelinux-repos'],
    ['evergreen', false, 'azurelinux-repos-evergreen'],
    ['azurelinux-gpg-keys', true, 'azurelinux-gpg-keys'],
  ]);
  assert.deepEqual(doc.sections.map((s) => [s.name, s.package, (s.headerLine ?? -1) + 1]), [
    ['', '', 0], ['%description', '', 50], ['%package', 'evergreen', 53], ['%description', 'evergreen', 57],
    ['%package', 'azurelinux-gpg-keys', 60], ['%description', 'azurelinux-gpg-keys', 64], ['%prep', '', 68],
    ['%build', '', 70], ['%install', '', 72], ['%check', '', 171], ['%files', '', 267],
    ['%files', 'evergreen', 271], ['%files', 'azurelinux-gpg-keys', 275], ['%changelog', '', 285],
  ]);
  const sources = doc.tags.filter((t) => /^source\d*$/i.test(t.name));
  assert.deepEqual(sources.map((t) => [t.name, t.value, t.line + 1]), [
    ['Source1', 'archmap', 33], ['Source2', 'azurelinux-unified.repo.in', 34], ['Source3', 'azurelinux-evergreen.repo', 35],
    ['Source4', 'azurelinux-split.repo.in', 36], ['Source10', 'RPM-GPG-KEY-azurelinux-4.0-primary', 38],
    ['Source9999', 'azurelinux-repos.azl.macros', 39],
  ]);
  assert.deepEqual(doc.tags.filter((t) => t.package === 'evergreen').map((t) => `${t.name}: ${t.value}`), [
    'Summary: Evergreen repo definitions', 'Requires: azurelinux-repos = %{version}-%{release}',
  ]);
  const conditional = doc.tags.find((t) => t.value === 'azurelinux-repos-evergreen = %{version}-%{release}');
  assert.equal(doc.lines[conditional?.line ?? -1]?.condition?.directive.expression, '"%{evergreen_release}" == "%{version}"');
  assert.deepEqual(doc.macros.slice(0, 2).map((m) => [m.keyword, m.name, m.body]), [
    ['%global', 'evergreen_major', '5'], ['%global', 'evergreen_release', '%{evergreen_major}.0'],
  ]);
});

test('python-pytest-lazy-fixtures: a -n sub-package named through %global', () => {
  const doc = parseSpec(readCorpusSpec('python-pytest-lazy-fixtures'));
  assert.deepEqual(doc.packages.map((p) => [p.qualifier, p.name, p.sections.map((i) => doc.sections[i]?.name)]), [
    ['', 'python-pytest-lazy-fixtures', ['', '%description', '%prep', '%generate_buildrequires', '%build', '%install', '%check']],
    ['python3-%{pypi_name}', 'python3-pytest-lazy-fixtures', ['%package', '%description', '%files']],
  ]);
  // The rpmautospec %autorelease definition spans lines through an unclosed %{lua:.
  const autorelease = doc.macros.find((m) => m.name === 'autorelease');
  assert.deepEqual([autorelease?.params, autorelease?.line, autorelease?.endLine], ['e:s:pb:n', 3, 7]);
});

test('kernel: sub-packages in both forms, a 5,000+ line spec with deep conditionals', () => {
  const doc = parseSpec(readCorpusSpec('kernel'));
  assert.ok(doc.lines.length > 5000);
  const names = doc.packages.map((p) => p.name);
  for (const name of ['kernel', 'kernel-doc', 'kernel-headers', 'perf', 'python3-perf', 'libperf']) assert.ok(names.includes(name), name);
  assert.equal(doc.packages.find((p) => p.name === 'perf')?.absolute, true);
  assert.equal(doc.packages.find((p) => p.name === 'kernel-doc')?.qualifier, 'doc');
  const deepest = Math.max(...doc.lines.map((l) => l.condition?.depth ?? 0));
  assert.ok(deepest >= 3, `deepest nesting ${deepest}`);
  assert.deepEqual(doc.problems, []);
});
