// The incremental re-parse against a from-scratch parse: for every corpus file and chains of seeded random
// edits, and for the edits that change how far a statement reads (unclosed strings, arrays and headers),
// the re-parsed document (syntax tree, model, errors, every span) deep-equals parseToml of the same text —
// copying the statements after the change (the previous document stays intact) and taking them over (the
// document cache's way: moved in place, keeping their identity).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { markedCommentCount, parseToml, reparseToml, type TomlDocument } from '../../../server/src/core/toml';
import { statementTraces, type StatementTrace } from '../../../server/src/core/toml/parser';
import { corpusRoot, prng, randomEdit, tomlFiles } from './editCorpus';

function assertSameAsScratch(doc: TomlDocument, text: string, label: string): void {
  const scratch = parseToml(text);
  assert.deepStrictEqual(doc, scratch, label);
  assertTraceAsScratch(doc, scratch, label);
  // Asked of every document of a chain, so each re-parse carries the count it was given (markedComments.ts).
  assert.equal(markedCommentCount(doc.syntax.comments), markedCommentCount(scratch.syntax.comments), `${label}: the comments naming distro-toml`);
}

/**
 * The statement trace the next re-parse starts from is a fresh parse's: where each statement starts, the errors
 * and comments before it, its table and entry index; how far it read at least as far (an edit inside an array
 * records an upper bound).
 */
function assertTraceAsScratch(doc: TomlDocument, scratch: TomlDocument, label: string): void {
  const got = statementTraces.get(doc.syntax);
  const want = statementTraces.get(scratch.syntax) as StatementTrace;
  assert.ok(got, `${label}: the re-parsed tree has a trace`);
  const { reaches, ...rest } = got;
  const { reaches: wantReaches, ...wantRest } = want;
  assert.deepStrictEqual(rest, wantRest, `${label}: the statement trace`);
  assert.equal(reaches.length, wantReaches.length, `${label}: the trace's reaches`);
  for (let i = 0; i < reaches.length; i++) assert.ok((reaches[i] as number) >= (wantReaches[i] as number), `${label}: statement ${i} read at least as far as a fresh parse`);
}

/**
 * Applies the texts in turn, each re-parsed from the previous document, checking every step — and that
 * the previous document is left as it was (the new one shares its unchanged tables).
 */
function checkChain(texts: string[], label: string): void {
  let doc = parseToml(texts[0] as string);
  for (let i = 1; i < texts.length; i++) {
    const previous = doc;
    doc = reparseToml(doc, texts[i] as string);
    assertSameAsScratch(doc, texts[i] as string, `${label}, step ${i}`);
    assertSameAsScratch(previous, texts[i - 1] as string, `${label}, step ${i}: the previous document`);
  }
  // The same chain, each document taken over by the next.
  let taken = parseToml(texts[0] as string);
  for (let i = 1; i < texts.length; i++) {
    taken = reparseToml(taken, texts[i] as string, { takeOver: true });
    assertSameAsScratch(taken, texts[i] as string, `${label}, step ${i}, taking over`);
  }
}

test('random edit chains over every corpus file: the re-parse equals a from-scratch parse', () => {
  const files = tomlFiles();
  assert.ok(files.length >= 200, `expected the corpus at ${corpusRoot}, found ${files.length} TOML files`);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const deadline = Date.now() + 30_000;
  let steps = 0;
  // Rounds over the whole corpus with their own seeds, as many as the time allows (at least one).
  for (let round = 0; round < 4 && (round === 0 || Date.now() < deadline); round++) {
    const rand = prng(20261201 + round);
    files.forEach((file, f) => {
      const original = texts[f] as string;
      // Big files cost a deep comparison per step: fewer chains there, more on the small ones.
      const chains = original.length > 100_000 ? 1 : 3;
      for (let c = 0; c < chains; c++) {
        let doc = parseToml(original);
        let text = original;
        const labels: string[] = [];
        for (let i = 0; i < 4; i++) {
          const edit = randomEdit(text, rand);
          labels.push(edit.label);
          const previous = { doc, text };
          doc = reparseToml(doc, edit.text);
          text = edit.text;
          const where = `round ${round}, ${path.relative(corpusRoot, file)}: ${labels.join(', ')}`;
          assertSameAsScratch(doc, text, where);
          if (original.length < 100_000) assertSameAsScratch(previous.doc, previous.text, `${where}: the previous document`);
          steps++;
        }
      }
    });
  }
  assert.ok(steps >= 2000, `only ${steps} edits checked`);
});

