// The per-repository lock: callers in one process take turns, a lock held by another live process is waited for
// until the deadline, one left by a dead process is broken, and an abort stops the wait.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { withRepoLock } from '../../../server/src/core/upstream/repoLock';
import { resolveUpstreamSource } from '../../../server/src/core/upstream/distGit';
import { cacheKey } from '../../../server/src/core/upstream/distGitCache';
import { tempDir } from '../../support/paths';

const T = { timeout: 15_000 };
const root = tempDir('upstream-lock-');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function holdAs(lockDir: string, pid: number): void {
  fs.mkdirSync(lockDir, { recursive: true });
  fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid, host: os.hostname() }));
}

describe('withRepoLock', () => {
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('calls in one process run one at a time, in order', T, async () => {
    const lockDir = path.join(root, 'a.lock');
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        withRepoLock(lockDir, Date.now() + 5000, undefined, async () => {
          inside++;
          most = Math.max(most, inside);
          assert.ok(fs.existsSync(lockDir), 'the lock folder exists while held');
          await sleep(20);
          order.push(i);
          inside--;
        }),
      ),
    );
    assert.equal(most, 1);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(fs.existsSync(lockDir), false, 'released');
  });

  test('a lock held by another live process is waited for until the deadline', T, async () => {
    const lockDir = path.join(root, 'b.lock');
    holdAs(lockDir, process.ppid);
    const started = Date.now();
    const r = await withRepoLock(lockDir, Date.now() + 400, undefined, async () => 'ran');
    assert.deepEqual(r, { locked: false, why: 'timeout', lock: `the lock ${lockDir} (held by pid ${process.ppid} on host ${os.hostname()})` });
    // It waits until the deadline (400 ms), not until its next poll would pass it (~300 ms); timers may fire a little early.
    assert.ok(Date.now() - started >= 380, `gave up after ${Date.now() - started} ms`);
    assert.ok(fs.existsSync(lockDir), 'another process’s lock is left alone');
    setTimeout(() => fs.rmSync(lockDir, { recursive: true, force: true }), 100);
    assert.deepEqual(await withRepoLock(lockDir, Date.now() + 3000, undefined, async () => 'ran'), { locked: true, value: 'ran' });
  });

  test('a lock left by a dead process is broken', T, async () => {
    const lockDir = path.join(root, 'c.lock');
    holdAs(lockDir, 2 ** 22 + 7);
    assert.deepEqual(await withRepoLock(lockDir, Date.now() + 1000, undefined, async () => 'ran'), { locked: true, value: 'ran' });
  });

  test('an abort stops the wait, in the queue and on another process’s lock', T, async () => {
    const lockDir = path.join(root, 'd.lock');
    const controller = new AbortController();
    // The holder keeps the lock until the waiter has given up (not for a fixed time: under load a timer can fire
    // after the holder's sleep ended, and the lock was then free when the abort came).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = withRepoLock(lockDir, Date.now() + 5000, undefined, () => held);
    const waiter = withRepoLock(lockDir, Date.now() + 5000, controller.signal, async () => 'ran');
    setTimeout(() => controller.abort(), 50);
    const cancelled = await waiter;
    release();
    assert.equal(cancelled.locked, false);
    assert.ok(!cancelled.locked && cancelled.why === 'cancelled');
    assert.match(cancelled.lock, new RegExp(`^the lock ${lockDir} \\(held by pid ${process.pid} on host ${os.hostname()} since \\d{4}-`));
    await holder;
    const foreign = path.join(root, 'e.lock');
    holdAs(foreign, process.ppid);
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 100);
    assert.deepEqual(await withRepoLock(foreign, Date.now() + 5000, c2.signal, async () => 'ran'), {
      locked: false,
      why: 'cancelled',
      lock: `the lock ${foreign} (held by pid ${process.ppid} on host ${os.hostname()})`,
    });
  });

  test('resolveUpstreamSource reports a lock it could not get in time as a timeout', T, async () => {
    const cacheDir = path.join(root, 'cache');
    const baseUri = 'http://127.0.0.1:9/rpms/$pkg.git';
    const lockDir = path.join(cacheDir, '.locks', `${cacheKey('foo', 'http://127.0.0.1:9/rpms/foo.git')}.lock`);
    holdAs(lockDir, process.ppid);
    const r = await resolveUpstreamSource({ pkg: 'foo', baseUri, branch: 'f43' }, { cacheDir, timeoutMs: 300 });
    assert.ok(!r.ok);
    assert.equal(r.code, 'timeout');
    assert.equal(
      r.message,
      "timed out after 300 ms waiting for another retrieval of package 'foo' from http://127.0.0.1:9/rpms/foo.git to finish: " +
        `the lock ${lockDir} (held by pid ${process.ppid} on host ${os.hostname()}); ` +
        'if no distro-toml or editor is fetching it any more, free it with `distro-toml upstream unlock foo`',
    );
  });
});
