// Edits while the package index syncs, and while a cached one is made ready at start: our stdio server on the real
// tree with its default settings (downloads allowed) and an empty package cache, its one repository the bench's
// generated 110,000-package one (as bench/repodata.mjs makes it: a 33 MB zstd primary) served over loopback HTTP. What a
// user meets on a first start, and every day when the index is refreshed: the server downloads, decodes and indexes
// the repository in the background while the user types. components.toml is opened and an edit sent every 50 ms after
// the previous one was answered (a typo toggled in a component header key, as bench/cold-start does) from its first
// diagnostics until the index is in, then 20 more (the package rules made ready on the new index: its tables read,
// the did-you-mean index built, every file's package findings). Each edit's latency is put in the phase it was sent
// in: the start-up scan, the sync (from the status `syncing` to `ready`), after the index arrived. The cached runs
// start the same server offline on the cache a sync filled: the index loads at start and is made ready while the
// scan runs and after; their edits from the index's `ready` on are timed as after a sync. The control runs are the
// same server offline with no repository, with as many edits after its scan: what the same edits take with nothing
// in the background. Also the sync's wall time (`syncing` to `ready`) and the server's CPU time.
//
//   node bench/sync-edits.mjs [--runs N] [--packages N] [--tree DIR] [--data DIR] [--json] [--no-control] [--modes sync,cached,control]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuTimeOf } from './lib/cpuTime.mjs';
import { liveClients, optionsOf } from './lib/cliOptions.mjs';
import { headerTypo } from './lib/headerTypo.mjs';
import { LspClient } from './lib/lspClient.mjs';
import { generateRepo, seedNames } from './lib/repodataGen.mjs';
import { fmtMs, median, percentile } from './lib/stats.mjs';
import { snapshotOurs, treeRoot } from './lib/tools.mjs';

const REL = 'base/comps/components.toml';
const EDIT_EVERY_MS = 50;
const EDITS_AFTER_INDEX = 20;
const CAP_MS = 180_000;

const { opt, flag } = optionsOf(process.argv.slice(2));
const runs = Number(opt('--runs', '3'));
const PACKAGES = Number(opt('--packages', '110000'));
const tree = treeRoot(opt('--tree', undefined));
const dataDir = opt('--data', path.join(os.tmpdir(), `distro-toml-bench-repodata-${PACKAGES}`));
const json = flag('--json');
const modes = String(opt('--modes', 'sync,cached,control')).split(',');
const control = !flag('--no-control') && modes.includes('control');

/** Live clients, so an interrupt still ends the servers we started (and only those). */
const live = liveClients();

/** The generated repository (made once, as bench/repodata.mjs makes it; shared with it). */
function repository() {
  if (!fs.existsSync(path.join(dataDir, 'repodata', 'repomd.xml'))) generateRepo(dataDir, seedNames(tree), PACKAGES);
  return dataDir;
}

/** Serves `dir`'s files on loopback; resolves with the base URL and a close. @param {string} dir */
async function serve(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(dir, rel);
    if (rel.includes('..') || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': fs.statSync(file).size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { base: `http://127.0.0.1:${address.port}/`, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

/**
 * One server: `sync` syncs `repo` into an empty cache; `cached` starts offline on `cacheDir`, which holds its index;
 * `control` is offline with no repository, and `controlEdits` edits are timed after its scan.
 * @param {import('./lib/tools.mjs').OursBuild} ours @param {'sync' | 'cached' | 'control'} mode @param {string} repo
 * @param {{ controlEdits?: number, cacheDir?: string }} [opts]
 */
async function once(ours, mode, repo, opts = {}) {
  const file = path.join(tree, REL);
  const uri = pathToFileURL(file).toString();
  const text = fs.readFileSync(file, 'utf8');
  const typo = headerTypo(text);
  const cache = opts.cacheDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-sync-cache-'));
  const packageIndex = { repositories: mode === 'control' ? [] : [repo], replaceRepositories: true, cacheDir: cache, offline: mode !== 'sync', refreshIntervalHours: 24 };
  const client = new LspClient({ command: process.execPath, args: ours.serverArgs, cwd: tree, env: ours.serverEnv, configuration: () => ({ packageIndex }) });
  live.add(client);
  try {
    /** @type {'scan' | 'sync' | 'after'} */
    let phase = 'scan';
    let scanReady = false;
    let syncingAt = NaN;
    let indexAt = NaN;
    let indexText = '';
    client.onNotification((n) => {
      if (n.method === 'distroToml/status' && n.params.state === 'ready') scanReady = true;
      if (n.method !== 'distroToml/packageIndexStatus') return;
      if (n.params.state === 'syncing' && Number.isNaN(syncingAt)) {
        syncingAt = n.at;
        phase = 'sync';
      } else if (n.params.state === 'ready' && (mode === 'cached' || !Number.isNaN(syncingAt)) && Number.isNaN(indexAt)) {
        indexAt = n.at;
        indexText = n.params.text;
        phase = 'after';
      }
    });
    const rootUri = pathToFileURL(tree).toString();
    await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(tree) }],
      initializationOptions: { packageIndex },
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
    }, CAP_MS);
    const firstDiagnostics = client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, CAP_MS);
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version: 1, text } });
    if (!(await firstDiagnostics)) throw new Error(`no diagnostics for ${REL} within ${CAP_MS} ms`);
    const started = performance.now();
    /** @type {{ scan: number[], sync: number[], after: number[], control: number[] }} */
    const edits = { scan: [], sync: [], after: [], control: [] };
    const more = () => {
      if (performance.now() - started > CAP_MS) throw new Error(`the sync did not end within ${CAP_MS} ms (${JSON.stringify({ syncingAt, indexAt })})`);
      if (mode === 'control') return !scanReady || edits.control.length < (opts.controlEdits ?? 0);
      return phase !== 'after' || edits.after.length < EDITS_AFTER_INDEX;
    };
    while (more()) {
      const { version: v, change } = typo.next();
      const answered = client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === v, 30_000);
      const sentIn = mode === 'control' ? (scanReady ? 'control' : 'scan') : phase;
      const sentAt = client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      const got = await answered;
      if (!got) throw new Error(`no answer to edit ${v} within 30 s`);
      edits[sentIn].push(got.at - sentAt);
      await new Promise((r) => setTimeout(r, EDIT_EVERY_MS));
    }
    const cpu = client.child.pid === undefined ? undefined : cpuTimeOf(client.child.pid);
    return { edits, syncMs: indexAt - syncingAt, indexText, cpuMainMs: cpu?.mainMs ?? NaN, cpuAllMs: cpu?.allMs ?? NaN };
  } finally {
    await client.close();
    live.delete(client);
    if (!opts.cacheDir) fs.rmSync(cache, { recursive: true, force: true });
  }
}

