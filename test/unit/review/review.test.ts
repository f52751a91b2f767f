// `distro-toml review` as a reviewer runs it: the built CLI in a real git repository the test makes, with one
// commit per kind of change — a group default, an overlay file several components load, a comment and a moved
// file, a distro default, a local spec — each compared with its parent, plus the default base (the merge base
// with the default branch) against the work tree, the JSON and Markdown outputs, and a hostile base revision.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { DIST, tempDir } from '../../support/paths';
import { safeTreePath } from '../../../server/src/gitRevision';

const SPEC = (name: string) => `Name: ${name}\nVersion: 1.0\nRelease: 1%{?dist}\nSummary: ${name}\nLicense: MIT\n\n%description\n${name}.\n\n%prep\n\n%build\n\n%install\necho install\n\n%files\n\n%changelog\n* Tue Dec 01 2026 A <a@example.com> - 1.0-1\n- First\n`;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

function commit(cwd: string, message: string): string {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD');
}

interface Review {
  affected: number;
  components: { name: string; change: string; configChanged: boolean; configDiff: string; spec: { status: string; diff?: string; reason?: string } }[];
}

function review(cwd: string, specsDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string; json?: Review } {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'review', '--specs-dir', specsDir, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, XDG_CACHE_HOME: path.join(specsDir, '..', 'cache') },
  });
  const out: { code: number | null; stdout: string; stderr: string; json?: Review } = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  if (args.includes('json') && r.status !== 2) out.json = JSON.parse(r.stdout) as Review;
  return out;
}

const names = (r: Review | undefined) => (r?.components ?? []).map((c) => c.name);

