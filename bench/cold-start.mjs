// Cold start of our stdio language server on the real tree: from spawning the process to (1) the first
// diagnostics of base/comps/components.toml, opened right after `initialized`; (2) a workspace-symbol
// search answering with components from the whole tree (sent right after the open); (3) the whole tree
// indexed (`distroToml/status` ready: every file checked, project diagnostics published); and the first
// completion and hover asked right after the open, from the open to their answers. Meanwhile an edit
// of components.toml is sent every 50 ms (a typo toggled in a component header key), and each edit's latency
// to its diagnostics is recorded: edits must be answered at full speed while the scan runs. Runs N fresh
// servers (--runs, default 5) and prints the median of each figure, with the CPU time the server spent. Then N
// more with the scan held back (the server's DISTRO_TOML_TEST_SCAN_DELAY_MS) and the same edits, ten of them, timed
// before it starts: what they take in code the JIT has not optimised yet, with nothing else running, beside what
// they take while the scan runs (--no-control skips these runs).
//
//   node bench/cold-start.mjs [--runs N] [--tree DIR] [--json] [--cpu-prof DIR] [--no-control]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuTimeOf } from './lib/cpuTime.mjs';
import { liveClients, optionsOf } from './lib/cliOptions.mjs';
import { headerTypo } from './lib/headerTypo.mjs';
import { LspClient } from './lib/lspClient.mjs';
import { fmtMs, median, percentile, table } from './lib/stats.mjs';
import { snapshotOurs, treeRoot } from './lib/tools.mjs';

const REL = 'base/comps/components.toml';
const EDIT_EVERY_MS = 50;
const CAP_MS = 120_000;
const GOALS = { firstDiagnosticsMs: 500, readyMs: 1500 };
/** The control runs: how long the scan is held back, and how many edits are timed before it starts. */
const HELD_SCAN_MS = 4_000;
const CONTROL_EDITS = 10;

const { opt, flag } = optionsOf(process.argv.slice(2));
const runs = Number(opt('--runs', '5'));
const tree = treeRoot(opt('--tree', undefined));
const json = flag('--json');
const cpuProf = opt('--cpu-prof', undefined);
const control = !flag('--no-control');

/** Live clients, so an interrupt still ends the servers we started (and only those). */
const live = liveClients();

/**
 * @param {import('./lib/tools.mjs').OursBuild} ours
 * @param {boolean} [held] the scan held back: CONTROL_EDITS edits timed before it starts
 */
