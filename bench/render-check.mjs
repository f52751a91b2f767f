// The rendered-specs drift check at tree scale: `distro-toml render --all --check` over every component of the
// real tree, at --jobs 1 and --jobs 2, wall time, CPU time and peak resident memory (GNU time), with warm
// inputs. The upstream specs come from a stand-in folder (--specs-dir) the benchmark derives from the tree's
// rendered specs: a component with a rendered spec gets it back without rpmautospec's block; every other upstream
// component gets one of those specs, renamed — the same parsing, overlay and comparison work, no network.
// The rendered-specs-dir compared against is laid out first by `--write` (untimed), so the timed runs compare
// every file of every component and find no drift. Goal: the whole tree in under 60 s on a 2-core machine.
// Usage: node bench/render-check.mjs [--runs N] [--json] [--tree DIR]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './lib/stats.mjs';
import { repoRoot, treeRoot } from './lib/tools.mjs';

const argv = process.argv.slice(2);
const arg = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const runs = Number(arg('--runs') ?? 1) || 1;
const asJson = argv.includes('--json');
const tree = treeRoot(arg('--tree'));
const rendered = path.resolve(tree, '..', 'rendered-specs');
const cli = path.join(repoRoot(), 'dist', 'cli.js');
if (!fs.existsSync(cli)) throw new Error('bench: build first (npm run build)');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-render-check-'));
const standins = path.join(work, 'upstream-specs');
const specsOut = path.join(work, 'specs');
const emptyCache = path.join(work, 'cache');
fs.mkdirSync(emptyCache);

// Stand-in upstream specs: every component name in the tree (read from `[components.NAME]` headers of the
// tree's files is not enough: groups and quoting), so the CLI's own JSON dump of the merged config is used.
const dump = spawnSync(process.execPath, [cli, 'config', 'dump', '--project', tree, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
if (dump.status !== 0) throw new Error(`config dump failed: ${dump.stderr}`);
const components = JSON.parse(dump.stdout).components ?? {};
const names = Object.keys(components).sort();
const withRendered = [];
for (const letter of fs.readdirSync(rendered)) for (const name of fs.readdirSync(path.join(rendered, letter))) withRendered.push([name, path.join(rendered, letter, name, `${name}.spec`)]);
const donors = withRendered.filter(([, p]) => fs.existsSync(p)).map(([name, p]) => [name, fs.readFileSync(p, 'utf8')]);
const stripAutospec = (t) => (t.startsWith('## START: Set by rpmautospec\n') ? t.slice(t.indexOf('## END: Set by rpmautospec\n\n') + '## END: Set by rpmautospec\n\n'.length) : t);
const byName = new Map(donors);
let own = 0;
for (const [i, name] of names.entries()) {
  const spec = components[name]?.spec;
  if (spec?.type === 'local') continue;
  let text = byName.get(name);
  if (text !== undefined) own++;
  else {
    const [donor, donorText] = donors[i % donors.length];
    text = donorText.replace(new RegExp(`^(Name:\\s*)${donor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm'), `$1${name}`);
  }
  fs.mkdirSync(path.join(standins, name), { recursive: true });
  fs.writeFileSync(path.join(standins, name, `${name}.spec`), stripAutospec(text));
}

const base = ['render', '--all', '--check', '--project', tree, '--specs-dir', standins, '--rendered-specs-dir', specsOut, '--offline', '--cache-dir', emptyCache];
// Its report (every file of every component, as missing) is not needed: only the exit status.
const lay = spawnSync(process.execPath, [cli, ...base, '--write', '--jobs', '2'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
if (lay.status !== 0) throw new Error(`laying out the rendered specs failed (${lay.status}): ${lay.stderr.slice(-2000)}`);

function timed(jobs) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, ...base, '--jobs', String(jobs), '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, maxKb] = last.split(' ').map(Number);
  const summary = JSON.parse(r.stdout).summary;
  if (r.status !== 0 || summary.stale + summary.missing + summary.orphans !== 0) throw new Error(`the timed check found drift or failed (${r.status}): ${JSON.stringify(summary)} ${r.stderr.slice(-1000)}`);
  return { wallS: wall, cpuS: user + sys, peakMiB: maxKb / 1024, summary };
}

const results = {};
for (const jobs of [1, 2]) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(timed(jobs));
  results[`jobs${jobs}`] = {
    wallS: median(samples.map((s) => s.wallS)),
    cpuS: median(samples.map((s) => s.cpuS)),
    peakMiB: Math.max(...samples.map((s) => s.peakMiB)),
    components: samples[0].summary.components,
    upToDate: samples[0].summary.upToDate,
    notChecked: samples[0].summary.notChecked,
  };
}
const load = os.loadavg()[0].toFixed(1);
const out = { components: names.length, ownRenderedSpecs: own, standIns: names.length - own, runs, loadAverage1m: Number(load), cores: os.cpus().length, ...results };
if (asJson) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  process.stdout.write(`render --all --check on ${names.length} components (${own} with their own rendered spec as input, the rest stand-ins); ${os.cpus().length} cores, load ${load}\n`);
  for (const jobs of [1, 2]) {
    const r = results[`jobs${jobs}`];
    process.stdout.write(`  --jobs ${jobs}: wall ${r.wallS.toFixed(1)} s, CPU ${r.cpuS.toFixed(1)} s, peak RSS ${r.peakMiB.toFixed(0)} MiB (${r.upToDate} up to date, ${r.notChecked} not checked) — goal < 60 s\n`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
