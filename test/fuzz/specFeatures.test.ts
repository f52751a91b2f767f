// Fuzz: the spec documents' features (outline, folding, hover and definition on macros) on mutated
// azldev-rendered specs, with generated macros at hand: no exception, no hang, every symbol inside its
// parent and the document, every fold on real lines, every hover and definition span inside the text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { parseSpec } from '../../server/src/core/spec';
import { specDefinition, specFolding, specHover, specSymbols, type GeneratedMacro, type SpecSymbol } from '../../server/src/core/specFeatures';
import { prng, randomEdit } from '../unit/incremental/editCorpus';
import { listCorpusSpecs } from '../unit/spec/corpus';
import { defineFuzzTarget, isMainThread, type FuzzReporter } from './harness';
import { checkSpan } from './invariants';

/** Edits per spec at scale 1 (each followed by every feature). */
const EDITS_PER_SPEC = 1;
/** Cursor positions tried per case, half of them on a `%`. */
const CURSORS_PER_CASE = 16;

const GENERATED: GeneratedMacro[] = [
  { name: 'azl_pkgrelease', value: '8', fileName: 'x.azl.macros', setting: 'build.defines.azl_pkgrelease', file: '/p/x.comp.toml', span: { start: 0, end: 1 } },
  { name: '_without_debug', value: '1', fileName: 'x.azl.macros', setting: 'build.without', file: '/p/x.comp.toml', span: { start: 2, end: 3 } },
];

function checkSymbol(r: FuzzReporter, s: SpecSymbol, parent: { start: number; end: number }, length: number): number {
  checkSpan(r, `symbol ${s.name}`, s.span, length);
  if (s.span.start < parent.start || s.span.end > parent.end) r.fail(`symbol ${s.name} ${s.span.start}..${s.span.end} is outside its parent ${parent.start}..${parent.end}`);
  if (s.selectionSpan.start < s.span.start || s.selectionSpan.end > s.span.end) r.fail(`symbol ${s.name}'s selection is outside its range`);
  let n = 1;
  for (const c of s.children) n += checkSymbol(r, c, s.span, length);
  return n;
}

const run = defineFuzzTarget(__filename, 'spec features', (r, seed, scale) => {
  const rand = prng(seed ^ 0x5fea);
  const stats = { cases: 0, symbols: 0, folds: 0, hovers: 0, definitions: 0 };
  for (const file of listCorpusSpecs()) {
    let text = fs.readFileSync(file, 'utf8');
    for (let k = 0; k < EDITS_PER_SPEC * scale; k++) {
      text = randomEdit(text, rand).text;
      const input = text;
      r.begin(`${file}: edit ${k + 1}`, () => input);
      const doc = parseSpec(input);
      for (const s of specSymbols(doc)) stats.symbols += checkSymbol(r, s, { start: 0, end: input.length }, input.length);
      for (const f of specFolding(doc)) {
        if (!(f.startLine < f.endLine && f.endLine < doc.lines.length)) r.fail(`fold ${f.startLine}..${f.endLine} of ${doc.lines.length} lines`);
        stats.folds++;
      }
      for (let c = 0; c < CURSORS_PER_CASE; c++) {
        let offset = Math.floor(rand() * (input.length + 1));
        if (c % 2 === 0) {
          const pct = input.indexOf('%', offset);
          if (pct >= 0) offset = Math.min(input.length, pct + Math.floor(rand() * 6));
        }
        const h = specHover(doc, offset, GENERATED);
        if (h) {
          checkSpan(r, 'hover', h.span, input.length);
          if (offset < h.span.start || offset > h.span.end) r.fail(`hover span ${h.span.start}..${h.span.end} does not hold the cursor ${offset}`);
          stats.hovers++;
        }
        const d = specDefinition(doc, offset, GENERATED);
        if (d?.kind === 'spec') checkSpan(r, 'definition', d.span, input.length);
        if (d) stats.definitions++;
      }
      stats.cases++;
    }
  }
  return stats;
});

if (isMainThread) {
  test('fuzz: spec outline, folding, hover and definition on mutated rendered specs', { timeout: 30 * 60_000 }, async () => {
    const stats = await run();
    console.log(`spec features fuzz: ${JSON.stringify(stats)}`);
    assert.ok(stats.cases >= 600 && stats.hovers > 1000 && stats.definitions > 100, JSON.stringify(stats));
  });
}
