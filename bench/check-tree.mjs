// Whole-tree check benchmark: wall time, CPU time and peak memory of `distro-toml check <tree>` against tombi
// linting the tree directory with our schema (its fastest form, the goal's peer), and beside it tombi and taplo
// given the list of files; measured in the same run and reported as ratios. Before timing, a seeded unknown
// key in a temp copy of the tree must be reported by every tool, so a peer that silently validated nothing
// cannot make the ratio look good.
// Usage: node bench/check-tree.mjs [--runs N] [--json] [--tree DIR] [--no-taplo] [--timeout-s S]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configFilesOf } from './lib/configFiles.mjs';
import { preparePeerConfig } from './lib/peerConfig.mjs';
import { fmtMs, fmtRatio, median, table } from './lib/stats.mjs';
import { snapshotOurs, taploCli, tombiBinary, treeRoot } from './lib/tools.mjs';

/** GNU time, for each run's CPU time and peak RSS; without it only wall time is reported. */
const GNU_TIME = '/usr/bin/time';
const SEEDED_KEY = 'bogus-seeded-key';

/**
 * @typedef {{ files: number | undefined, errors: number }} Reading what a tool's output says it did
 * @typedef {{ name: string, command: string, args: (tree: string, files: string[]) => string[], cwd?: string, env?: NodeJS.ProcessEnv, read: (out: string) => Reading, expectedFiles: (tree: string, files: string[]) => number }} Tool
 * @typedef {{ status: number | null, out: string, ms: number, cpuMs: number, rssMb: number }} RunResult
 */

function parseArgs(argv) {
  const opts = { runs: 5, json: false, tree: /** @type {string | undefined} */ (undefined), taplo: true, timeoutS: 600 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--tree') opts.tree = argv[++i];
    else if (a === '--no-taplo') opts.taplo = false;
    else if (a === '--timeout-s') opts.timeoutS = Number(argv[++i]);
    else throw new Error(`check-tree: unknown argument '${a}' (usage: --runs N --json --tree DIR --no-taplo --timeout-s S)`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('check-tree: --runs needs a positive integer');
  if (!(opts.timeoutS > 0)) throw new Error('check-tree: --timeout-s needs a positive number');
  return opts;
}

/** @param {string} s */
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/** @param {string} text @param {RegExp} re */
const countOf = (text, re) => (text.match(re) ?? []).length;

/** tombi lint's closing lines: how many files it linted (passed and failed) and how many errors it printed. @param {string} out */
function readTombiSummary(out) {
  const ok = /(\d+) files? linted successfully/.exec(out);
  const failed = /(\d+) files? failed to be linted/.exec(out);
  const files = ok || failed ? Number(ok?.[1] ?? 0) + Number(failed?.[1] ?? 0) : undefined;
  return { files, errors: countOf(out, /^\s*Error:/gm) };
}

/** @param {import('./lib/peerConfig.mjs').PeerConfig} peer @param {import('./lib/tools.mjs').OursBuild} ours @returns {Tool[]} */
function tools(peer, ours) {
  return [
    {
      name: 'distro-toml',
      command: process.execPath,
      args: (tree) => [ours.cli, 'check', tree],
      env: ours.env,
      read: (out) => {
        const m = /(\d+) files? checked: (\d+) errors?/.exec(out);
        return { files: m ? Number(m[1]) : undefined, errors: m ? Number(m[2]) : NaN };
      },
      expectedFiles: (_tree, files) => files.length,
    },
    {
      // The goal's peer: tombi given the directory (its fastest form: it finds the files itself, on its own threads).
      name: 'tombi (directory)',
      command: tombiBinary(),
      args: (tree) => ['lint', '--offline', tree],
      cwd: peer.tombiCwd,
      env: { ...process.env, NO_COLOR: '1' },
      read: readTombiSummary,
      expectedFiles: (tree) => tomlFilesBelow(tree).length,
    },
    {
      name: 'tombi (file list)',
      command: tombiBinary(),
      args: (_tree, files) => ['lint', '--offline', ...files],
      cwd: peer.tombiCwd,
      env: { ...process.env, NO_COLOR: '1' },
      read: readTombiSummary,
      expectedFiles: (_tree, files) => files.length,
    },
    {
      name: 'taplo',
      command: process.execPath,
      args: (_tree, files) => [taploCli(), 'lint', '--no-auto-config', '--colors', 'never', '--schema', peer.schemaUri, ...files],
      env: { ...process.env, RUST_LOG: 'info' },
      read: (out) => {
        const m = /found files total=(\d+)/.exec(out);
        return { files: m ? Number(m[1]) : undefined, errors: countOf(out, /invalid file error=/g) };
      },
      expectedFiles: (_tree, files) => files.length,
    },
  ];
}

/** Every `*.toml` below `dir` outside hidden folders: what tombi lints when given the directory. @param {string} dir @returns {string[]} */
function tomlFilesBelow(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tomlFilesBelow(p));
    else if (e.isFile() && e.name.endsWith('.toml')) out.push(p);
  }
  return out;
}

