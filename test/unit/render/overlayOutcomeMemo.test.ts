// The overlay check's memo (core/render/overlayOutcomeMemo.ts, the worker's) against rendering from scratch, over
// random edits of the real tree's component files with the most overlays, as the server makes its plans while
// typing: the outcome of every plan, the memo's (kept, or rendered from the parsed spec and from the first overlay
// step that changed) and a fresh render's, are the same, and so are the findings located from them. Edits change
// overlays the render reads (a regex, a replacement, a type), what it does not (a description, a comment), drop,
// copy and swap overlay blocks, break the syntax, and go back to an earlier text (an undo). The corpus's rendered
// specs stand in as the specs at hand, as in the server's tests.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  componentsDefinedWithOverlays,
  createSpecProvider,
  locateOverlayOutcome,
  overlayOutcomeOf,
  OverlayOutcomeMemo,
  overlayRenderKey,
  planRender,
  type SpecTreeResult,
} from '../../../server/src/core/render';
import { CORPUS_ROOT } from '../../support/paths';
import { bufferFs, bufferService } from '../incremental/bufferService';
import { prng, randomEdit } from '../incremental/editCorpus';

const RENDERED = path.join(CORPUS_ROOT, '..', 'rendered-specs');
const FILES = ['kernel/kernel.comp.toml', 'kernel-headers/kernel-headers.comp.toml', 'mock-core-configs/mock-core-configs.comp.toml'].map((f) => path.join(CORPUS_ROOT, 'base', 'comps', f));
const STEPS = Number(process.env['OVERLAY_MEMO_STEPS'] ?? 40);

/** `[start, end)` of each `[[...overlays]]` block (its header to the next header or the end). */
function overlayBlocks(text: string): [number, number][] {
  const heads: number[] = [];
  const re = /^\[+[^\]\n]*\]+[ \t]*$/gm;
  const all: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    all.push(m.index);
    if (m[0].startsWith('[[') && m[0].includes('.overlays]]')) heads.push(m.index);
  }
  return heads.map((h) => [h, all.find((a) => a > h) ?? text.length]);
}

/** The `[start, end)` of the value of each `key = "..."` line of the text (inside the quotes). */
function stringValues(text: string, key: string): [number, number][] {
  const out: [number, number][] = [];
  const re = new RegExp(`^${key}\\s*=\\s*"((?:[^"\\\\\\n]|\\\\.)*)"`, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - 1 - (m[1] ?? '').length;
    out.push([start, start + (m[1] ?? '').length]);
  }
  return out;
}

const pick = <T>(items: readonly T[], rand: () => number): T | undefined => items[Math.floor(rand() * items.length)];

/** One edit of a component file, most of them to its overlays. */
function overlayEdit(text: string, rand: () => number, history: string[]): { text: string; label: string } {
  const kind = Math.floor(rand() * 9);
  const blocks = overlayBlocks(text);
  const at = (v: [number, number] | undefined, f: (s: number, e: number) => { text: string; label: string }) => (v ? f(v[0], v[1]) : randomEdit(text, rand));
  switch (kind) {
    case 0:
    case 1: // a character typed into or taken out of a regex or replacement; a third of them the first (nothing to resume from)
      return at(rand() < 0.3 ? stringValues(text, 'regex')[0] : pick([...stringValues(text, 'regex'), ...stringValues(text, 'replacement')], rand), (s, e) => {
        const i = s + Math.floor(rand() * (e - s + 1));
        return rand() < 0.6 || i === e ? { text: text.slice(0, i) + 'x' + text.slice(i), label: `type x at ${i}` } : { text: text.slice(0, i) + text.slice(i + 1), label: `delete at ${i}` };
      });
    case 2: // a description or a comment: nothing the render reads
      return rand() < 0.5
        ? at(pick(stringValues(text, 'description'), rand), (s, e) => ({ text: text.slice(0, e) + ' y' + text.slice(e), label: `describe at ${e}` }))
        : at(pick(blocks, rand), (s) => ({ text: text.slice(0, s) + '# a comment\n' + text.slice(s), label: `comment at ${s}` }));
    case 3: // an overlay block dropped; a third of them the first (nothing to resume from without build macros before it)
      return at(rand() < 0.3 ? blocks[0] : pick(blocks, rand), (s, e) => ({ text: text.slice(0, s) + text.slice(e), label: `drop block at ${s}` }));
    case 4: // an overlay block copied after itself
      return at(pick(blocks, rand), (s, e) => ({ text: text.slice(0, e) + text.slice(s, e) + text.slice(e), label: `copy block at ${s}` }));
    case 5: {
      // two neighbouring blocks swapped
      const i = Math.floor(rand() * Math.max(0, blocks.length - 1));
      const a = blocks[i];
      const b = blocks[i + 1];
      if (!a || !b || a[1] !== b[0]) return randomEdit(text, rand);
      return { text: text.slice(0, a[0]) + text.slice(b[0], b[1]) + text.slice(a[0], a[1]) + text.slice(b[1]), label: `swap blocks at ${a[0]}` };
    }
    case 6: // a type changed
      return at(pick(stringValues(text, 'type'), rand), (s, e) => ({ text: text.slice(0, s) + 'spec-remove-tag' + text.slice(e), label: `type at ${s}` }));
    case 7: {
      // back to an earlier text (an undo)
      const earlier = pick(history, rand);
      return earlier === undefined ? randomEdit(text, rand) : { text: earlier, label: 'undo' };
    }
    default:
      return randomEdit(text, rand);
  }
}

