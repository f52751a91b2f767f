// The Release bump reads the project's own git history; the project repository's configuration (a workspace can
// ship a .git folder) and the environment must not make git run anything: signature checks, textconv, pagers,
// fsmonitor, hooks. The count itself is unchanged: commits where the lock file's input-fingerprint changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { gitReleaseHistory } from '../../../server/src/core/render';
import { tempDir } from '../../support/paths';

const scratch = tempDir('release-history-');

function git(cwd: string, args: string[]): void {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@b', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@b' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

function program(markers: string, name: string): string {
  const p = path.join(scratch, `${name}.sh`);
  fs.writeFileSync(p, `#!/bin/sh\ntouch '${path.join(markers, name)}'\ncat\n`, { mode: 0o755 });
  return p;
}

describe('gitReleaseHistory in a hostile project repository', () => {
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('counts fingerprint changes and runs nothing the repository or environment names', { timeout: 30_000 }, async () => {
    const markers = path.join(scratch, 'markers');
    const proj = path.join(scratch, 'proj');
    fs.mkdirSync(markers);
    fs.mkdirSync(path.join(proj, 'locks'), { recursive: true });
    git(proj, ['init', '--quiet']);
    fs.writeFileSync(path.join(proj, '.gitattributes'), '*.lock diff=evil filter=evil\n');
    for (const fp of ['a', 'b', 'b', 'c']) {
      fs.writeFileSync(path.join(proj, 'locks', 'demo.lock'), `input-fingerprint = "${fp}"\n`);
      git(proj, ['add', '--all']);
      git(proj, ['commit', '--quiet', '--allow-empty', '-m', fp]);
    }
    // The last commit carries a (fake) signature header, so a signature check would start gpg.program.
    const head = spawnSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: proj, encoding: 'utf8' }).stdout;
    const signed = head.replace(/\n\n/, '\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\n');
    const written = spawnSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: proj, input: signed, encoding: 'utf8' });
    git(proj, ['update-ref', 'HEAD', written.stdout.trim()]);
    const hooks = path.join(scratch, 'hooks');
    fs.mkdirSync(hooks);
    for (const hook of ['post-index-change', 'reference-transaction']) fs.copyFileSync(program(markers, hook), path.join(hooks, hook));
    fs.chmodSync(path.join(hooks, 'post-index-change'), 0o755);
    fs.chmodSync(path.join(hooks, 'reference-transaction'), 0o755);
    const config: [string, string][] = [
      ['log.showSignature', 'true'],
      ['gpg.program', program(markers, 'gpg')],
      ['diff.evil.textconv', program(markers, 'textconv')],
      ['filter.evil.smudge', program(markers, 'smudge')],
      ['filter.evil.clean', program(markers, 'clean')],
      ['core.fsmonitor', program(markers, 'fsmonitor')],
      ['core.hooksPath', hooks],
      ['core.pager', program(markers, 'pager')],
      ['diff.external', program(markers, 'external-diff')],
    ];
    for (const [k, v] of config) git(proj, ['config', k, v]);
    const saved = { GIT_EXTERNAL_DIFF: process.env.GIT_EXTERNAL_DIFF, GIT_PAGER: process.env.GIT_PAGER };
    process.env.GIT_EXTERNAL_DIFF = program(markers, 'env-external-diff');
    process.env.GIT_PAGER = program(markers, 'env-pager');
    try {
      const counted = await gitReleaseHistory({ component: 'demo', configFile: path.join(proj, 'azldev.toml'), lockDir: path.join(proj, 'locks') });
      assert.deepEqual(counted.ok && counted.commits, 3);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    assert.deepEqual(fs.readdirSync(markers), []);
  });
});
