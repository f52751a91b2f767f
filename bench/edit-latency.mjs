// Keystroke-to-diagnostics latency through the stdio language servers: our server (default settings, no
// debounce; and with a 50 ms debounce a user may set) and tombi's, on the two biggest files of the real
// tree. Each edit toggles a typo (in a key, or after an item inside sdk.packages.toml's 17,000-item array),
// so the expected diagnostics alternate; the latency of an edit is the time from sending its didChange to
// receiving a publishDiagnostics for that version whose content shows the edit (typo reported or gone).
// Edits are sent one at a time, each after the previous one's answer. Beside the wall time, the CPU time
// our server's main thread (and all its threads) spent per edit, which the machine's load does not inflate.
// With the package index loaded (`ours0idx`, sdk.packages.toml only): the same server with an index built from a
// generated repository holding every name of the tree's package lists, so each edit also runs the package rules
// (goal: the same latency as without the index).
// Usage: node bench/edit-latency.mjs [--edits N] [--rounds N] [--json] [--tree DIR] [--timeout-ms MS] [--cap-s S]
//                                    [--servers ours0,ours50,ours0idx,tombi] [--cpu-prof DIR] [--files SUBSTRING,...]
//                                    [--paired]
// --paired (two of our servers, e.g. --servers ours0,ours0idx): both open on each target at once and the same edits
// sent to them in turn, so the machine's drift is the same for both; prints each one's p50/p95, their ratios and the
// median of the edits' own ratios. The same server twice (--servers ours0,ours0) measures the method's own noise.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lib/lspClient.mjs';
import { preparePeerConfig } from './lib/peerConfig.mjs';
import { cpuTimeOf } from './lib/cpuTime.mjs';
import { fmtMs, fmtRatio, percentile, table } from './lib/stats.mjs';
import { TARGETS, editPoint, offsetOf, prepareIndex } from './lib/editTargets.mjs';
import { snapshotOurs, tombiBinary, treeRoot } from './lib/tools.mjs';

const OPEN_TIMEOUT_MS = 60_000;
const SETTLE_QUIET_MS = 1_000;
const SETTLE_CAP_MS = 60_000;
const GOAL_P95_MS = 16;

/**
 * Where an `x` is inserted on odd edits and removed on even ones: after `key` on the first or middle line
 * matching `line`. `shows` says whether published diagnostics show the typo: a diagnostic naming `keyx`
 * (an unknown key), or any on the edited line (`x` after an array item's closing quote, a syntax error).
 * With `overlays`, the target's component is rendered while typing (overlay checks on): the server is given a
 * specs folder holding the corpus's rendered spec of that component, and timing starts once an overlay finding
 * of that code has been published (the check runs). Whether a keystroke renders again depends on the key typed into:
 * a description is not read by the render, a regex is.
 * @typedef {import('./lib/editTargets.mjs').Target} Target
 * @typedef {import('./lib/editTargets.mjs').IndexSetup} IndexSetup
 * @typedef {{ peer: import('./lib/peerConfig.mjs').PeerConfig, ours: import('./lib/tools.mjs').OursBuild, cpuProfDir: string | undefined, index?: IndexSetup }} Setup
 * @typedef {{ id: string, label: string, start: (tree: string, setup: Setup, extra: Record<string, unknown>) => LspClient, files?: string[], settings?: (setup: Setup) => any }} Server
 * @typedef {{ server: string, file: string, edit: string, lines: number, editLine: number, sync: string, openMs: number, packageDiagnosticsAtStart?: number, indexStatus?: string, edits: number, latenciesMs: number[], cpuMainMs: number[], cpuAllMs: number[], stalePublishes: number, timeouts: number, truncated: boolean, p50: number, p95: number, max: number, cpuMainP50: number, cpuMainP95: number, cpuAllP95: number, rounds?: number }} Run
 */


