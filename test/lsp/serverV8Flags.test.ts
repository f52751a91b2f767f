// The server's heap flags (serverV8Flags.ts) in the order that keeps its code cache usable: the loader (dist/server.js,
// serverLoader.ts) sets SERVER_V8_FLAGS before it compiles the bundle (V8 rejects a cache made under other flags,
// and flags on a command line would reach only the clients that pass them); the server sets EDITING_V8_FLAGS once its
// start-up scan is done, after the cache is written (so the cache carries the flags the next start compiles under).
// V8 flags belong to the process, and V8 raises the young generation's growth factor whenever a worker's isolate is
// made: the main thread sets its flags again while each worker starts, and no worker thread sets any. On the real
// tree the main thread's young generation keeps its start size through the scan, while the scan's worker starts.
// A preload records, in the real server process, each V8 flag set (and by which thread), each script compiled
// through node:vm, each file renamed into place (the cache is written to a temporary file, then renamed), each
// worker started, and the main thread's new-space size at each collection.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EDITING_V8_FLAGS, SERVER_V8_FLAGS, WARM_UP_V8_FLAGS } from '../../server/src/serverV8Flags';
import { primaryXmlOf, writeHandmadeRepo } from '../support/handmadeRepo';
import { CORPUS_ROOT, DIST, EXAMPLES_DIR, REPO_ROOT, tempDir, tempProject } from '../support/paths';
import { serveDirectory } from '../support/repoHttpServer';
import { LspClient, type LspClientOptions } from './lspClient';

const COMPONENT = path.join(EXAMPLES_DIR, 'comps', 'hello-distro', 'hello-distro.comp.toml');

const RECORDER = `'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');
const { isMainThread } = require('node:worker_threads');
const setFlags = v8.setFlagsFromString;
if (!isMainThread) {
  // A worker's own flag sets, as they happen (its exit may come after the main thread's).
  v8.setFlagsFromString = function (flag) { fs.appendFileSync(process.env.V8_FLAGS_RECORD + '.workers', flag + '\\n'); return setFlags.call(this, flag); };
} else {
  const { PerformanceObserver } = require('node:perf_hooks');
  const events = [];
  v8.setFlagsFromString = function (flag) { events.push({ flag }); return setFlags.call(this, flag); };
  const Script = vm.Script;
  vm.Script = class extends Script { constructor(code, options) { events.push({ compiled: require('node:path').basename(String(options && options.filename)) }); super(code, options); } };
  const rename = fs.renameSync;
  fs.renameSync = function (from, to) { events.push({ renamed: require('node:path').basename(String(to)) }); return rename.call(this, from, to); };
  process.on('worker', () => events.push({ worker: true }));
  const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) events.push({ gc: e.detail && e.detail.kind, newSpace: newSpace() }); }).observe({ entryTypes: ['gc'] });
  process.on('exit', () => fs.writeFileSync(process.env.V8_FLAGS_RECORD, JSON.stringify(events)));
}
`;

type Event = { flag: string } | { compiled: string } | { renamed: string } | { worker: true } | { gc: number; newSpace: number };

const flagsIn = (list: Event[]) => list.flatMap((e) => ('flag' in e ? [e.flag] : []));
/** The flags the server's worker threads set themselves (none). */
const workerFlags = (record: string) => (fs.existsSync(record + '.workers') ? fs.readFileSync(record + '.workers', 'utf8').split('\n').filter(Boolean) : []);

/** A folder with a copy of the server (its own code cache) and the recorder; the server started on it records into `record`. */
function recordedServer(prefix: string): { work: string; record: string; start: (options?: LspClientOptions) => LspClient } {
  const work = tempDir(prefix);
  const dist = path.join(work, 'dist');
  fs.mkdirSync(dist);
  for (const f of ['server.js', 'server-main.js', 'server-fetch.js', 'bundled-validators.js']) fs.copyFileSync(path.join(DIST, f), path.join(dist, f));
  fs.cpSync(path.join(REPO_ROOT, 'schemas'), path.join(work, 'schemas'), { recursive: true });
  fs.writeFileSync(path.join(work, 'recorder.cjs'), RECORDER);
  const record = path.join(work, 'record.json');
  return { work, record, start: (options = {}) => new LspClient({}, { ...options, args: ['-r', path.join(work, 'recorder.cjs'), path.join(dist, 'server.js'), '--stdio'], env: { V8_FLAGS_RECORD: record } }) };
}

