// The RPM spec TextMate grammar: well-formed, every regex compiles, and real spec text gets the scopes
// an editor needs (tags, section headers and their package names, macros, conditionals, changelog, shell).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, readCorpusSpec } from './corpus';
import { TextMateTokenizer, type Grammar, type GrammarRule } from './textmate';

const grammar = JSON.parse(readFileSync(path.join(REPO_ROOT, 'syntaxes', 'rpm-spec.tmLanguage.json'), 'utf8')) as Grammar;
const tokenizer = new TextMateTokenizer(grammar);

function walk(rule: GrammarRule, visit: (r: GrammarRule) => void): void {
  visit(rule);
  for (const p of rule.patterns ?? []) walk(p, visit);
  for (const caps of [rule.captures, rule.beginCaptures, rule.endCaptures]) for (const c of Object.values(caps ?? {})) walk(c, visit);
}

/** Scopes of the token that covers the first occurrence of `needle` on `line` (1-based) of `text`. */
function scopesOf(text: string, line: number, needle: string): string[] {
  const lines = text.split('\n');
  const lineText = lines[line - 1] ?? '';
  const at = lineText.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not on line ${line}: ${lineText}`);
  const tokens = tokenizer.tokenize(text)[line - 1] ?? [];
  const token = tokens.find((t) => t.start <= at && at < t.end);
  assert.ok(token !== undefined, `no token at "${needle}"`);
  return token.scopes;
}

test('grammar is well-formed: scope name, resolvable includes, regexes that compile', () => {
  assert.equal(grammar.scopeName, 'source.rpm-spec');
  let regexes = 0;
  const rules = [grammar, ...Object.values(grammar.repository)];
  for (const root of rules) {
    walk(root, (r) => {
      if (r.include !== undefined && r.include !== '$self') assert.ok(r.include.slice(1) in grammar.repository, r.include);
      for (const src of [r.match, r.begin, r.end]) {
        if (src === undefined) continue;
        assert.doesNotThrow(() => tokenizer.compile(src), src);
        regexes++;
      }
    });
  }
  assert.ok(regexes > 30);
});

const SAMPLE = [
  '%global srcname foo',
  'Name:           python-%{srcname}',
  'BuildRequires:  pkgconfig(glib-2.0) >= 2.1',
  '%if 0%{?fedora} && %{with tests}',
  'Requires(post): systemd',
  '%endif',
  '',
  '%package -n python3-%{srcname}',
  'Summary: Python 3 bindings',
  '',
  '%description -n python3-%{srcname}',
  'Text with %{name} in it.',
  '',
  '%build',
  'if [ -n "$FOO" ]; then %make_build; fi # shell comment',
  'echo %(date +%s) %%literal',
  '',
  '%files -n python3-%{srcname} -f %{pyproject_files}',
  '%license LICENSE',
  '%attr(0755,root,root) %{_bindir}/x',
  '',
  '%changelog',
  '* Tue Jun 03 2025 Jane Doe <jane@example.com> - 1.1.4-1',
  '- Update to 1.1.4',
].join('\n');

test('tags, values and macros in the preamble', () => {
  assert.ok(scopesOf(SAMPLE, 2, 'Name').includes('keyword.other.tag.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 2, 'python-').includes('string.unquoted.tag-value.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 2, 'srcname').includes('variable.other.macro.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 3, '>=').includes('keyword.operator.comparison.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 5, 'Requires(post)').includes('keyword.other.tag.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 1, '%global').includes('storage.type.macro.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 1, 'srcname').includes('entity.name.function.macro.rpm-spec'));
});

test('conditionals and their expressions', () => {
  assert.ok(scopesOf(SAMPLE, 4, '%if').includes('keyword.control.conditional.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 4, '&&').includes('keyword.operator.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 4, 'fedora').includes('variable.other.macro.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 6, '%endif').includes('keyword.control.conditional.rpm-spec'));
});

test('section headers, package names and section bodies', () => {
  assert.ok(scopesOf(SAMPLE, 8, '%package').includes('entity.name.section.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 8, '-n').includes('variable.parameter.option.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 8, 'python3-').includes('entity.name.type.package.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 9, 'Summary').includes('keyword.other.tag.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 12, 'Text').includes('meta.section.description.rpm-spec'));
  assert.ok(!scopesOf(SAMPLE, 12, 'Text').includes('keyword.other.tag.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 15, 'then').includes('keyword.control.shell.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 15, '"$FOO"').includes('string.quoted.double.shell.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 15, 'make_build').includes('support.function.builtin.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 15, '# shell').includes('comment.line.number-sign.shell.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 16, 'date').includes('meta.embedded.shell.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 16, '%%').includes('constant.character.escape.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 18, '-f').includes('variable.parameter.option.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 19, '%license').includes('storage.modifier.files-directive.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 20, '%attr').includes('storage.modifier.files-directive.rpm-spec'));
});

test('changelog entries', () => {
  assert.ok(scopesOf(SAMPLE, 23, 'Tue Jun 03 2025').includes('constant.numeric.date.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 23, 'Jane Doe').includes('entity.name.author.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 23, '<jane').includes('markup.underline.link.email.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 23, '1.1.4-1').includes('constant.other.version.rpm-spec'));
  assert.ok(scopesOf(SAMPLE, 24, '-').includes('punctuation.definition.list.item.rpm-spec'));
});

/** Every line of every tokenized line is covered once: tokens tile the line without gaps or overlaps. */
test('tokens tile every line of a large real spec', () => {
  const text = readCorpusSpec('kernel');
  const lines = text.split('\n');
  tokenizer.tokenize(text).forEach((tokens, i) => {
    let at = 0;
    for (const t of tokens) {
      assert.equal(t.start, at, `line ${i + 1}`);
      at = t.end;
    }
    assert.equal(at, (lines[i] as string).length, `line ${i + 1}`);
  });
});

test('a real spec: sections end at the next header, so %changelog is not shell and tags are tags', () => {
  const text = readCorpusSpec('azurelinux-repos');
  const lines = text.split('\n');
  const n = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;
  assert.ok(scopesOf(text, n('Source9999:'), 'Source9999').includes('keyword.other.tag.rpm-spec'));
  assert.ok(scopesOf(text, n('%package -n azurelinux-gpg-keys'), 'azurelinux-gpg-keys').includes('entity.name.type.package.rpm-spec'));
  const changelog = n('%changelog');
  assert.ok(scopesOf(text, changelog, '%changelog').includes('entity.name.section.rpm-spec'));
  assert.ok(!scopesOf(text, changelog, '%changelog').includes('meta.section.script.rpm-spec'));
  assert.ok(scopesOf(text, changelog + 1, '*').includes('meta.section.changelog.rpm-spec'));
});
