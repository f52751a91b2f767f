// Server memory over a long editing session (issue 15, "Memory"): our language server on the real tree,
// default settings, both big files open, edits alternating between a typo toggled after an item inside
// sdk.packages.toml's 17,000-item array and one in a component header key of components.toml, each sent
// after the previous one was answered (a publishDiagnostics for its version). The server's resident set
// (VmRSS from /proc) is read after a garbage collection would have had its chance (a short idle pause)
// at edit 1,000 and at the end; the goal is ≤ 250 MB at the end and < 16 MB growth between the two.
// Beside each RSS reading, the V8 heap's used and committed size (bench/lib/heapProbe.cjs, preloaded into the
// server): the heap's used size counts garbage not yet collected, so it shows what a reading owes to where V8 was
// between major collections.
// Usage: node bench/edit-memory.mjs [--edits N] [--json] [--tree DIR] [--timeout-ms MS] [--node-arg FLAG]...
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lib/lspClient.mjs';
import { cpuTimeOf } from './lib/cpuTime.mjs';
import { fmtMs, percentile, table } from './lib/stats.mjs';
import { snapshotOurs, treeRoot } from './lib/tools.mjs';

const OPEN_TIMEOUT_MS = 60_000;
const GOAL_RSS_MB = 250;
const GOAL_GROWTH_MB = 16;
const FIRST_SAMPLE = 1_000;
const IDLE_BEFORE_SAMPLE_MS = 500;

/** @typedef {{ rel: string, line: RegExp, after: (line: string) => number, pick: 'middle' }} Target */
/** @type {Target[]} */
const TARGETS = [
  // After the closing quote of an item in the middle of the array.
  { rel: 'base/packages/sdk.packages.toml', line: /^\s+"[^"]+", # srpm:/, after: (l) => l.indexOf('"', l.indexOf('"') + 1) + 1, pick: 'middle' },
  // After `components` in a header in the middle of the file.
  { rel: 'base/comps/components.toml', line: /^\[components\./, after: (l) => l.indexOf('components') + 'components'.length, pick: 'middle' },
];

function parseArgs(argv) {
  const opts = { edits: 10_000, json: false, tree: /** @type {string | undefined} */ (undefined), timeoutMs: 10_000, nodeArgs: /** @type {string[]} */ ([]) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--edits') opts.edits = Number(argv[++i]);
    else if (a === '--tree') opts.tree = argv[++i];
    else if (a === '--timeout-ms') opts.timeoutMs = Number(argv[++i]);
    // A V8 or Node flag for the server's process (repeat for several), to measure one against the default.
    else if (a === '--node-arg') opts.nodeArgs.push(argv[++i]);
    else throw new Error(`edit-memory: unknown argument '${a}'`);
  }
  if (!Number.isInteger(opts.edits) || opts.edits < 2) throw new Error('edit-memory: --edits needs an integer ≥ 2');
  return opts;
}

/** @param {number} pid @returns {number} resident set in MB, NaN where /proc has no such file */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const HEAP_PROBE = fileURLToPath(new URL('./lib/heapProbe.cjs', import.meta.url));

/**
 * The server's V8 heap (used, committed, new space) as its preloaded probe writes it on SIGUSR2; undefined when it
 * did not answer within a second.
 * @param {number} pid @param {string} file @returns {Promise<{ heapUsedMb: number, heapCommittedMb: number, newSpaceMb: number } | undefined>}
 */
async function heapOf(pid, file) {
  fs.rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 1_000; waited += 20) {
    await new Promise((r) => setTimeout(r, 20));
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // Not written yet.
    }
  }
  return undefined;
}

/** @param {string} text @param {Target} target */
function editPoint(text, target) {
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i >= lines.length / 2 && target.line.test(l));
  if (line < 0) throw new Error(`edit-memory: ${target.rel}: no line matches ${target.line}`);
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  const character = target.after(lines[line]);
  return { line, character, offset: offset + character };
}