async function once(ours, held = false) {
  const file = path.join(tree, REL);
  const uri = pathToFileURL(file).toString();
  const text = fs.readFileSync(file, 'utf8');
  const typo = headerTypo(text);
  const spawnedAt = performance.now();
  const env = held ? { ...ours.serverEnv, DISTRO_TOML_TEST_SCAN_DELAY_MS: String(HELD_SCAN_MS) } : ours.serverEnv;
  const client = new LspClient({ command: process.execPath, args: [...(cpuProf && !held ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(cpuProf)] : []), ...ours.serverArgs], cwd: tree, env, configuration: () => ({ packageIndex: { offline: true } }) });
  live.add(client);
  try {
    // The server's CPU time when each milestone arrives: a figure the machine's load does not inflate.
    // Also of all its threads: the collector's helpers and the optimising compiler compete for the cores too.
    const cpuNow = () => (client.child.pid === undefined ? undefined : cpuTimeOf(client.child.pid));
    let cpuAtFirst = NaN;
    let cpuAtReady = NaN;
    let allCpuAtFirst = NaN;
    let allCpuAtReady = NaN;
    const ready = client.waitFor((n) => n.method === 'distroToml/status' && n.params.state === 'ready' && ((({ mainMs: cpuAtReady = NaN, allMs: allCpuAtReady = NaN } = cpuNow() ?? {})), true), CAP_MS);
    const firstDiagnostics = client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && ((({ mainMs: cpuAtFirst = NaN, allMs: allCpuAtFirst = NaN } = cpuNow() ?? {})), true), CAP_MS);
    const rootUri = pathToFileURL(tree).toString();
    await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(tree) }],
      initializationOptions: { packageIndex: { offline: true } },
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
    }, CAP_MS);
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version: 1, text } });
    // The first completion and hover a user would ask for right after opening (on a component header's name).
    const opened = performance.now();
    // The first component header of the file (the edits below toggle one in the middle).
    const firstHeader = text.indexOf('[components.') + '[components.'.length + 1;
    const namePos = { line: text.slice(0, firstHeader).split('\n').length - 1, character: firstHeader - (text.lastIndexOf('\n', firstHeader - 1) + 1) };
    const firstCompletion = client.request('textDocument/completion', { textDocument: { uri }, position: namePos }, CAP_MS).then(() => performance.now() - opened);
    const firstHover = client.request('textDocument/hover', { textDocument: { uri }, position: namePos }, CAP_MS).then((h) => ({ ms: performance.now() - opened, component: /\*\*Component/.test(h?.contents?.value ?? '') }));
    // A component of another file (base/comps/kernel/…), which only the whole tree's model knows.
    const symbols = client.request('workspace/symbol', { query: 'kernel' }, CAP_MS).then((r) => ({ at: performance.now(), count: Array.isArray(r) ? r.filter((s) => !s.location.uri.endsWith('/components.toml')).length : 0 }));
    const first = await firstDiagnostics;
    if (!first) throw new Error(`no diagnostics for ${REL} within ${CAP_MS} ms`);
    // Edits while the scan runs, one every 50 ms after the previous was answered, until the tree is ready.
    let isReady = false;
    const readyAt = ready.then((n) => {
      isReady = true;
      return n?.at;
    });
    const during = [];
    while (!isReady && performance.now() - spawnedAt < CAP_MS && !(held && during.length >= CONTROL_EDITS)) {
      const { version: v, change } = typo.next();
      const answered = client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === v, CAP_MS);
      const sentAt = client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      const got = await answered;
      if (!got) break;
      if (held && got.at - spawnedAt > HELD_SCAN_MS) throw new Error(`the control's edits outlasted the held-back scan (${HELD_SCAN_MS} ms)`);
      if (!isReady) during.push(got.at - sentAt);
      await new Promise((r) => setTimeout(r, EDIT_EVERY_MS));
    }
    const readyTime = await readyAt;
    if (held && readyTime !== undefined && readyTime - spawnedAt < HELD_SCAN_MS) throw new Error('the scan was not held back (the server ignores DISTRO_TOML_TEST_SCAN_DELAY_MS?)');
    const sym = await symbols;
    const completionMs = await firstCompletion;
    const hover = await firstHover;
    const cpu = client.child.pid === undefined ? undefined : cpuTimeOf(client.child.pid);
    return {
      firstDiagnosticsMs: first.at - spawnedAt,
      symbolsMs: sym.at - spawnedAt,
      symbolsFromOtherFiles: sym.count,
      firstCompletionMs: completionMs,
      firstHoverMs: hover.ms,
      hoverNamedComponent: hover.component,
      readyMs: readyTime === undefined ? NaN : readyTime - spawnedAt,
      editsDuringScan: during.length,
      editsMs: during,
      editP50: percentile(during, 50),
      editP95: percentile(during, 95),
      cpuToEndMs: cpu?.mainMs ?? NaN,
      cpuAtFirstDiagnosticsMs: cpuAtFirst,
      cpuAtReadyMs: cpuAtReady,
      allThreadsCpuAtFirstDiagnosticsMs: allCpuAtFirst,
      allThreadsCpuAtReadyMs: allCpuAtReady,
    };
  } finally {
    await client.close();
    live.delete(client);
  }
}

