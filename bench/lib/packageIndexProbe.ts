// Run in a fresh process by bench/repodata.mjs (bundled by esbuild at bench time): the cold load of a cached
// package index (as the language server and the CLI open it), then the latency of each kind of query.
// argv: CACHE_DIR REPO_URL QUERIES_JSON   stdout: JSON figures
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadPackageIndex } from '../../server/src/core/packages/packageIndexLoader';
import { parseDependencies } from '../../server/src/core/packages/depString';

interface Queries {
  names: string[];
  capabilities: string[];
  versioned: string[];
  prefixes: string[];
  typos: string[];
}

const [cacheDir, url, queriesFile] = process.argv.slice(2) as [string, string, string];
async function main(): Promise<void> {
  const t0 = performance.now();
  const loaded = await loadPackageIndex(cacheDir, [url]);
  if (loaded.repos[0]?.state !== 'loaded') throw new Error(`no index: ${loaded.repos[0]?.reason}`);
  const index = loaded.index;
  const loadMs = performance.now() - t0;
  const q = JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as Queries;
  const firstStart = performance.now();
  const firstHit = index.binary(q.names[0] as string).length;
  const firstQueryMs = performance.now() - firstStart;

  function time(items: string[], run: (s: string) => number): { ms: number[]; hits: number } {
    const ms: number[] = [];
    let hits = 0;
    for (const s of items) {
      const start = performance.now();
      hits += run(s) > 0 ? 1 : 0;
      ms.push(performance.now() - start);
    }
    return { ms, hits };
  }

  // The first did-you-mean builds the name index (every name decoded once); the timed ones after it use it.
  const dymStart = performance.now();
  index.didYouMean(`${q.names[0] as string}-probe`, 'binary');
  const firstDidYouMeanMs = performance.now() - dymStart;

  const results = {
    firstDidYouMeanMs,
    loadMs,
    firstQueryMs,
    firstHit,
    packages: index.packageCount,
    rssMb: process.memoryUsage().rss / 1048576,
    binary: time(q.names, (s) => index.binary(s).length),
    source: time(q.names, (s) => index.sourceOf(s).length),
    whatprovides: time(q.capabilities, (s) => index.whatProvides(s).length),
    versioned: time(q.versioned, (s) => {
      const r = parseDependencies(s).refs[0];
      return r ? index.whatProvides(r.name, r.flags, r.evr).length : 0;
    }),
    complete: time(q.prefixes, (s) => index.complete(s, 'binary', 50).length),
    didYouMean: time(q.typos, (s) => index.didYouMean(s, 'binary').length),
  };
  process.stdout.write(JSON.stringify(results));
}

void main();