/** A specs folder (`DIR/<name>/<name>.spec`) with the corpus's rendered spec of `component`, or undefined when the corpus has none. */
function specsFolderFor(tree, component) {
  const spec = path.join(tree, '..', 'rendered-specs', component[0], component, `${component}.spec`);
  if (!fs.existsSync(spec)) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edit-latency-specs-'));
  fs.mkdirSync(path.join(dir, component));
  fs.copyFileSync(spec, path.join(dir, component, `${component}.spec`));
  return dir;
}

function parseArgs(argv) {
  const opts = {
    edits: 200,
    /** How many times each of our servers runs each target, alternating their order; the samples are pooled. */
    rounds: 1,
    json: false,
    tree: /** @type {string | undefined} */ (undefined),
    timeoutMs: 10_000,
    capS: 900,
    servers: ['ours0', 'ours50', 'ours0idx', 'tombi'],
    cpuProf: /** @type {string | undefined} */ (undefined),
    /** Only the targets whose file contains one of these (default: every target). */
    files: /** @type {string[] | undefined} */ (undefined),
    /** The two servers of --servers open at once, the same edits sent to them in turn (measurePaired). */
    paired: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--edits') opts.edits = Number(argv[++i]);
    else if (a === '--rounds') opts.rounds = Number(argv[++i]);
    else if (a === '--tree') opts.tree = argv[++i];
    else if (a === '--timeout-ms') opts.timeoutMs = Number(argv[++i]);
    else if (a === '--cap-s') opts.capS = Number(argv[++i]);
    else if (a === '--servers') opts.servers = String(argv[++i]).split(',');
    else if (a === '--cpu-prof') opts.cpuProf = path.resolve(String(argv[++i]));
    else if (a === '--files') opts.files = String(argv[++i]).split(',');
    else if (a === '--paired') opts.paired = true;
    else throw new Error(`edit-latency: unknown argument '${a}'`);
  }
  if (!Number.isInteger(opts.edits) || opts.edits < 2) throw new Error('edit-latency: --edits needs an integer ≥ 2');
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error('edit-latency: --rounds needs an integer ≥ 1');
  return opts;
}

/** @param {number} debounceMs @param {Record<string, unknown>} extra */
function oursSettings(debounceMs, extra) {
  // The package index stays offline: a benchmark measures editing, not a download from Fedora's mirrors.
  return { schema: 'bundled', diagnostics: { debounceMs }, trace: { server: 'off' }, packageIndex: { offline: true }, ...extra };
}

