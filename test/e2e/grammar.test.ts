// The TOML TextMate grammar, run through VS Code's own tokenizer: each TOML construct gets its scope,
// and every file of the real Azure Linux tree tokenizes without an illegal token or an unclosed rule.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { findRepoRoot } from './repoRoot';
import { loadTokenizer, type Tokenizer } from './textmate';

const repoRoot = findRepoRoot();
let tokenizer: Tokenizer;

before(async () => {
  tokenizer = await loadTokenizer(repoRoot);
});

/** The innermost scope of the token with exactly this text on the given line of `text`. */
function scopesOf(text: string, line: number, tokenText: string): string[] {
  const lines = tokenizer.tokenize(text).lines;
  const token = lines[line]?.tokens.find((t) => t.text === tokenText);
  assert.ok(token, `no token ${JSON.stringify(tokenText)} on line ${line}: ${JSON.stringify(lines[line]?.tokens.map((t) => t.text))}`);
  return token.scopes;
}

function assertScope(text: string, line: number, tokenText: string, scope: string): void {
  const scopes = scopesOf(text, line, tokenText);
  assert.ok(
    scopes.some((s) => s === scope || s.split(' ').includes(scope)),
    `${JSON.stringify(tokenText)} has scopes ${scopes.join(', ')}; expected ${scope}`,
  );
}

