// `distro-toml check` reads upstream specs from the cache `render` fills, offline: against a real dist-git on
// loopback, a component is not judged (and nothing is fetched) until `render` has fetched its spec once; then
// `check` marks its failing overlay without a single request to the server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST, tempProject } from '../../support/paths';
import { fedoraProjectToml, FOO_WITH_FAILING_OVERLAY, startWorld, type World } from '../upstream/upstreamFixture';

const COMP = FOO_WITH_FAILING_OVERLAY;

interface JsonOutput {
  diagnostics: { file: string; range: { start: { line: number; character: number } }; code: string; message: string }[];
  overlays: { judged: number; notJudged: number; notJudgedComponents: { component: string; reason: string }[] };
}

/** The CLI in a child process, asynchronously: the loopback git server lives in this process and must keep serving. */
function cli(args: string[], cwd: string, xdg: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, env: { ...process.env, XDG_CACHE_HOME: xdg } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('check and the upstream cache', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => w.close());

  test('judges an upstream component only once its spec is in the cache, and never fetches', { timeout: 120_000 }, async () => {
    const dir = tempProject({
      'azldev.toml': fedoraProjectToml(w.server.baseUri, { snapshot: '2025-02-20T00:00:00Z', releaseVer: true }),
      'comps/foo.comp.toml': COMP,
    });
    const xdg = w.cache();
    try {
      const before = await cli(['check', '--format', 'json'], dir, xdg);
      assert.equal(before.code, 0, before.stderr + before.stdout);
      const unjudged = JSON.parse(before.stdout) as JsonOutput;
      assert.deepEqual([unjudged.overlays.judged, unjudged.overlays.notJudged, unjudged.overlays.notJudgedComponents.map((c) => c.component)], [0, 1, ['foo']]);
      assert.match(before.stderr, /^overlays checked against the spec of 0 components; 1 component not judged for lack of a spec/m);
      assert.equal(w.server.requests.length, 0, 'check fetches nothing');

      const rendered = await cli(['render', 'foo'], dir, xdg);
      assert.equal(rendered.code, 1, 'the Epoch overlay fails');
      const requests = w.server.requests.length;
      assert.ok(requests > 0, 'render fetched');

      const after = await cli(['check', '--format', 'json'], dir, xdg);
      assert.equal(after.code, 1, after.stderr);
      const judged = JSON.parse(after.stdout) as JsonOutput;
      assert.deepEqual([judged.overlays.judged, judged.overlays.notJudged], [1, 0]);
      const failing = judged.diagnostics.filter((d) => d.code === 'overlay-does-not-apply');
      assert.deepEqual(failing.map((d) => [d.file, d.range.start]), [[path.join('comps', 'foo.comp.toml'), { line: 8, character: 0 }]]);
      assert.match(failing[0]?.message ?? '', /^spec-update-tag overlay fails against .* @ [0-9a-f]{40}: /);
      assert.equal(w.server.requests.length, requests, 'check read the cache without the network');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
