// Model tables kept across edits (modelBuilder.ts): a `[header]` statement the edit did not re-parse keeps its
// model table, and toJSShared shares the table's value between calls. Differential: chains of random edits of
// corpus files — with headers typed that reach into unchanged tables, duplicates and edits inside arrays —
// each document taken over by the next as the document cache does, give at every step the model of a
// from-scratch parse, and toJSShared gives toJS of that model; and the tables an edit did not touch keep
// their identity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseToml, reparseToml, toJS, toJSShared, type ModelNode, type ModelTable, type TomlDocument } from '../../../server/src/core/toml';
import { statementTraces } from '../../../server/src/core/toml/parser';
import { corpusRoot, prng, randomEdit, tomlFiles } from './editCorpus';

const COMPONENTS = path.join(corpusRoot, 'base/comps/components.toml');
const SDK = path.join(corpusRoot, 'base/packages/sdk.packages.toml');

function componentTables(doc: TomlDocument): Map<string, ModelTable> {
  const out = new Map<string, ModelTable>();
  const comps = doc.root.entries.get('components')?.node;
  if (comps?.type === 'table') for (const [name, e] of comps.entries) if (e.node.type === 'table') out.set(name, e.node);
  return out;
}

/** Every table's keys in order (deepStrictEqual compares maps without their order), by path. */
function keyOrders(root: ModelTable): string[] {
  const out: string[] = [];
  const work: [string, ModelNode][] = [['', root]];
  for (let w = work.pop(); w; w = work.pop()) {
    const [at, node] = w;
    if (node.type === 'table') {
      out.push(`${at}: ${[...node.entries.keys()].join(' ')}`);
      for (const [k, e] of node.entries) work.push([`${at}.${k}`, e.node]);
    } else if (node.type === 'array') node.items.forEach((item, i) => work.push([`${at}[${i}]`, item]));
  }
  return out;
}

function assertScratch(doc: TomlDocument, text: string, label: string): void {
  const scratch = parseToml(text);
  assert.deepStrictEqual(doc, scratch, label);
  assert.deepStrictEqual(keyOrders(doc.root), keyOrders(scratch.root), `${label}: keys in load order`);
  assert.deepStrictEqual(toJSShared(doc.root), toJS(scratch.root), `${label}: toJSShared`);
}

/** Insertions that make a header reach into (or repeat) a component defined above, at the end of the file. */
function reachingEdits(text: string, names: string[], rand: () => number): string {
  const name = names[Math.floor(rand() * names.length)] as string;
  const key = /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
  const snippets = [`\n[components.${key}.build]\nx = 1\n`, `\n[[components.${key}.overlays]]\ntype = "spec-add-tag"\n`, `\n[components.${key}]\ny = 2\n`, `\n[components.${key}.a.b]\n`];
  const snippet = snippets[Math.floor(rand() * snippets.length)] as string;
  // Somewhere after the component's own header: at a line start in the second half of the text.
  const at = text.indexOf('\n', Math.floor(text.length * (0.5 + rand() / 2))) + 1 || text.length;
  return text.slice(0, at) + snippet + text.slice(at);
}

test('an edit of one header of components.toml keeps the model table of every other component', () => {
  const text = readFileSync(COMPONENTS, 'utf8');
  const header = /^\[components\.([A-Za-z0-9_-]+)\]$/gm;
  header.lastIndex = text.length >> 1;
  const m = header.exec(text);
  assert.ok(m, 'a header in the middle');
  const at = m.index + '[components.'.length;
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const doc = parseToml(text);
  const before = componentTables(doc);
  assert.ok(before.size >= 7000, `components.toml has ${before.size} components`);
  const next = reparseToml(doc, edited, { takeOver: true });
  assertScratch(next, edited, 'typo in a header');
  const after = componentTables(next);
  let kept = 0;
  for (const [name, table] of after) if (before.get(name) === table) kept++;
  // The table before the edited header is re-read too (the re-parse restarts in it): at most two are new.
  assert.ok(kept >= before.size - 2, `every component but the edited one and the one before it keeps its table (${kept} of ${before.size})`);
  assert.ok(!after.has(m[1] as string));
  // And back: the edited statement is a new table, the others still the same.
  const back = reparseToml(next, text, { takeOver: true });
  assertScratch(back, text, 'typo removed');
  const again = componentTables(back);
  assert.notEqual(again.get(m[1] as string), before.get(m[1] as string));
  assert.ok([...again].filter(([name, t]) => before.get(name) === t).length >= before.size - 3);
});

