#!/usr/bin/env node
// A keystroke at many places of the real tree's files, each answered in process (bench/lib/keystrokeProbe.ts, as
// keystroke-probe does for edit-latency's targets): the places a user types at that edit-latency's targets do not
// cover — the top of a file, the first and last names of a package list, a name renamed, the end of a file. Each
// place: a character typed and deleted in turn, the first `--warm` not timed; wall p50 / p95 / max per place. A tool
// for finding the edits that still take a slow path (a whole statement or file parsed again, a whole list checked
// again), not a goal: the goals are measured through stdio by bench/edit-latency.mjs. KEYSTROKE_PROBE_FILE_ONLY=1
// times the file's own checks alone.
//   node bench/keystroke-places.mjs [--edits N] [--warm N] [--only SUBSTRING] [--tree DIR]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, serverExecArgv, snapshotOurs, treeRoot } from './lib/tools.mjs';

/** @type {[string, string, (text: string) => number][]} file, place, the offset a character is typed at */
const PLACES = [
  ['base/comps/components.toml', 'the very start', () => 0],
  ['base/comps/components.toml', 'inside the includes list', (t) => t.indexOf('"**/*.comp.toml"') + 3],
  ['base/comps/components.toml', 'the comment above the first header', (t) => t.indexOf('\n#') + 5],
  ['base/comps/components.toml', 'the first header', (t) => t.indexOf('[components.') + 11],
  ['base/comps/components.toml', 'a header in the middle', (t) => t.indexOf('\n[components.', t.length >> 1) + 12],
  ['base/comps/components.toml', 'the last header', (t) => t.lastIndexOf('\n[components.') + 12],
  ['base/comps/components.toml', 'the end of the file', (t) => t.length],
  ['base/packages/sdk.packages.toml', 'the first comment', () => 3],
  ['base/packages/sdk.packages.toml', 'the group header', (t) => t.indexOf('[package-groups.') + 5],
  ['base/packages/sdk.packages.toml', 'the group\'s name', (t) => t.indexOf('[package-groups.') + 19],
  ['base/packages/sdk.packages.toml', 'the description', (t) => t.indexOf('description') + 3],
  ['base/packages/sdk.packages.toml', 'the first name', (t) => t.indexOf('packages = [') + t.slice(t.indexOf('packages = [')).indexOf('"') + 3],
  ['base/packages/sdk.packages.toml', 'a name in the middle (renamed)', (t) => t.indexOf('", # srpm', t.length >> 1) - 1],
  ['base/packages/sdk.packages.toml', 'after a name in the middle (a syntax error)', (t) => t.indexOf('", # srpm', t.length >> 1) + 1],
  ['base/packages/sdk.packages.toml', 'the last name', (t) => t.lastIndexOf('", # srpm') - 1],
  ['base/packages/sdk.packages.toml', 'the end of the file', (t) => t.length],
  ['base/packages/base.packages.toml', 'a name in the middle (renamed)', (t) => t.indexOf('", # srpm', t.length >> 1) - 1],
  ['base/packages/exceptions.packages.toml', 'a name in the middle (renamed)', (t) => t.indexOf('", # srpm', t.length >> 1) - 1],
  ['base/comps/component-check-disablement.toml', 'a component name in a group', (t) => t.indexOf('"glib2"') + 3],
  ['base/comps/kernel/kernel.comp.toml', 'the start', () => 2],
  ['base/comps/kernel/kernel.comp.toml', 'the middle', (t) => t.indexOf('\n', t.length >> 1) + 1],
  ['base/comps/kernel/kernel.comp.toml', 'the end of the file', (t) => t.length],
  ['distro/azurelinux.distro.toml', 'the middle', (t) => t.indexOf('\n', t.length >> 1) + 1],
  ['azldev.toml', 'the middle', (t) => t.indexOf('\n', t.length >> 1) + 1],
];

function parseArgs(argv) {
  const opts = { edits: 40, warm: 10, only: /** @type {string | undefined} */ (undefined), tree: /** @type {string | undefined} */ (undefined) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--edits') opts.edits = Number(argv[++i]);
    else if (a === '--warm') opts.warm = Number(argv[++i]);
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--tree') opts.tree = argv[++i];
    else throw new Error(`keystroke-places: unknown argument '${a}'`);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const tree = treeRoot(opts.tree);
const ours = snapshotOurs();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-keystroke-places-'));
try {
  const root = repoRoot();
  const out = path.join(dir, 'probe.cjs');
  execFileSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(path.join(root, 'bench', 'lib', 'keystrokeProbe.ts'))}], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: ${JSON.stringify(out)}, logLevel: 'warning' })`], { cwd: root, stdio: 'inherit' });
  const dist = path.dirname(ours.server);
  const places = PLACES.filter(([rel, label]) => !opts.only || rel.includes(opts.only) || label.includes(opts.only));
  console.log(`${'file'.padEnd(36)} ${'place'.padEnd(44)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  (ms, in process${process.env['KEYSTROKE_PROBE_FILE_ONLY'] === '1' ? ', the file\'s own checks' : ''})`);
  for (const [rel, label, at] of places) {
    const file = path.join(tree, rel);
    if (!fs.existsSync(file)) continue;
    const offset = at(fs.readFileSync(file, 'utf8'));
    const args = [...serverExecArgv(), out, tree, rel, String(offset), String(opts.edits), String(opts.warm), path.join(dist, '..', 'schemas'), path.join(dist, 'bundled-validators.js')];
    const r = JSON.parse(execFileSync(process.execPath, args, { env: ours.env, cwd: dir, encoding: 'utf8' }).trim().split('\n').at(-1) ?? '{}');
    const ms = (/** @type {number} */ x) => x.toFixed(2).padStart(7);
    console.log(`${rel.padEnd(36)} ${label.padEnd(44)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.max)}`);
  }
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`Machine: ${os.cpus().length} CPUs, load average ${load} at the end; ${opts.edits} timed keystrokes a place after ${opts.warm} untimed`);
} finally {
  ours.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
}