const haveGnuTime = spawnSync(GNU_TIME, ['-f', '%e', 'true'], { stdio: 'ignore' }).status === 0;

/** @param {Tool} tool @param {string} tree @param {string[]} files @param {string[]} wrap a command prefix (e.g. no network) @returns {RunResult} */
function run(tool, tree, files, wrap = [], timeoutMs = 600_000) {
  const timing = haveGnuTime ? path.join(os.tmpdir(), `distro-toml-bench-time-${process.pid}`) : undefined;
  const argv = [...(timing ? [GNU_TIME, '-f', '%U %S %M', '-o', timing] : []), ...wrap, tool.command, ...tool.args(tree, files)];
  const started = performance.now();
  const r = spawnSync(/** @type {string} */ (argv[0]), argv.slice(1), {
    cwd: tool.cwd ?? os.tmpdir(),
    env: tool.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const ms = performance.now() - started;
  if (r.error) throw new Error(`${tool.name}: ${r.error.message}`);
  let cpuMs = NaN;
  let rssMb = NaN;
  if (timing) {
    // GNU time's last line: user and system seconds, peak RSS in KiB (a "Command exited" line may precede it).
    const last = fs.readFileSync(timing, 'utf8').trim().split('\n').pop() ?? '';
    const [user, sys, rssKb] = last.split(' ').map(Number);
    cpuMs = ((user ?? NaN) + (sys ?? NaN)) * 1000;
    rssMb = (rssKb ?? NaN) / 1024;
    fs.rmSync(timing, { force: true });
  }
  return { status: r.status, out: stripAnsi(`${r.stdout}\n${r.stderr}`), ms, cpuMs, rssMb };
}

/** Exit 0 (clean) or 1 (findings) and the expected file count, or the reason the run cannot be trusted. @param {Tool} tool @param {RunResult} r @param {number} expected */
function problemWith(tool, r, expected) {
  if (r.status !== 0 && r.status !== 1) return `${tool.name} exited with ${r.status}:\n${r.out.slice(-1500)}`;
  const { files } = tool.read(r.out);
  if (files !== expected) return `${tool.name} reports ${files ?? 'no'} files, expected ${expected}:\n${r.out.slice(-1500)}`;
  return undefined;
}

/** A temp copy of the tree with an unknown key in one component table. @param {string} tree */
function seededCopy(tree) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-seeded-'));
  fs.cpSync(tree, dir, { recursive: true });
  const target = configFilesOf(dir).find((f) => f.endsWith('.comp.toml') && /^\[components\.[^\]]+\]\s*$/m.test(fs.readFileSync(f, 'utf8')));
  if (!target) throw new Error('check-tree: no *.comp.toml with a [components.NAME] table to seed');
  const text = fs.readFileSync(target, 'utf8');
  fs.writeFileSync(target, text.replace(/^(\[components\.[^\]]+\]\s*)$/m, `$1\n${SEEDED_KEY} = 1`));
  return { dir, target };
}

/** Runs with the network unshared when the kernel lets us, which proves the peers' set-up is offline. */
function offlineWrap() {
  const probe = spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? ['unshare', '-rn'] : [];
}

