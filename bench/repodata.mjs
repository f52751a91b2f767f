// The package index at Fedora scale, beside libsolv's rpmmd2solv and dnf on the same generated repository:
// index build time and peak memory, cold load of the cache, query latency in process and as a whole
// `distro-toml repo query` process. The repository (≥110,000 packages, zstd primary) is generated once into
// the temp directory and reused.
// Usage: node bench/repodata.mjs [--packages N] [--runs N] [--json] [--tree DIR] [--data DIR]
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateRepo, seedNames } from './lib/repodataGen.mjs';
import { fmtMs, fmtRatio, median, percentile, table } from './lib/stats.mjs';
import { repoRoot, snapshotOurs, treeRoot } from './lib/tools.mjs';

const GOALS = { buildRatio: 1.0, buildPeakMb: 200, coldLoadMs: 100, queryP95Ms: 1, processMs: 300 };

function parseArgs(argv) {
  const opts = { packages: 110_000, runs: 3, json: false, tree: undefined, data: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--packages') opts.packages = Number(argv[++i]);
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--json') opts.json = true;
    else if (a === '--tree') opts.tree = argv[++i];
    else if (a === '--data') opts.data = argv[++i];
    else throw new Error(`bench: unknown argument ${a}`);
  }
  return opts;
}

/** Wall time, CPU time (user + system, of the command and its children) and peak RSS (MB) of a command, from
 * GNU time. CPU time is the figure to compare on a shared machine: waiting for a core does not count.
 * @param {string} shell */
function timed(shell) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', 'sh', '-c', shell], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench: '${shell}' failed: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb, user, sys] = last.split(' ').map(Number);
  return { ms: (secs ?? NaN) * 1000, peakMb: (kb ?? NaN) / 1024, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000 };
}

