// The tally of a long item list (stringListTally.ts) followed through edits inside the array equals a count of the
// list as it is, at every step: names renamed, repeated, emptied, turned into numbers, removed, typed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToml, reparseToml, stringListTally, type ModelArray, type ModelNode, type TomlDocument } from '../../../server/src/core/toml';
import { prng } from '../incremental/editCorpus';

function packageList(doc: TomlDocument): ModelArray {
  const groups = doc.root.entries.get('package-groups')?.node;
  const group = groups?.type === 'table' ? groups.entries.get('g')?.node : undefined;
  const packages = group?.type === 'table' ? group.entries.get('packages')?.node : undefined;
  assert.ok(packages?.type === 'array');
  return packages;
}

const packageItems = (doc: TomlDocument): readonly ModelNode[] => packageList(doc).items;

function recount(items: readonly ModelNode[]): { others: number; empty: number; repeated: number } {
  const counts = new Map<string, number>();
  let others = 0;
  let empty = 0;
  for (const item of items) {
    if (item.type !== 'scalar' || item.syntax.kind !== 'string') {
      others++;
      continue;
    }
    const v = item.syntax.value;
    if (v === '') empty++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { others, empty, repeated: [...counts.values()].filter((n) => n > 1).length };
}

test('a long list\'s tally follows edits inside the array: equal to a count of the list at every step', () => {
  const rand = prng(20261205);
  const names = Array.from({ length: 400 }, (_, i) => `pkg-${i.toString(36)}`);
  let text = `[package-groups.g]\ndescription = "d"\npackages = [\n${names.map((n) => `    "${n}", # srpm: ${n}\n`).join('')}]\n`;
  // A list of a document not parsed for edits has no tally (the CLI's one-shot check makes none).
  assert.equal(stringListTally(packageList(parseToml(text, { traces: false }))), undefined);
  let doc = parseToml(text);
  const first = stringListTally(packageList(doc));
  assert.deepStrictEqual(first && { others: first.others, empty: first.empty, repeated: first.repeated }, recount(packageItems(doc)), 'before any edit');
  let followed = 0;
  for (let step = 0; step < 300; step++) {
    const lines = text.split('\n');
    const itemLines = lines.flatMap((l, i) => (/^\s+("|\d)/.test(l) ? [i] : []));
    const i = itemLines[Math.floor(rand() * itemLines.length)] as number;
    const other = names[Math.floor(rand() * names.length)] as string;
    const kind = Math.floor(rand() * 6);
    if (kind === 0) lines[i] = (lines[i] as string).replace(/"([^"]*)"/, '"$1q"');
    else if (kind === 1) lines[i] = (lines[i] as string).replace(/"([^"]*)"|\d+/, `"${other}"`);
    else if (kind === 2) lines[i] = (lines[i] as string).replace(/"([^"]*)"|\d+/, '""');
    else if (kind === 3) lines[i] = (lines[i] as string).replace(/"([^"]*)"/, '7');
    else if (kind === 4) lines.splice(i, 1);
    else lines.splice(i, 0, `    "${other}",`);
    text = lines.join('\n');
    const before = packageItems(doc);
    doc = reparseToml(doc, text, { takeOver: true });
    const items = packageItems(doc);
    const tally = stringListTally(packageList(doc));
    assert.ok(tally, `step ${step}: a list of a document parsed for edits has a tally`);
    if (items === before) followed++;
    assert.deepStrictEqual({ others: tally.others, empty: tally.empty, repeated: tally.repeated }, recount(items), `step ${step}`);
  }
  // The edits stay inside the array: the list is changed in place and the tally followed, not counted anew.
  assert.ok(followed >= 250, `${followed} of 300 steps followed the same list`);
});