/**
 * An edit that leaves the render nothing to resume from: a build define changed (the macros file comes before the
 * first overlay), or, without defines, the first overlay block dropped.
 */
function wholeRenderEdit(text: string, rand: () => number): { text: string; label: string } {
  const head = text.search(/^\[components\.[^\]\n]*\.build\.defines\]/m);
  const end = head < 0 ? -1 : text.slice(head + 1).search(/^\[/m);
  const define = pick(head < 0 ? [] : stringValues(text, '[A-Za-z0-9_]+').filter(([s]) => s > head && (end < 0 || s < head + 1 + end)), rand);
  if (define) return { text: text.slice(0, define[0]) + '9' + text.slice(define[0]), label: `define at ${define[0]}` };
  const inline = /^defines\s*=\s*\{[^\n]*?=\s*"/m.exec(text);
  if (inline) {
    const at = inline.index + inline[0].length;
    return { text: text.slice(0, at) + '9' + text.slice(at), label: `inline define at ${at}` };
  }
  const first = overlayBlocks(text)[0];
  return first ? { text: text.slice(0, first[0]) + text.slice(first[1]), label: `drop the first block at ${first[0]}` } : randomEdit(text, rand);
}

/** The spec at hand: the corpus's rendered spec of the component. */
async function lookupOf(plan: ReturnType<typeof planRender>): Promise<SpecTreeResult> {
  if ('refused' in plan.spec) return { ok: false, message: plan.spec.refused };
  return createSpecProvider({ specsDir: path.join(RENDERED, plan.name[0] ?? '_') })(plan.spec);
}

describe('overlay outcomes kept and resumed (the worker memo) equal rendering from scratch', () => {
  for (const [n, file] of FILES.entries()) {
    test(path.basename(file), { timeout: 600_000 }, async (t) => {
      const buffers = new Map<string, string>();
      const service = bufferService(buffers, { lint: false });
      const fs = bufferFs(buffers);
      const rand = prng(4_201 + n);
      const memo = new OverlayOutcomeMemo();
      let text = fs.readFile(file) ?? '';
      const history: string[] = [];
      const seen = { kept: 0, resumed: 0, rendered: 0, findings: 0 };
      for (let step = 0; step <= STEPS; step++) {
        let label = 'open';
        if (step > 0) {
          history.push(text);
          ({ text, label } = step % 10 === 5 ? wholeRenderEdit(text, rand) : overlayEdit(text, rand, history));
        }
        buffers.set(file, text);
        service.fileDiagnostics(file, text);
        const model = service.projectOf(file);
        if (!model || !model.contributions.has(file)) continue;
        for (const name of componentsDefinedWithOverlays(model, file)) {
          const plan = planRender(model, name, fs);
          if (plan.error !== undefined || 'refused' in plan.spec) continue;
          const lookup = await lookupOf(plan);
          const kept = memo.outcome(plan, overlayRenderKey(plan, true), lookup, true, '');
          const fresh = overlayOutcomeOf(plan, await lookupOf(plan), true);
          const where = `${path.basename(file)} step ${step} (${label}), component ${name}`;
          assert.deepEqual(kept.outcome, fresh, `${where}: the memo's outcome (${kept.rendered ? `rendered from step ${kept.resumedAt}` : 'kept'}) differs from a fresh render`);
          assert.deepEqual(locateOverlayOutcome(model, plan, kept.outcome), locateOverlayOutcome(model, plan, fresh), `${where}: findings`);
          if (!kept.rendered) seen.kept++;
          else if ((kept.resumedAt ?? 0) > 0) seen.resumed++;
          else seen.rendered++;
          seen.findings += fresh.failed.length + fresh.advice.length;
        }
      }
      t.diagnostic(`outcomes kept ${seen.kept}, resumed ${seen.resumed}, rendered whole ${seen.rendered}; findings ${seen.findings}`);
      // The caches were used (a render from the parsed spec more than once: after the first), and the kernel's renders had something to say.
      assert.ok(seen.kept > 0 && seen.resumed > 0 && seen.rendered > 1, JSON.stringify(seen));
      if (file.includes('kernel')) assert.ok(seen.findings > 0, JSON.stringify(seen));
    });
  }
});