/** @type {Server[]} */
const SERVERS = [0, 50].map((debounceMs) => ({
  id: `ours${debounceMs}`,
  label: `distro-toml (debounceMs ${debounceMs}${debounceMs === 0 ? ', default' : ''})`,
  start: (tree, { ours, cpuProfDir }, extra) =>
    new LspClient({
      command: process.execPath,
      args: [...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []), ...ours.serverArgs],
      cwd: tree,
      env: ours.serverEnv,
      configuration: (section) => (section === 'distroToml' ? oursSettings(debounceMs, extra) : null),
    }),
}));
/** Our default settings with the package index of the generated repository (offline: the cache only). @param {Setup} setup */
function oursIndexSettings(setup) {
  const index = /** @type {IndexSetup} */ (setup.index);
  return { ...oursSettings(0), packageIndex: { repositories: [index.repo], replaceRepositories: true, cacheDir: index.cache, offline: true } };
}
SERVERS.push({
  id: 'ours0idx',
  label: 'distro-toml with the package index loaded (debounceMs 0)',
  files: ['base/packages/sdk.packages.toml'],
  settings: oursIndexSettings,
  start: (tree, setup) =>
    new LspClient({
      command: process.execPath,
      args: [...(setup.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', setup.cpuProfDir] : []), ...setup.ours.serverArgs],
      cwd: tree,
      env: setup.ours.serverEnv,
      configuration: (section) => (section === 'distroToml' ? oursIndexSettings(setup) : null),
    }),
});


SERVERS.push({
  id: 'tombi',
  label: 'tombi lsp',
  start: (tree, { peer }) =>
    new LspClient({
      command: tombiBinary(),
      args: ['lsp', '--offline'],
      cwd: tree,
      env: { ...process.env, XDG_CONFIG_HOME: peer.tombiXdgConfigHome, NO_COLOR: '1' },
    }),
});

/** @param {string} serverId @param {Setup} setup @param {Record<string, unknown>} extra */
function initializationOptions(serverId, setup, extra) {
  if (serverId === 'ours0') return oursSettings(0, extra);
  if (serverId === 'ours50') return oursSettings(50, extra);
  if (serverId === 'ours0idx') return oursIndexSettings(setup);
  return undefined;
}



/** @param {any} params @param {Target} target @param {number} line */
const showsTypo = (params, target, line) =>
  (params.diagnostics ?? []).some((/** @type {{ message: string, range: { start: { line: number } } }} */ d) =>
    target.shows === 'typo-key' ? d.message.includes(`${target.key}x`) : d.range.start.line === line,
  );

/** @param {any} capabilities @returns {'incremental' | 'full'} */
function syncKindOf(capabilities) {
  const sync = capabilities?.textDocumentSync;
  const change = typeof sync === 'number' ? sync : sync?.change;
  return change === 2 ? 'incremental' : 'full';
}

/** Live clients, so an interrupt or a failure still ends the servers we started (and only those). */
const live = new Set();
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    for (const c of live) c.child.kill('SIGKILL');
    process.exit(130);
  });
}
process.on('exit', () => {
  for (const c of live) c.child.kill('SIGKILL');
});

/**
 * @param {Server} server @param {Target} target @param {string} tree @param {Setup} setup
 * @param {{ edits: number, timeoutMs: number }} opts @param {number} deadline
 * @returns {Promise<Run>}
 */
/**
 * One server opened on a target and ready for timed edits: initialized, the file opened and its first diagnostics in,
 * the overlay check seen to run (overlay targets), the package index loaded (`ours0idx`), background work settled.
 * `edit()` sends the next edit (odd ones insert the typo, even ones remove it) and resolves with its latency and the
 * server's CPU time for it, or undefined when no matching publish came within the timeout.
 * @param {Server} server @param {Target} target @param {string} tree @param {Setup} setup @param {ReturnType<typeof parseArgs>} opts
 */
