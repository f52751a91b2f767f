// The spec parser on small inline specs: line endings, azldev's header/tag/package rules, macros in
// package names, conditional nesting, and tolerance of broken input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packageQualifierFromHeader, parseSpec, serializeSpec } from '../../../server/src/core/spec';

test('round-trips unusual line endings exactly', () => {
  for (const text of ['', '\n', 'Name: a', 'Name: a\r\n%build\r\nmake\r\n', 'a\rb\n', 'x\r', '\n\n\n', 'Name: a\n\n']) {
    const doc = parseSpec(text);
    assert.equal(serializeSpec(doc), text, JSON.stringify(text));
  }
  assert.deepEqual(parseSpec('').lines, []);
  assert.deepEqual(parseSpec('a\n\n').lines.map((l) => [l.text, l.eol]), [['a', '\n'], ['', '\n']]);
  // As with Go's bufio.ScanLines, "\r" is dropped only before "\n" or at end of file.
  assert.deepEqual(parseSpec('Name: a\r\nb\rc\r').lines.map((l) => [l.text, l.eol]), [['Name: a', '\r\n'], ['b\rc', '\r']]);
  assert.equal(parseSpec('Name: test\r\n').tags[0]?.value, 'test');
});

test('tag lines: case kept, value trimmed, spans exact', () => {
  const text = '  nAmE:   foo bar  \nRequires(post): /bin/sh\nURL: https://x.org/a:b\nSummary:\n';
  const doc = parseSpec(text);
  assert.deepEqual(doc.tags.map((t) => [t.name, t.value]), [['nAmE', 'foo bar'], ['Requires(post)', '/bin/sh'], ['URL', 'https://x.org/a:b'], ['Summary', '']]);
  const first = doc.tags[0];
  assert.ok(first !== undefined);
  assert.equal(text.slice(first.nameSpan.start, first.valueSpan.end), 'nAmE:   foo bar');
  assert.equal(doc.tags[3]?.valueSpan.start, doc.tags[3]?.valueSpan.end);
});

test('comments: only column-0 # hides a tag from azldev, but both are marked as comments', () => {
  const doc = parseSpec('# Name: old\n  #Name: odd\nName : no\n');
  assert.deepEqual(doc.lines.map((l) => [l.kind, l.comment]), [['raw', true], ['tag', true], ['raw', false]]);
  assert.equal(doc.tags[0]?.name, '#Name');
});

test('tags are only recognised in the preamble and %package sections', () => {
  const doc = parseSpec('Name: a\n%description\nNote: not a tag\n%package b\nSummary: s\n%files b\nfoo: bar\n');
  assert.deepEqual(doc.tags.map((t) => [t.name, t.package]), [['Name', ''], ['Summary', 'b']]);
});

test('section headers: any case, any indentation, not after a column-0 #', () => {
  const doc = parseSpec('Name: a\n  %Build\n#%install\n%installx\n%Files -f x.lst\n');
  assert.deepEqual(doc.sections.map((s) => [s.name, s.type, s.headerLine]), [['', 'Package', undefined], ['%Build', 'Script', 1], ['%Files', 'Files', 4]]);
  assert.deepEqual(doc.sections[2]?.args.map((a) => a.text), ['-f', 'x.lst']);
});

test('package qualifiers follow azldev (GetPackageNameFromSectionHeader vectors)', () => {
  const cases: [string[], string][] = [
    [['%package'], ''], [['%package', '-q'], ''], [['%package', '-p', 'some-token'], ''], [['%package', '-x'], ''],
    [['%package', '-f', 'some-token'], ''], [['%package', 'foo'], 'foo'], [['%package', '-n', 'foo'], 'foo'],
    [['%description', '-l', 'fr', 'foo'], 'foo'], [['%description', '-l', 'fr'], ''], [['%description', '-l', 'de', '-n', 'foo'], 'foo'],
    [['%triggerin', '--', 'devel'], ''], [['%triggerin', 'devel', '--', 'foo'], 'devel'],
    [['%triggerin', '-n', 'test-devel', '--', 'foo'], 'test-devel'], [['%triggerin', '-p', '/bin/sh', '--', 'foo'], ''],
    [['%triggerin', 'devel', '-p', '/bin/sh', '--', 'foo'], 'devel'], [['%filetriggerin', '-P', '100', '--', '/usr/lib'], ''],
    [['%filetriggerin', 'devel', '-P', '100', '--', '/usr/lib'], 'devel'],
  ];
  for (const [tokens, want] of cases) assert.equal(packageQualifierFromHeader(tokens).name, want, tokens.join(' '));
});

