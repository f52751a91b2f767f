// Fuzz: random edits (characters, lines, tokens, brackets, quotes) of every corpus TOML file and of the
// bundled example, through the path an editor buffer takes in the server — incremental re-parse,
// syntax, schema, rules and project diagnostics, conversion to LSP ranges — then completion, hover,
// definition, symbols and the quick fixes offered, each applied and validated again. No exception, no
// hang, and every span inside its document.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { diskFileSystem } from '../../server/src/core/fs';
import { codeActions } from '../../server/src/core/features/codeActions';
import { complete } from '../../server/src/core/features/completion';
import { findDefinition } from '../../server/src/core/features/definition';
import { hover } from '../../server/src/core/features/hover';
import { SchemaStore } from '../../server/src/core/features/schemaWalk';
import { documentSymbols, type DocumentSymbolData } from '../../server/src/core/features/symbols';
import { createLanguageService } from '../../server/src/core/languageService';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { CORPUS_ROOT, EXAMPLES_DIR, filesBelow, SCHEMAS_DIR } from '../support/paths';
import { prng, randomEdit } from '../unit/incremental/editCorpus';
import { defineFuzzTarget, FUZZ_SCALE, isMainThread, type FuzzReporter } from './harness';
import { checkPublishedRange, checkSpan } from './invariants';
import { applyOffsetEdits } from '../support/offsetEdits';

/** Edits per file at scale 1 (each followed by a full validation). */
const EDITS_PER_FILE = 8;


function checkSymbols(r: FuzzReporter, symbols: readonly DocumentSymbolData[], length: number): number {
  let n = 0;
  const stack = [...symbols];
  for (let s = stack.pop(); s; s = stack.pop()) {
    n++;
    checkSpan(r, `symbol ${s.name}`, s.span, length);
    checkSpan(r, `symbol ${s.name} selection`, s.selectionSpan, length);
    for (const c of s.children) stack.push(c);
  }
  return n;
}

const run = defineFuzzTarget(__filename, 'document pipeline', (r, seed, scale) => {
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const env = { service, schemas: new SchemaStore(SCHEMAS_DIR) };
  const files = [...filesBelow(CORPUS_ROOT, '.toml'), ...filesBelow(EXAMPLES_DIR, '.toml')];
  const rand = prng(seed);
  const stats = { cases: 0, files: files.length, diagnostics: 0, completions: 0, hovers: 0, definitions: 0, symbols: 0, fixesApplied: 0 };
  for (const file of files) {
    const original = fs.readFileSync(file, 'utf8');
    let text = original;
    for (let k = 0; k < EDITS_PER_FILE * scale; k++) {
      const edit = randomEdit(text, rand);
      const before = text;
      r.begin(`${file}: edit ${k + 1}: ${edit.label}`, () => before);
      text = edit.text;
      const diags = service.validateFile(file, text);
      const index = new LineIndex(text);
      for (const d of diags) {
        if (d.file !== file) continue;
        checkSpan(r, `diagnostic ${d.code}`, d.span, text.length);
        checkPublishedRange(r, `diagnostic ${d.code}`, d.span, text, index);
        if (!d.message) r.fail(`diagnostic ${d.code} has no message`);
      }
      stats.diagnostics += diags.length;
      stats.cases++;

      const offset = Math.floor(rand() * (text.length + 1));
      for (const item of complete(env, file, text, offset).items) checkSpan(r, `completion ${item.label}`, item.edit, text.length);
      stats.completions++;
      const h = hover(service, file, offset);
      if (h) {
        checkSpan(r, 'hover', h.span, text.length);
        stats.hovers++;
      }
      const def = findDefinition(service, file, offset);
      if (def) {
        checkSpan(r, 'definition origin', def.originSpan, text.length);
        stats.definitions++;
      }
      stats.symbols += checkSymbols(r, documentSymbols(service, file), text.length);

      // Apply one offered fix (at random) to this file and validate the result.
      const actions = codeActions(env, file, text, diags).filter((a) => Object.keys(a.edits).every((f) => f === file));
      const action = actions[Math.floor(rand() * actions.length)];
      if (action) {
        const edits = action.edits[file] ?? [];
        for (const e of edits) checkSpan(r, `fix "${action.title}"`, e, text.length);
        const fixed = applyOffsetEdits(text, edits);
        r.begin(`${file}: edit ${k + 1}: fix "${action.title}"`, () => text);
        for (const d of service.validateFile(file, fixed)) if (d.file === file) checkSpan(r, `after fix: ${d.code}`, d.span, fixed.length);
        text = fixed;
        stats.fixesApplied++;
      }
    }
    // Leave the project as it is on disk for the next file's cross-file checks.
    service.validateFile(file, original);
  }
  return stats;
});

if (isMainThread) {
  test('fuzz: random edits of every corpus TOML file through the document pipeline', { timeout: 30 * 60_000 }, async () => {
    const stats = await run();
    console.log(`document pipeline fuzz: ${JSON.stringify(stats)}`);
    assert.ok(stats.files >= 200, `the corpus was read (${stats.files} files)`);
    assert.equal(stats.cases, stats.files * EDITS_PER_FILE * FUZZ_SCALE);
    assert.ok(stats.diagnostics > 0 && stats.completions > 0 && stats.symbols > 0 && stats.fixesApplied > 0, 'every feature was exercised');
  });
}
