// The distro azldev resolves every component against (env.go Distro, ResolveDistroRef) and the one an
// upstream component takes its spec from (sourcemanager.go ResolveDistro): a project with components but no
// default-distro, a distro reference with no version where the distro has no default-version — each an
// error at the exact place to fix, in azldev's words; and nothing when the merge supplies what is needed.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { memoryService } from '../../support/memoryService';

const DISTROS = '[distros.fedora]\ndefault-version = "43"\n[distros.fedora.versions.43]\n[distros.fedora.versions.rawhide]\n\n[distros.eln.versions.11]\n';
const CODES = new Set(['project-no-default-distro', 'project-no-distro-version', 'spec-no-distro-version']);

/** The project's distro-resolution findings, as `file: code [spanned text]`, and the diagnostics themselves. */
function findings(files: Record<string, string>): { shown: string[]; diags: CoreDiagnostic[] } {
  const all = Object.fromEntries(Object.entries(files).map(([k, v]) => [`/p/${k}`, v]));
  const diags = memoryService(all, { lint: false })
    .checkProject('/p')
    .diagnostics.filter((d) => CODES.has(d.code));
  return { diags, shown: diags.map((d) => `${d.file.slice(3)}: ${d.code} [${(all[d.file] ?? '').slice(d.span.start, d.span.end)}]`) };
}

describe('a project with components but no default distro', () => {
  it('no [project] at all: at the first line of azldev.toml, naming the defined distros', () => {
    const { shown, diags } = findings({ 'azldev.toml': `includes = ["a.comp.toml"]\n\n${DISTROS}`, 'a.comp.toml': '[components.a]\n' });
    assert.deepEqual(shown, ['azldev.toml: project-no-default-distro [includes = ["a.comp.toml"]]']);
    const d = diags[0] as CoreDiagnostic;
    assert.match(d.message, /^no default distro selected in project config: set `default-distro = \{ name = "\.\.\." \}` under \[project\] \(defined distros: fedora, eln\); component 'a' is resolved against it/);
    assert.deepEqual(d.related?.map((r) => [r.file, r.message]), [['/p/a.comp.toml', "'a' is defined here"]]);
  });

  it('a [project] without default-distro: at its header', () => {
    const { shown } = findings({ 'azldev.toml': `[project]\ndescription = "x"\n\n${DISTROS}\n[components.a]\n[components.b]\n` });
    assert.deepEqual(shown, ['azldev.toml: project-no-default-distro [[project]]']);
  });

  it('a default-distro without a name: at the reference', () => {
    const { shown, diags } = findings({ 'azldev.toml': `[project]\ndefault-distro = { version = "43" }\n\n${DISTROS}\n[components.a]\n[components.b]\n` });
    assert.deepEqual(shown, ['azldev.toml: project-no-default-distro [{ version = "43" }]']);
    assert.match((diags[0] as CoreDiagnostic).message, /all 2 components are resolved against it/);
  });

  it('no components: nothing needs a distro', () => {
    assert.deepEqual(findings({ 'azldev.toml': `[project]\ndescription = "x"\n\n${DISTROS}` }).shown, []);
  });

  it('the name in an included file, the version in the root (merged field by field): clean', () => {
    const { shown } = findings({
      'azldev.toml': `includes = ["p.toml"]\n[project]\ndefault-distro = { version = "11" }\n\n${DISTROS}`,
      'p.toml': '[project]\ndefault-distro = { name = "eln" }\n\n[components.a]\n',
    });
    assert.deepEqual(shown, []);
  });
});

describe('a distro reference with no version where the distro has no default-version', () => {
  it('the project default-distro: at its name, listing the versions', () => {
    const { shown, diags } = findings({ 'azldev.toml': `[project]\ndefault-distro = { name = "eln" }\n\n${DISTROS}\n[components.a]\n` });
    assert.deepEqual(shown, ['azldev.toml: project-no-distro-version ["eln"]']);
    assert.match((diags[0] as CoreDiagnostic).message, /^no distro version selected in project config: default-distro names distro 'eln' without a version, and distro 'eln' has no default-version \(versions: 11\)/);
  });

  it('the distro has a default-version: clean', () => {
    assert.deepEqual(findings({ 'azldev.toml': `[project]\ndefault-distro = { name = "fedora" }\n\n${DISTROS}\n[components.a]\n` }).shown, []);
  });

  const project = (components: string, extra = '') => ({
    'azldev.toml': `includes = ["*.comp.toml"]\n[project]\ndefault-distro = { name = "fedora" }\n\n${DISTROS}${extra}`,
    'c.comp.toml': components,
  });

  it("an upstream component's upstream-distro: at the name", () => {
    const { shown, diags } = findings(project('[components.a]\nspec = { type = "upstream", upstream-distro = { name = "eln" } }\n'));
    assert.deepEqual(shown, ['c.comp.toml: spec-no-distro-version ["eln"]']);
    assert.match((diags[0] as CoreDiagnostic).message, /^component 'a' takes the upstream spec from distro 'eln' without a version, .*azldev fails with "no distro version selected in project config"/);
  });

  it('the name written once in a group default: one finding there, counting the components', () => {
    const group = '\n[component-groups.g]\ncomponents = ["a", "b"]\ndefault-component-config = { spec = { type = "upstream", upstream-distro = { name = "eln" } } }\n';
    const { shown, diags } = findings(project('[components.a]\n[components.b]\n[components.c]\n', group));
    assert.deepEqual(shown, ['azldev.toml: spec-no-distro-version ["eln"]']);
    assert.match((diags[0] as CoreDiagnostic).message, /^2 components \(first 'a'\) take the upstream spec from distro 'eln'/);
  });

  it('the version inherited from the distro default-component-config: clean', () => {
    const dcc = '[distros.fedora.versions.43.default-component-config]\nspec = { type = "upstream", upstream-distro = { name = "fedora", version = "43" } }\n';
    const withDefault: Record<string, string> = project('[components.a]\nspec = { type = "upstream", upstream-distro = { name = "eln" } }\n');
    withDefault['azldev.toml'] = (withDefault['azldev.toml'] as string).replace('[distros.fedora.versions.43]\n', dcc).replace('[distros.eln.versions.11]', '[distros.eln.versions.11]\n[distros.eln.versions.43]');
    assert.deepEqual(findings(withDefault).shown, []);
  });

  it('a local component naming a distro without version: not resolved, clean', () => {
    assert.deepEqual(findings(project('[components.a]\nspec = { type = "local", path = "a.spec", upstream-distro = { name = "eln" } }\n', '')).shown, []);
  });
});
