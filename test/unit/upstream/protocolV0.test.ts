// A dist-git server that speaks only protocol v0 (its web server does not pass the Git-Protocol header on) and so
// refuses objects by id: the partial clone still selects commits, and the files come from a full copy instead of
// lazy blob fetches. Against a v2 server no full copy is made.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveUpstreamSource, type UpstreamResult } from '../../../server/src/core/upstream/distGit';
import { cacheKey } from '../../../server/src/core/upstream/distGitCache';
import { startGitHttpServer, type GitHttpServer } from './gitHttpServer';
import { buildFoo, SPEC, type FooHistory } from './upstreamFixture';
import { tempDir } from '../../support/paths';

const T = { timeout: 30_000 };

function expectOk(r: UpstreamResult) {
  if (!r.ok) assert.fail(`expected success, got ${r.code}: ${r.message}`);
  return r;
}

describe('resolveUpstreamSource: protocol v0 server', () => {
  let root: string;
  let v0: GitHttpServer;
  let v2: GitHttpServer;
  let foo: FooHistory;
  const caches: string[] = [];
  const cache = () => {
    const dir = tempDir('upstream-cache-v0-');
    caches.push(dir);
    return dir;
  };
  before(async () => {
    root = tempDir('upstream-root-v0-');
    foo = buildFoo(root);
    v0 = await startGitHttpServer(root, { protocolV0: true });
    v2 = await startGitHttpServer(root);
  });
  after(async () => {
    await v0.close();
    await v2.close();
    for (const dir of [root, ...caches]) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('tip, snapshot and pinned commits resolve and their files arrive', T, async () => {
    const cacheDir = cache();
    const ref = (extra: { commit?: string; snapshot?: string }) => ({ pkg: 'foo', baseUri: v0.baseUri, branch: 'f43', ...extra });
    const cases: Array<[{ commit?: string; snapshot?: string }, string, string]> = [
      [{}, foo.c3, SPEC('3')],
      [{ snapshot: '2025-02-20T00:00:00Z' }, foo.c2, SPEC('2')],
      [{ commit: foo.c4 }, foo.c4, SPEC('4')],
      [{ commit: foo.c1.slice(0, 8) }, foo.c1, SPEC('1')],
    ];
    for (const [extra, commit, spec] of cases) {
      const r = expectOk(await resolveUpstreamSource(ref(extra), { cacheDir }));
      assert.equal(r.commit, commit, JSON.stringify(extra));
      assert.equal(fs.readFileSync(r.specPath, 'utf8'), spec);
    }
    assert.ok(fs.existsSync(path.join(cacheDir, cacheKey('foo', v0.url('foo')), 'full.git')), 'a full copy was needed');
    const requests = v0.requests.length;
    for (const [extra, commit] of cases) assert.equal(expectOk(await resolveUpstreamSource(ref(extra), { cacheDir })).commit, commit);
    assert.equal(v0.requests.length, requests, 'the second round is served from the cache');
  });

  test('a v2 server gets no full copy', T, async () => {
    const cacheDir = cache();
    expectOk(await resolveUpstreamSource({ pkg: 'foo', baseUri: v2.baseUri, branch: 'f43', commit: foo.c4 }, { cacheDir }));
    assert.equal(fs.existsSync(path.join(cacheDir, cacheKey('foo', v2.url('foo')), 'full.git')), false);
  });
});