test('a header typed below reaches into an unchanged table: the table is made anew, the old one is left as it was', () => {
  // Tables between, so the re-parse of the end leaves `[components.a]` to be reused.
  const filler = Array.from({ length: 20 }, (_, i) => `[components.f${i}]\nv = ${i}\n`);
  const base = ['[components.a]', 'x = 1', 'b.c = 2', '', ...filler, '[components.z]', 'y = 2', ''].join('\n');
  const doc = parseToml(base);
  const a = componentTables(doc).get('a') as ModelTable;
  const keys = [...a.entries.keys()];
  for (const extra of ['[components.a.build]\nq = 1\n', '[[components.a.overlays]]\nq = 1\n', '[components.a.b.d]\n', '[components.a]\nq = 1\n', '[components.a.b]\n']) {
    let cur = parseToml(base);
    const first = componentTables(cur).get('a');
    const edited = base + extra;
    cur = reparseToml(cur, edited, { takeOver: true });
    assertScratch(cur, edited, extra);
    if (!extra.startsWith('[components.a]')) assert.notEqual(componentTables(cur).get('a'), first, `${extra}: a new table`);
    assert.deepStrictEqual([...(first as ModelTable).entries.keys()], keys, `${extra}: the earlier table is unchanged`);
    cur = reparseToml(cur, base, { takeOver: true });
    assertScratch(cur, base, `${extra} removed`);
    cur = reparseToml(cur, edited, { takeOver: true });
    assertScratch(cur, edited, `${extra} again`);
  }
});

test('random edit chains over corpus files, with headers reaching into earlier tables: model and toJSShared equal a fresh parse', () => {
  const rand = prng(20261215);
  const files = tomlFiles();
  const sample = [COMPONENTS, SDK, ...files.filter((_, i) => i % 7 === 0)];
  let steps = 0;
  for (const file of sample) {
    const original = readFileSync(file, 'utf8');
    const names = [...componentTables(parseToml(original)).keys()];
    const chainLength = original.length > 100_000 ? 6 : 10;
    let doc = parseToml(original);
    let text = original;
    const labels: string[] = [];
    for (let i = 0; i < chainLength; i++) {
      if (names.length && rand() < 0.3) {
        text = reachingEdits(text, names, rand);
        labels.push('reaching header');
      } else {
        const edit = randomEdit(text, rand);
        text = edit.text;
        labels.push(edit.label);
      }
      doc = reparseToml(doc, text, { takeOver: true });
      assertScratch(doc, text, `${path.relative(corpusRoot, file)}: ${labels.join(', ')}`);
      steps++;
    }
  }
  assert.ok(steps >= 150, `only ${steps} edits checked`);
});

test('an edit inside sdk.packages.toml\'s array gives its table a new identity, so toJSShared sees the new item', () => {
  const text = readFileSync(SDK, 'utf8');
  const item = /^\s+"([^"\n]+)",/gm;
  item.lastIndex = text.length >> 1;
  const m = item.exec(text);
  assert.ok(m, 'an item in the middle of the array');
  const at = m.index + m[0].indexOf('"') + 1;
  let doc = parseToml(text);
  toJSShared(doc.root);
  const groups = () => doc.root.entries.get('package-groups')?.node as ModelTable;
  const before = groups().entries.get('sdk-packages')?.node;
  for (const [label, t] of [['renamed item', text.slice(0, at) + 'zz' + text.slice(at)], ['back', text]] as const) {
    doc = reparseToml(doc, t, { takeOver: true });
    assertScratch(doc, t, label);
  }
  assert.notEqual(groups().entries.get('sdk-packages')?.node, before, 'the table was renewed');
});