describe('TOML grammar: constructs', () => {
  test('tables, array tables and dotted, quoted keys in headers', () => {
    const doc = "[components.'rust-nix0.23']\n[[components.curl.overlays]]\n[ a . \"b c\" ]";
    assertScope(doc, 0, 'components', 'support.type.property-name.table.toml');
    assertScope(doc, 0, 'rust-nix0.23', 'string.quoted.single.literal.key.toml');
    assertScope(doc, 0, '[', 'punctuation.definition.table.begin.toml');
    assertScope(doc, 0, '.', 'punctuation.separator.dot.toml');
    assertScope(doc, 1, '[[', 'punctuation.definition.array-table.begin.toml');
    assertScope(doc, 1, 'overlays', 'support.type.property-name.array.toml');
    assertScope(doc, 1, ']]', 'punctuation.definition.array-table.end.toml');
    assertScope(doc, 2, 'b c', 'string.quoted.double.basic.key.toml');
  });

  test('keys: bare, dotted, quoted; = separates key and value', () => {
    const doc = 'spec.upstream-name = "x"\n"quoted key" = 1\n\'lit\'.b = 2\n1234 = 5';
    assertScope(doc, 0, 'spec', 'support.type.property-name.toml');
    assertScope(doc, 0, 'upstream-name', 'support.type.property-name.toml');
    assertScope(doc, 0, '=', 'punctuation.separator.key-value.toml');
    assertScope(doc, 1, 'quoted key', 'support.type.property-name.toml');
    assertScope(doc, 2, 'lit', 'support.type.property-name.toml');
    assertScope(doc, 3, '1234', 'support.type.property-name.toml');
    assertScope(doc, 3, '5', 'constant.numeric.integer.decimal.toml');
  });

  test('basic strings with escapes, invalid escapes, literal strings', () => {
    const doc = String.raw`a = "tab\t \u00e9 \U0001F600 \q end"` + "\nb = 'C:\\path\\n'";
    assertScope(doc, 0, '\\t', 'constant.character.escape.toml');
    assertScope(doc, 0, '\\u00e9', 'constant.character.escape.toml');
    assertScope(doc, 0, '\\U0001F600', 'constant.character.escape.toml');
    assertScope(doc, 0, '\\q', 'invalid.illegal.escape.toml');
    assertScope(doc, 0, ' end', 'string.quoted.double.basic.toml');
    assertScope(doc, 1, 'C:\\path\\n', 'string.quoted.single.literal.toml');
  });

  test('multi-line strings span lines, keep escapes and line continuations, and close with extra quotes', () => {
    const doc = 'a = """\nfirst \\n line \\\n  [not.a.table]\nends here""""\nb = 1\nc = \'\'\'\n[x] \\n\'\'\'';
    assertScope(doc, 1, '\\n', 'constant.character.escape.toml');
    assertScope(doc, 1, '\\', 'constant.character.escape.line-continuation.toml');
    assertScope(doc, 2, '  [not.a.table]', 'string.quoted.triple.double.basic.block.toml');
    assertScope(doc, 3, '""""', 'punctuation.definition.string.end.toml');
    assertScope(doc, 4, '1', 'constant.numeric.integer.decimal.toml');
    assertScope(doc, 6, '[x] \\n', 'string.quoted.triple.single.literal.block.toml');
  });

  test('an unterminated single-line string stops at the end of its line', () => {
    const doc = 'a = "oops\nb = 1';
    assertScope(doc, 1, 'b', 'support.type.property-name.toml');
  });

  test('integers, floats, hex/octal/binary, inf and nan, with underscores', () => {
    const cases: [string, string][] = [
      ['+99', 'constant.numeric.integer.decimal.toml'],
      ['1_000_000', 'constant.numeric.integer.decimal.toml'],
      ['-17', 'constant.numeric.integer.decimal.toml'],
      ['0xDEAD_beef', 'constant.numeric.integer.hex.toml'],
      ['0o755', 'constant.numeric.integer.octal.toml'],
      ['0b1101_0110', 'constant.numeric.integer.binary.toml'],
      ['6.626e-34', 'constant.numeric.float.toml'],
      ['224_617.445_991', 'constant.numeric.float.toml'],
      ['5e+22', 'constant.numeric.float.toml'],
      ['-inf', 'constant.numeric.float.inf.toml'],
      ['+nan', 'constant.numeric.float.nan.toml'],
    ];
    for (const [value, scope] of cases) assertScope(`n = ${value}`, 0, value, scope);
  });

  test('malformed numbers are not numbers', () => {
    for (const value of ['012', '1__0', '0xG1', '1.', '.5']) {
      const scopes = tokenizer.tokenize(`n = ${value}`).lines[0]?.tokens.flatMap((t) => t.scopes) ?? [];
      assert.ok(!scopes.some((s) => s.startsWith('constant.numeric')), `${value} was scoped as a number`);
    }
  });

  test('booleans and all four date-time kinds', () => {
    assertScope('a = true', 0, 'true', 'constant.language.boolean.toml');
    assertScope('a = false # no', 0, 'false', 'constant.language.boolean.toml');
    assertScope('a = 1979-05-27T07:32:00Z', 0, '1979-05-27T07:32:00Z', 'constant.other.time.datetime.offset.toml');
    assertScope('a = 1979-05-27 00:32:00.999999-07:00', 0, '1979-05-27 00:32:00.999999-07:00', 'constant.other.time.datetime.offset.toml');
    assertScope('a = 1979-05-27T07:32:00', 0, '1979-05-27T07:32:00', 'constant.other.time.datetime.local.toml');
    assertScope('a = 1979-05-27', 0, '1979-05-27', 'constant.other.time.date.toml');
    assertScope('a = 07:32:00.5', 0, '07:32:00.5', 'constant.other.time.time.toml');
  });

  test('arrays and inline tables nest, with comments inside multi-line arrays', () => {
    const doc = 'a = [\n  [1, 2], # inner\n  { name = "x", v = [true] },\n]\n[after]';
    assertScope(doc, 1, '1', 'meta.array.toml');
    assertScope(doc, 1, ',', 'punctuation.separator.array.toml');
    assertScope(doc, 1, ' inner', 'comment.line.number-sign.toml');
    assertScope(doc, 2, 'name', 'support.type.property-name.toml');
    assertScope(doc, 2, 'name', 'meta.inline-table.toml');
    assertScope(doc, 2, 'true', 'constant.language.boolean.toml');
    assertScope(doc, 3, ']', 'punctuation.definition.array.end.toml');
    assertScope(doc, 4, 'after', 'support.type.property-name.table.toml');
  });

  test('comments, and a # inside a string is not one', () => {
    assertScope('# top', 0, '#', 'punctuation.definition.comment.toml');
    assertScope('a = "x # y" # real', 0, 'x # y', 'string.quoted.double.basic.toml');
    assertScope('a = "x # y" # real', 0, ' real', 'comment.line.number-sign.toml');
  });

  test('an unquoted word in an array is marked illegal', () => {
    assertScope('a = [foo]', 0, 'foo', 'invalid.illegal.toml');
  });
});

