#!/usr/bin/env node
// One of edit-latency's keystrokes answered in process (bench/lib/keystrokeProbe.ts, bundled by esbuild, with the server's Node options): what the
// server's check calls, without the transport. For finding where a keystroke's time and garbage go; the goals
// are measured through stdio by bench/edit-latency.mjs. Node and V8 flags after `--` go to the probe's process
// (`-- --trace-gc-nvp`, `-- --cpu-prof`, `-- --expose-gc` for the live heap before and after).
//   node bench/keystroke-probe.mjs [--target header|first|top|array] [--edits N] [--warm N] [--index] [--tree DIR] [-- NODE_FLAGS...]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TARGETS, editPoint, offsetOf, prepareIndex } from './lib/editTargets.mjs';
import { repoRoot, serverExecArgv, snapshotOurs, treeRoot } from './lib/tools.mjs';

const TARGET_OF = { top: 'key near the top', array: 'inside the array', header: 'header key', first: 'first header key' };

function parseArgs(argv) {
  const opts = { target: 'header', edits: 300, warm: 10, index: false, tree: /** @type {string | undefined} */ (undefined), nodeFlags: /** @type {string[]} */ ([]) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      opts.nodeFlags = argv.slice(i + 1);
      break;
    }
    if (a === '--target') opts.target = String(argv[++i]);
    else if (a === '--edits') opts.edits = Number(argv[++i]);
    else if (a === '--warm') opts.warm = Number(argv[++i]);
    else if (a === '--index') opts.index = true;
    else if (a === '--tree') opts.tree = argv[++i];
    else throw new Error(`keystroke-probe: unknown argument '${a}'`);
  }
  if (!(opts.target in TARGET_OF)) throw new Error(`keystroke-probe: --target is one of ${Object.keys(TARGET_OF).join(', ')}`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const tree = treeRoot(opts.tree);
const target = TARGETS.find((t) => t.label === TARGET_OF[/** @type {keyof typeof TARGET_OF} */ (opts.target)]);
if (!target) throw new Error('keystroke-probe: no such target');
const ours = snapshotOurs();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-keystroke-probe-'));
const index = opts.index ? prepareIndex(tree, ours) : undefined;
try {
  const root = repoRoot();
  const out = path.join(dir, 'probe.cjs');
  execFileSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(path.join(root, 'bench', 'lib', 'keystrokeProbe.ts'))}], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: ${JSON.stringify(out)}, sourcemap: true, logLevel: 'warning' })`], { cwd: root, stdio: 'inherit' });
  const text = fs.readFileSync(path.join(tree, target.rel), 'utf8');
  const offset = offsetOf(text, editPoint(text, target));
  const dist = path.dirname(ours.server);
  const args = [...serverExecArgv(), ...opts.nodeFlags, out, tree, target.rel, String(offset), String(opts.edits), String(opts.warm), path.join(dist, '..', 'schemas'), path.join(dist, 'bundled-validators.js'), ...(index ? [index.cache, index.repo] : [])];
  execFileSync(process.execPath, args, { env: ours.env, stdio: 'inherit', cwd: dir });
} finally {
  index?.cleanup();
  ours.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
}