test('a key typed above sdk.packages.toml\'s array keeps the array\'s model, its shared value and its comments; an edit inside the array then still shows', () => {
  const text = readFileSync(SDK, 'utf8');
  const key = text.indexOf('\ndescription') + 'description'.length + 1;
  const typo = text.slice(0, key) + 'x' + text.slice(key);
  let doc = parseToml(text);
  const packagesOf = (d: TomlDocument) => ((d.root.entries.get('package-groups')?.node as ModelTable).entries.get('sdk-packages')?.node as ModelTable).entries.get('packages')?.node;
  const array = packagesOf(doc);
  assert.ok(array?.type === 'array' && array.items.length > 10_000, 'the 17,000-item list');
  const value = (toJSShared(doc.root) as { 'package-groups': Record<string, { packages: unknown[] }> })['package-groups']['sdk-packages']?.packages;
  const lastComment = doc.syntax.comments[doc.syntax.comments.length - 1];
  for (const [label, t] of [['typo above', typo], ['back', text], ['typo again', typo]] as const) {
    doc = reparseToml(doc, t, { takeOver: true });
    assertScratch(doc, t, label);
    assert.equal(packagesOf(doc), array, `${label}: the same model array`);
    const shared = (toJSShared(doc.root) as { 'package-groups': Record<string, { packages: unknown[] }> })['package-groups']['sdk-packages']?.packages;
    assert.equal(shared, value, `${label}: the same shared value`);
    assert.equal(doc.syntax.comments[doc.syntax.comments.length - 1], lastComment, `${label}: the comments moved, not copied`);
  }
  // Inside the array now: the kept model and value follow the edit.
  const item = /^\s+"([^"\n]+)",/gm;
  item.lastIndex = typo.length >> 1;
  const m = item.exec(typo);
  assert.ok(m, 'an item in the middle');
  const at = m.index + m[0].indexOf('"') + 1;
  const renamed = typo.slice(0, at) + 'zz' + typo.slice(at);
  doc = reparseToml(doc, renamed, { takeOver: true });
  assertScratch(doc, renamed, 'renamed item');
  // A key above again: the model kept is the edited one.
  const both = renamed.slice(0, key) + renamed.slice(key + 1);
  doc = reparseToml(doc, both, { takeOver: true });
  assertScratch(doc, both, 'key back after the item edit');
});

/** The implicit `components` table's map of keys (patched in place when the model is patched). */
const componentsMap = (doc: TomlDocument) => (doc.root.entries.get('components')?.node as ModelTable | undefined)?.entries;
/** The root's entry for `components`: a patched model keeps it (a build makes every entry of a non-statement table anew). */
const componentsEntry = (doc: TomlDocument) => doc.root.entries.get('components');

/**
 * Edits of header statements, the ones the model is patched for (patchModel): a typo in a header's key or
 * name and back, a header deleted or duplicated, a new header typed in the middle, above the first or below the
 * last, a header renamed to an existing name (a redefinition), a subtable of a component, a new top-level table
 * path, a duplicate key inside a component.
 */
