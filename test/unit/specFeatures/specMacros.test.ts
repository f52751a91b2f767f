// Hover and go-to-definition on macro uses in a spec: the spec's own %global/%define (with its body), a tag
// rpm makes a macro of, azldev's generated macros file (value, setting and link), rpm's common built-ins;
// nothing on an escaped %% or an unknown name. On the inline spec and on the real kernel preview, whose
// generated macros come from the real tree's kernel.comp.toml.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Span } from '../../../server/src/core/diagnostics';
import { renderMacrosFile } from '../../../server/src/core/render/macrosFile';
import { parseSpec } from '../../../server/src/core/spec';
import { generatedMacros, specDefinition, specHover, type GeneratedMacro } from '../../../server/src/core/specFeatures';
import { CORPUS_ROOT } from '../../support/paths';
import { corpus } from '../features/featureHarness';
import { RENDERED_SPECS_DIR, readCorpusSpec } from '../spec/corpus';
import { marked } from '../toml/markers';
import { HELLO_SPEC } from './specFixture';

const { text, spans } = marked(HELLO_SPEC);
const doc = parseSpec(text);

/** The offset of the ‸ in `needle` (written without the ‸ in the text), at its first occurrence after `after`. */
function at(source: string, needle: string, after = ''): number {
  const caret = needle.indexOf('‸');
  const bare = needle.replace('‸', '');
  const from = after ? source.indexOf(after) : 0;
  const found = source.indexOf(bare, from);
  assert.ok(from >= 0 && found >= 0, `${bare} after ${after}`);
  return found + caret;
}

const slice = (span: Span | undefined) => (span ? text.slice(span.start, span.end) : undefined);

describe('hover and definition on a macro defined in the spec', () => {
  it('%{srcname} in %prep: the %global line with its body, and F12 to its name', () => {
    const offset = at(text, '%{src‸name}-%{version}');
    const h = specHover(doc, offset);
    assert.equal(h?.markdown, '**`%{srcname}`** — `%global` at line 7\n\n```spec\n%global srcname hello-src\n```');
    assert.equal(slice(h?.span), '%{srcname}');
    assert.deepEqual(specDefinition(doc, offset), { kind: 'spec', span: spans[0] });
  });

  it('a continued %define shows every line of its body; an %elif/else pair resolves to the last definition before the use', () => {
    const shortver = parseSpec(`${text}\n%build\necho %shortver %{?with_tests}\n`);
    const h = specHover(shortver, at(shortver.text, '%short‸ver'));
    assert.match(h?.markdown ?? '', /`%define` at line 8\n\n```spec\n%define shortver %\(echo %\{version\} \| \\\n {2}cut -d\. -f1\)\n```$/);
    const tests = specHover(shortver, at(shortver.text, '%{?with_‸tests}'));
    assert.match(tests?.markdown ?? '', /`%global` at line 30\n\n```spec\n%global with_tests 0\n```/);
  });

  it('the innermost use wins in nested braces, and a %% escape is no use at all', () => {
    const nested = parseSpec('%global bar 1\n%global foo 2\n%build\necho %{?foo:%{b‸ar}} %%{foo}\n'.replace('‸', ''));
    const src = nested.text;
    assert.match(specHover(nested, at(src, '%{b‸ar}'))?.markdown ?? '', /^\*\*`%\{bar\}`\*\* — `%global` at line 1/);
    assert.match(specHover(nested, at(src, '%{?f‸oo:'))?.markdown ?? '', /^\*\*`%\{foo\}`\*\* — `%global` at line 2/);
    assert.equal(specHover(nested, at(src, '%%{f‸oo}')), undefined);
    assert.equal(specDefinition(nested, at(src, '%%{f‸oo}')), undefined);
  });
});

describe('hover and definition on a macro a tag defines', () => {
  it('%{version} is the Version: tag; %{SOURCE1} the Source1: tag; F12 goes to the tag name', () => {
    const version = at(text, '%{vers‸ion}-%{release}');
    assert.equal(specHover(doc, version)?.markdown, '**`%{version}`** — the `Version:` tag at line 2: `1.0`');
    assert.equal(slice((specDefinition(doc, version) as { span: Span }).span), 'Version');
    const source = at(text, '%{SOUR‸CE1}');
    assert.equal(specHover(doc, source)?.markdown, '**`%{SOURCE1}`** — the `Source1:` tag at line 6: `hello.conf`');
    assert.equal(doc.lines[doc.text.slice(0, (specDefinition(doc, source) as { span: Span }).span.start).split('\n').length - 1]?.text, 'Source1:        hello.conf');
  });
});