async function openSession(server, target, tree, setup, opts) {
  const file = path.join(tree, target.rel);
  const uri = pathToFileURL(file).toString();
  let text = fs.readFileSync(file, 'utf8');
  const point = editPoint(text, target);
  const specsDir = target.overlays ? specsFolderFor(tree, target.overlays.component) : undefined;
  if (target.overlays && !specsDir) throw new Error(`edit-latency: no rendered spec of ${target.overlays.component} beside ${tree}`);
  /** @type {Record<string, unknown>} */
  const extra = specsDir ? { upstream: { specsDir, fetch: false, cacheDir: path.join(specsDir, 'no-cache') } } : {};
  const client = server.start(tree, setup, extra);
  live.add(client);
  const close = async () => {
    await client.close();
    live.delete(client);
    if (specsDir) fs.rmSync(specsDir, { recursive: true, force: true });
  };
  try {
    const rootUri = pathToFileURL(tree).toString();
    // With the index: its status says when it is loaded; edits are timed only after that.
    const indexReady = setup.index && server.id === 'ours0idx'
      ? client.waitFor((n) => n.method === 'distroToml/packageIndexStatus' && ['ready', 'missing', 'error', 'disabled'].includes(n.params.state), OPEN_TIMEOUT_MS)
      : undefined;
    /** @type {any} */
    let lastPublish;
    const offPublish = client.onNotification((n) => {
      if (n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri) lastPublish = n;
    });
    const init = await client.request(
      'initialize',
      {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: path.basename(tree) }],
        initializationOptions: initializationOptions(server.id, setup, extra),
        capabilities: {
          textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true, relatedInformation: true } },
          workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        },
      },
      OPEN_TIMEOUT_MS,
    );
    const sync = syncKindOf(init.capabilities);
    client.notify('initialized', {});
    const firstPublish = client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, OPEN_TIMEOUT_MS);
    const overlayCode = target.overlays?.code;
    const overlaysShown = overlayCode && server.id.startsWith('ours')
      ? client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.some((/** @type {{ code?: unknown }} */ d) => d.code === overlayCode), OPEN_TIMEOUT_MS)
      : undefined;
    const openedAt = client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version: 1, text } });
    const first = await firstPublish;
    if (!first) throw new Error(`${server.label}: no diagnostics for ${target.rel} within ${OPEN_TIMEOUT_MS} ms of opening it`);
    if (showsTypo(first.params, target, point.line)) throw new Error(`${server.label}: ${target.rel} already reports the typo before any edit`);
    const openMs = first.at - openedAt;
    if (overlayCode && overlaysShown) {
      const rendered = await overlaysShown;
      if (!rendered) throw new Error(`${server.label}: no ${overlayCode} finding in ${target.rel} within ${OPEN_TIMEOUT_MS} ms: the overlay check did not run`);
    }
    // Background work (our workspace scan, tombi's workspace diagnostics) must finish before timing edits.
    const status = indexReady ? await indexReady : undefined;
    if (indexReady && status?.params.state !== 'ready') throw new Error(`${server.label}: the package index did not load: ${status ? `${status.params.state} — ${status.params.detail}` : 'no status'}`);
    await client.settle(SETTLE_QUIET_MS, SETTLE_CAP_MS);
    offPublish();
    const packageDiagnosticsAtStart = indexReady ? (lastPublish?.params.diagnostics ?? []).filter((/** @type {{ code?: string }} */ d) => String(d.code ?? '').startsWith('package-')).length : undefined;

    const pid = client.child.pid;
    const offset = offsetOf(text, point);
    let i = 0;
    let stale = 0;
    /** @returns {Promise<{ ms: number, cpuMain?: number, cpuAll?: number } | undefined>} */
    const edit = async () => {
      i++;
      const version = i + 1;
      const insert = i % 2 === 1;
      text = insert ? text.slice(0, offset) + 'x' + text.slice(offset) : text.slice(0, offset) + text.slice(offset + 1);
      const range = insert
        ? { start: point, end: point }
        : { start: point, end: { line: point.line, character: point.character + 1 } };
      const change = sync === 'incremental' ? { range, text: insert ? 'x' : '' } : { text };
      const answered = client.waitFor((n) => {
        if (n.method !== 'textDocument/publishDiagnostics' || n.params.uri !== uri) return false;
        const versionOk = n.params.version === undefined || n.params.version === null || n.params.version === version;
        if (versionOk && showsTypo(n.params, target, point.line) === insert) return true;
        stale++;
        return false;
      }, opts.timeoutMs);
      const cpuBefore = pid === undefined ? undefined : cpuTimeOf(pid);
      const sentAt = client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const got = await answered;
      const cpuAfter = pid === undefined ? undefined : cpuTimeOf(pid);
      if (!got) return undefined;
      return { ms: got.at - sentAt, ...(cpuBefore && cpuAfter ? { cpuMain: cpuAfter.mainMs - cpuBefore.mainMs, cpuAll: cpuAfter.allMs - cpuBefore.allMs } : {}) };
    };
    return {
      sync,
      openMs,
      status,
      packageDiagnosticsAtStart,
      editLine: point.line + 1,
      lines: () => text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
      stale: () => stale,
      edit,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** @param {Server} server @param {Target} target @param {string} tree @param {Setup} setup @param {ReturnType<typeof parseArgs>} opts @param {number} deadline @returns {Promise<Run>} */
async function measure(server, target, tree, setup, opts, deadline) {
  const session = await openSession(server, target, tree, setup, opts);
  try {
    const latencies = [];
    const cpuMain = [];
    const cpuAll = [];
    let timeouts = 0;
    let truncated = false;
    for (let i = 1; i <= opts.edits; i++) {
      if (performance.now() > deadline) {
        truncated = true;
        break;
      }
      const got = await session.edit();
      if (!got) {
        // Without an answer the next publish could belong to either edit; stop rather than misattribute.
        timeouts++;
        truncated = true;
        break;
      }
      if (got.cpuMain !== undefined && got.cpuAll !== undefined) {
        cpuMain.push(got.cpuMain);
        cpuAll.push(got.cpuAll);
      }
      latencies.push(got.ms);
    }
    return {
      server: server.label,
      file: target.rel,
      edit: target.label,
      lines: session.lines(),
      editLine: session.editLine,
      sync: session.sync,
      openMs: session.openMs,
      ...(session.packageDiagnosticsAtStart !== undefined ? { packageDiagnosticsAtStart: session.packageDiagnosticsAtStart, indexStatus: session.status?.params.text } : {}),
      edits: latencies.length,
      latenciesMs: latencies,
      cpuMainMs: cpuMain,
      cpuAllMs: cpuAll,
      stalePublishes: session.stale(),
      timeouts,
      truncated,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
      cpuMainP50: percentile(cpuMain, 50),
      cpuMainP95: percentile(cpuMain, 95),
      cpuAllP95: percentile(cpuAll, 95),
    };
  } finally {
    await session.close();
  }
}

/**
 * The two servers of `--paired` open on the same target at once, the same edits sent to them in turn (which goes
 * first alternates): the machine's speed, which drifts within minutes here, is the same for both servers' samples,
 * so their ratio is not the drift's. Returns each server's latencies and CPU times, in edit order.
 * @param {Server[]} pair @param {Target} target @param {string} tree @param {Setup} setup @param {ReturnType<typeof parseArgs>} opts
 */
async function measurePaired(pair, target, tree, setup, opts) {
  /** @type {Awaited<ReturnType<typeof openSession>>[]} */
  const sessions = [];
  try {
    for (const server of pair) sessions.push(await openSession(server, target, tree, setup, opts));
    const ms = pair.map(() => /** @type {number[]} */ ([]));
    const cpu = pair.map(() => /** @type {number[]} */ ([]));
    for (let i = 1; i <= opts.edits; i++) {
      for (const k of i % 2 === 1 ? [0, 1] : [1, 0]) {
        const got = await /** @type {Awaited<ReturnType<typeof openSession>>} */ (sessions[k]).edit();
        if (!got) throw new Error(`${pair[k]?.label}: no answer to edit ${i} of ${target.rel} within ${opts.timeoutMs} ms`);
        ms[k]?.push(got.ms);
        cpu[k]?.push(got.cpuMain ?? NaN);
      }
    }
    return { ms, cpu, packageDiagnosticsAtStart: sessions.map((s) => s.packageDiagnosticsAtStart) };
  } finally {
    for (const s of sessions) await s.close();
  }
}

/** The targets `--files` selects (every target without it). @param {ReturnType<typeof parseArgs>} opts */
function selectedTargets(opts) {
  return TARGETS.filter((t) => !opts.files || opts.files.some((f) => t.rel.includes(f)));
}

/** The rounds of one server on one target as one run: their edits' samples together, percentiles over all. @param {Run[]} list @returns {Run} */
function pooled(list) {
  const first = /** @type {Run} */ (list[0]);
  if (list.length === 1) return first;
  const latenciesMs = list.flatMap((r) => r.latenciesMs);
  const cpuMainMs = list.flatMap((r) => r.cpuMainMs);
  const cpuAllMs = list.flatMap((r) => r.cpuAllMs);
  return {
    ...first,
    openMs: percentile(list.map((r) => r.openMs), 50),
    edits: latenciesMs.length,
    latenciesMs,
    cpuMainMs,
    cpuAllMs,
    rounds: list.length,
    stalePublishes: list.reduce((n, r) => n + r.stalePublishes, 0),
    timeouts: list.reduce((n, r) => n + r.timeouts, 0),
    truncated: list.some((r) => r.truncated),
    p50: percentile(latenciesMs, 50),
    p95: percentile(latenciesMs, 95),
    max: Math.max(...latenciesMs),
    cpuMainP50: percentile(cpuMainMs, 50),
    cpuMainP95: percentile(cpuMainMs, 95),
    cpuAllP95: percentile(cpuAllMs, 95),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tree = treeRoot(opts.tree);
  // (--paired takes the two in the order given, and the same one twice for an A/A run: the benchmark's own noise.)
  const servers = opts.paired ? opts.servers.map((id) => SERVERS.find((s) => s.id === id)).filter((s) => s !== undefined) : SERVERS.filter((s) => opts.servers.includes(s.id));
  if (!servers.length) throw new Error(`edit-latency: --servers must name some of ${SERVERS.map((s) => s.id).join(', ')}`);
  if (opts.cpuProf) fs.mkdirSync(opts.cpuProf, { recursive: true });
  if (opts.paired && (servers.length !== 2 || !servers.every((s) => s.id.startsWith('ours')))) throw new Error('edit-latency: --paired takes two of our servers in --servers (e.g. ours0,ours0idx)');
  const ours = snapshotOurs();
  const peer = preparePeerConfig();
  const index = servers.some((s) => s.id === 'ours0idx') ? prepareIndex(tree, ours) : undefined;
  /** @type {Setup} */
  const setup = { peer, ours, cpuProfDir: opts.cpuProf, ...(index ? { index } : {}) };
  // Each server's runs stop at the cap on its own time: tombi's, seconds a keystroke on the big files, once took the
  // whole cap and left our servers' last round with no edits.
  /** @type {Map<string, number>} */
  const spentMs = new Map();
  const log = (/** @type {string} */ s) => (opts.json ? process.stderr : process.stdout).write(s + '\n');
  /** @type {Run[]} */
  const runs = [];
  const cleanup = () => {
    peer.cleanup();
    index?.cleanup();
    ours.cleanup();
  };
  if (opts.paired) {
    try {
      await mainPaired(servers, tree, setup, opts, log);
    } finally {
      cleanup();
    }
    return;
  }
  try {
    /** @type {Map<string, Run[]>} every round's run of a server on a target */
    const rounds = new Map();
    for (let round = 0; round < opts.rounds; round++) {
      for (const target of selectedTargets(opts)) {
        // Our servers alternate their order each round (this machine's speed drifts within minutes: a ratio of two
        // servers measured one after the other would carry the drift); tombi, seconds a keystroke, runs once.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const server of order) {
          if (server.files && !server.files.includes(target.rel)) continue;
          if (round > 0 && !server.id.startsWith('ours')) continue;
          const started = performance.now();
          const run = await measure(server, target, tree, setup, opts, started + opts.capS * 1000 - (spentMs.get(server.id) ?? 0));
          spentMs.set(server.id, (spentMs.get(server.id) ?? 0) + performance.now() - started);
          const key = `${server.id}\u0000${target.rel}\u0000${target.label}`;
          rounds.set(key, [...(rounds.get(key) ?? []), run]);
          const indexNote = run.indexStatus !== undefined ? ` [index: ${run.indexStatus}; ${run.packageDiagnosticsAtStart} package diagnostics before the edits]` : '';
          const roundNote = opts.rounds > 1 ? ` (round ${round + 1} of ${opts.rounds})` : '';
          log(`${run.file} (${run.lines} lines, ${run.edit} on line ${run.editLine}) — ${run.server} [${run.sync} sync]${indexNote}${roundNote}: open ${fmtMs(run.openMs)} ms, p50 ${fmtMs(run.p50)} ms, p95 ${fmtMs(run.p95)} ms over ${run.edits} edits${run.truncated ? ' (TRUNCATED)' : ''}`);
        }
      }
    }
    // In the order of the first round, each server's rounds on a target pooled into one run.
    for (const list of rounds.values()) runs.push(pooled(list));
  } finally {
    cleanup();
  }

  const withIndex = TARGETS.map((t) => {
    const plain = runs.find((r) => r.file === t.rel && r.edit === t.label && r.server.startsWith('distro-toml (debounceMs 0, default'));
    const idx = runs.find((r) => r.file === t.rel && r.edit === t.label && r.server.includes('package index loaded'));
    return { file: t.rel, edit: t.label, withOverWithoutP50: plain && idx ? idx.p50 / plain.p50 : NaN, withOverWithoutP95: plain && idx ? idx.p95 / plain.p95 : NaN, cpuWithOverWithoutP95: plain && idx ? idx.cpuMainP95 / plain.cpuMainP95 : NaN };
  }).filter((r) => Number.isFinite(r.withOverWithoutP95));
  const ratios = TARGETS.map((t) => {
    const ours = runs.find((r) => r.file === t.rel && r.edit === t.label && r.server.startsWith('distro-toml (debounceMs 0'));
    const tombi = runs.find((r) => r.file === t.rel && r.edit === t.label && r.server === 'tombi lsp');
    return { file: t.rel, edit: t.label, oursOverTombiP50: ours && tombi ? ours.p50 / tombi.p50 : NaN, oursOverTombiP95: ours && tombi ? ours.p95 / tombi.p95 : NaN };
  });
  if (opts.json) {
    process.stdout.write(JSON.stringify({ tree, build: ours.builtAt, edits: opts.edits, timeoutMs: opts.timeoutMs, runs, ratios, withIndex, indexPackages: index?.packages }, null, 2) + '\n');
    return;
  }
  log('');
  log(
    table(
      ['file', 'edit', 'server', 'sync', 'edits', 'open ms', 'p50 ms', 'p95 ms', 'max ms', 'cpu p50', 'cpu p95', 'cpu all p95', 'stale pubs'],
      runs.map((r) => [r.file, r.edit, r.server, r.sync, `${r.edits}${r.truncated ? '!' : ''}`, fmtMs(r.openMs), fmtMs(r.p50), fmtMs(r.p95), fmtMs(r.max), fmtMs(r.cpuMainP50), fmtMs(r.cpuMainP95), fmtMs(r.cpuAllP95), String(r.stalePublishes)]),
      4,
    ),
  );
  log('');
  log(table(['file', 'edit', 'ours(default)/tombi p50', 'p95'], ratios.map((r) => [r.file, r.edit, fmtRatio(r.oursOverTombiP50), fmtRatio(r.oursOverTombiP95)]), 2));
  if (withIndex.length) {
    log('');
    log(`With the package index loaded (${index?.packages} packages holding the package lists' names) over without it (goal: 1.00×, the same latency):`);
    log(table(['file', 'edit', 'p50', 'p95', 'main-thread CPU p95'], withIndex.map((r) => [r.file, r.edit, fmtRatio(r.withOverWithoutP50), fmtRatio(r.withOverWithoutP95), fmtRatio(r.cpuWithOverWithoutP95)]), 2));
  }
  const defaults = runs.filter((r) => r.server.startsWith('distro-toml (debounceMs 0'));
  const worst = Math.max(...defaults.map((r) => r.p95));
  const worstCpu = Math.max(...defaults.map((r) => r.cpuMainP95));
  if (Number.isFinite(worst)) log(`\nGoal p95 ≤ ${GOAL_P95_MS} ms (default settings): ${worst <= GOAL_P95_MS ? 'met' : 'not met'} (worst p95 ${fmtMs(worst)} ms wall, ${fmtMs(worstCpu)} ms CPU of the main thread)`);
  log(`Machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
  log(`Ours: a copy of dist/ built ${ours.builtAt}`);
  if (runs.some((r) => r.truncated)) process.exitCode = 1;
}

/**
 * --paired: per target, both servers' latencies over `--rounds` × `--edits` edits sent in turn, and their ratios.
 * @param {Server[]} servers @param {string} tree @param {Setup} setup @param {ReturnType<typeof parseArgs>} opts @param {(s: string) => void} log
 */
async function mainPaired(servers, tree, setup, opts, log) {
  const [a, b] = /** @type {[Server, Server]} */ (servers);
  const rows = [];
  for (const target of selectedTargets(opts).filter((t) => servers.every((s) => !s.files || s.files.includes(t.rel)))) {
    const ms = [/** @type {number[]} */ ([]), /** @type {number[]} */ ([])];
    const cpu = [/** @type {number[]} */ ([]), /** @type {number[]} */ ([])];
    for (let round = 0; round < opts.rounds; round++) {
      const got = await measurePaired([a, b], target, tree, setup, opts);
      for (const k of [0, 1]) {
        ms[k]?.push(...(got.ms[k] ?? []));
        cpu[k]?.push(...(got.cpu[k] ?? []));
      }
      log(`${target.rel} (${target.label}), round ${round + 1} of ${opts.rounds}: ${a.label} p50 ${fmtMs(percentile(got.ms[0] ?? [], 50))} ms, ${b.label} p50 ${fmtMs(percentile(got.ms[1] ?? [], 50))} ms${got.packageDiagnosticsAtStart[1] !== undefined ? ` (${got.packageDiagnosticsAtStart[1]} package diagnostics before the edits)` : ''}`);
    }
    const [msA, msB] = /** @type {[number[], number[]]} */ (ms);
    const [cpuA, cpuB] = /** @type {[number[], number[]]} */ (cpu);
    const perEdit = msA.map((x, i) => (msB[i] ?? NaN) / x).filter(Number.isFinite);
    rows.push({
      file: target.rel,
      edit: target.label,
      edits: msA.length,
      p50: [percentile(msA, 50), percentile(msB, 50)],
      p95: [percentile(msA, 95), percentile(msB, 95)],
      cpuP50: [percentile(cpuA, 50), percentile(cpuB, 50)],
      ratioP50: percentile(msB, 50) / percentile(msA, 50),
      ratioP95: percentile(msB, 95) / percentile(msA, 95),
      ratioCpuP50: percentile(cpuB, 50) / percentile(cpuA, 50),
      medianEditRatio: percentile(perEdit, 50),
    });
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify({ tree, build: setup.ours.builtAt, paired: [a.label, b.label], edits: opts.edits, rounds: opts.rounds, rows, indexPackages: setup.index?.packages }, null, 2) + '\n');
    return;
  }
  log('');
  log(`Paired: ${a.label} (A) and ${b.label} (B) open at once, the same edits sent to them in turn:`);
  log(table(['file', 'edit', 'edits', 'A p50 / p95 ms', 'B p50 / p95 ms', 'B/A p50', 'B/A p95', 'B/A CPU p50', 'median of the edits\' B/A'], rows.map((r) => [r.file, r.edit, String(r.edits), `${fmtMs(r.p50[0] ?? NaN)} / ${fmtMs(r.p95[0] ?? NaN)}`, `${fmtMs(r.p50[1] ?? NaN)} / ${fmtMs(r.p95[1] ?? NaN)}`, fmtRatio(r.ratioP50), fmtRatio(r.ratioP95), fmtRatio(r.ratioCpuP50), fmtRatio(r.medianEditRatio)]), 3));
  log(`Machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
  log(`Ours: a copy of dist/ built ${setup.ours.builtAt}`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
