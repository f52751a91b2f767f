// The server's heap flags (serverV8Flags.ts) in the order that keeps its code cache usable: the loader (dist/server.js,
// serverLoader.ts) sets SERVER_V8_FLAGS before it compiles the bundle (V8 rejects a cache made under other flags,
// and flags on a command line would reach only the clients that pass them); the server sets EDITING_V8_FLAGS once its
// start-up scan is done, after the cache is written (so the cache carries the flags the next start compiles under).
// A preload records each V8 flag set, each script compiled through node:vm and each file renamed into place (the
// cache is written to a temporary file, then renamed) in the real server process.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EDITING_V8_FLAGS, SERVER_V8_FLAGS } from '../../server/src/serverV8Flags';
import { DIST, EXAMPLES_DIR, REPO_ROOT, tempDir } from '../support/paths';
import { LspClient } from './lspClient';

const COMPONENT = path.join(EXAMPLES_DIR, 'comps', 'hello-distro', 'hello-distro.comp.toml');

const RECORDER = `'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');
const events = [];
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = function (flag) { events.push({ flag }); return setFlags.call(this, flag); };
const Script = vm.Script;
vm.Script = class extends Script { constructor(code, options) { events.push({ compiled: require('node:path').basename(String(options && options.filename)) }); super(code, options); } };
const rename = fs.renameSync;
fs.renameSync = function (from, to) { events.push({ renamed: require('node:path').basename(String(to)) }); return rename.call(this, from, to); };
process.on('exit', () => fs.writeFileSync(process.env.V8_FLAGS_RECORD, JSON.stringify(events)));
`;

describe('the server loader’s V8 flags', () => {
  let work = '';
  let dist = '';
  let client: LspClient | undefined;

  before(() => {
    work = tempDir('distro-toml-v8-flags-');
    dist = path.join(work, 'dist');
    fs.mkdirSync(dist);
    for (const f of ['server.js', 'server-main.js', 'bundled-validators.js']) fs.copyFileSync(path.join(DIST, f), path.join(dist, f));
    fs.cpSync(path.join(REPO_ROOT, 'schemas'), path.join(work, 'schemas'), { recursive: true });
    fs.writeFileSync(path.join(work, 'recorder.cjs'), RECORDER);
  });
  after(() => {
    client?.kill();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('sets the start flags before the bundle compiles, the editing flags after the start-up scan wrote the code cache', async () => {
    const record = path.join(work, 'record.json');
    client = new LspClient({}, { args: ['-r', path.join(work, 'recorder.cjs'), path.join(dist, 'server.js'), '--stdio'], env: { V8_FLAGS_RECORD: record } });
    await client.initialize(EXAMPLES_DIR);
    const uri = client.open(COMPONENT, fs.readFileSync(COMPONENT, 'utf8').replace(/^(\[components\.[^\]]+\]\n)/m, '$1not-an-azldev-key = true\n'));
    assert.equal((await client.diagnosticsWithCode(uri, 'schema-unknown-key')).length, 1, 'the server checks files');
    await client.waitFor(() => client?.statuses.some((s) => s.state === 'ready') ?? false, 30_000, 'the start-up scan');
    await client.waitFor(() => client?.logs.some((l) => /^Code cache written/.test(l)) ?? false, 30_000, 'the code cache written');
    await client.shutdown();
    client = undefined;
    type Event = { flag: string } | { compiled: string } | { renamed: string };
    const events = JSON.parse(fs.readFileSync(record, 'utf8')) as Event[];
    const compiledAt = events.findIndex((e) => 'compiled' in e && e.compiled === 'server-main.js');
    assert.ok(compiledAt > 0, `the bundle is compiled through node:vm after some flags: ${JSON.stringify(events)}`);
    const flagsIn = (list: Event[]) => list.flatMap((e) => ('flag' in e ? [e.flag] : []));
    assert.deepEqual(flagsIn(events.slice(0, compiledAt)), [...SERVER_V8_FLAGS]);
    const cachedAt = events.findIndex((e) => 'renamed' in e && /^server-main\.[0-9a-f]{16}\.cache$/.test(e.renamed));
    assert.ok(cachedAt > compiledAt, `the code cache is written after the compile: ${JSON.stringify(events)}`);
    assert.deepEqual(flagsIn(events.slice(compiledAt, cachedAt)), [], 'no flag between the compile and the cache written');
    assert.deepEqual(flagsIn(events.slice(cachedAt)), [...EDITING_V8_FLAGS], 'the editing flags, once, after the cache');
    assert.ok(EDITING_V8_FLAGS.length > 0);
  });
});