/** @type {LspClient | undefined} */
let live;
process.on('exit', () => live?.child.kill('SIGKILL'));

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tree = treeRoot(opts.tree);
  const ours = snapshotOurs();
  const settings = { schema: 'bundled', trace: { server: 'off' }, packageIndex: { offline: true } };
  const probeOut = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-heap-')), 'heap.json');
  const client = new LspClient({ command: process.execPath, args: [...opts.nodeArgs, '-r', HEAP_PROBE, ...ours.serverArgs], cwd: tree, env: { ...ours.serverEnv, DISTRO_TOML_HEAP_PROBE_OUT: probeOut }, configuration: (s) => (s === 'distroToml' ? settings : null) });
  live = client;
  const log = (/** @type {string} */ s) => (opts.json ? process.stderr : process.stdout).write(s + '\n');
  try {
    const rootUri = pathToFileURL(tree).toString();
    await client.request(
      'initialize',
      {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: path.basename(tree) }],
        initializationOptions: settings,
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
      },
      OPEN_TIMEOUT_MS,
    );
    client.notify('initialized', {});
    const docs = [];
    for (const target of TARGETS) {
      const file = path.join(tree, target.rel);
      const uri = pathToFileURL(file).toString();
      const text = fs.readFileSync(file, 'utf8');
      const opened = client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, OPEN_TIMEOUT_MS);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version: 1, text } });
      if (!(await opened)) throw new Error(`edit-memory: no diagnostics for ${target.rel} after opening it`);
      docs.push({ target, uri, point: editPoint(text, target), version: 1, typo: false });
    }
    await client.settle(1_000, 60_000);
    const pid = /** @type {number} */ (client.child.pid);
    const startMb = rssMb(pid);
    /** @type {{ edit: number, rssMb: number, heapUsedMb?: number, heapCommittedMb?: number, newSpaceMb?: number }[]} */
    const samples = [{ edit: 0, rssMb: startMb, ...(await heapOf(pid, probeOut)) }];
    const cpu = [];
    let timeouts = 0;
    for (let i = 1; i <= opts.edits; i++) {
      const doc = docs[i % docs.length];
      doc.version++;
      doc.typo = !doc.typo;
      const { line, character } = doc.point;
      const range = doc.typo ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
      const version = doc.version;
      const answered = client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === doc.uri && n.params.version === version, opts.timeoutMs);
      const before = cpuTimeOf(pid);
      client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ range, text: doc.typo ? 'x' : '' }] });
      if (!(await answered)) {
        timeouts++;
        break;
      }
      const after = cpuTimeOf(pid);
      if (before && after) cpu.push(after.mainMs - before.mainMs);
      if (i === FIRST_SAMPLE || i % 1_000 === 0 || i === opts.edits) {
        await new Promise((r) => setTimeout(r, IDLE_BEFORE_SAMPLE_MS));
        const rss = rssMb(pid);
        samples.push({ edit: i, rssMb: rss, ...(await heapOf(pid, probeOut)) });
        const s = samples[samples.length - 1];
        if (!opts.json) log(`edit ${i}: RSS ${rss.toFixed(1)} MB; V8 heap used ${s.heapUsedMb?.toFixed(1) ?? '?'} MB of ${s.heapCommittedMb?.toFixed(1) ?? '?'} MB committed (new space ${s.newSpaceMb?.toFixed(1) ?? '?'} MB)`);
      }
    }
    const at = (/** @type {number} */ edit) => samples.find((s) => s.edit === edit)?.rssMb ?? NaN;
    const last = samples[samples.length - 1];
    const firstMb = at(Math.min(FIRST_SAMPLE, opts.edits));
    const result = {
      tree,
      build: ours.builtAt,
      edits: last.edit,
      timeouts,
      samples,
      rssAtOpenMb: startMb,
      rssAtFirstSampleMb: firstMb,
      rssAtEndMb: last.rssMb,
      growthMb: last.rssMb - firstMb,
      cpuMainP50: percentile(cpu, 50),
      cpuMainP95: percentile(cpu, 95),
      goals: { rssMb: GOAL_RSS_MB, growthMb: GOAL_GROWTH_MB },
      nodeArgs: opts.nodeArgs,
      load: os.loadavg(),
    };
    if (opts.json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    } else {
      log('');
      log(table(['edits', 'RSS after open', `RSS at edit ${Math.min(FIRST_SAMPLE, opts.edits)}`, `RSS at edit ${last.edit}`, 'growth', 'cpu p50 / p95 per edit'], [[String(last.edit), `${startMb.toFixed(1)} MB`, `${firstMb.toFixed(1)} MB`, `${last.rssMb.toFixed(1)} MB`, `${result.growthMb.toFixed(1)} MB`, `${fmtMs(result.cpuMainP50)} / ${fmtMs(result.cpuMainP95)} ms`]], 2));
      log(`\nGoal RSS ≤ ${GOAL_RSS_MB} MB at the end: ${last.rssMb <= GOAL_RSS_MB ? 'met' : 'not met'}; growth < ${GOAL_GROWTH_MB} MB: ${result.growthMb < GOAL_GROWTH_MB ? 'met' : 'not met'}`);
      log(`Machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
    }
    if (timeouts) process.exitCode = 1;
  } finally {
    await client.close();
    live = undefined;
    ours.cleanup();
    fs.rmSync(path.dirname(probeOut), { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