function headerEdit(text: string, rand: () => number): { text: string; label: string } {
  const headers = [...text.matchAll(/^\[components\.([^\]\n]+)\]$/gm)];
  if (!headers.length) return { text: text + '\n[components.zz]\n', label: 'a first header' };
  const pick = headers[Math.floor(rand() * headers.length)] as RegExpMatchArray;
  const at = pick.index as number;
  const lineEnd = text.indexOf('\n', at) + 1 || text.length;
  const name = pick[1] as string;
  const other = (headers[Math.floor(rand() * headers.length)] as RegExpMatchArray)[1] as string;
  const choices: [string, () => string][] = [
    ['typo in the key', () => text.slice(0, at + 11) + 'x' + text.slice(at + 11)],
    ['typo in the name', () => text.slice(0, at + 12) + 'q' + text.slice(at + 12)],
    ['header line deleted', () => text.slice(0, at) + text.slice(lineEnd)],
    ['header line doubled', () => text.slice(0, lineEnd) + text.slice(at, lineEnd) + text.slice(lineEnd)],
    ['new header above', () => text.slice(0, at) + `[components.zz-${Math.floor(rand() * 1000)}]\n` + text.slice(at)],
    ['new header at the top', () => `[components.aa-top]\nk = 1\n` + text],
    ['renamed to another', () => text.slice(0, at + 12) + other + text.slice(at + 12 + name.length)],
    ['subtable', () => text.slice(0, lineEnd) + `[components.${name}.build]\n` + text.slice(lineEnd)],
    ['new path', () => text.slice(0, at) + `[other.deep.t]\nv = 1\n` + text.slice(at)],
    ['duplicate key inside', () => text.slice(0, lineEnd) + 'spec = 1\nspec = 2\n' + text.slice(lineEnd)],
    ['key typed in the header', () => text.slice(0, at + 1) + 'x.' + text.slice(at + 1)],
  ];
  const [label, make] = choices[Math.floor(rand() * choices.length)] as [string, () => string];
  return { text: make(), label: `${label} (${name})` };
}

test('header statements patched into the model: typo chains over components.toml and small files equal a fresh parse, keys in load order', () => {
  const rand = prng(20261203);
  const small = ['[components.a]', 'x = 1', '', '[components.b]', '', '[components.c]', 'spec = { type = "local" }', '', '[components.d]', 'y = 2', ''].join('\n');
  const sources: [string, string, number][] = [['components.toml', readFileSync(COMPONENTS, 'utf8'), 40], ['small', small, 200]];
  let patched = 0;
  let steps = 0;
  for (const [label, original, chain] of sources) {
    for (let round = 0; round < (label === 'small' ? 5 : 1); round++) {
      let text = original;
      let doc = parseToml(text);
      const labels: string[] = [];
      for (let i = 0; i < chain; i++) {
        // Each edit undone half the time, as the typo of the benchmark.
        const before = text;
        const edit = rand() < 0.3 && labels.length ? { text: original, label: 'back to the original' } : headerEdit(text, rand);
        text = edit.text;
        labels.push(edit.label);
        const entry = componentsEntry(doc);
        doc = reparseToml(doc, text, { takeOver: true });
        assertScratch(doc, text, `${label}: ${labels.slice(-6).join(', ')}`);
        if (entry && componentsEntry(doc) === entry) patched++;
        steps++;
        if (rand() < 0.5) {
          text = before;
          labels.push('undone');
          const kept = componentsEntry(doc);
          doc = reparseToml(doc, text, { takeOver: true });
          assertScratch(doc, text, `${label}: ${labels.slice(-6).join(', ')}`);
          if (kept && componentsEntry(doc) === kept) patched++;
          steps++;
        }
      }
    }
  }
  // Most header edits are patched (the root's entry for components kept); the rest (a redefinition, the first header, …) built.
  assert.ok(patched >= steps / 4, `${patched} of ${steps} edits patched the model`);
});

