// Completion and hover latency through our stdio language server on the real tree's largest file,
// base/comps/components.toml (7,400 components): the first request after opening (what a user meets
// first) and then N requests of each kind, request to answer. Then the same requests in process
// (bench/lib/completionProbe.ts: the handlers' functions without the transport), wall and CPU time per
// request, against the goals (p95 ≤ 5 ms in process, ≤ 15 ms through stdio). Not part of npm test.
//
//   node bench/completion-latency.mjs [--requests N] [--tree DIR] [--json]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lib/lspClient.mjs';
import { fmtMs, percentile, table } from './lib/stats.mjs';
import { repoRoot, snapshotOurs, treeRoot } from './lib/tools.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const requests = Number(opt('--requests', '200'));
const tree = treeRoot(opt('--tree', undefined));
const rel = 'base/comps/components.toml';

/** The line/character of the end of `needle` (its first occurrence) in `text`. */
function positionAfter(text, needle) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${rel}`);
  const end = at + needle.length;
  const before = text.slice(0, end);
  const line = before.split('\n').length - 1;
  return { line, character: end - (before.lastIndexOf('\n') + 1) };
}

async function main() {
  const ours = snapshotOurs();
  const file = path.join(tree, rel);
  const uri = pathToFileURL(file).toString();
  const original = fs.readFileSync(file, 'utf8');
  // A half-typed header at the end (completion of a component name) and an overlay block inside git's table.
  const text = `${original}\n[components.pyth\n\n[[components.zlib-ng.overlays]]\n\n`;
  const header = positionAfter(text, '\n[components.pyth');
  const overlayKey = { line: positionAfter(text, '[[components.zlib-ng.overlays]]\n').line, character: 0 };
  const hoverAt = positionAfter(text, '[components.gi');
  const client = new LspClient({ command: process.execPath, args: ours.serverArgs, cwd: tree, env: ours.serverEnv, configuration: () => [{ packageIndex: { offline: true } }] });
  try {
    const rootUri = pathToFileURL(tree).toString();
    await client.request('initialize', { processId: process.pid, rootUri, initializationOptions: { packageIndex: { offline: true } }, workspaceFolders: [{ uri: rootUri, name: 'tree' }], capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } }, workspace: { configuration: true } } }, 60000);
    client.notify('initialized', {});
    const opened = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version: 1, text } });
    const time = async (method, params) => {
      const t0 = performance.now();
      const r = await client.request(method, params, 60000);
      return { ms: performance.now() - t0, r };
    };
    const firstCompletion = await time('textDocument/completion', { textDocument: { uri }, position: header });
    const firstCompletionFromOpen = performance.now() - opened;
    const firstHover = await time('textDocument/hover', { textDocument: { uri }, position: hoverAt });
    const firstOverlay = await time('textDocument/completion', { textDocument: { uri }, position: overlayKey });
    await client.settle(500, 30000);
    const completion = [];
    const hover = [];
    const overlay = [];
    let items = 0;
    for (let i = 0; i < requests; i++) {
      const c = await time('textDocument/completion', { textDocument: { uri }, position: header });
      completion.push(c.ms);
      items = Array.isArray(c.r) ? c.r.length : (c.r?.items?.length ?? 0);
      hover.push((await time('textDocument/hover', { textDocument: { uri }, position: hoverAt })).ms);
      overlay.push((await time('textDocument/completion', { textDocument: { uri }, position: overlayKey })).ms);
    }
    await client.request('shutdown', null).catch(() => undefined);
    client.notify('exit', null);
    const inProcess = probe(ours, Math.max(requests, 100));
    const rows = [
      ['completion after [components.pyth', fmtMs(firstCompletion.ms), fmtMs(percentile(completion, 50)), fmtMs(percentile(completion, 95)), String(items)],
      ['keys in a new [[overlays]] block', fmtMs(firstOverlay.ms), fmtMs(percentile(overlay, 50)), fmtMs(percentile(overlay, 95)), ''],
      ['hover on [components.git]', fmtMs(firstHover.ms), fmtMs(percentile(hover, 50)), fmtMs(percentile(hover, 95)), ''],
    ];
    const labels = { completion: 'completion after [components.pyth', overlay: 'keys in a new [[overlays]] block', hover: 'hover on [components.git]' };
    const inRows = Object.entries(labels).map(([k, label]) => {
      const r = inProcess[k];
      return [label, fmtMs(r.first), fmtMs(r.p50), fmtMs(r.p95), `${fmtMs(r.cpuP50)} / ${fmtMs(r.cpuP95)}`];
    });
    if (args.includes('--json')) {
      console.log(JSON.stringify({ firstCompletionMs: firstCompletion.ms, firstCompletionFromOpenMs: firstCompletionFromOpen, firstHoverMs: firstHover.ms, firstOverlayMs: firstOverlay.ms, overlay: { p50: percentile(overlay, 50), p95: percentile(overlay, 95) }, completion: { p50: percentile(completion, 50), p95: percentile(completion, 95) }, hover: { p50: percentile(hover, 50), p95: percentile(hover, 95) }, items, inProcess, loadAverage: os.loadavg() }));
    } else {
      console.log(`${rel}, ${requests} requests each, build ${ours.builtAt}; first completion ${fmtMs(firstCompletionFromOpen)} ms after didOpen`);
      console.log(table(['request (stdio)', 'first', 'p50', 'p95', 'items'], rows));
      console.log('');
      console.log(table(['request (in process)', 'first', 'p50', 'p95', 'CPU p50 / p95'], inRows));
      console.log(`Goals: p95 ≤ 15 ms through stdio, ≤ 5 ms in process. Load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    }
  } finally {
    client.child.kill();
    ours.cleanup();
  }
}

/**
 * The in-process figures: the probe bundled from the sources (esbuild), run in a fresh process over the
 * snapshot's schemas and precompiled validators. @param {import('./lib/tools.mjs').OursBuild} ours @param {number} n
 */
function probe(ours, n) {
  const root = repoRoot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-completion-probe-'));
  try {
    const out = path.join(dir, 'probe.cjs');
    execFileSync(process.execPath, ['-e', `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(path.join(root, 'bench', 'lib', 'completionProbe.ts'))}], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: ${JSON.stringify(out)}, logLevel: 'warning' })`], { cwd: root, stdio: 'inherit' });
    const dist = path.dirname(ours.server);
    const json = execFileSync(process.execPath, [out, tree, rel, String(n), path.join(dist, '..', 'schemas'), path.join(dist, 'bundled-validators.js')], { env: ours.env, encoding: 'utf8', maxBuffer: 16 << 20 });
    return JSON.parse(json.trim().split('\n').pop() ?? '{}');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