describe('the server loader’s V8 flags', () => {
  let server: ReturnType<typeof recordedServer> | undefined;
  let client: LspClient | undefined;

  before(() => {
    server = recordedServer('distro-toml-v8-flags-');
  });
  after(() => {
    client?.kill();
    if (server) fs.rmSync(server.work, { recursive: true, force: true });
  });

  it('sets the start flags before the bundle compiles, the editing flags after the start-up scan wrote the code cache', async () => {
    const { record, start } = server as ReturnType<typeof recordedServer>;
    client = start();
    await client.initialize(EXAMPLES_DIR);
    const uri = client.open(COMPONENT, fs.readFileSync(COMPONENT, 'utf8').replace(/^(\[components\.[^\]]+\]\n)/m, '$1not-an-azldev-key = true\n'));
    assert.equal((await client.diagnosticsWithCode(uri, 'schema-unknown-key')).length, 1, 'the server checks files');
    await client.waitFor(() => client?.statuses.some((s) => s.state === 'ready') ?? false, 30_000, 'the start-up scan');
    await client.waitFor(() => client?.logs.some((l) => /^Code cache written/.test(l)) ?? false, 30_000, 'the code cache written');
    await client.shutdown();
    client = undefined;
    const events = JSON.parse(fs.readFileSync(record, 'utf8')) as Event[];
    const compiledAt = events.findIndex((e) => 'compiled' in e && e.compiled === 'server-main.js');
    assert.ok(compiledAt > 0, `the bundle is compiled through node:vm after some flags: ${JSON.stringify(events)}`);
    assert.deepEqual(flagsIn(events.slice(0, compiledAt)), [...SERVER_V8_FLAGS]);
    const cachedAt = events.findIndex((e) => 'renamed' in e && /^server-main\.[0-9a-f]{16}\.cache$/.test(e.renamed));
    assert.ok(cachedAt > compiledAt, `the code cache is written after the compile: ${JSON.stringify(events)}`);
    // Between the two, only the start flags again, while a worker (the scan's) started: the cache carries them.
    assert.ok(events.slice(compiledAt, cachedAt).some((e) => 'worker' in e), 'the scan started a worker');
    assert.deepEqual([...new Set(flagsIn(events.slice(compiledAt, cachedAt)))], [...SERVER_V8_FLAGS], 'between the compile and the cache written, the start flags only');
    assert.deepEqual(flagsIn(events.slice(cachedAt)), [...EDITING_V8_FLAGS], 'the editing flags, once, after the cache');
    assert.ok(EDITING_V8_FLAGS.length > 0);
    assert.deepEqual(workerFlags(record), [], 'no worker thread sets a flag');
  });
});

describe('the server’s V8 flags while worker threads start (the real tree)', () => {
  let server: ReturnType<typeof recordedServer> | undefined;
  let specsDir = '';
  let client: LspClient | undefined;

  before(() => {
    server = recordedServer('distro-toml-v8-workers-');
    // The corpus's rendered kernel spec as the spec at hand: opening kernel.comp.toml starts the overlay check's worker.
    specsDir = path.join(server.work, 'specs');
    fs.mkdirSync(path.join(specsDir, 'kernel'), { recursive: true });
    fs.copyFileSync(path.join(CORPUS_ROOT, '..', 'rendered-specs', 'k', 'kernel', 'kernel.spec'), path.join(specsDir, 'kernel', 'kernel.spec'));
  });
  after(() => {
    client?.kill();
    if (server) fs.rmSync(server.work, { recursive: true, force: true });
  });

  it('keeps the young generation’s start size through the scan as its worker starts, and the editing flags as an overlay worker starts', async () => {
    const { record, start: startServer, work } = server as ReturnType<typeof recordedServer>;
    client = startServer();
    await client.initialize(CORPUS_ROOT, { upstream: { specsDir, cacheDir: path.join(work, 'no-cache'), fetch: false } });
    // (No file is opened before the scan: the first check of a big file, one synchronous task, may still find the
    // young generation grown by V8 when the worker's isolate is made just before it: serverV8Flags.ts.)
    await client.waitFor(() => client?.statuses.some((s) => s.state === 'ready') ?? false, 120_000, 'the start-up scan');
    // While editing: kernel.comp.toml's overlays checked on the overlay worker.
    const kernel = path.join(CORPUS_ROOT, 'base', 'comps', 'kernel', 'kernel.comp.toml');
    const kernelUri = client.open(kernel, fs.readFileSync(kernel, 'utf8'));
    assert.ok((await client.diagnosticsWithCode(kernelUri, 'overlay-does-not-apply', 120_000)).length > 0, 'the overlay check ran');
    await client.shutdown();
    client = undefined;

    const events = JSON.parse(fs.readFileSync(record, 'utf8')) as Event[];
    const editingAt = events.findIndex((e) => 'flag' in e && e.flag === EDITING_V8_FLAGS[0]);
    assert.ok(editingAt > 0, 'the editing flags were set');
    const scanWorkerAt = events.findIndex((e) => 'worker' in e);
    assert.ok(scanWorkerAt > 0 && scanWorkerAt < editingAt, 'the scan started its worker');
    const sizes = (list: Event[]) => list.flatMap((e) => ('newSpace' in e ? [e.newSpace] : []));
    const before = sizes(events.slice(0, scanWorkerAt));
    const during = sizes(events.slice(scanWorkerAt, editingAt));
    assert.ok(before.length > 0, 'collections before the scan\'s worker started');
    // V8's own growth doubles the young generation at each step (to 8–32 MB here); one step at most is allowed for a
    // collection between the worker's isolate and the next time the flags are set again.
    const start = Math.max(...before);
    assert.ok(Math.max(...during) <= 2 * start, `the new space through the scan: ${[...new Set(during)].map((b) => b / 2 ** 20).join(', ')} MiB, at its start ${start / 2 ** 20} MiB`);
    assert.ok(during.length >= 20, `the scan's collections (${during.length}): the young generation was kept small while the scan built the tree's model`);
    // The overlay worker started while editing: the flags set again are the editing ones.
    assert.ok(events.slice(editingAt).some((e) => 'worker' in e), 'the overlay check started a worker while editing');
    assert.deepEqual([...new Set(flagsIn(events.slice(editingAt)))], [...EDITING_V8_FLAGS], 'after the editing flags, only those');
    assert.deepEqual(workerFlags(record), [], 'no worker thread sets a flag');
  });
});

