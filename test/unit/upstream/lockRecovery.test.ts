// Locks that explain themselves and get out of the way: a lock without an owner file is broken after seconds, one
// whose pid now belongs to another process at once, a holder never removes a lock someone else took over, and
// `distro-toml upstream unlock` frees abandoned locks (a live holder's only by name with --force).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { processStartTime, withRepoLock } from '../../../server/src/core/upstream/repoLock';
import { DIST, tempDir } from '../../support/paths';

const T = { timeout: 20_000 };
const root = tempDir('lock-recovery-');

function owner(lockDir: string, content: object | undefined, ageMs = 0): void {
  fs.mkdirSync(lockDir, { recursive: true });
  if (content) fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify(content));
  const t = (Date.now() - ageMs) / 1000;
  fs.utimesSync(lockDir, t, t);
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'upstream', ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('lock recovery', () => {
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('a fresh lock without an owner file is waited for, and the message says so; after seconds it is broken', T, async () => {
    const lockDir = path.join(root, 'ownerless.lock');
    owner(lockDir, undefined);
    const r = await withRepoLock(lockDir, Date.now() + 200, undefined, async () => 'ran');
    assert.ok(!r.locked);
    assert.match(r.lock, new RegExp(`^the lock ${lockDir} \\(has no owner file, \\d+ s old\\)$`));
    owner(lockDir, undefined, 5_000);
    const started = Date.now();
    assert.deepEqual(await withRepoLock(lockDir, Date.now() + 5000, undefined, async () => 'ran'), { locked: true, value: 'ran' });
    assert.ok(Date.now() - started < 1000, 'broken at once, not after minutes');
  });

  test('a live pid whose start time differs from the recorded one (pid reuse) does not hold the lock', T, async () => {
    assert.ok(processStartTime(process.ppid), 'this test needs /proc');
    const lockDir = path.join(root, 'reused.lock');
    owner(lockDir, { pid: process.ppid, host: os.hostname(), started: '1', token: 'x' });
    assert.deepEqual(await withRepoLock(lockDir, Date.now() + 1000, undefined, async () => 'ran'), { locked: true, value: 'ran' });
    // The same pid with its true start time does hold it.
    owner(lockDir, { pid: process.ppid, host: os.hostname(), started: processStartTime(process.ppid), token: 'x' });
    const r = await withRepoLock(lockDir, Date.now() + 200, undefined, async () => 'ran');
    assert.equal(r.locked, false);
    fs.rmSync(lockDir, { recursive: true });
  });

  test('a holder whose lock was broken and taken over leaves the new owner’s lock in place', T, async () => {
    const lockDir = path.join(root, 'taken.lock');
    const r = await withRepoLock(lockDir, Date.now() + 1000, undefined, async () => {
      fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'someone-else' }));
      return 'ran';
    });
    assert.deepEqual(r, { locked: true, value: 'ran' });
    assert.equal(JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8')).token, 'someone-else');
  });

  test('distro-toml upstream unlock frees abandoned locks; a live one only by name with --force', T, () => {
    const cache = path.join(root, 'cache');
    const locks = path.join(cache, '.locks');
    const dead = path.join(locks, 'foo-0123456789ab.lock');
    const ownerless = path.join(locks, 'local-bar-0123456789ab.lock');
    const live = path.join(locks, 'baz-0123456789ab.lock');
    owner(dead, { pid: 2 ** 22 + 7, host: os.hostname() });
    owner(ownerless, undefined, 5_000);
    owner(live, { pid: process.ppid, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' });

    const all = cli(['unlock', '--cache-dir', cache]);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, new RegExp(`removed the lock ${dead} \\(held by pid ${2 ** 22 + 7} on host .*\\): it was left by process \\d+, which is gone`));
    assert.match(all.stdout, new RegExp(`removed the lock ${ownerless} \\(has no owner file, \\d+ s old\\): it has no owner file`));
    assert.deepEqual(fs.readdirSync(locks), ['baz-0123456789ab.lock']);

    const named = cli(['unlock', 'baz', '--cache-dir', cache]);
    assert.equal(named.code, 1);
    assert.match(named.stderr, new RegExp(`kept the lock ${live} \\(held by pid ${process.ppid} on host ${os.hostname()} since 2026-01-01T00:00:00.000Z\\): it is held by a running process; pass --force`));
    assert.ok(fs.existsSync(live));
    const forced = cli(['unlock', 'baz', '--force', '--cache-dir', cache]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(fs.existsSync(live), false);
    assert.match(cli(['unlock', 'nothing', '--cache-dir', cache]).stdout, /no locks of package 'nothing'/);
    assert.equal(cli(['bogus']).code, 2);
  });
});
