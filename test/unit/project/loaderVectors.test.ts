// azldev's loader tests (internal/projectconfig/loader_test.go) as data: each case's files, and whether
// loadAndResolveProjectConfig accepts them. We must accept what it accepts (no error) and reject what it
// rejects (an error with the matching code). The loader does not resolve components, so the checks of the
// distro components are resolved against (distroResolution.ts, tested on their own) are left out here.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryService } from '../../support/memoryService';

const RESOLUTION = new Set(['project-no-default-distro', 'project-no-distro-version', 'spec-no-distro-version']);

interface LoaderCase {
  /** The Go test (and subtest) the files come from. */
  name: string;
  /** Files under /project; azldev.toml is the config file loaded. */
  files: Record<string, string>;
  /** Config files loaded after it, as loadAndResolveProjectConfig's further arguments (azldev's --config-file). */
  extra?: string[];
  /** undefined: loads; otherwise the code of the error azldev's failure corresponds to. */
  rejects?: string;
}

const DISTRO_93 = `
[distros.abc]
description = "ABC Distro"
default-version = "9.3"

[distros.abc.versions.'9.3']
description = "ABC 9.3"
release-ver = "9.3"
dist-git-branch = "NinePointThree"
`;

const CASES: LoaderCase[] = [
  { name: 'SyntaxError', files: { 'azldev.toml': '///' }, rejects: 'toml-syntax' },
  { name: 'BadSchema', files: { 'azldev.toml': '[non-existent-section]' }, rejects: 'schema-unknown-key' },
  { name: 'EmptyFile', files: { 'azldev.toml': '' } },
  { name: 'Component', files: { 'azldev.toml': '\n[components.abc]\n[components.def]\n' } },
  { name: 'Distro', files: { 'azldev.toml': DISTRO_93 } },
  { name: 'Distro, without release-ver (no validator tag on ReleaseVer)', files: { 'azldev.toml': DISTRO_93.replace('release-ver = "9.3"\n', '') } },
  { name: 'Project', files: { 'azldev.toml': '\n[project]\ndescription = "my project"\nlog-dir = "artifacts/logs"\nwork-dir = "artifacts/work"\noutput-dir = "out"\n' } },
  {
    name: 'Includes',
    files: {
      'azldev.toml': '\nincludes = ["include.toml"]\n\n[project]\ndescription = "my project"\n',
      'include.toml': '\nincludes = ["subdir/include.toml"]\n\n[project]\ndescription = "overridden"\n',
      'subdir/include.toml': '\n[project]\nlog-dir = "artifacts/logs"\n',
    },
  },
  { name: 'MissingInclude', files: { 'azldev.toml': '\nincludes = ["include.toml"]\n' }, rejects: 'path-not-found' },
  { name: 'IncludePatternMatchesNothing', files: { 'azldev.toml': '\nincludes = ["*non-existent*.toml"]\n' } },
  {
    name: 'MergeDistros',
    files: { 'azldev.toml': DISTRO_93, 'extra.toml': '\n[distros.abc]\ndescription = "ABC Distro (updated)"\n\n[distros.abc.versions.\'10.0\']\ndescription = "ABC 10.0"\nrelease-ver = "10.0"\ndist-git-branch = "TenPointZero"\n' },
    extra: ['extra.toml'],
  },
  { name: 'DuplicateComponentsAcrossFiles', files: { 'azldev.toml': '\n[components.foo]\n', 'extra.toml': '\n[components.foo]\n' }, extra: ['extra.toml'], rejects: 'project-duplicate-component' },
  {
    name: 'ComponentGroupMetadataMissingCategory',
    files: { 'azldev.toml': '\n[component-groups.core]\nspecs = ["SPECS/**/*.spec"]\n\n[component-groups.core.metadata]\nbugs = [{ url = "https://example.com/bug/1" }]\n' },
    rejects: 'schema-missing-key',
  },
  { name: 'CircularInclude/direct self-include', files: { 'azldev.toml': 'includes = ["azldev.toml"]' }, rejects: 'include-cycle' },
  { name: 'CircularInclude/A includes B, B includes A', files: { 'azldev.toml': 'includes = ["child.toml"]', 'child.toml': 'includes = ["azldev.toml"]' }, rejects: 'include-cycle' },
  {
    name: 'CircularInclude/A includes B includes C includes A',
    files: { 'azldev.toml': 'includes = ["b.toml"]', 'b.toml': 'includes = ["c.toml"]', 'c.toml': 'includes = ["azldev.toml"]' },
    rejects: 'include-cycle',
  },
  { name: 'BuildFailureValidation/failure expected without reason is rejected', files: { 'azldev.toml': '\n[components.test-pkg]\n[components.test-pkg.build.failure]\nexpected = true\n' }, rejects: 'build-expected-reason-required' },
  {
    name: 'BuildFailureValidation/failure expected with reason is accepted',
    files: { 'azldev.toml': '\n[components.test-pkg]\n[components.test-pkg.build.failure]\nexpected = true\nexpected-reason = "Known upstream issue #456"\n' },
  },
];

function errors(c: LoaderCase): string[] {
  const files = Object.fromEntries(Object.entries(c.files).map(([k, v]) => [`/project/${k}`, v]));
  const service = memoryService(files, { lint: false });
  if (c.extra) service.setExtraConfigFiles(c.extra.map((f) => `/project/${f}`));
  return service
    .checkProject('/project')
    .diagnostics.filter((d) => d.severity === 'error' && !RESOLUTION.has(d.code))
    .map((d) => d.code);
}

describe("azldev's loader_test.go cases", () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.rejects ? `rejected (${c.rejects})` : 'loads'}`, () => {
      const found = errors(c);
      if (c.rejects === undefined) assert.deepEqual(found, []);
      else assert.ok(found.includes(c.rejects), `expected ${c.rejects}, got [${found.join(', ')}]`);
    });
  }
});