/** @param {string} command @param {string[]} args */
function versionOf(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return `${r.stdout}`.trim().split('\n')[0] ?? '?';
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tree = treeRoot(opts.tree);
  const files = configFilesOf(tree);
  const ours = snapshotOurs();
  const peer = preparePeerConfig();
  /** @type {string | undefined} */
  let seededDir;
  try {
    const all = tools(peer, ours).filter((t) => opts.taplo || t.name !== 'taplo');
    const timeoutMs = opts.timeoutS * 1000;
    const log = (/** @type {string} */ s) => (opts.json ? process.stderr : process.stdout).write(s + '\n');
    log(`Tree: ${tree} (${files.length} config files reachable from azldev.toml)`);

    // Validation probe (untimed): every tool must flag the seeded key, with no network.
    const wrap = offlineWrap();
    const seeded = seededCopy(tree);
    seededDir = seeded.dir;
    const seededFiles = configFilesOf(seeded.dir);
    const probe = [];
    for (const tool of all) {
      const r = run(tool, seeded.dir, seededFiles, wrap, timeoutMs);
      const found = r.out.includes(SEEDED_KEY);
      if (r.status !== 1 || !found) throw new Error(`check-tree: ${tool.name} did not report the seeded key ${SEEDED_KEY} in ${path.relative(seeded.dir, seeded.target)} (exit ${r.status}):\n${r.out.slice(-1500)}`);
      probe.push({ tool: tool.name, exit: r.status, reportedSeededKey: found, offline: wrap.length > 0 });
    }
    log(`Probe: every tool reports '${SEEDED_KEY}' seeded into ${path.relative(seeded.dir, seeded.target)}${wrap.length ? ' (run without network)' : ' (network not isolated: unshare unavailable)'}`);

    // Warm-up (also the correctness check on the real tree), then interleaved timed rounds.
    const loadBefore = os.loadavg();
    const readings = new Map();
    for (const tool of all) {
      const r = run(tool, tree, files, [], timeoutMs);
      const problem = problemWith(tool, r, tool.expectedFiles(tree, files));
      if (problem) throw new Error(`check-tree: ${problem}`);
      readings.set(tool.name, tool.read(r.out));
    }
    /** @type {Map<string, RunResult[]>} */
    const runs = new Map(all.map((t) => [t.name, []]));
    for (let i = 0; i < opts.runs; i++) {
      for (const tool of all) {
        const r = run(tool, tree, files, [], timeoutMs);
        const problem = problemWith(tool, r, tool.expectedFiles(tree, files));
        if (problem) throw new Error(`check-tree: run ${i + 1}: ${problem}`);
        runs.get(tool.name)?.push(r);
      }
    }
    const loadAfter = os.loadavg();

    const summary = all.map((t) => {
      const rs = runs.get(t.name) ?? [];
      const ts = rs.map((r) => r.ms);
      const cpu = rs.map((r) => r.cpuMs);
      return {
        name: t.name,
        files: readings.get(t.name)?.files,
        errorsReported: readings.get(t.name)?.errors,
        medianMs: median(ts),
        minMs: Math.min(...ts),
        medianCpuMs: median(cpu),
        peakRssMb: Math.max(...rs.map((r) => r.rssMb)),
        timesMs: ts,
        cpuMs: cpu,
      };
    });
    const oursRow = summary[0];
    const ratio = (/** @type {string} */ name, /** @type {'medianMs' | 'minMs' | 'medianCpuMs'} */ key) => {
      const peerRow = summary.find((s) => s.name === name);
      return oursRow && peerRow ? oursRow[key] / peerRow[key] : NaN;
    };
    const result = {
      tree,
      build: ours.builtAt,
      files: files.length,
      runs: opts.runs,
      environment: {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: os.cpus().length,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAfter,
        tombi: versionOf(tombiBinary(), ['--version']),
        taplo: opts.taplo ? versionOf(process.execPath, [taploCli(), '--version']) : 'not run',
      },
      probe,
      tools: summary,
      ratios: {
        oursOverTombiDirectoryMedian: ratio('tombi (directory)', 'medianMs'),
        oursOverTombiDirectoryMin: ratio('tombi (directory)', 'minMs'),
        oursOverTombiDirectoryCpu: ratio('tombi (directory)', 'medianCpuMs'),
        oursOverTombiFileListMedian: ratio('tombi (file list)', 'medianMs'),
        oursOverTaploMedian: ratio('taplo', 'medianMs'),
      },
      goals: {
        oursOverTombiDirectoryMedian: 0.5,
        oursPeakRssMb: 100,
      },
    };
    if (opts.json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return;
    }
    const load = (/** @type {number[]} */ l) => l.map((x) => x.toFixed(1)).join(' ');
    log(`Runs: ${opts.runs} per tool after one warm-up; ${result.environment.platform}, ${result.environment.cpus} CPUs, load average ${load(loadBefore)} before, ${load(loadAfter)} after; node ${process.version}, ${result.environment.tombi}, ${result.environment.taplo}\n`);
    log(
      table(
        ['tool', 'files', 'errors', 'median ms', 'min ms', 'CPU ms', 'peak RSS MB', 'ours/tool (median)', 'ours/tool (min)', 'ours/tool (CPU)'],
        summary.map((s) => [
          s.name,
          String(s.files),
          String(s.errorsReported),
          fmtMs(s.medianMs),
          fmtMs(s.minMs),
          fmtMs(s.medianCpuMs),
          Number.isFinite(s.peakRssMb) ? s.peakRssMb.toFixed(1) : '—',
          s === oursRow ? '' : fmtRatio(ratio(s.name, 'medianMs')),
          s === oursRow ? '' : fmtRatio(ratio(s.name, 'minMs')),
          s === oursRow ? '' : fmtRatio(ratio(s.name, 'medianCpuMs')),
        ]),
      ),
    );
    const goal = result.ratios.oursOverTombiDirectoryMedian;
    log(`\nGoal ours/tombi (directory) ≤ 0.50× (median wall): ${goal <= 0.5 ? 'met' : 'not met'} (${fmtRatio(goal)})`);
    if (oursRow && Number.isFinite(oursRow.peakRssMb)) log(`Goal ours peak RSS ≤ 100 MB: ${oursRow.peakRssMb <= 100 ? 'met' : 'not met'} (${oursRow.peakRssMb.toFixed(1)} MB)`);
    log(`Ours: a copy of dist/ built ${ours.builtAt}`);
  } finally {
    peer.cleanup();
    ours.cleanup();
    if (seededDir) fs.rmSync(seededDir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
