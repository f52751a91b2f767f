// `distro-toml check` as the built command line runs it — its entry (dist/cli.js) loading the check bundle
// (dist/cli-check.js) and the precompiled validators through V8 code caches (cliCodeCache.ts) — prints
// byte for byte what the check's code prints run in this process from source (runCheck, with the schemas
// compiled by ajv here rather than precompiled), on the real tree and on a copy of it seeded with errors of
// every kind, in text and JSON: when no cache exists yet (the run writes them), when the caches are accepted,
// and when they are damaged (rejected, compiled around and written again).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCheck, type OutputFormat } from '../../../server/src/cliCheck';
import { CORPUS_ROOT, DIST, REPO_ROOT, tempDir } from '../../support/paths';
import { seededTree } from '../../support/seededTree';

describe('check through the code-cached bundles prints what the check prints from source', () => {
  let work = '';
  let dist = '';
  let errors = '';

  before(() => {
    work = tempDir('distro-toml-cli-cache-');
    dist = path.join(work, 'dist');
    fs.mkdirSync(dist);
    // The check needs only its entry, its bundle and the validators (no ES module chunk is loaded).
    for (const f of ['cli.js', 'cli-check.js', 'bundled-validators.js']) fs.copyFileSync(path.join(DIST, f), path.join(dist, f));
    fs.cpSync(path.join(REPO_ROOT, 'schemas'), path.join(work, 'schemas'), { recursive: true });
    errors = seededTree();
  });
  after(() => {
    for (const d of [work, errors]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  const caches = () =>
    fs
      .readdirSync(dist)
      .filter((f) => /^(cli-check|bundled-validators)\.[0-9a-f]{16}\.cache$/.test(f))
      .sort();

  function cli(args: string[], cwd: string) {
    const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', ...args], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, XDG_CACHE_HOME: path.join(work, 'no-cache'), NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** What the check's code prints for the same arguments, run here. */
  async function fromSource(tree: string, format: OutputFormat) {
    const r = await runCheck({ paths: ['.'], format, schema: 'bundled', cwd: tree, bundledSchemaDir: path.join(REPO_ROOT, 'schemas'), upstreamCacheDir: path.join(work, 'no-cache', 'distro-toml', 'upstream'), colour: { stdout: false, stderr: false } });
    return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr.map((l) => l + '\n').join('') };
  }

  it('on the real tree (text) and the seeded tree (text and JSON): no cache, cache accepted, cache damaged', async () => {
    const cases: { tree: string; format: OutputFormat }[] = [
      { tree: CORPUS_ROOT, format: 'text' },
      { tree: errors, format: 'text' },
      { tree: errors, format: 'json' },
    ];
    const expected = await Promise.all(cases.map((c) => fromSource(c.tree, c.format)));
    assert.equal(expected[0]?.code, 0, expected[0]?.stderr);
    assert.equal(expected[1]?.code, 1, 'the seeded tree has errors');
    const seededFindings = expected[1]?.stdout.split('\n').filter((l) => / error /.test(l)) ?? [];
    for (const code of ['schema-unknown-key', 'schema-type', 'toml-', 'regex-invalid']) assert.ok(seededFindings.some((l) => l.includes(code)), `the seeded tree reports ${code}:\n${seededFindings.join('\n')}`);

    const runAll = () => cases.forEach((c, i) => assert.deepEqual(cli(['--format', c.format], c.tree), expected[i], `${c.tree} ${c.format}`));

    assert.deepEqual(caches(), []);
    runAll();
    const written = caches();
    assert.equal(written.length, 2, `a cache beside each bundle: ${written.join(', ')}`);
    const stamp = () => written.map((f) => fs.statSync(path.join(dist, f)).mtimeMs);
    const first = stamp();

    runAll();
    assert.deepEqual(stamp(), first, 'accepted caches are not written again');

    for (const f of written) fs.writeFileSync(path.join(dist, f), Buffer.alloc(fs.statSync(path.join(dist, f)).size, 0x5a));
    runAll();
    assert.deepEqual(caches(), written);
    for (const f of written) assert.notEqual(fs.readFileSync(path.join(dist, f))[0], 0x5a, `the damaged ${f} was written again`);
  });
});
