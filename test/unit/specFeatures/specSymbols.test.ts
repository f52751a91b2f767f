// The outline of a spec: the preamble with its tags and definitions, every section as written with the
// binary package it belongs to, a sub-package's tags, the changelog's entries; on an inline spec and on
// real rendered specs (azurelinux-repos, kernel), where every child lies inside its parent.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSpec } from '../../../server/src/core/spec';
import { specSymbols, type SpecSymbol } from '../../../server/src/core/specFeatures';
import { readCorpusSpec } from '../spec/corpus';
import { marked } from '../toml/markers';
import { HELLO_SPEC } from './specFixture';

const outline = (symbols: SpecSymbol[]) => symbols.map((s) => [s.kind, s.name, s.detail]);

describe('spec outline', () => {
  const { text } = marked(HELLO_SPEC);
  const doc = parseSpec(text);
  const symbols = specSymbols(doc);

  it('lists the preamble and every section in document order, each with its binary package', () => {
    assert.deepEqual(outline(symbols), [
      ['preamble', 'Preamble', 'hello'],
      ['description', '%description', 'hello'],
      ['package', '%package devel', 'hello-devel'],
      ['description', '%description devel', 'hello-devel'],
      ['package', '%package -n python3-%{srcname}', 'python3-hello-src'],
      ['script', '%prep', 'hello'],
      ['script', '%build', 'hello'],
      ['script', '%install', 'hello'],
      ['files', '%files', 'hello'],
      ['files', '%files devel', 'hello-devel'],
      ['scriptlet', '%post -n python3-%{srcname}', 'python3-hello-src'],
      ['changelog', '%changelog', undefined],
    ]);
  });

  it("gives the preamble its tags and macro definitions, a sub-package its own tags", () => {
    assert.deepEqual(outline(symbols[0]?.children ?? []), [
      ['tag', 'Name', 'hello'], ['tag', 'Version', '1.0'], ['tag', 'Release', '1%{?dist}'], ['tag', 'Summary', 'Hello'],
      ['tag', 'License', 'MIT'], ['tag', 'Source1', 'hello.conf'], ['macro', 'srcname', '%global'], ['macro', 'shortver', '%define'],
    ]);
    assert.deepEqual(outline(symbols[2]?.children ?? []), [['tag', 'Summary', 'Headers'], ['tag', 'Requires', '%{name} = %{version}-%{release}']]);
    // A definition continued over two lines covers both.
    const shortver = symbols[0]?.children[7];
    assert.equal(text.slice(shortver?.span.start, shortver?.span.end), '%define shortver %(echo %{version} | \\\n  cut -d. -f1)');
  });

  it('spans each section from its header to its last non-blank line, and selects the keyword', () => {
    const install = symbols.find((s) => s.name === '%install');
    assert.equal(text.slice(install?.span.start, install?.span.end), '%install\n%make_install\ninstall -m 644 %{SOURCE1} %{buildroot}%{_sysconfdir}/hello.conf');
    assert.equal(text.slice(install?.selectionSpan.start, install?.selectionSpan.end), '%install');
    const preamble = symbols[0];
    assert.equal(text.slice(preamble?.span.start, preamble?.span.end).split('\n').length, 9);
  });

  it('lists the changelog entries with their versions', () => {
    const changelog = symbols.at(-1);
    assert.deepEqual(outline(changelog?.children ?? []), [
      ['changelogEntry', 'Mon Jan 01 2024 Jane Doe <jane@example.com>', '1.0-1'],
      ['changelogEntry', 'Sun Dec 31 2023 Jane Doe <jane@example.com>', '0.9-1'],
    ]);
    const first = changelog?.children[0];
    assert.equal(text.slice(first?.span.start, first?.span.end), '* Mon Jan 01 2024 Jane Doe <jane@example.com> - 1.0-1\n- First release.');
  });

  it('gives an empty spec no symbols and a spec without sections only its preamble', () => {
    assert.deepEqual(specSymbols(parseSpec('')), []);
    assert.deepEqual(outline(specSymbols(parseSpec('\n\nName: x\n'))), [['preamble', 'Preamble', 'x']]);
  });
});

function assertNested(text: string, parent: { span: { start: number; end: number } }, s: SpecSymbol, where: string): void {
  assert.ok(s.span.start >= parent.span.start && s.span.end <= parent.span.end, `${where}: ${s.name} outside its parent`);
  assert.ok(s.selectionSpan.start >= s.span.start && s.selectionSpan.end <= s.span.end, `${where}: ${s.name}'s selection outside its range`);
  for (const c of s.children) assertNested(text, s, c, where);
}

describe('spec outline on rendered specs', () => {
  it('azurelinux-repos: its sub-packages with their tags, %files per package, and the load line is no tag', () => {
    const doc = parseSpec(readCorpusSpec('azurelinux-repos'));
    const symbols = specSymbols(doc);
    assert.deepEqual(
      symbols.filter((s) => s.kind === 'package' || s.kind === 'files').map((s) => [s.name, s.detail, s.children.map((c) => c.name).join(',')]),
      [
        ['%package evergreen', 'azurelinux-repos-evergreen', 'Summary,Requires'],
        ['%package -n azurelinux-gpg-keys', 'azurelinux-gpg-keys', 'Summary,Requires'],
        ['%files', 'azurelinux-repos', ''],
        ['%files evergreen', 'azurelinux-repos-evergreen', ''],
        ['%files -n azurelinux-gpg-keys', 'azurelinux-gpg-keys', ''],
      ],
    );
    // azldev's tag regex takes `%{load:%{_sourcedir}/…}` for a tag; the outline does not.
    assert.ok(!symbols[0]?.children.some((c) => c.name.startsWith('%')));
    assert.ok(symbols[0]?.children.some((c) => c.kind === 'tag' && c.name === 'Source9999' && c.detail === 'azurelinux-repos.azl.macros'));
  });

  it('kernel: one %package symbol per sub-package, every section once, every child inside its parent', () => {
    const text = readCorpusSpec('kernel');
    const doc = parseSpec(text);
    const started = process.hrtime.bigint();
    const symbols = specSymbols(doc);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const declared = doc.sections.filter((s) => s.name.toLowerCase() === '%package').length;
    assert.ok(declared > 20, `kernel declares ${declared} sub-packages`);
    assert.equal(symbols.filter((s) => s.kind === 'package').length, declared);
    assert.equal(symbols.filter((s) => s.kind !== 'preamble').length, doc.sections.length - 1);
    for (const s of symbols) assertNested(text, { span: { start: 0, end: text.length } }, s, 'kernel');
    for (let i = 1; i < symbols.length; i++) assert.ok((symbols[i - 1]?.span.end ?? 0) <= (symbols[i]?.span.start ?? 0), 'sections do not overlap');
    process.stdout.write(`# outline of kernel.spec: ${ms.toFixed(1)} ms (figure only)\n`);
  });
});