describe('the server’s V8 flags while a package index is made ready', () => {
  let server: ReturnType<typeof recordedServer> | undefined;
  let client: LspClient | undefined;
  const closers: (() => Promise<void>)[] = [];

  before(() => {
    server = recordedServer('distro-toml-v8-warm-up-');
  });
  after(async () => {
    client?.kill();
    for (const close of closers) await close();
    if (server) fs.rmSync(server.work, { recursive: true, force: true });
  });

  it('sets the warm-up’s old-generation growth over the editing flags until the index’s findings are made, then the editing flags again', async () => {
    const { record, start: startServer, work } = server as ReturnType<typeof recordedServer>;
    const dir = tempProject({ 'azldev.toml': 'includes = ["comps/*.toml"]\n', 'comps/a.comp.toml': '[components.pkg1]\n\n[components.pkg1x]\n' });
    const repos = tempDir('distro-toml-v8-warm-up-repo-');
    writeHandmadeRepo(path.join(repos, 'r'), primaryXmlOf(50));
    const served = await serveDirectory(repos);
    closers.push(() => served.close());
    // No repository until the start-up scan is done and the code cache written; then one, synced over loopback.
    let packageIndex: Record<string, unknown> = { repositories: [], replaceRepositories: true, offline: true, cacheDir: path.join(work, 'cache') };
    client = startServer({ configuration: () => [{ packageIndex }] });
    await client.initialize(dir);
    await client.waitFor(() => client?.logs.some((l) => /^Code cache written/.test(l)) ?? false, 30_000, 'the code cache written');
    const file = path.join(dir, 'comps', 'a.comp.toml');
    const uri = client.open(file, fs.readFileSync(file, 'utf8'));
    packageIndex = { ...packageIndex, repositories: [`${served.base}r`], offline: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await client.diagnosticsWithCode(uri, 'package-source-unknown', 30_000)).length, 1, 'the package rules ran on the synced index');
    await client.shutdown();
    client = undefined;
    const events = JSON.parse(fs.readFileSync(record, 'utf8')) as Event[];
    const cachedAt = events.findIndex((e) => 'renamed' in e && /^server-main\.[0-9a-f]{16}\.cache$/.test(e.renamed));
    const growth = flagsIn(events.slice(cachedAt)).filter((f) => f.startsWith('--heap-growing-percent='));
    // (Set again while the sync's worker starts: the same values repeated.)
    const changes = growth.filter((f, i) => f !== growth[i - 1]);
    const editing = EDITING_V8_FLAGS.find((f) => f.startsWith('--heap-growing-percent='));
    const warmUp = WARM_UP_V8_FLAGS.find((f) => f.startsWith('--heap-growing-percent='));
    assert.ok(editing && warmUp && editing !== warmUp);
    assert.deepEqual(changes, [editing, warmUp, editing], `the old generation's growth set after the cache: ${growth.join(' ')}`);
  });
});