describe('hover on rpm built-ins and unknown names', () => {
  it('%{_bindir} and %{?fedora} get one line, with no definition to go to; an unknown name gets nothing', () => {
    const bindir = at(text, '%{_bin‸dir}');
    assert.equal(specHover(doc, bindir)?.markdown, '**`%{_bindir}`** — rpm: user executables: `/usr/bin`.');
    assert.equal(specDefinition(doc, bindir), undefined);
    assert.match(specHover(doc, at(text, '%{?fed‸ora}'))?.markdown ?? '', /rpm: the Fedora release number/);
    // In %files, %license marks a file; elsewhere %{license} is the License: tag.
    const files = parseSpec('License: MIT\n%description\n%{license}\n%files\n%license COPYING\n');
    assert.equal(specHover(files, at(files.text, '%lic‸ense COPYING'))?.markdown, '**`%{license}`** — rpm: in `%files`: marks a license file.');
    assert.equal(specDefinition(files, at(files.text, '%lic‸ense COPYING')), undefined);
    assert.equal(specHover(files, at(files.text, '%{lic‸ense}'))?.markdown, '**`%{license}`** — the `License:` tag at line 1: `MIT`');
    const unknown = parseSpec('%build\n%{no_such_macro}\n');
    assert.equal(specHover(unknown, at(unknown.text, '%{no_‸such')), undefined);
    // Not on a macro at all.
    assert.equal(specHover(doc, at(text, 'Hel‸lo.')), undefined);
  });
});

const GENERATED: GeneratedMacro = { name: 'azl_pkgrelease', value: '8', fileName: 'kernel.azl.macros', setting: 'build.defines.azl_pkgrelease', file: '/p/kernel.comp.toml', span: { start: 10, end: 13 } };
const link = () => ({ uri: 'file:///p/kernel.comp.toml', label: 'kernel.comp.toml', line: 13 });

describe("hover and definition on a macro of azldev's generated macros file", () => {
  it('gives its value, the setting and a link; F12 goes to the setting', () => {
    const spec = parseSpec('%{load:%{_sourcedir}/kernel.azl.macros}\nRelease: %{azl_pkgrelease}%{?dist}\n');
    const offset = at(spec.text, '%{azl_‸pkgrelease}');
    assert.equal(
      specHover(spec, offset, [GENERATED], link)?.markdown,
      '**`%{azl_pkgrelease}`** — set to `8` by `build.defines.azl_pkgrelease` in [kernel.comp.toml:13](file:///p/kernel.comp.toml#L13), through `kernel.azl.macros`, the macros file azldev generates and loads at the top of the spec.',
    );
    assert.deepEqual(specDefinition(spec, offset, [GENERATED]), { kind: 'setting', file: '/p/kernel.comp.toml', span: { start: 10, end: 13 } });
    // Without the generated macros (a spec of the tree, not a preview) the name is unknown.
    assert.equal(specHover(spec, offset), undefined);
  });

  it("a spec definition that replaces it wins, and the hover says what the file set first", () => {
    const spec = parseSpec('%global azl_pkgrelease 9\nRelease: %{azl_pkgrelease}\n');
    const offset = at(spec.text, '%{azl_‸pkgrelease}');
    const md = specHover(spec, offset, [GENERATED], link)?.markdown ?? '';
    assert.match(md, /^\*\*`%\{azl_pkgrelease\}`\*\* — `%global` at line 1/);
    assert.match(md, /Before that, set to `8` by `build\.defines\.azl_pkgrelease`/);
    assert.deepEqual(specDefinition(spec, offset, [GENERATED]), { kind: 'spec', span: { start: 8, end: 22 } });
  });
});

