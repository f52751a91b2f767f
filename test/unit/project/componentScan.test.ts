// ComponentScan against a fresh pass over the union: random edits of each file's component list (a definition
// renewed, a run inserted, dropped or replaced, a name defined again in another file, a file's list replaced or
// emptied) and context changes, each step's hits (definition and value, in union order) equal to everyHit's.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ComponentScan, everyHit } from '../../../server/src/core/project/componentScan';
import type { Definition, ProjectModel } from '../../../server/src/core/project/projectModel';
import { prng } from '../../support/prng';

let nextId = 0;
function def(name: string, file: string): Definition {
  const id = nextId++;
  return { name, file, keySpan: { start: id, end: id }, definitionSpan: { start: id, end: id }, node: { type: 'table' } as unknown as Definition['node'] };
}

/** The model's parts a scan reads: each file's component list, and the union (the first of each name, in load order). */
function modelOf(lists: Map<string, Definition[]>): ProjectModel {
  const components = new Map<string, Definition>();
  const contributions = new Map<string, unknown>();
  for (const [file, list] of lists) {
    contributions.set(file, { file, unions: { components: list } });
    for (const d of list) if (!components.has(d.name)) components.set(d.name, d);
  }
  return { unions: { components }, contributions } as unknown as ProjectModel;
}

const shown = (hits: { def: Definition; value: string }[]) => hits.map((h) => [h.def.name, h.def.keySpan.start, h.value]);

test('scan hits equal a fresh pass over the union after each random edit', () => {
  const rand = prng(77);
  const names = Array.from({ length: 60 }, (_, i) => `c${i}`);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const files = ['a.toml', 'b.toml', 'c.toml'];
  const lists = new Map(files.map((f) => [f, Array.from({ length: 20 }, (_, i) => def(names[(i * 3 + f.length) % names.length] as string, f))]));
  const scan = new ComponentScan<string>();
  let context = { epoch: 0 };
  // A value for about a third of the definitions, depending on the definition and the context.
  const valueOf = (d: Definition) => ((d.keySpan.start + context.epoch) % 3 === 0 ? `${d.name}@${context.epoch}` : undefined);
  for (let step = 0; step < 3000; step++) {
    const file = pick(files);
    const list = [...(lists.get(file) as Definition[])];
    const at = Math.floor(rand() * (list.length + 1));
    const len = Math.floor(rand() * 4);
    const kind = Math.floor(rand() * 8);
    let label: string;
    if (kind === 0) {
      list.splice(at, len, ...Array.from({ length: len }, (_, i) => def(list[at + i]?.name ?? pick(names), file)));
      label = `renewed ${len} at ${at}`;
    } else if (kind === 1) {
      list.splice(at, 0, ...Array.from({ length: 1 + len }, () => def(pick(names), file)));
      label = `inserted ${1 + len} at ${at}`;
    } else if (kind === 2) {
      list.splice(at, 1 + len);
      label = `dropped ${1 + len} at ${at}`;
    } else if (kind === 3) {
      list.splice(at, len, ...Array.from({ length: Math.floor(rand() * 4) }, () => def(pick(names), file)));
      label = `replaced ${len} at ${at}`;
    } else if (kind === 4) {
      context = { epoch: context.epoch + 1 };
      label = 'context changed';
    } else if (kind === 5 && rand() < 0.2) {
      list.length = 0;
      label = 'emptied';
    } else {
      label = 'same list';
    }
    if (label !== 'same list' && label !== 'context changed') lists.set(file, list);
    const model = modelOf(lists);
    assert.deepStrictEqual(shown(scan.hits(model, [context], valueOf)), shown(everyHit(model, valueOf)), `step ${step}: ${file} ${label}`);
  }
});

test('a scan in steps that another call with another context ran between keeps nothing of either and answers as a fresh pass', () => {
  // Files of 3,000 components: a scan in steps yields within each.
  const lists = new Map(['a.toml', 'b.toml'].map((f) => [f, Array.from({ length: 3000 }, (_, i) => def(`${f}-${i}`, f))]));
  const model = modelOf(lists);
  const scan = new ComponentScan<string>();
  const valueOf = (epoch: number) => (d: Definition) => ((d.keySpan.start + epoch) % 3 === 0 ? `${d.name}@${epoch}` : undefined);
  const steps = scan.hitsSteps(model, [0], valueOf(0));
  let next = steps.next();
  for (let i = 0; i < 2; i++) next = steps.next();
  assert.equal(next.done, false, 'the scan in steps is under way');
  // Another call, with another context, between two steps.
  assert.deepStrictEqual(shown(scan.hits(model, [1], valueOf(1))), shown(everyHit(model, valueOf(1))));
  while (!next.done) next = steps.next();
  assert.deepStrictEqual(shown(next.value), shown(everyHit(model, valueOf(0))), 'the scan in steps');
  // What the scan keeps is the other call's: asked with its context again, the same answer.
  assert.deepStrictEqual(shown(scan.hits(model, [1], valueOf(1))), shown(everyHit(model, valueOf(1))), 'the other context again');
  assert.deepStrictEqual(shown(scan.hits(model, [0], valueOf(0))), shown(everyHit(model, valueOf(0))), 'the first context again');
});
