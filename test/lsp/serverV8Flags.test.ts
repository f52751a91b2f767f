// The server's loader (dist/server.js, serverLoader.ts) sets its heap flags (serverV8Flags.ts) — all of them, in
// order — before it compiles the bundle: flags set after the compile would differ from those the code cache was
// made under (V8 rejects such a cache), and flags set on a command line would reach only the clients that pass them.
// A preload records each V8 flag set and each script compiled through node:vm in the real server process.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SERVER_V8_FLAGS } from '../../server/src/serverV8Flags';
import { DIST, EXAMPLES_DIR, REPO_ROOT } from '../support/paths';
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
process.on('exit', () => fs.writeFileSync(process.env.V8_FLAGS_RECORD, JSON.stringify(events)));
`;

describe('the server loader’s V8 flags', () => {
  let work = '';
  let dist = '';
  let client: LspClient | undefined;

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-v8-flags-'));
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

  it('sets every flag of serverV8Flags.ts, in order, before it compiles the bundle, and the server works under them', async () => {
    const record = path.join(work, 'record.json');
    client = new LspClient({}, { args: ['-r', path.join(work, 'recorder.cjs'), path.join(dist, 'server.js'), '--stdio'], env: { V8_FLAGS_RECORD: record } });
    await client.initialize(EXAMPLES_DIR);
    const uri = client.open(COMPONENT, fs.readFileSync(COMPONENT, 'utf8').replace(/^(\[components\.[^\]]+\]\n)/m, '$1not-an-azldev-key = true\n'));
    assert.equal((await client.diagnosticsWithCode(uri, 'schema-unknown-key')).length, 1, 'the server checks files');
    await client.shutdown();
    client = undefined;
    const events = JSON.parse(fs.readFileSync(record, 'utf8')) as ({ flag: string } | { compiled: string })[];
    const compiledAt = events.findIndex((e) => 'compiled' in e && e.compiled === 'server-main.js');
    assert.ok(compiledAt > 0, `the bundle is compiled through node:vm after some flags: ${JSON.stringify(events)}`);
    const before = events.slice(0, compiledAt).flatMap((e) => ('flag' in e ? [e.flag] : []));
    assert.deepEqual(before, [...SERVER_V8_FLAGS]);
    assert.deepEqual(events.slice(compiledAt).filter((e) => 'flag' in e), [], 'no flag is set after the bundle is compiled');
  });
});