test('the benchmark\'s typo in a header key in the middle of components.toml patches the model: the other tables, the components map, the list of tables and the trace kept', () => {
  const text = readFileSync(COMPONENTS, 'utf8');
  const header = /^\[components\.([A-Za-z0-9_-]+)\]$/gm;
  header.lastIndex = text.length >> 1;
  const m = header.exec(text);
  assert.ok(m);
  const at = m.index + '[components'.length;
  const typo = text.slice(0, at) + 'x' + text.slice(at);
  let doc = parseToml(text);
  const before = componentTables(doc);
  for (const [label, t] of [['typo', typo], ['back', text], ['typo again', typo], ['back again', text]] as const) {
    const map = componentsMap(doc);
    const root = doc.root;
    const tables = doc.syntax.tables;
    const trace = statementTraces.get(doc.syntax);
    doc = reparseToml(doc, t, { takeOver: true });
    assertScratch(doc, t, label);
    assert.notEqual(doc.root, root, `${label}: the root is a new table`);
    // The syntax tree's list of 7,400 tables and its statement trace are the previous document's, changed in place.
    assert.equal(doc.syntax.tables, tables, `${label}: the list of tables changed in place`);
    assert.equal(statementTraces.get(doc.syntax), trace, `${label}: the statement trace changed in place`);
    const after = componentTables(doc);
    // Every component but the edited one keeps its table, the one before it too (its node is kept).
    assert.equal([...after].filter(([name, table]) => before.get(name) === table).length, before.size - 1, `${label}: every other component's table kept`);
    // The name that returns in the middle is spliced into its place (orderedMap.ts): the map is not made again.
    assert.equal(componentsMap(doc), map, `${label}: the components map patched in place`);
  }
});

test('an edit of the first header of components.toml patches the model too: the implicit components table is then named first by another header', () => {
  // The first header made the implicit `components` table: a typo in it, a name changed, the line deleted, a header
  // typed above it, each moves the table's definition to the header a build would take; before, each built the
  // whole model again (7,400 tables, 6-18 ms a keystroke in process against ~1 ms in the middle of the file).
  const text = readFileSync(COMPONENTS, 'utf8');
  const first = /^\[components\.([A-Za-z0-9_-]+)\]\n/m.exec(text);
  assert.ok(first);
  const at = first.index;
  const lineEnd = at + first[0].length;
  const edits: [string, string][] = [
    ['typo in the key', text.slice(0, at + 11) + 'x' + text.slice(at + 11)],
    ['typo in the name', text.slice(0, at + 12) + 'q' + text.slice(at + 12)],
    ['a space after the header', text.slice(0, lineEnd - 1) + ' ' + text.slice(lineEnd - 1)],
    ['header line deleted', text.slice(0, at) + text.slice(lineEnd)],
    ['a header typed above it', text.slice(0, at) + '[components.000-new]\n' + text.slice(at)],
    ['a key typed in the header', text.slice(0, at + 1) + 'x.' + text.slice(at + 1)],
  ];
  for (const [label, edited] of edits) {
    let doc = parseToml(text);
    for (const [step, t] of [[label, edited], [`${label}, undone`, text], [`${label} again`, edited], [`${label}, undone again`, text]] as const) {
      const entry = componentsEntry(doc);
      doc = reparseToml(doc, t, { takeOver: true });
      assertScratch(doc, t, step);
      assert.equal(componentsEntry(doc), entry, `${step}: patched (the root's entry for components kept)`);
    }
  }
});

test('a header patched in where the header above cannot place it: the table\'s keys put in load order', () => {
  // More statements between than keyBefore looks back, so the new key is set at the end and the order checked whole.
  const filler = Array.from({ length: 80 }, (_, i) => `[z.f${i}]\n`).join('');
  for (const [label, before, typed] of [
    // x holds a (named above) and c (below): b typed between them is set after c, and the keys put back in order.
    ['between two keys', `[components.a]\n[x.a]\n${filler}[w.q]\n[w.r]\n[x.c]\n`, `[components.a]\n[x.a]\n${filler}\n[x.b]\n[w.q]\n[w.r]\n[x.c]\n`],
    // x holds a: b typed below, after it (a table of two keys is always in order here: its first was named above).
    ['after one key', `[components.a]\n[x.a]\n${filler}`, `[components.a]\n[x.a]\n${filler}[x.b]\n`],
    // A new implicit table with one key (the benchmark's typo makes one): in order as it is, not checked.
    ['a new table', `[components.a]\n${filler}`, `[components.a]\n${filler}[y.b]\n`],
  ] as const) {
    const old = parseToml(before);
    const entry = componentsEntry(old);
    const doc = reparseToml(old, typed, { takeOver: true });
    assert.equal(componentsEntry(doc), entry, `${label}: patched`);
    assertScratch(doc, typed, label);
  }
});