/** @param {number[]} xs */
const summary = (xs) => ({ n: xs.length, p50: percentile(xs, 50), p90: percentile(xs, 90), p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : NaN });
/** @param {{ n: number, p50: number, p90: number, p95: number, max: number }} s */
const said = (s) => `p50 ${fmtMs(s.p50)} / p90 ${fmtMs(s.p90)} / p95 ${fmtMs(s.p95)} / max ${fmtMs(s.max)} ms (${s.n} edits)`;

/** A cache holding the index of `repo`, filled as the CLI fills it (`repo sync`; not a synchronous call: this process
 * serves the repository). @param {import('./lib/tools.mjs').OursBuild} ours @param {string} repo */
async function filledCache(ours, repo) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-sync-cached-'));
  await promisify(execFile)(process.execPath, [ours.cli, 'repo', 'sync', '--only-repos', '--repo', repo, '--cache', dir], { env: ours.env });
  return dir;
}

async function main() {
  const ours = snapshotOurs();
  const served = await serve(repository());
  const results = [];
  const cached = [];
  const controls = [];
  let cacheDir;
  try {
    for (let i = 0; modes.includes('sync') && i < runs; i++) {
      const r = await once(ours, 'sync', served.base);
      results.push(r);
      if (!json) console.log(`run ${i + 1}: sync ${fmtMs(r.syncMs)} ms (${r.indexText}); edits during the sync ${said(summary(r.edits.sync))}; after the index arrived ${said(summary(r.edits.after))}; in order during the sync: ${r.edits.sync.map(fmtMs).join(', ')}; after: ${r.edits.after.map(fmtMs).join(', ')}`);
    }
    if (modes.includes('cached')) cacheDir = await filledCache(ours, served.base);
    for (let i = 0; cacheDir && i < runs; i++) {
      const r = await once(ours, 'cached', served.base, { cacheDir });
      cached.push(r);
      if (!json) console.log(`cached ${i + 1}: edits during the scan ${said(summary(r.edits.scan))}; from the index's ready on ${said(summary(r.edits.after))}; in order: ${r.edits.after.map(fmtMs).join(', ')}`);
    }
    const perRun = results.length ? Math.round(median(results.map((r) => r.edits.sync.length + r.edits.after.length))) : 150;
    for (let i = 0; control && i < runs; i++) {
      const r = await once(ours, 'control', served.base, { controlEdits: perRun });
      controls.push(r);
      if (!json) console.log(`control ${i + 1} (offline): ${said(summary(r.edits.control))}`);
    }
  } finally {
    await served.close();
    ours.cleanup();
    if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
  }
  const out = {
    tree,
    build: ours.builtAt,
    runs,
    packages: PACKAGES,
    loadAverage: os.loadavg(),
    cpus: os.cpus().length,
    syncMs: median(results.map((r) => r.syncMs)),
    duringSync: summary(results.flatMap((r) => r.edits.sync)),
    afterIndex: summary(results.flatMap((r) => r.edits.after)),
    cachedAtStart: summary(cached.flatMap((r) => r.edits.after)),
    control: control ? summary(controls.flatMap((r) => r.edits.control)) : undefined,
    serverCpuMainMs: median(results.map((r) => r.cpuMainMs)),
    serverCpuAllMs: median(results.map((r) => r.cpuAllMs)),
    results,
    cached,
    controls,
  };
  if (json) {
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`\nsync of ${PACKAGES.toLocaleString('en-US')} packages over loopback HTTP, median ${fmtMs(out.syncMs)} ms; server CPU per run, main thread / all threads: ${fmtMs(out.serverCpuMainMs)} / ${fmtMs(out.serverCpuAllMs)} ms`);
  console.log(`edits during the sync, pooled: ${said(out.duringSync)}`);
  console.log(`edits after the index arrived, pooled: ${said(out.afterIndex)}`);
  console.log(`edits from a cached index's ready on, at start, pooled: ${said(out.cachedAtStart)}`);
  if (out.control) console.log(`control (offline, after the scan), pooled: ${said(out.control)}`);
  console.log(`machine: ${out.cpus} cores, load average ${out.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