describe('TOML grammar: the real Azure Linux tree', () => {
  const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'azurelinux-4.0');

  function tomlFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) return tomlFiles(p);
      return entry.name.endsWith('.toml') ? [p] : [];
    });
  }

  test('every corpus file tokenizes with no illegal token, returns to the top level, and scopes every key and header', () => {
    const files = tomlFiles(corpus);
    assert.ok(files.length > 200, `expected the corpus at ${corpus}, found ${files.length} TOML files`);
    const problems: string[] = [];
    let checkedLines = 0;
    let blockStringLines = 0;
    let totalLines = 0;
    for (const file of files) {
      const name = path.relative(corpus, file);
      const { lines, closed } = tokenizer.tokenize(fs.readFileSync(file, 'utf8'));
      totalLines += lines.length;
      for (const { line, tokens } of lines) {
        const illegal = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid')));
        if (illegal.length > 0) problems.push(`${name}:${line + 1}: illegal ${illegal.map((t) => t.text).join(' ')}`);
        const first = tokens.find((t) => t.text.trim() !== '');
        if (first === undefined) continue;
        const text = tokens.map((t) => t.text).join('');
        // Lines inside multi-line strings may look like anything, and lines continuing a multi-line
        // array hold values, not keys; every other line is checked.
        if (first.scopes.some((s) => s.startsWith('string.quoted.triple'))) {
          blockStringLines++;
          continue;
        }
        if (first.scopes.includes('meta.array.toml')) continue;
        const expected = /^\s*\[\[/.test(text)
          ? 'punctuation.definition.array-table.begin.toml'
          : /^\s*\[/.test(text)
            ? 'punctuation.definition.table.begin.toml'
            : /^\s*[A-Za-z0-9_"'-][^=]*=/.test(text)
              ? 'meta.key.toml'
              : undefined;
        if (expected === undefined) continue;
        checkedLines++;
        if (!first.scopes.includes(expected)) problems.push(`${name}:${line + 1}: ${JSON.stringify(first.text)} is ${first.scopes.join(' ')}, not ${expected}`);
      }
      if (!closed) problems.push(`${name}: a rule is still open at the end of the file`);
    }
    assert.deepEqual(problems.slice(0, 20), []);
    assert.ok(checkedLines > 5_000, `only ${checkedLines} key and header lines were checked`);
    assert.ok(blockStringLines < totalLines / 100, `${blockStringLines} of ${totalLines} lines were taken for multi-line strings`);
  });
});

describe('TOML grammar: beside Even Better TOML', () => {
  // The scope names Even Better TOML (tamasfe.even-better-toml) contributes, from its package.json
  // (taplo's editors/vscode): a second grammar under one of them would overwrite it, or be overwritten.
  const EVEN_BETTER_TOML_SCOPES = ['source.toml', 'markdown.toml.frontmatter.codeblock', 'markdown.toml.codeblock'];

  test('our grammars claim no scope name of Even Better TOML, and our TOML scope sits under source.toml for themes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { grammars: { language?: string; scopeName: string; path: string }[] } };
    const ours = manifest.contributes.grammars;
    assert.deepEqual(ours.filter((g) => EVEN_BETTER_TOML_SCOPES.includes(g.scopeName)).map((g) => g.scopeName), []);
    const toml = ours.find((g) => g.language === 'toml');
    assert.ok(toml, 'no grammar for toml');
    assert.ok(toml.scopeName.startsWith('source.toml.'), toml.scopeName);
    // VS Code registers the manifest's scope name; the file must declare the same one.
    const file = JSON.parse(fs.readFileSync(path.join(repoRoot, toml.path), 'utf8')) as { scopeName: string };
    assert.equal(file.scopeName, toml.scopeName);
    // And the tokens it makes carry it, so theme rules written for source.toml apply.
    assert.ok(tokenizer.tokenize('a = 1').lines[0]?.tokens.every((t) => t.scopes[0] === toml.scopeName));
  });
});
