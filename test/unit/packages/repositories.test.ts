// Which repositories a project's package index covers: the real tree's upstream distro (Fedora 43 source trees
// with their binary and updates trees), `resources.rpm-repos`, and repositories added or put in their place.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { diskFileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { chooseRepositories, projectRepositories, upstreamDistro } from '../../../server/src/core/packages/repositories';
import { memoryService } from '../../support/memoryService';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../../support/paths';

const MIRROR = 'https://na.edge.kernel.org/fedora';

test('the real tree: Fedora 43 source trees, each with its binary tree, and the updates tree beside the release', () => {
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const model = service.projectOf(path.join(CORPUS_ROOT, 'azldev.toml'));
  assert.ok(model);
  assert.deepEqual(upstreamDistro(model), { name: 'fedora', version: '43' });
  const found = projectRepositories(model, ['x86_64']);
  assert.equal(found?.releaseVer, '43');
  assert.deepEqual(found?.repos.map((r) => `${r.kind} ${r.url}`), [
    `source ${MIRROR}/releases/43/Everything/source/tree`,
    `binary ${MIRROR}/releases/43/Everything/x86_64/os`,
    `binary ${MIRROR}/updates/43/Everything/x86_64`,
    `source ${MIRROR}/updates/43/Everything/source/tree`,
    `source ${MIRROR}/development/43/Everything/source/tree`,
    `binary ${MIRROR}/development/43/Everything/x86_64/os`,
  ]);
  const two = projectRepositories(model, ['x86_64', 'aarch64']);
  assert.equal(two?.repos.filter((r) => r.kind === 'binary').length, 6);
  assert.ok(two?.repos.some((r) => r.url === `${MIRROR}/releases/43/Everything/aarch64/os`));
});

test('release-ver of the chosen version, resources.rpm-repos with their arches, and added or replacing repositories', () => {
  const service = memoryService({
    '/p/azldev.toml': `
[project.default-distro]
name = "mine"
version = "2"

[distros.mine]
repos = [{ "base-uri" = "https://example.org/$releasever/$basearch/os" }]

[distros.mine.versions.'2']
release-ver = "2.0"

[resources.rpm-repos.extras]
base-uri = "https://example.org/extras/$releasever/$basearch"
arches = ["aarch64"]

[resources.rpm-repos.everywhere]
base-uri = "https://example.org/all/$basearch"
`,
  });
  const model = service.projectOf('/p/azldev.toml');
  assert.ok(model);
  const found = projectRepositories(model, ['x86_64', 'aarch64']);
  assert.deepEqual(found?.repos.map((r) => `${r.url} ${r.origin}`), [
    'https://example.org/2.0/x86_64/os distros.mine.repos',
    'https://example.org/2.0/aarch64/os distros.mine.repos',
    'https://example.org/extras/2.0/aarch64 resources.rpm-repos.extras',
    'https://example.org/all/x86_64 resources.rpm-repos.everywhere',
    'https://example.org/all/aarch64 resources.rpm-repos.everywhere',
  ]);
  const project = found?.repos ?? [];
  assert.deepEqual(chooseRepositories(project, ['/srv/mirror'], true).map((r) => r.url), ['/srv/mirror']);
  assert.deepEqual(chooseRepositories(project, ['/srv/mirror', project[0]?.url as string], false).map((r) => r.url).slice(-2), ['https://example.org/all/aarch64', '/srv/mirror']);
});

test('resources.rpm-repo-sets: one repository per sub-repository of the template, filtered by the set\'s subrepos and arches; debuginfo left out', () => {
  const service = memoryService({
    '/p/azldev.toml': `
[project.default-distro]
name = "mine"
version = "2"

[distros.mine]
repos = []

[distros.mine.versions.'2']
release-ver = "2.0"

[resources.rpm-repo-set-templates.azl-layout]
subrepos = [
  { name = "base", subpath = "base/$basearch" },
  { name = "base-debug", subpath = "base/debug/$basearch", kind = "debug" },
  { name = "base-src", subpath = "/base/srpms", kind = "source" },
  { name = "extras", subpath = "extras/$basearch" },
]

[resources.rpm-repo-sets.prod]
template = "azl-layout"
base-uri = "https://packages.example.org/azl/$releasever/"
subrepos = ["base", "base-debug", "base-src"]

[resources.rpm-repo-sets.arm-only]
template = "azl-layout"
base-uri = "https://arm.example.org/azl"
arches = ["aarch64"]

[resources.rpm-repo-sets.broken]
template = "no-such-template"
base-uri = "https://nowhere.example.org"
`,
  });
  const model = service.projectOf('/p/azldev.toml');
  assert.ok(model);
  assert.deepEqual(projectRepositories(model, ['x86_64', 'aarch64'])?.repos.map((r) => `${r.kind} ${r.url} ${r.origin}`), [
    'binary https://packages.example.org/azl/2.0/base/x86_64 resources.rpm-repo-sets.prod (base)',
    'binary https://packages.example.org/azl/2.0/base/aarch64 resources.rpm-repo-sets.prod (base)',
    'source https://packages.example.org/azl/2.0/base/srpms resources.rpm-repo-sets.prod (base-src)',
    'binary https://arm.example.org/azl/base/aarch64 resources.rpm-repo-sets.arm-only (base)',
    'source https://arm.example.org/azl/base/srpms resources.rpm-repo-sets.arm-only (base-src)',
    'binary https://arm.example.org/azl/extras/aarch64 resources.rpm-repo-sets.arm-only (extras)',
  ]);
});
