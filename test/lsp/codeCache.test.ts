// The server's V8 code cache (serverLoader.ts, dist/server.js loading dist/server-main.js): a copy of the build
// with no cache starts, indexes a project and writes the cache beside the bundle; the next start compiles from
// it (V8 accepts it); a damaged cache is rejected, the server still answers and the cache is written again, and
// the cache of another build is removed then. The server reports the cache's state in its start-up log line.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIST, EXAMPLES_DIR, REPO_ROOT, tempDir } from '../support/paths';
import { LspClient } from './lspClient';

const COMPONENT = path.join(EXAMPLES_DIR, 'comps', 'hello-distro', 'hello-distro.comp.toml');

describe('the server bundle’s code cache', () => {
  let work = '';
  let dist = '';
  const clients: LspClient[] = [];

  before(() => {
    work = tempDir('distro-toml-code-cache-');
    dist = path.join(work, 'dist');
    fs.mkdirSync(dist);
    for (const f of ['server.js', 'server-main.js', 'bundled-validators.js']) fs.copyFileSync(path.join(DIST, f), path.join(dist, f));
    fs.cpSync(path.join(REPO_ROOT, 'schemas'), path.join(work, 'schemas'), { recursive: true });
  });
  after(() => {
    clients.forEach((c) => c.kill());
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const caches = () => fs.readdirSync(dist).filter((f) => /^server-main\.[0-9a-f]{16}\.cache$/.test(f));

  /** Starts the copy on the examples project, checks one file and waits for the start-up scan; the server's log. */
  async function start(): Promise<string[]> {
    const client = new LspClient({}, { args: [path.join(dist, 'server.js'), '--stdio'] });
    clients.push(client);
    await client.initialize(EXAMPLES_DIR);
    const uri = client.open(COMPONENT, fs.readFileSync(COMPONENT, 'utf8').replace(/^(\[components\.[^\]]+\]\n)/m, '$1not-an-azldev-key = true\n'));
    const found = await client.diagnosticsWithCode(uri, 'schema-unknown-key');
    assert.equal(found.length, 1, 'the server checks files');
    await client.waitFor(() => client.statuses.some((s) => s.state === 'ready'), 30_000, 'the start-up scan');
    // The cache is written right after the ready status; its log line follows at once.
    await client.waitFor(() => client.logs.some((l) => /^Code cache /.test(l)) || client.logs.some((l) => /code cache accepted/.test(l)), 30_000, 'the code cache outcome');
    const logs = [...client.logs];
    await client.shutdown();
    return logs;
  }

  it('is written by the first start, accepted by the next, and replaced when damaged or of another build', async () => {
    assert.deepEqual(caches(), []);
    const first = await start();
    assert.ok(first.some((l) => /; code cache absent;/.test(l)), first.join('\n'));
    assert.ok(first.some((l) => /^Code cache written \(\d+ KiB\): /.test(l)), first.join('\n'));
    const [written] = caches();
    assert.ok(written, 'a cache file beside the bundle');
    // Named by the SHA-256 of the bundle's text, which the build wrote into the loader (the start hashes no bundle).
    const digest = createHash('sha256').update(fs.readFileSync(path.join(dist, 'server-main.js'))).digest('hex');
    assert.ok(fs.readFileSync(path.join(dist, 'server.js'), 'utf8').includes(JSON.stringify(digest)), 'the loader carries the bundle\'s digest');
    assert.equal(written, `server-main.${createHash('sha256').update(`${digest}\0${process.versions.v8}\0${process.arch}`).digest('hex').slice(0, 16)}.cache`);
    const size = fs.statSync(path.join(dist, written)).size;
    assert.ok(size > 100_000, `the cache holds compiled code (${size} bytes)`);

    const second = await start();
    assert.ok(second.some((l) => /; code cache accepted;/.test(l)), second.join('\n'));
    assert.ok(!second.some((l) => /^Code cache /.test(l)), 'an accepted cache is not written again');

    // Damaged (same name, other bytes), with a stale cache of another build beside it.
    const garbage = Buffer.alloc(size, 0x5a);
    fs.writeFileSync(path.join(dist, written), garbage);
    fs.writeFileSync(path.join(dist, 'server-main.0123456789abcdef.cache'), 'stale');
    const third = await start();
    assert.ok(third.some((l) => /; code cache rejected;/.test(l)), third.join('\n'));
    assert.ok(third.some((l) => /^Code cache written/.test(l)), third.join('\n'));
    assert.deepEqual(caches(), [written], 'the other build’s cache is removed');
    assert.notDeepEqual(fs.readFileSync(path.join(dist, written)), garbage, 'the damaged cache was replaced');

    const fourth = await start();
    assert.ok(fourth.some((l) => /; code cache accepted;/.test(l)), fourth.join('\n'));
  });
});
