// Memory under a long editing session: random edits of base/comps/components.toml (7,400 components),
// each validated as the server would, then undone; resident memory after a full GC must not keep
// growing. The test command runs 1,000 edits and compares edit 100 with edit 1,000; `npm run fuzz`
// runs 10,000 and compares edit 1,000 with edit 10,000 (the performance issue's bound: under 16 MB).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { diskFileSystem } from '../../server/src/core/fs';
import { createLanguageService } from '../../server/src/core/languageService';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../support/paths';
import { prng, randomEdit } from '../unit/incremental/editCorpus';
import { defineFuzzTarget, FUZZ_SCALE, isMainThread } from './harness';

const EDITS = 600;
const GROWTH_LIMIT_MB = 16;

function gcNow(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const run = defineFuzzTarget(__filename, 'memory over edits', (r, seed, scale) => {
  const file = path.join(CORPUS_ROOT, 'base/comps/components.toml');
  const original = fs.readFileSync(file, 'utf8');
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  const rand = prng(seed ^ 0x3e3);
  const total = EDITS * scale;
  const early = total / 10;
  let rssEarly = 0;
  let rssLate = 0;
  let heapEarly = 0;
  let heapLate = 0;
  for (let k = 1; k <= total; k++) {
    const edit = randomEdit(original, rand);
    r.begin(`edit ${k}: ${edit.label}`, () => edit.text);
    service.validateFile(file, edit.text);
    service.validateFile(file, original);
    if (k === early || k === total) {
      gcNow();
      const { rss, heapUsed } = process.memoryUsage();
      if (k === early) [rssEarly, heapEarly] = [rss / 2 ** 20, heapUsed / 2 ** 20];
      else [rssLate, heapLate] = [rss / 2 ** 20, heapUsed / 2 ** 20];
    }
  }
  return { cases: total, early, rssEarlyMB: Math.round(rssEarly), rssLateMB: Math.round(rssLate), heapEarlyMB: Math.round(heapEarly), heapLateMB: Math.round(heapLate) };
});

if (isMainThread) {
  test('memory: resident memory stays flat over a long editing session of components.toml', { timeout: 60 * 60_000 }, async () => {
    const stats = await run();
    console.log(`memory over edits: ${JSON.stringify(stats)}`);
    assert.equal(stats.cases, EDITS * FUZZ_SCALE);
    const heapGrowth = stats.heapLateMB - stats.heapEarlyMB;
    assert.ok(heapGrowth < GROWTH_LIMIT_MB, `the heap grew ${heapGrowth} MB between edit ${stats.early} and edit ${stats.cases} (${stats.heapEarlyMB} → ${stats.heapLateMB} MB)`);
    if (FUZZ_SCALE >= 10) {
      const rssGrowth = stats.rssLateMB - stats.rssEarlyMB;
      assert.ok(rssGrowth < GROWTH_LIMIT_MB, `RSS grew ${rssGrowth} MB between edit ${stats.early} and edit ${stats.cases} (${stats.rssEarlyMB} → ${stats.rssLateMB} MB)`);
    }
  });
}