describe('distro-toml review', () => {
  let work: string;
  let repo: string;
  let specs: string;
  const commits: Record<string, string> = {};

  before(() => {
    work = tempDir('distro-toml-review-test-');
    repo = path.join(work, 'repo');
    specs = path.join(work, 'specs');
    for (const n of ['alpha', 'beta', 'gamma', 'delta']) write(specs, { [`${n}/${n}.spec`]: SPEC(n) });
    fs.mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    write(repo, {
      'README.md': 'not part of the project\n',
      'project/azldev.toml': 'includes = ["comps/**/*.comp.toml", "distro.toml"]\n\n[project]\ndescription = "review test"\ndefault-distro = { name = "fedora", version = "43" }\n',
      'project/distro.toml': '[distros.fedora]\ndefault-version = "43"\n\n[distros.fedora.versions.43]\nrelease-ver = "43"\n',
      'project/comps/a.comp.toml':
        '# alpha and beta load the shared overlay file\n[components.alpha]\noverlay-files = ["shared/*.overlay.toml"]\n\n[components.beta]\noverlay-files = ["shared/*.overlay.toml"]\n\n[components.gamma]\n\n[components.delta]\nspec = { type = "local", path = "delta/delta.spec" }\n',
      'project/comps/shared/common.overlay.toml': '[metadata]\ncategory = "azl-branding"\n\n[[overlays]]\ntype = "spec-append-lines"\nsection = "%install"\nlines = ["echo shared"]\n',
      'project/comps/groups.comp.toml': '[component-groups.g1]\ncomponents = ["alpha", "gamma"]\n',
      'project/comps/delta/delta.spec': SPEC('delta'),
    });
    commits['initial'] = commit(repo, 'initial');
    // A group default reaches every member.
    write(repo, { 'project/comps/groups.comp.toml': '[component-groups.g1]\ncomponents = ["alpha", "gamma"]\n\n[component-groups.g1.default-component-config.build]\ndefines = { with_feature = "1" }\n' });
    commits['group'] = commit(repo, 'group default');
    // An overlay file reaches every component that loads it.
    write(repo, { 'project/comps/shared/common.overlay.toml': '[metadata]\ncategory = "azl-branding"\n\n[[overlays]]\ntype = "spec-append-lines"\nsection = "%install"\nlines = ["echo shared, changed"]\n' });
    commits['overlayFile'] = commit(repo, 'overlay file');
    // A comment and a moved file change nothing azldev sees.
    fs.writeFileSync(path.join(repo, 'project/comps/a.comp.toml'), fs.readFileSync(path.join(repo, 'project/comps/a.comp.toml'), 'utf8').replace('# alpha and beta', '# Alpha and beta both'));
    fs.mkdirSync(path.join(repo, 'project/comps/moved'));
    git(repo, 'mv', 'project/comps/groups.comp.toml', 'project/comps/moved/groups.comp.toml');
    commits['cosmetic'] = commit(repo, 'comment and move');
    // A distro default reaches every component.
    write(repo, { 'project/distro.toml': '[distros.fedora]\ndefault-version = "43"\n\n[distros.fedora.versions.43]\nrelease-ver = "43"\n\n[distros.fedora.versions.43.default-component-config.build]\nwithout = ["docs"]\n' });
    commits['distro'] = commit(repo, 'distro default');
    // A local spec's own file changes the effective spec and not the config.
    write(repo, { 'project/comps/delta/delta.spec': SPEC('delta').replace('echo install', 'echo install delta') });
    commits['localSpec'] = commit(repo, 'local spec');
    // An overlay that stops applying: azldev renders nothing for gamma at the head (RENDER_FAILED).
    write(repo, { 'project/comps/gamma.comp.toml': '[[components.gamma.overlays]]\ndescription = "d"\ntype = "spec-search-replace"\nregex = "no such text"\nreplacement = "x"\n' });
    fs.writeFileSync(path.join(repo, 'project/comps/a.comp.toml'), fs.readFileSync(path.join(repo, 'project/comps/a.comp.toml'), 'utf8').replace('[components.gamma]\n', ''));
    write(repo, { 'project/comps/gamma.comp.toml': '[components.gamma]\n\n' + fs.readFileSync(path.join(repo, 'project/comps/gamma.comp.toml'), 'utf8') });
    commits['failing'] = commit(repo, 'gamma overlay that matches nothing');
    // The same failure, and a second overlay that applies: both renders fail alike.
    fs.appendFileSync(path.join(repo, 'project/comps/gamma.comp.toml'), '\n[[components.gamma.overlays]]\ndescription = "d"\ntype = "spec-append-lines"\nsection = "%install"\nlines = ["echo more"]\n');
    commits['stillFailing'] = commit(repo, 'gamma still fails');
  });

  it('says the render fails at the head when an overlay stops applying, never just a spec diff', () => {
    const r = review(path.join(repo, 'project'), specs, '--base', commits['localSpec'] as string, '--head', commits['failing'] as string, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names(r.json), ['gamma']);
    const spec = r.json?.components[0]?.spec as { status: string; failures?: { base?: string[]; head?: string[] } };
    assert.equal(spec.status, 'changed', JSON.stringify(spec));
    assert.equal(spec.failures?.base, undefined);
    assert.match((spec.failures?.head ?? []).join('\n'), /^overlay \d+ \(spec-search-replace\): [^]*no such text/m);
    const text = review(path.join(repo, 'project'), specs, '--base', commits['localSpec'] as string, '--head', commits['failing'] as string);
    assert.match(text.stdout, /^== gamma \(modified; config changed; spec changed, render fails at the head\)$/m);
    assert.match(text.stdout, /^render fails at the head \(azldev writes RENDER_FAILED\): overlay \d+ \(spec-search-replace\)/m);
    const md = review(path.join(repo, 'project'), specs, '--base', commits['localSpec'] as string, '--head', commits['failing'] as string, '--format', 'markdown');
    assert.match(md.stdout, /render fails at the head/);
  });

  it('says the render fails on both sides when it did and still does', () => {
    const r = review(path.join(repo, 'project'), specs, '--base', commits['failing'] as string, '--head', commits['stillFailing'] as string, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names(r.json), ['gamma']);
    const spec = r.json?.components[0]?.spec as { status: string; failures?: { base?: string[]; head?: string[] } };
    assert.equal((spec.failures?.base ?? []).length, 1, JSON.stringify(spec));
    assert.deepEqual(spec.failures?.head, spec.failures?.base);
  });

  it('lists every member of a group whose default changed, with the config diff and the spec the define changes', () => {
    const r = review(path.join(repo, 'project'), specs, '--base', commits['initial'] as string, '--head', commits['group'] as string, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names(r.json), ['alpha', 'gamma']);
    for (const c of r.json?.components ?? []) {
      assert.equal(c.change, 'modified');
      assert.match(c.configDiff, /^\+with_feature = "1"$/m);
      assert.equal(c.spec.status, 'changed', JSON.stringify(c.spec));
    }
  });

  it('lists every component that loads a changed overlay file, with the spec diff', () => {
    const r = review(path.join(repo, 'project'), specs, '--base', commits['group'] as string, '--head', commits['overlayFile'] as string, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names(r.json), ['alpha', 'beta']);
    for (const c of r.json?.components ?? []) {
      assert.match(c.spec.diff ?? '', /^-echo shared$/m);
      assert.match(c.spec.diff ?? '', /^\+echo shared, changed$/m);
    }
  });

  it('lists nothing for a comment and a moved file', () => {
    const r = review(path.join(repo, 'project'), specs, '--base', commits['overlayFile'] as string, '--head', commits['cosmetic'] as string, '--format', 'json', '--exit-code');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(names(r.json), []);
  });

  it('lists every component for a distro default, and exits 1 with --exit-code', () => {
    const r = review(path.join(repo, 'project'), specs, '--base', commits['cosmetic'] as string, '--head', commits['distro'] as string, '--format', 'json', '--exit-code');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(names(r.json), ['alpha', 'beta', 'delta', 'gamma']);
  });

  it('lists a component whose local spec changed, config unchanged', () => {
    const r = review(path.join(repo, 'project'), specs, '--base', commits['distro'] as string, '--head', commits['localSpec'] as string, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names(r.json), ['delta']);
    const c = r.json?.components[0];
    assert.equal(c?.configChanged, false);
    assert.match(c?.spec.diff ?? '', /^\+echo install delta$/m);
  });

  it('says "spec not checked" for a component whose upstream spec is not at hand, never unchanged', () => {
    const empty = path.join(work, 'no-specs');
    fs.mkdirSync(empty, { recursive: true });
    const r = review(path.join(repo, 'project'), empty, '--base', commits['initial'] as string, '--head', commits['group'] as string, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(names(r.json), ['alpha', 'gamma']);
    for (const c of r.json?.components ?? []) {
      assert.equal(c.spec.status, 'not-checked');
      assert.match(c.spec.reason ?? '', /upstream spec of `(alpha|gamma)` is not at hand/);
      // Both sides fail alike: the reason is said once, not once per side.
      assert.doesNotMatch(c.spec.reason ?? '', /^base: |head: /);
    }
  });

  it('defaults to the merge base with main and the work tree, untracked files included', () => {
    git(repo, 'checkout', '-q', '-b', 'feature', commits['localSpec'] as string);
    try {
      // main moves on after the branch point; its change must not show up.
      git(repo, 'checkout', '-q', 'main');
      write(repo, { 'project/comps/main-only.comp.toml': '[components.zeta]\n' });
      commit(repo, 'main moves on');
      git(repo, 'checkout', '-q', 'feature');
      // An untracked file in the work tree is part of the change.
      write(repo, { 'project/comps/extra.comp.toml': '[components.epsilon]\n' });
      write(specs, { 'epsilon/epsilon.spec': SPEC('epsilon') });
      const r = review(path.join(repo, 'project'), specs, '--format', 'json');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(names(r.json), ['epsilon']);
      assert.equal(r.json?.components[0]?.change, 'added');
      const text = review(path.join(repo, 'project'), specs);
      assert.match(text.stdout, /^Review of merge-base\(HEAD, main\) [0-9a-f]{12} \.\. working tree$/m);
    } finally {
      fs.rmSync(path.join(repo, 'project/comps/extra.comp.toml'));
      git(repo, 'checkout', '-q', 'main');
    }
  });

  it('writes a Markdown comment within its budget when a change touches 1,000 components', () => {
    const big = path.join(work, 'big');
    fs.mkdirSync(big);
    git(big, 'init', '-q', '-b', 'main');
    const comps = Array.from({ length: 1000 }, (_, i) => `c${String(i).padStart(4, '0')}`);
    write(big, {
      'azldev.toml': 'includes = ["*.comp.toml"]\n\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora.versions.43]\n',
      'all.comp.toml': comps.map((c) => `[components.${c}]\n`).join('') + `\n[component-groups.all]\ncomponents = [${comps.map((c) => `"${c}"`).join(', ')}]\n`,
    });
    const base = commit(big, 'initial');
    fs.appendFileSync(path.join(big, 'all.comp.toml'), '\n[component-groups.all.default-component-config.build]\nwithout = ["docs"]\n');
    const r = review(big, path.join(work, 'no-specs'), '--base', base, '--format', 'markdown', '--budget', '20000');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.length <= 20000, `${r.stdout.length} characters`);
    assert.match(r.stdout, /1000 components affected of 1000/);
    assert.match(r.stdout, /<details><summary><code>c0000<\/code>/);
    assert.match(r.stdout, /\d+ more components not shown here \(size limit\)/);
    assert.equal((r.stdout.match(/<details>/g) ?? []).length, (r.stdout.match(/<\/details>/g) ?? []).length);
  });

  it('copies a base revision without following its links or leaving the copy', () => {
    const hostile = path.join(work, 'hostile');
    fs.mkdirSync(hostile);
    git(hostile, 'init', '-q', '-b', 'main');
    write(hostile, {
      'azldev.toml': 'includes = ["*.comp.toml"]\n\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora.versions.43]\n',
      'a.comp.toml': '[components.a]\nspec = { type = "local", path = "a/a.spec" }\n',
    });
    fs.mkdirSync(path.join(hostile, 'a'));
    // The base's local spec is a link to a file outside the repository.
    const secret = path.join(work, 'secret.spec');
    fs.writeFileSync(secret, SPEC('a').replace('echo install', 'echo SECRET'));
    fs.symlinkSync(secret, path.join(hostile, 'a', 'a.spec'));
    const base = commit(hostile, 'link');
    fs.rmSync(path.join(hostile, 'a', 'a.spec'));
    fs.writeFileSync(path.join(hostile, 'a', 'a.spec'), SPEC('a'));
    const r = review(hostile, specs, '--base', base, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /SECRET/);
    assert.equal(r.json?.components[0]?.spec.status, 'not-checked');
    assert.ok(!fs.readdirSync(os.tmpdir()).some((n) => n.startsWith('distro-toml-review-') && fs.existsSync(path.join(os.tmpdir(), n, 'a'))), 'the copy is removed');
    for (const bad of ['..', 'a/../b', '.git/config', 'x/.GIT/hooks', '/etc/passwd', '', 'a//b', './a']) assert.equal(safeTreePath(bad), false, bad);
    assert.equal(safeTreePath('comps/a.comp.toml'), true);
  });

  it('refuses a folder outside git and an unknown revision with exit 2', () => {
    const plain = path.join(work, 'plain');
    write(plain, { 'azldev.toml': '[project]\n' });
    assert.equal(review(plain, specs).code, 2);
    const r = review(path.join(repo, 'project'), specs, '--base', 'no-such-rev');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--base: 'no-such-rev' names no commit/);
  });
});