describe('hover and definition on a build condition', () => {
  const spec = parseSpec('%bcond_with tests\n%bcond docs 1\n%build\n%if %{with tests} && %{without docs}\n%endif\n%{?with undeclared}\n');
  const src = spec.text;
  const cut = (span: Span | undefined) => (span ? src.slice(span.start, span.end) : undefined);
  const withTests: GeneratedMacro = { ...GENERATED, name: '_with_tests', value: '1', setting: 'build.with' };

  it('says whether the condition is on by default, and what would switch it', () => {
    assert.equal(specHover(spec, at(src, '%{with te‸sts}'))?.markdown, '**build condition `tests`** — **off**: the default of `%bcond_with tests` at line 1; `build.with = ["tests"]` would turn it on.');
    assert.equal(specHover(spec, at(src, '%{without do‸cs}'))?.markdown, '**build condition `docs`** — **on**: the default of `%bcond docs` at line 2; `build.without = ["docs"]` would turn it off.');
    assert.equal(cut(specHover(spec, at(src, '%{with te‸sts}'))?.span), 'tests');
    // The name in the declaration itself, and a condition no %bcond declares.
    assert.match(specHover(spec, at(src, '%bcond_with te‸sts'))?.markdown ?? '', /\*\*off\*\*: the default of `%bcond_with tests`/);
    assert.equal(specHover(spec, at(src, 'undecl‸ared'))?.markdown, '**build condition `undeclared`** — not declared by a `%bcond` in this spec.');
    // On `with` itself: the macro.
    assert.match(specHover(spec, at(src, '%{wi‸th tests}'))?.markdown ?? '', /rpm: true when the build condition is on/);
  });

  it("is on when the component's build.with writes _with_NAME, and F12 goes to the %bcond line", () => {
    const offset = at(src, '%{with te‸sts}');
    assert.equal(
      specHover(spec, offset, [withTests], link)?.markdown,
      "**build condition `tests`** — **on** in azldev's build: `build.with` in [kernel.comp.toml:13](file:///p/kernel.comp.toml#L13) puts `%_with_tests` in `kernel.azl.macros`; declared off by default by `%bcond_with tests` at line 1.",
    );
    assert.equal(cut((specDefinition(spec, offset, [withTests]) as { span: Span }).span), 'tests');
    assert.equal(spec.text.slice(0, (specDefinition(spec, offset, [withTests]) as { span: Span }).span.start), '%bcond_with ');
    // _with_ does not switch a condition that is on by default.
    assert.match(specHover(spec, at(src, '%{without do‸cs}'), [{ ...withTests, name: '_with_docs' }])?.markdown ?? '', /\*\*on\*\*: the default/);
  });

  it("azurelinux-repos: the real tree's build.with = [\"split_repos\"] turns on the spec's %bcond split_repos 0", () => {
    const service = corpus();
    const comp = path.join(CORPUS_ROOT, 'base', 'comps', 'azurelinux-repos', 'azurelinux-repos.comp.toml');
    const model = service.projectOf(comp);
    assert.ok(model);
    const repos = parseSpec(readFileSync(path.join(CORPUS_ROOT, 'base', 'comps', 'azurelinux-repos', 'azurelinux-repos.spec'), 'utf8'));
    const md = specHover(repos, at(repos.text, '%if %{with split_‸repos}'), generatedMacros(model, 'azurelinux-repos'))?.markdown ?? '';
    assert.match(md, /^\*\*build condition `split_repos`\*\* — \*\*on\*\* in azldev's build: `build\.with` puts `%_with_split_repos` in `azurelinux-repos\.azl\.macros`; declared off by default by `%bcond split_repos` at line 8\.$/);
  });
});

describe('the real kernel preview', () => {
  const service = corpus();
  const comp = path.join(CORPUS_ROOT, 'base', 'comps', 'kernel', 'kernel.comp.toml');
  const model = service.projectOf(comp);
  assert.ok(model, 'the real tree loads');
  const generated = generatedMacros(model, 'kernel');

  it("computes exactly the macros file azldev wrote for kernel, each from its setting in kernel.comp.toml", () => {
    const expected = readFileSync(path.join(RENDERED_SPECS_DIR, 'k', 'kernel', 'kernel.azl.macros'), 'utf8');
    assert.equal(renderMacrosFile(new Map(generated.map((g) => [g.name, g.value]))), expected);
    const toml = readFileSync(comp, 'utf8');
    assert.deepEqual(generated.map((g) => [g.name, g.setting, g.file === comp ? toml.slice(g.span.start, g.span.end) : g.file]), [
      ['_without_debug', 'build.without', '"debug"'],
      ['azl_pkgrelease', 'build.defines.azl_pkgrelease', 'azl_pkgrelease = "8"'],
      ['azurelinux_version', 'build.defines.azurelinux_version', 'azurelinux_version = "3"'],
      ['kextraversion', 'build.defines.kextraversion', 'kextraversion = "1"'],
    ]);
  });

  it('hovers %{azl_pkgrelease} in the rendered kernel.spec with its build.defines value and goes to the setting', () => {
    const spec = parseSpec(readCorpusSpec('kernel'));
    const offset = at(spec.text, '%{azl_‸pkgrelease}');
    const md = specHover(spec, offset, generated, () => ({ uri: 'file:///kernel.comp.toml', label: 'kernel.comp.toml', line: 13 }))?.markdown ?? '';
    assert.match(md, /set to `8` by `build\.defines\.azl_pkgrelease`/);
    const target = specDefinition(spec, offset, generated);
    assert.equal(target?.kind, 'setting');
    const toml = readFileSync(comp, 'utf8');
    const span = (target as { span: Span }).span;
    assert.equal(toml.slice(span.start, span.end), 'azl_pkgrelease = "8"');
    // build.without = ["debug"] is `_without_debug` in the file, tested by the spec's own with_debug.
    const debug = specHover(spec, at(spec.text, '%{?_without_‸debug:'), generated)?.markdown ?? '';
    assert.match(debug, /^\*\*`%\{_without_debug\}`\*\* — set to `1` by `build\.without`, through `kernel\.azl\.macros`/);
    // The spec's own definition of pkgrelease, replaced by the overlay, is found in the preview.
    const pkgrelease = specDefinition(spec, at(spec.text, '%{pkg‸release}'));
    assert.equal(pkgrelease?.kind, 'spec');
    const line = spec.text.slice(0, (pkgrelease as { span: Span }).span.start).split('\n').length - 1;
    assert.equal(spec.lines[line]?.text, '%define pkgrelease %{azl_pkgrelease}');
  });
});
