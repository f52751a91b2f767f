// Start-up benchmark: the fixed cost of the command line, `distro-toml --version` (nothing but the dispatch
// table loaded), beside `node -e 0` in the same run; wall time, and CPU time and peak RSS from GNU time.
// Usage: node bench/startup.mjs [--runs N] [--json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fmtMs, median, table } from './lib/stats.mjs';
import { snapshotOurs } from './lib/tools.mjs';

const GOAL_VERSION_MS = 100;

function parseArgs(argv) {
  const opts = { runs: 20, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else throw new Error(`startup: unknown argument '${a}' (usage: --runs N --json)`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('startup: --runs needs a positive integer');
  return opts;
}

const haveGnuTime = spawnSync('/usr/bin/time', ['-f', '%e', 'true'], { stdio: 'ignore' }).status === 0;

/** One run: wall ms, and CPU ms and peak RSS (MB) when GNU time is there. @param {string[]} argv @param {NodeJS.ProcessEnv} env */
function once(argv, env) {
  const timing = path.join(os.tmpdir(), `distro-toml-bench-startup-${process.pid}`);
  const full = haveGnuTime ? ['/usr/bin/time', '-f', '%U %S %M', '-o', timing, ...argv] : argv;
  const t = performance.now();
  const r = spawnSync(/** @type {string} */ (full[0]), full.slice(1), { encoding: 'utf8', env });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`startup: ${argv.join(' ')} exited with ${r.status}: ${r.stderr}`);
  let cpuMs = NaN;
  let rssMb = NaN;
  if (haveGnuTime) {
    const [user, sys, rssKb] = (fs.readFileSync(timing, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    cpuMs = ((user ?? NaN) + (sys ?? NaN)) * 1000;
    rssMb = (rssKb ?? NaN) / 1024;
    fs.rmSync(timing, { force: true });
  }
  return { ms, cpuMs, rssMb, stdout: r.stdout };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const ours = snapshotOurs();
  try {
    // NODE_EXTRA_CA_CERTS (set on some machines, such as this project's development machine) makes every Node
    // process parse the named CA bundle before any script runs. When it is set, both commands run a second time
    // without it, so the figure the goal is about is also seen as it is on a machine that does not set it.
    const withoutCa = { ...ours.env };
    delete withoutCa.NODE_EXTRA_CA_CERTS;
    const caSet = Boolean(ours.env.NODE_EXTRA_CA_CERTS);
    const commands = [
      { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env: ours.env },
      { name: 'distro-toml --version', argv: [process.execPath, ours.cli, '--version'], env: ours.env },
      ...(caSet
        ? [
            { name: 'node -e 0 (NODE_EXTRA_CA_CERTS unset)', argv: [process.execPath, '-e', '0'], env: withoutCa },
            { name: 'distro-toml --version (NODE_EXTRA_CA_CERTS unset)', argv: [process.execPath, ours.cli, '--version'], env: withoutCa },
          ]
        : []),
    ];
    const version = once(/** @type {string[]} */ (commands[1]?.argv), ours.env).stdout.trim();
    if (!/^\d+\.\d+\.\d+/.test(version)) throw new Error(`startup: --version printed '${version}'`);
    const loadBefore = os.loadavg();
    /** @type {Map<string, ReturnType<typeof once>[]>} */
    const runs = new Map(commands.map((c) => [c.name, []]));
    // Interleaved, so both see the same machine.
    for (let i = 0; i < opts.runs; i++) for (const c of commands) runs.get(c.name)?.push(once(c.argv, c.env));
    const rows = commands.map((c) => {
      const rs = runs.get(c.name) ?? [];
      return { name: c.name, medianMs: median(rs.map((r) => r.ms)), minMs: Math.min(...rs.map((r) => r.ms)), medianCpuMs: median(rs.map((r) => r.cpuMs)), peakRssMb: Math.max(...rs.map((r) => r.rssMb)) };
    });
    const [node, cli, nodeNoCa, cliNoCa] = /** @type {[typeof rows[0], typeof rows[0], typeof rows[0] | undefined, typeof rows[0] | undefined]} */ (rows);
    const result = {
      build: ours.builtAt,
      runs: opts.runs,
      // NODE_EXTRA_CA_CERTS makes every Node process parse the named CA bundle while it starts (Node 20 loads it
      // eagerly, before any script): `node -e 0` and ours alike, so the difference stays ours, but the figure does not.
      environment: { node: process.version, cpus: os.cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg(), nodeExtraCaCerts: Boolean(process.env.NODE_EXTRA_CA_CERTS) },
      commands: rows,
      versionMedianMs: cli.medianMs,
      overNodeMedianMs: cli.medianMs - node.medianMs,
      overNodeCpuMs: cli.medianCpuMs - node.medianCpuMs,
      ...(nodeNoCa && cliNoCa ? { withoutExtraCaCerts: { versionMedianMs: cliNoCa.medianMs, nodeMedianMs: nodeNoCa.medianMs, overNodeMedianMs: cliNoCa.medianMs - nodeNoCa.medianMs } } : {}),
      goals: { versionMedianMs: GOAL_VERSION_MS },
    };
    if (opts.json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return;
    }
    console.log(table(['command', 'median ms', 'min ms', 'CPU ms', 'peak RSS MB'], rows.map((r) => [r.name, fmtMs(r.medianMs), fmtMs(r.minMs), fmtMs(r.medianCpuMs), Number.isFinite(r.peakRssMb) ? r.peakRssMb.toFixed(1) : '—'])));
    console.log(`\nGoal distro-toml --version < ${GOAL_VERSION_MS} ms (median wall): ${cli.medianMs < GOAL_VERSION_MS ? 'met' : 'not met'} (${fmtMs(cli.medianMs)} ms; ${fmtMs(result.overNodeMedianMs)} ms over node -e 0)`);
    if (result.withoutExtraCaCerts) {
      console.log('NODE_EXTRA_CA_CERTS is set: every Node process, `node -e 0` included, parses that CA bundle as it starts (~50 ms CPU for a system bundle).');
      const w = result.withoutExtraCaCerts;
      console.log(`Without it: distro-toml --version ${fmtMs(w.versionMedianMs)} ms, ${w.versionMedianMs < GOAL_VERSION_MS ? 'within' : 'over'} the goal (${fmtMs(w.overNodeMedianMs)} ms over node -e 0 at ${fmtMs(w.nodeMedianMs)} ms).`);
    }
  } finally {
    ours.cleanup();
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