async function main() {
  const ours = snapshotOurs();
  const results = [];
  /** The runs with the scan held back. */
  const controls = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await once(ours);
      results.push(r);
      if (!json) console.log(`run ${i + 1}: first diagnostics ${fmtMs(r.firstDiagnosticsMs)} ms, first completion ${fmtMs(r.firstCompletionMs)} / hover ${fmtMs(r.firstHoverMs)} ms after open${r.hoverNamedComponent ? '' : ' (hover without the component!)'}, workspace symbols ${fmtMs(r.symbolsMs)} ms (${r.symbolsFromOtherFiles} from other files), ready ${fmtMs(r.readyMs)} ms, ${r.editsDuringScan} edits during the scan p50 ${fmtMs(r.editP50)} / p95 ${fmtMs(r.editP95)} ms (in order: ${r.editsMs.map(fmtMs).join(', ')})`);
    }
    for (let i = 0; control && i < runs; i++) {
      const r = await once(ours, true);
      controls.push(r);
      if (!json) console.log(`control ${i + 1} (scan held back): first diagnostics ${fmtMs(r.firstDiagnosticsMs)} ms, ${r.editsDuringScan} edits before the scan p50 ${fmtMs(r.editP50)} / p95 ${fmtMs(r.editP95)} ms (in order: ${r.editsMs.map(fmtMs).join(', ')})`);
    }
  } finally {
    ours.cleanup();
  }
  /** @param {{ editsMs: number[] }[]} from */
  const pooled = (from) => {
    const all = from.flatMap((r) => r.editsMs);
    return { n: all.length, p50: percentile(all, 50), p90: percentile(all, 90), p95: percentile(all, 95) };
  };
  const med = (/** @type {string} */ k, from = results) => median(from.map((r) => /** @type {any} */ (r)[k]).filter(Number.isFinite));
  const summary = {
    tree,
    build: ours.builtAt,
    runs,
    loadAverage: os.loadavg(),
    cpus: os.cpus().length,
    firstDiagnosticsMs: med('firstDiagnosticsMs'),
    workspaceSymbolsMs: med('symbolsMs'),
    firstCompletionMs: med('firstCompletionMs'),
    firstHoverMs: med('firstHoverMs'),
    readyMs: med('readyMs'),
    editDuringScanP50: med('editP50'),
    editDuringScanP95: med('editP95'),
    editHeldScanP50: control ? med('editP50', controls) : NaN,
    editHeldScanP95: control ? med('editP95', controls) : NaN,
    // Every run's edits taken together: a run answers ~10 edits during its scan, so its own p95 is its slowest edit or
    // nearly (most often the first, in code the JIT has not compiled yet); pooled over the runs, the p95 says more.
    editDuringScanPooled: pooled(results),
    editHeldScanPooled: control ? pooled(controls) : undefined,
    serverCpuMs: med('cpuToEndMs'),
    cpuAtFirstDiagnosticsMs: med('cpuAtFirstDiagnosticsMs'),
    cpuAtReadyMs: med('cpuAtReadyMs'),
    allThreadsCpuAtFirstDiagnosticsMs: med('allThreadsCpuAtFirstDiagnosticsMs'),
    allThreadsCpuAtReadyMs: med('allThreadsCpuAtReadyMs'),
    results,
    controls,
  };
  if (json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return;
  }
  console.log('');
  console.log(
    table(
      ['cold start (median of runs)', 'wall ms', 'server CPU ms (main thread / all)', 'goal (wall)'],
      [
        [`first diagnostics of ${REL}`, fmtMs(summary.firstDiagnosticsMs), `${fmtMs(summary.cpuAtFirstDiagnosticsMs)} / ${fmtMs(summary.allThreadsCpuAtFirstDiagnosticsMs)}`, `≤ ${GOALS.firstDiagnosticsMs}`],
        ['workspace symbols answered (whole tree)', fmtMs(summary.workspaceSymbolsMs), '', ''],
        ['first completion after didOpen (from the open)', fmtMs(summary.firstCompletionMs), '', ''],
        ['first hover after didOpen (from the open)', fmtMs(summary.firstHoverMs), '', ''],
        ['whole tree indexed (status ready)', fmtMs(summary.readyMs), `${fmtMs(summary.cpuAtReadyMs)} / ${fmtMs(summary.allThreadsCpuAtReadyMs)}`, `≤ ${GOALS.readyMs}`],
        ['edit → diagnostics during the scan, p50', fmtMs(summary.editDuringScanP50), '', ''],
        ['edit → diagnostics during the scan, p95', fmtMs(summary.editDuringScanP95), '', ''],
        [`… all runs' edits pooled (${summary.editDuringScanPooled.n}), p50 / p90 / p95`, `${fmtMs(summary.editDuringScanPooled.p50)} / ${fmtMs(summary.editDuringScanPooled.p90)} / ${fmtMs(summary.editDuringScanPooled.p95)}`, '', ''],
        ...(control && summary.editHeldScanPooled
          ? [
              [`the first ${CONTROL_EDITS} edits with the scan held back, p50`, fmtMs(summary.editHeldScanP50), '', ''],
              [`the first ${CONTROL_EDITS} edits with the scan held back, p95`, fmtMs(summary.editHeldScanP95), '', ''],
              [`… all runs' edits pooled (${summary.editHeldScanPooled.n}), p50 / p90 / p95`, `${fmtMs(summary.editHeldScanPooled.p50)} / ${fmtMs(summary.editHeldScanPooled.p90)} / ${fmtMs(summary.editHeldScanPooled.p95)}`, '', ''],
            ]
          : []),
      ],
    ),
  );
  console.log(`Machine: ${summary.cpus} CPUs, load average ${summary.loadAverage.map((l) => l.toFixed(1)).join(' ')}; build ${ours.builtAt}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