const q = (/** @type {string} */ s) => `'${s.replace(/'/g, `'\\''`)}'`;

function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const tool of ['rpmmd2solv', 'zstd', 'dnf']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`bench: ${tool} is missing (Debian packages libsolv-tools, zstd, dnf)`);
  }
  const dataDir = opts.data ?? path.join(os.tmpdir(), `distro-toml-bench-repodata-${opts.packages}`);
  const queriesFile = path.join(dataDir, 'queries.json');
  if (!fs.existsSync(queriesFile)) {
    const t = performance.now();
    const seeds = seedNames(treeRoot(opts.tree));
    const gen = generateRepo(dataDir, seeds, opts.packages);
    const pick = (/** @type {string[]} */ xs, /** @type {number} */ n) => Array.from({ length: n }, (_, i) => /** @type {string} */ (xs[(i * 7919) % xs.length]));
    const names = pick(gen.names, 2000);
    fs.writeFileSync(queriesFile, JSON.stringify({
      names: [...names, ...names.slice(0, 200).map((n) => n + '-nosuch')],
      capabilities: pick(gen.capabilities, 2000),
      versioned: pick(gen.versioned, 1000),
      prefixes: names.slice(0, 500).map((n) => n.slice(0, 3)),
      typos: names.slice(0, 30).map((n) => n.slice(0, 2) + n.slice(3)),
      seeds: seeds.length,
    }));
    if (!opts.json) console.error(`generated ${opts.packages} packages from ${seeds.length} seed names in ${(performance.now() - t).toFixed(0)} ms`);
  }
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
  const xml = path.join(dataDir, 'primary.xml');
  const zst = path.join(dataDir, 'repodata', fs.readdirSync(path.join(dataDir, 'repodata')).find((f) => f.endsWith('.zst')));
  const ours = snapshotOurs();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-run-'));
  try {
    const cache = path.join(work, 'cache');
    const repo = dataDir;
    const builds = [], solv = [], solvPipe = [];
    for (let i = 0; i < opts.runs; i++) {
      builds.push(timed(`${q(process.execPath)} ${q(ours.cli)} repo sync --force --only-repos --repo ${q(repo)} --cache ${q(cache)} >/dev/null`));
      solv.push(timed(`rpmmd2solv < ${q(xml)} > ${q(path.join(work, 'out.solv'))}`));
      solvPipe.push(timed(`zstd -dc ${q(zst)} | rpmmd2solv > ${q(path.join(work, 'out.solv'))}`));
    }
    const dnfCold = timed(`dnf repoquery -q --setopt=cachedir=${q(path.join(work, 'dnf'))} --releasever=43 --repofrompath=b,file://${q(repo)} --repo=b ${q(queries.names[0])} >/dev/null`);
    const dnfWarm = [];
    for (let i = 0; i < 5; i++) dnfWarm.push(timed(`dnf repoquery -q -C --setopt=cachedir=${q(path.join(work, 'dnf'))} --releasever=43 --repofrompath=b,file://${q(repo)} --repo=b ${q(queries.names[i + 1])} >/dev/null`).ms);

    const probe = path.join(work, 'probe.cjs');
    awaitBuild(probe);
    const probes = [];
    for (let i = 0; i < Math.max(3, opts.runs); i++) {
      probes.push(JSON.parse(execFileSync(process.execPath, [probe, cache, repo, queriesFile], { encoding: 'utf8', maxBuffer: 1 << 26 })));
    }
    const processRuns = [];
    const nodeEnv = Object.entries(ours.env ?? {}).filter(([k]) => k === 'NODE_PATH').map(([k, v]) => `${k}=${q(String(v))} `).join('');
    for (let i = 0; i < 20; i++) {
      processRuns.push(timed(`${nodeEnv}${q(process.execPath)} ${q(ours.cli)} repo query ${q(queries.names[i])} --only-repos --repo ${q(repo)} --cache ${q(cache)} >/dev/null`));
    }
    const processMs = processRuns.map((r) => r.ms);
    // A miss: the process then builds the did-you-mean name index over every name before it answers.
    const missRuns = [];
    for (let i = 0; i < 5; i++) {
      missRuns.push(timed(`${nodeEnv}${q(process.execPath)} ${q(ours.cli)} repo query ${q(queries.names[2000 + i])} --only-repos --repo ${q(repo)} --cache ${q(cache)} >/dev/null 2>&1 || true`));
    }
    const nodeRuns = [];
    for (let i = 0; i < 10; i++) nodeRuns.push(timed(`${q(process.execPath)} -e 0`));
    const nodeStart = nodeRuns.map((r) => r.ms);
    const last = probes[probes.length - 1];
    const cacheBytes = fs.readdirSync(cache).reduce((n, f) => n + fs.statSync(path.join(cache, f)).size, 0);
    const result = {
      packages: last.packages,
      seeds: queries.seeds,
      xmlMb: fs.statSync(xml).size / 1048576,
      zstMb: fs.statSync(zst).size / 1048576,
      cacheMb: cacheBytes / 1048576,
      build: {
        oursMs: median(builds.map((b) => b.ms)), oursCpuMs: median(builds.map((b) => b.cpuMs)), oursPeakMb: Math.max(...builds.map((b) => b.peakMb)),
        rpmmd2solvMs: median(solv.map((b) => b.ms)), rpmmd2solvCpuMs: median(solv.map((b) => b.cpuMs)), rpmmd2solvPeakMb: Math.max(...solv.map((b) => b.peakMb)),
        zstdPipeMs: median(solvPipe.map((b) => b.ms)), zstdPipeCpuMs: median(solvPipe.map((b) => b.cpuMs)),
      },
      dnf: { coldMs: dnfCold.ms, coldPeakMb: dnfCold.peakMb, warmQueryMs: median(dnfWarm) },
      coldLoadMs: median(probes.map((p) => p.loadMs)),
      firstQueryMs: median(probes.map((p) => p.firstQueryMs)),
      firstDidYouMeanMs: median(probes.map((p) => p.firstDidYouMeanMs)),
      loadedRssMb: last.rssMb,
      queries: Object.fromEntries(['binary', 'source', 'whatprovides', 'versioned', 'complete', 'didYouMean'].map((k) => [k, { n: last[k].ms.length, hits: last[k].hits, p50: percentile(last[k].ms, 50), p95: percentile(last[k].ms, 95) }])),
      processMs: { p50: percentile(processMs, 50), p95: percentile(processMs, 95) },
      processCpuMs: { p50: percentile(processRuns.map((r) => r.cpuMs), 50), p95: percentile(processRuns.map((r) => r.cpuMs), 95) },
      missProcessMs: median(missRuns.map((r) => r.ms)),
      missProcessCpuMs: median(missRuns.map((r) => r.cpuMs)),
      nodeStartMs: median(nodeStart),
      nodeStartCpuMs: median(nodeRuns.map((r) => r.cpuMs)),
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      builtAt: ours.builtAt,
    };
    if (opts.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const b = result.build;
    console.log(`Repository: ${result.packages} packages (names seeded from ${result.seeds} in the tree's package lists), primary ${result.xmlMb.toFixed(0)} MB XML / ${result.zstMb.toFixed(1)} MB zstd; our cache ${result.cacheMb.toFixed(1)} MB\n`);
    console.log(`Load average at the end: ${result.loadAverage.join(' ')} (${os.cpus().length} cores); CPU time (user + system) is the figure to compare on a busy machine.\n`);
    console.log(table(['index build', 'wall ms', 'CPU ms', 'peak MB', 'vs rpmmd2solv (wall / CPU)', 'goal'], [
      ['distro-toml repo sync (zstd + verify + build + write)', fmtMs(b.oursMs), fmtMs(b.oursCpuMs), b.oursPeakMb.toFixed(0), `${fmtRatio(b.oursMs / b.rpmmd2solvMs)} / ${fmtRatio(b.oursCpuMs / b.rpmmd2solvCpuMs)}`, `≤ ${GOALS.buildRatio}×, ≤ ${GOALS.buildPeakMb} MB`],
      ['rpmmd2solv < primary.xml', fmtMs(b.rpmmd2solvMs), fmtMs(b.rpmmd2solvCpuMs), b.rpmmd2solvPeakMb.toFixed(0), '1.00×', ''],
      ['zstd -dc | rpmmd2solv', fmtMs(b.zstdPipeMs), fmtMs(b.zstdPipeCpuMs), '', `${fmtRatio(b.zstdPipeMs / b.rpmmd2solvMs)} / ${fmtRatio(b.zstdPipeCpuMs / b.rpmmd2solvCpuMs)}`, ''],
      ['dnf repoquery, cold (makecache + query)', fmtMs(result.dnf.coldMs), '', result.dnf.coldPeakMb.toFixed(0), fmtRatio(result.dnf.coldMs / b.rpmmd2solvMs), ''],
    ]));
    console.log('');
    console.log(table(['load and query', 'p50 ms', 'p95 ms', 'goal'], [
      ['cold load of the cache (open: header and table places)', fmtMs(result.coldLoadMs), '', `≤ ${GOALS.coldLoadMs} ms`],
      ...Object.entries(result.queries).map(([k, v]) => [`${k} (${v.n} queries, ${v.hits} hits)`, fmtMs(v.p50), fmtMs(v.p95), `p95 ≤ ${GOALS.queryP95Ms} ms`]),
      ['first did-you-mean (builds the name index)', fmtMs(result.firstDidYouMeanMs), '', ''],
      ['whole `distro-toml repo query` process', fmtMs(result.processMs.p50), fmtMs(result.processMs.p95), `≤ ${GOALS.processMs} ms`],
      ['  the same, CPU time', fmtMs(result.processCpuMs.p50), fmtMs(result.processCpuMs.p95), ''],
      ['  a miss (did-you-mean builds the name index), wall / CPU', `${fmtMs(result.missProcessMs)} / ${fmtMs(result.missProcessCpuMs)}`, '', ''],
      ['dnf repoquery -C (warm cache), whole process', fmtMs(result.dnf.warmQueryMs), '', ''],
      ['node -e 0 (start-up alone)', fmtMs(result.nodeStartMs), '', ''],
      ['  the same, CPU time', fmtMs(result.nodeStartCpuMs), '', ''],
    ]));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    ours.cleanup();
  }
}

/** Bundles the in-process probe (TypeScript over the core) into one file. @param {string} out */
function awaitBuild(out) {
  const root = repoRoot();
  execFileSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(path.join(root, 'bench', 'lib', 'packageIndexProbe.ts'))}], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: ${JSON.stringify(out)}, logLevel: 'warning' })`], { cwd: root, stdio: 'inherit' });
}

main();
