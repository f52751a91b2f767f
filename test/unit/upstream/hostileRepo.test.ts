// A repository is data, not code: a local checkout whose own configuration (fsmonitor, hooks, smudge/clean/process
// filters, textconv, external diff, pager, signature program, submodule recursion, include of another config) and
// whose tree (.gitattributes) ask git to run programs, plus hostile global configuration and GIT_* variables in the
// environment, must make git run nothing while the upstream retrieval reads it — over a local checkout and over
// HTTP on loopback. Every such program would touch a marker file; the test asserts there is none.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveUpstreamSource, type UpstreamResult } from '../../../server/src/core/upstream/distGit';
import { UpstreamRepo } from './gitHttpServer';
import { startWorld, type World } from './upstreamFixture';
import { tempDir } from '../../support/paths';

const T = { timeout: 60_000 };

function expectOk(r: UpstreamResult) {
  if (!r.ok) assert.fail(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

function git(cwd: string, args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

/** An executable that records its name (and arguments) in the marker folder, then succeeds like a filter would. */
function program(dir: string, markers: string, name: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `#!/bin/sh\necho "$@" > '${path.join(markers, name)}'\ncat\nexit 0\n`, { mode: 0o755 });
  return p;
}

/** `git config` lines asking for each program-running feature. */
function hostileConfig(bin: string, markers: string): [string, string][] {
  const run = (name: string) => program(bin, markers, name);
  return [
    ['core.fsmonitor', run('fsmonitor')],
    ['core.hooksPath', path.dirname(run('post-checkout'))],
    ['core.pager', run('pager')],
    ['core.alternateRefsCommand', run('alternate-refs')],
    ['core.sshCommand', run('ssh')],
    ['core.askPass', run('askpass')],
    ['credential.helper', `!${run('credential')}`],
    ['filter.evil.smudge', run('smudge')],
    ['filter.evil.clean', run('clean')],
    ['filter.evil.process', run('filter-process')],
    ['filter.evil.required', 'true'],
    ['filter.odd=name.smudge', run('smudge-odd')],
    ['diff.evil.textconv', run('textconv')],
    ['diff.external', run('external-diff')],
    ['log.showSignature', 'true'],
    ['gpg.program', run('gpg')],
    ['submodule.recurse', 'true'],
    ['uploadpack.packObjectsHook', run('pack-objects-hook')],
    ['gc.auto', '1'],
  ];
}

describe('git runs nothing a repository or the environment names', () => {
  let w: World;
  let scratch: string;
  let markers: string;
  const saved: Record<string, string | undefined> = {};
  const hostileEnv: Record<string, string> = {};
  before(async () => {
    scratch = tempDir('hostile-repo-');
    markers = path.join(scratch, 'markers');
    const bin = path.join(scratch, 'bin');
    fs.mkdirSync(markers);
    fs.mkdirSync(bin);
    for (const hook of ['pre-auto-gc', 'reference-transaction', 'post-merge', 'post-index-change']) program(bin, markers, hook);
    w = await startWorld((root) => {
      const r = new UpstreamRepo(root, 'evil');
      r.commit('2025-01-01T00:00:00Z', {
        'evil.spec': 'Name: evil\n',
        '.gitattributes': '* filter=evil diff=evil\n*.conf filter=odd=name\n',
        'evil.conf': 'x\n',
      });
      r.branch('f43');
      r.push();
      r.dispose();
    });
    // A hostile global configuration and GIT_* variables, as a compromised or careless environment would carry.
    const globalConfig = path.join(scratch, 'global.gitconfig');
    for (const [k, v] of hostileConfig(bin, markers)) git(scratch, ['config', '--file', globalConfig, k, v]);
    const attributes = path.join(scratch, 'global.attributes');
    fs.writeFileSync(attributes, '* filter=evil diff=evil\n');
    git(scratch, ['config', '--file', globalConfig, 'core.attributesFile', attributes]);
    Object.assign(hostileEnv, {
      GIT_CONFIG_GLOBAL: globalConfig,
      GIT_EXTERNAL_DIFF: program(bin, markers, 'env-external-diff'),
      GIT_PAGER: program(bin, markers, 'env-pager'),
      GIT_SSH_COMMAND: program(bin, markers, 'env-ssh'),
      GIT_ASKPASS: program(bin, markers, 'env-askpass'),
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: program(bin, markers, 'env-fsmonitor'),
      GIT_TRACE2_EVENT: path.join(markers, 'env-trace2'),
    });
    for (const [k, v] of Object.entries(hostileEnv)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    await w.close();
  });

  test('a local checkout with a hostile .git/config, info/attributes and .gitattributes', T, async () => {
    const checkouts = path.join(scratch, 'checkouts');
    fs.mkdirSync(checkouts);
    git(checkouts, ['clone', '--quiet', '--no-checkout', '--branch', 'f43', path.join(w.root, 'rpms', 'evil.git'), 'evil']);
    const repo = path.join(checkouts, 'evil');
    const included = path.join(scratch, 'included.gitconfig');
    for (const [k, v] of hostileConfig(path.join(scratch, 'bin'), markers)) git(repo, ['config', '--file', included, k, v]);
    git(repo, ['config', 'include.path', included]);
    git(repo, ['config', 'filter.direct.smudge', program(path.join(scratch, 'bin'), markers, 'smudge-direct')]);
    fs.writeFileSync(path.join(repo, '.git', 'info', 'attributes'), 'evil.conf filter=direct\n');
    fs.readdirSync(markers).forEach((m) => fs.rmSync(path.join(markers, m)));

    const got = expectOk(await resolveUpstreamSource({ pkg: 'evil', baseUri: 'http://127.0.0.1:9/rpms/$pkg.git', branch: 'f43' }, { cacheDir: w.cache(), localCheckouts: [checkouts] }));
    assert.equal(fs.readFileSync(got.specPath, 'utf8'), 'Name: evil\n', 'raw content, no filter output');
    assert.equal(fs.readFileSync(path.join(got.dir, 'evil.conf'), 'utf8'), 'x\n');
    // A snapshot before the first commit makes the retrieval read the branch's log (signatures, diffs, pager).
    const before = await resolveUpstreamSource({ pkg: 'evil', baseUri: 'http://127.0.0.1:9/rpms/$pkg.git', branch: 'f43', snapshot: '2000-01-01T00:00:00Z' }, { cacheDir: w.cache(), localCheckouts: [checkouts] });
    assert.ok(!before.ok && before.code === 'no-commit-before-snapshot' && /its first commit is dated 2025-01-01/.test(before.message), JSON.stringify(before));
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  test('a clone and fetch over HTTP under the same hostile environment', T, async () => {
    fs.readdirSync(markers).forEach((m) => fs.rmSync(path.join(markers, m)));
    const cacheDir = w.cache();
    const ref = { pkg: 'evil', baseUri: w.server.baseUri, branch: 'f43' };
    const got = expectOk(await resolveUpstreamSource(ref, { cacheDir }));
    assert.equal(fs.readFileSync(got.specPath, 'utf8'), 'Name: evil\n');
    expectOk(await resolveUpstreamSource(ref, { cacheDir, refreshAfterMs: 0 }));
    assert.deepEqual(fs.readdirSync(markers), []);
  });
});