test('sub-package names: suffix and -n forms, with the spec\'s own macros expanded', () => {
  const doc = parseSpec([
    '%global srcname Foo', '%define pyname python3-%{srcname}', 'Name: py-%{srcname}',
    '%package devel', '%package -n %{pyname}', '%package -n %{?nope}bare%{!?nope:-x}', '%package -n %{unknown}-y',
    '%files -n %{pyname}', '%files devel', '%changelog', '',
  ].join('\n'));
  assert.deepEqual(doc.packages.map((p) => [p.qualifier, p.absolute, p.name]), [
    ['', false, 'py-Foo'], ['devel', false, 'py-Foo-devel'], ['%{pyname}', true, 'python3-Foo'],
    ['%{?nope}bare%{!?nope:-x}', true, 'bare-x'], ['%{unknown}-y', true, '%{unknown}-y'],
  ]);
  assert.deepEqual(doc.packages[2]?.sections.map((i) => doc.sections[i]?.name), ['%package', '%files']);
  assert.equal(doc.sections.at(-1)?.packageName, undefined);
  assert.equal(doc.sections.at(-1)?.package, '');
});

test('macro expansion terminates on self-reference', () => {
  const doc = parseSpec('%global a %{b}\n%global b %{a}\nName: n\n%package -n %{a}\n');
  assert.match(doc.packages[1]?.name ?? '', /^%\{[ab]\}$/);
});

test('`%description %_description` names the main package for rpm, "%_description" for azldev', () => {
  const doc = parseSpec('Name: x\n%global _description %{expand:\nText.}\n%description %_description\n');
  assert.equal(doc.macros[0]?.endLine, 2);
  assert.equal(doc.sections[1]?.package, '%_description');
  assert.equal(doc.sections[1]?.packageName, 'x');
});

test('multi-line macro bodies: backslash and unclosed %{ continue, and their %if lines are not structure', () => {
  const doc = parseSpec('%define m() \\\n%if 1\\\nProvides: x\\\n%endif\\\n%{nil}\n%global l %{lua:\nprint(1)\n}\n%if 0\nName: a\n%endif\n');
  assert.deepEqual(doc.macros.map((m) => [m.name, m.params, m.line, m.endLine]), [['m', '', 0, 4], ['l', undefined, 5, 7]]);
  assert.equal(doc.conditionals.length, 1);
  assert.equal(doc.lines[2]?.kind, 'tag', 'azldev still sees a tag inside the macro body');
  assert.equal(doc.lines[2]?.macro?.name, 'm');
  assert.equal(doc.lines[9]?.condition?.directive.expression, '0');
});

test('conditional nesting: each line knows its innermost branch', () => {
  const doc = parseSpec([
    'Name: a', '%if %{with x}', 'Requires: x', '%ifarch x86_64 aarch64', 'Requires: y', '%else', 'Requires: z',
    '%endif', '%elif 0%{?fedora}', 'Requires: f', '%endif', '# %if not a directive', 'Requires: w', '',
  ].join('\n'));
  const at = (n: number) => {
    const c = doc.lines[n]?.condition;
    return c === undefined ? [] : [c.directive.keyword, c.directive.expression, c.depth];
  };
  assert.deepEqual(at(0), []);
  assert.deepEqual(at(1), []);
  assert.deepEqual(at(2), ['%if', '%{with x}', 1]);
  assert.deepEqual(at(3), ['%if', '%{with x}', 1]);
  assert.deepEqual(at(4), ['%ifarch', 'x86_64 aarch64', 2]);
  assert.deepEqual(at(5), ['%if', '%{with x}', 1]);
  assert.deepEqual(at(6), ['%else', '', 2]);
  assert.equal(doc.lines[6]?.condition?.parent?.directive.keyword, '%if');
  assert.deepEqual(at(9), ['%elif', '0%{?fedora}', 1]);
  assert.deepEqual(at(12), []);
  assert.equal(doc.lines[11]?.directive, undefined);
  assert.deepEqual(doc.conditionals.map((b) => b.directives.map((d) => d.line)), [[1, 8, 10], [3, 5, 7]]);
  assert.deepEqual(doc.problems, []);
});

test('broken conditionals are reported, not thrown', () => {
  const doc = parseSpec('%endif\n%if 1\n%else\nName: a\n');
  assert.deepEqual(doc.problems.map((p) => [p.line, p.message]), [[0, '%endif without a matching %if'], [1, '%if is never closed by %endif']]);
  assert.equal(doc.lines[3]?.condition?.directive.keyword, '%else');
});