const BASE = [
  '# a project',
  'name = "x"',
  '',
  '[components.a]',
  'spec = { type = "upstream" }',
  '',
  '[components.b]',
  'arr = [',
  '  "one", # first',
  '  "two",',
  ']',
  'text = """',
  'line',
  '"""',
  '',
  '[[components.b.overlays]]',
  'type = "spec-add-tag"',
  '',
  '[components.c]',
  'x = 1',
  '',
].join('\n');

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0, `${from} is in the base text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

test('targeted edits: inside a header, deleting a header, a duplicate, an unclosed multi-line string and back', () => {
  const cases: [string, string][] = [
    ['edit inside a header', replaceOnce(BASE, '[components.b]', '[components.bb]')],
    ['break a header', replaceOnce(BASE, '[components.b]', '[components.b')],
    ['delete a header', replaceOnce(BASE, '[components.c]\n', '')],
    ['add a duplicate table', replaceOnce(BASE, '[components.c]', '[components.a]')],
    ['add a duplicate key', replaceOnce(BASE, 'x = 1', 'x = 1\nx = 2')],
    ['open a multi-line string', replaceOnce(BASE, 'x = 1', 'x = """1')],
    ['open an earlier multi-line string', replaceOnce(BASE, 'spec = {', 's = """\nspec = {')],
    ['unclose the multi-line string', replaceOnce(BASE, '"""\n\n[[', '""\n\n[[')],
    ['unclose an array', replaceOnce(BASE, '  "two",\n]', '  "two",\n')],
    ['open an array before headers', replaceOnce(BASE, 'x = 1', 'x = [1,')],
    ['unclose an inline table', replaceOnce(BASE, '"upstream" }', '"upstream"')],
    ['a key becomes a header', replaceOnce(BASE, 'type = "spec-add-tag"', '[type]')],
    ['a header becomes a key', replaceOnce(BASE, '[components.c]', 'components.c = 1')],
    ['a comment swallows a header', replaceOnce(BASE, '\n[components.c]', '# [components.c]')],
    ['join two lines', replaceOnce(BASE, 'x = 1\n', 'x = 1')],
    ['CRLF line end', replaceOnce(BASE, 'x = 1\n', 'x = 1\r\n')],
    ['an ignore comment in an array', replaceOnce(BASE, '"two",', '"two", # distro-toml: ignore[unknown-key]')],
    ['an ignore comment between statements', replaceOnce(BASE, 'x = 1', '# distro-toml: ignore[unknown-key]\nx = 1')],
    ['an ignore comment becomes another comment', replaceOnce(replaceOnce(BASE, '# first', '# distro-toml: ignore[a]'), '"two",', '"two", # distro-toml: ignore[b]')],
  ];
  for (const [label, edited] of cases) {
    checkChain([BASE, edited, BASE, edited], label);
  }
});

test('headers below an unchanged table extend it in the new document only, never in the previous one', () => {
  const base = ['[components.a]', 'build.defines = { x = "1" }', 'spec.type = "local"', '', '[components.b]', 'x = 1', '', '[components.c]', 'y = 2', ''].join('\n');
  const cases: [string, string][] = [
    ['a deeper header', replaceOnce(base, 'y = 2', 'y = 2\n[components.a.overlays]\nz = 3')],
    ['a header into a dotted table', replaceOnce(base, 'y = 2', 'y = 2\n[components.a.build.check]\nskip = true')],
    ['an array of tables below', replaceOnce(base, 'y = 2', 'y = 2\n[[components.a.overlays]]\ntype = "spec-add-tag"')],
    ['a duplicate of the unchanged table', replaceOnce(base, 'y = 2', 'y = 2\n[components.a]\nq = 1')],
    ['a table and a sub-table after the change', replaceOnce(base, 'y = 2', 'y = 2\n[components.b.spec]\n[components.b.spec.x]')],
  ];
  for (const [label, edited] of cases) checkChain([base, edited, base, edited, replaceOnce(edited, 'x = 1', 'x = 11')], label);
});

test('typing a multi-line string character by character, then closing it, stays equal to a fresh parse', () => {
  const texts = [BASE];
  let text = BASE;
  const at = text.indexOf('x = 1') + 4;
  for (const piece of ['"', '"', '"', 'a', '\n', 'b', '"', '"', '"']) {
    text = text.slice(0, text.indexOf('x = ') + 4) + text.slice(text.indexOf('x = ') + 4, at) + piece + text.slice(at);
    texts.push(text);
  }
  checkChain(texts, 'typing');
});

test('taking over, random edit chains over every corpus file: the re-parse equals a from-scratch parse', () => {
  const files = tomlFiles();
  assert.ok(files.length >= 200, `expected the corpus at ${corpusRoot}, found ${files.length} TOML files`);
  const rand = prng(20261202);
  let steps = 0;
  for (const file of files) {
    const original = readFileSync(file, 'utf8');
    let doc = parseToml(original);
    let text = original;
    const labels: string[] = [];
    // Fewer steps on the big files, whose deep comparison is slow.
    for (let i = 0; i < (original.length > 100_000 ? 3 : 6); i++) {
      const edit = randomEdit(text, rand);
      labels.push(edit.label);
      doc = reparseToml(doc, edit.text, { takeOver: true });
      text = edit.text;
      assertSameAsScratch(doc, text, `${path.relative(corpusRoot, file)}: ${labels.join(', ')}`);
      steps++;
    }
  }
  assert.ok(steps >= 1000, `only ${steps} edits checked`);
});

test('taking over, the statements after the change are the nodes of the previous document, moved', () => {
  const doc = parseToml(BASE);
  const last = doc.syntax.tables[doc.syntax.tables.length - 1];
  const edited = replaceOnce(BASE, 'arr = [', 'arrr = [');
  const copied = reparseToml(doc, edited);
  assert.notEqual(copied.syntax.tables[copied.syntax.tables.length - 1], last, 'copied by default');
  const taken = reparseToml(doc, edited, { takeOver: true });
  assertSameAsScratch(taken, edited, 'arrr');
  assert.equal(taken.syntax.tables[taken.syntax.tables.length - 1], last, 'the same table node, moved');
  assert.equal(last?.headerSpan.start, edited.indexOf('[components.c]'));
});

test('an edit after the first statement re-parses only near the change and reuses the statements before it', () => {
  const doc = parseToml(BASE);
  const edited = replaceOnce(BASE, 'x = 1', 'x = 2');
  const next = reparseToml(doc, edited);
  assertSameAsScratch(next, edited, 'x = 2');
  // Tables before the change are the same objects; the key/values of the first table too.
  assert.equal(next.syntax.tables[0], doc.syntax.tables[0]);
  assert.equal(next.syntax.tables[1], doc.syntax.tables[1]);
  assert.equal(next.syntax.rootEntries[0], doc.syntax.rootEntries[0]);
});

test('an edit above the first statement or in it re-parses from the text\'s start and reuses every statement after it: the top of components.toml and sdk.packages.toml', () => {
  // Before, any edit before the second statement parsed the whole file again (components.toml's 7,400 headers,
  // sdk.packages.toml's 17,000 items: 40-60 ms a keystroke, and its garbage).
  const components = readFileSync(path.join(corpusRoot, 'base/comps/components.toml'), 'utf8');
  const sdk = readFileSync(path.join(corpusRoot, 'base/packages/sdk.packages.toml'), 'utf8');
  const at = (text: string, needle: string, plus = 0) => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    return i + plus;
  };
  const insert = (text: string, offset: number, what: string) => text.slice(0, offset) + what + text.slice(offset);
  const cases: [string, string, string][] = [
    ['components.toml: a character at the very start', components, insert(components, 0, 'x')],
    ['components.toml: inside the includes array', components, insert(components, at(components, '"**/*.comp.toml"', 3), 'q')],
    ['components.toml: a comment above the first header', components, insert(components, at(components, '# Components imported', 5), 'q')],
    ['components.toml: a comment line typed at the start', components, insert(components, 0, '# note\n')],
    ['components.toml: the includes line made a header', components, insert(components, 0, '[')],
    ['components.toml: a comment opened at the start', components, insert(components, 0, '#')],
    ['sdk.packages.toml: its first comment', sdk, insert(sdk, 3, 'q')],
    ['sdk.packages.toml: the group header', sdk, insert(sdk, at(sdk, '[package-groups.', 5), 'q')],
    ['sdk.packages.toml: a blank line above the header', sdk, insert(sdk, at(sdk, '[package-groups.'), '\n')],
    ['sdk.packages.toml: a key typed above the header', sdk, insert(sdk, at(sdk, '[package-groups.'), 'k = 1\n')],
    ['sdk.packages.toml: an unclosed string typed in the first comment line', sdk, insert(sdk, 0, 'a = "\n')],
    ['a byte order mark, then a comment edit', '\ufeff# c\n[t]\nx = 1\n', '\ufeff# cq\n[t]\nx = 1\n'],
  ];
  for (const [label, before, after] of cases) {
    checkChain([before, after, before, after], label);
    // Taken over, the statements well after the edit are the previous document's own nodes (not parsed again).
    const doc = parseToml(before);
    const last = doc.syntax.tables[doc.syntax.tables.length - 1];
    const taken = reparseToml(doc, after, { takeOver: true });
    assertSameAsScratch(taken, after, `${label}, taken over`);
    let changedAt = 0;
    while (before[changedAt] === after[changedAt]) changedAt++;
    if (before.length > 1000 && last && last.headerSpan.start > changedAt) assert.equal(taken.syntax.tables[taken.syntax.tables.length - 1], last, `${label}: the last table is the same node, moved`);
  }
});

test('an edit past all that a statement read (blank lines, comments, the end of the file) starts after it: sdk.packages.toml\'s 17,000-item key/value is not parsed again', () => {
  const sdk = readFileSync(path.join(corpusRoot, 'base/packages/sdk.packages.toml'), 'utf8');
  const components = readFileSync(path.join(corpusRoot, 'base/comps/components.toml'), 'utf8');
  const blank = components.indexOf('\n\n') + 1;
  assert.ok(blank > 0);
  const cases: [string, string, string][] = [
    ['sdk.packages.toml: a character at the end', sdk, sdk + 'x'],
    ['sdk.packages.toml: a key typed at the end', sdk, sdk + 'extra = 1\n'],
    ['sdk.packages.toml: a table typed at the end', sdk, sdk + '\n[package-groups.more]\npackages = ["a"]\n'],
    ['sdk.packages.toml: a comment after the list', sdk, sdk + '# the end\n'],
    ['sdk.packages.toml: a second list, unclosed', sdk, sdk + 'other = [\n  "x",\n'],
    ['components.toml: a blank line below the includes line', components, components.slice(0, blank) + 'x\n' + components.slice(blank)],
    ['components.toml: a comment below the includes line', components, components.slice(0, blank) + '# note\n' + components.slice(blank)],
    ['a key after a table of errors', '[t]\n= 1\n!!\n\n', '[t]\n= 1\n!!\n\nk = 2\n'],
    ['a key after a root key and a comment', 'a = 1 # c\n\n', 'a = 1 # c\n\nb = 2\n'],
  ];
  for (const [label, before, after] of cases) {
    checkChain([before, after, before, after], label);
    const doc = parseToml(before);
    const list = doc.syntax.tables[0]?.entries.find((kv) => kv.key.segments[0]?.value === 'packages');
    const taken = reparseToml(doc, after, { takeOver: true });
    assertSameAsScratch(taken, after, `${label}, taken over`);
    if (list) assert.equal(taken.syntax.tables[0]?.entries.find((kv) => kv.key.segments[0]?.value === 'packages'), list, `${label}: the list's key/value is the previous document's node`);
  }
});

test('an edit of a header goes on with the key/values below it in the new table: sdk.packages.toml\'s 17,000-item key/value is not parsed again', () => {
  // Before, the key/values after a header read again were never a place to stop: renaming sdk.packages.toml's group
  // parsed its 17,000 items again (80 / 107 ms a keystroke in process).
  const sdk = readFileSync(path.join(corpusRoot, 'base/packages/sdk.packages.toml'), 'utf8');
  const header = sdk.indexOf('[package-groups.');
  assert.ok(header >= 0);
  const insert = (text: string, offset: number, what: string) => text.slice(0, offset) + what + text.slice(offset);
  const small = '[a]\nx = 1\n\n[b]\ny = 2\nz = [\n  1,\n]\n[c]\nw = 3\n';
  // The last: whether the list's key/value is the previous document's node, taken over (the cases without a header to
  // go on in parse it again).
  const cases: [string, string, string, boolean?][] = [
    ['sdk.packages.toml: a character in the group header', sdk, insert(sdk, header + 5, 'q'), true],
    ['sdk.packages.toml: the group renamed', sdk, sdk.replace('[package-groups.sdk-packages]', '[package-groups.sdk-packagez]'), true],
    ['sdk.packages.toml: the header made an array of tables', sdk, sdk.replace('[package-groups.sdk-packages]', '[[package-groups.sdk-packages]]'), true],
    ['sdk.packages.toml: the header broken', sdk, insert(sdk, header + 1, '"')],
    ['sdk.packages.toml: the header deleted', sdk, sdk.replace('[package-groups.sdk-packages]\n', '')],
    ['sdk.packages.toml: a header typed below it', sdk, insert(sdk, sdk.indexOf('description', header), '[package-groups.other]\n'), true],
    ['sdk.packages.toml: a header typed above it', sdk, insert(sdk, header, '[package-groups.other]\nk = 1\n'), true],
    ['a header renamed', small, small.replace('[b]', '[bb]')],
    ['a header deleted', small, small.replace('[b]\n', '')],
    ['a header typed between a header and its key/values', small, small.replace('y = 2', '[q]\ny = 2')],
    ['a header typed among the key/values', small, small.replace('z = [', '[q]\nz = [')],
    ['a header with a key/value typed', small, small.replace('[b]', '[b]\nv = 0\n[bb]')],
    ['two headers made one', small, small.replace('w = 3\n', '').replace('[c]\n', '')],
    ['a header typed among root key/values', 'x = 1\ny = 2\nw = [\n  1,\n]\n[t]\nz = 3\n', 'x = 1\n[q]\ny = 2\nw = [\n  1,\n]\n[t]\nz = 3\n'],
  ];
  const listOf = (doc: TomlDocument) => doc.syntax.tables.flatMap((t) => t.entries).find((kv) => kv.key.segments[0]?.value === 'packages');
  for (const [label, before, after, reused] of cases) {
    checkChain([before, after, before, after], label);
    const doc = parseToml(before);
    const list = listOf(doc);
    const taken = reparseToml(doc, after, { takeOver: true });
    assertSameAsScratch(taken, after, `${label}, taken over`);
    if (reused) assert.equal(listOf(taken), list, `${label}: the list's key/value is the previous document's node`);
  }
});

test('an unclosed multi-line string reads to the end: closing it far below re-reads it', () => {
  const open = ['name = "x"', 't = """abc', '', '[components.a]', 'x = 1', '', '[components.b]', 'y = 2', ''].join('\n');
  checkChain([open, replaceOnce(open, 'y = 2', 'y = 2 """'), open], 'close it below');
  checkChain([open, replaceOnce(open, 'y = 2', "y = '''"), replaceOnce(open, 'y = 2', "y = '''2'''")], 'another one below');
});

test('a look-ahead that was rewound still counts: an edit below what an unclosed array read re-reads the array', () => {
  const peeked = ['a = [1,', '"""x', '[t]', 'y""" = 2', 'z = 3', 'w = 4', ''].join('\n');
  checkChain([peeked, replaceOnce(peeked, 'y""" = 2', 'y"" = 2'), peeked], 'unclose what the array read');
});
