// `distro-toml review` on a repository whose own configuration asks git to run programs: filter drivers (clean,
// smudge, process; defined directly and through an included file, named by .gitattributes and .git/info/attributes),
// fsmonitor, hooks, textconv, an external diff, a pager — plus a hostile global configuration and GIT_* variables in
// the environment. Review compares the work tree with a revision (`git diff` hashes the changed work-tree files
// through their clean filter unless the filter is emptied) and copies revisions out of git; every program would
// touch a marker file, and the test asserts there is none while the review still reports the change.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIST, tempDir } from '../../support/paths';

const SPEC = 'Name: a\nVersion: 1.0\nRelease: 1%{?dist}\nSummary: a\nLicense: MIT\n\n%description\na.\n\n%prep\n\n%build\n\n%install\necho install\n\n%files\n';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();
}

/** An executable that records that it ran in the marker folder, then passes its input through like a filter. */
function program(bin: string, markers: string, name: string): string {
  const p = path.join(bin, name);
  fs.writeFileSync(p, `#!/bin/sh\necho "$@" > '${path.join(markers, name)}'\ncat\nexit 0\n`, { mode: 0o755 });
  return p;
}

describe('distro-toml review runs nothing a repository or the environment names', () => {
  let work: string;
  let repo: string;
  let markers: string;
  let bin: string;
  let hostileEnv: Record<string, string>;

  before(() => {
    work = tempDir('distro-toml-review-hostile-');
    repo = path.join(work, 'repo');
    markers = path.join(work, 'markers');
    bin = path.join(work, 'bin');
    for (const d of [repo, markers, bin]) fs.mkdirSync(d);
    const run = (name: string) => program(bin, markers, name);
    git(repo, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, 'azldev.toml'), '[components.a]\nspec = { type = "local", path = "a/a.spec" }\n');
    fs.mkdirSync(path.join(repo, 'a'));
    fs.writeFileSync(path.join(repo, 'a', 'a.spec'), SPEC);
    fs.writeFileSync(path.join(repo, '.gitattributes'), '* filter=evil diff=evil\n*.spec filter=odd=name\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    // The change under review, committed on a branch (for the revision-to-revision review) and then written into
    // the work tree of main (for the default review): both tracked files differ, so git must hash them.
    const changed = () => {
      fs.writeFileSync(path.join(repo, 'azldev.toml'), '[components.a]\nspec = { type = "local", path = "a/a.spec" }\n\n[components.a.build]\ndefines = { feature = "1" }\n');
      fs.writeFileSync(path.join(repo, 'a', 'a.spec'), SPEC.replace('echo install', 'echo install changed'));
    };
    git(repo, 'checkout', '-q', '-b', 'change');
    changed();
    git(repo, 'commit', '-q', '-a', '-m', 'change');
    git(repo, 'checkout', '-q', 'main');
    // The repository's configuration, written after the commit (so committing ran none of it).
    const config: [string, string][] = [
      ['filter.evil.clean', run('clean')],
      ['filter.evil.smudge', run('smudge')],
      ['filter.evil.required', 'true'],
      ['filter.odd=name.clean', run('clean-odd')],
      ['filter.direct.process', run('filter-process')],
      ['core.fsmonitor', run('fsmonitor')],
      ['core.hooksPath', bin],
      ['core.pager', run('pager')],
      ['diff.evil.textconv', run('textconv')],
      ['diff.external', run('external-diff')],
      ['gpg.program', run('gpg')],
      ['log.showSignature', 'true'],
    ];
    const included = path.join(work, 'included.gitconfig');
    git(repo, 'config', '--file', included, 'filter.included.clean', run('clean-included'));
    git(repo, 'config', 'include.path', included);
    for (const [k, v] of config) git(repo, 'config', k, v);
    fs.writeFileSync(path.join(repo, '.git', 'info', 'attributes'), 'azldev.toml filter=included\na/* filter=direct\n');
    for (const hook of ['post-index-change', 'reference-transaction', 'pre-auto-gc']) run(hook);
    // A hostile global configuration and GIT_* variables, as a careless environment would carry.
    const globalConfig = path.join(work, 'global.gitconfig');
    git(work, 'config', '--file', globalConfig, 'filter.evil.clean', run('global-clean'));
    git(work, 'config', '--file', globalConfig, 'core.fsmonitor', run('global-fsmonitor'));
    hostileEnv = {
      GIT_CONFIG_GLOBAL: globalConfig,
      GIT_EXTERNAL_DIFF: run('env-external-diff'),
      GIT_PAGER: run('env-pager'),
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: run('env-fsmonitor'),
    };
    changed();
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  const review = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'review', '--format', 'json', ...args], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...hostileEnv, XDG_CACHE_HOME: path.join(work, 'cache') },
    });

  it('compares the work tree with the default base and runs no filter, hook, fsmonitor, pager or diff program', () => {
    fs.readdirSync(markers).forEach((m) => fs.rmSync(path.join(markers, m)));
    const r = review();
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { components: { name: string; configChanged: boolean; spec: { status: string; diff?: string } }[] };
    assert.deepEqual(json.components.map((c) => c.name), ['a']);
    assert.equal(json.components[0]?.configChanged, true);
    assert.match(json.components[0]?.spec.diff ?? '', /^\+echo install changed$/m);
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('copies both revisions out of the same repository without running its programs', () => {
    fs.readdirSync(markers).forEach((m) => fs.rmSync(path.join(markers, m)));
    const r = review('--base', 'main', '--head', 'change');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { components: { name: string; spec: { diff?: string } }[] };
    assert.deepEqual(json.components.map((c) => c.name), ['a']);
    assert.match(json.components[0]?.spec.diff ?? '', /^\+echo install changed$/m);
    assert.deepEqual(fs.readdirSync(markers), []);
  });
});
