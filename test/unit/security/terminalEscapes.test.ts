// Names from a hostile tree reaching a terminal: a component named with a line break or an ANSI escape, a file
// name holding a screen-clearing sequence. The CLI's text output must show them escaped — one finding per line,
// no escape sequence of the tree's own on stdout, and on stderr only the colours `--color` paints.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildRpmFixture } from '../../support/rpmRepoFixture';
import { cli, smallProject } from './hostileTree';
import { tempDir } from '../../support/paths';

const CLEAR = '\u001b[2J';
const TITLE = '\u001b]0;pwned\u0007';
const RED = '\u001b[31m';

function hostileNames(): string {
  const root = smallProject({
    'base/comps/n/n.comp.toml': `[components."nl\\nfake.toml:1:1 error forged"]\nspec = { type = "local", path = "n.spec" }\n[components."t${'\\u001b'}]0;pwned${'\\u0007'}"]\n[components."red${'\\u001b'}[31mtext"]\n[components."bidi\\u202egnp"]\n`,
    [`base/comps/n/file${CLEAR}name.comp.toml`]: '[components.f]\nspec = { type = "bogus" }\n',
  });
  fs.writeFileSync(
    path.join(root, 'azldev.toml'),
    'includes = ["base/comps/**/*.comp.toml"]\n\n[project]\ndescription = "hostile"\ndefault-distro = { name = "example" }\n\n' +
      '[distros.example]\ndefault-version = "1"\n[distros.example.versions.1]\ndefault-component-config = { spec = { type = "upstream", upstream-distro = { name = "fedora", version = "43" } } }\n\n' +
      '[distros.fedora]\ndist-git-base-uri = "https://src.example.invalid/rpms/$pkg.git"\n[distros.fedora.versions.43]\ndist-git-branch = "f43"\n',
  );
  return root;
}

function assertNoRawControls(text: string, allowColour = false): void {
  const left = allowColour ? text.replace(/\u001b\[(?:0|1|2|31|33|34|36)m/g, '') : text;
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/.test(left), JSON.stringify(text.slice(0, 2000)));
}

describe('terminal output of names from a hostile tree', () => {
  it('check: one finding per line, the names and file names escaped', () => {
    const root = hostileNames();
    const r = cli(['check', '--color', 'always'], root);
    assert.equal(r.code, 1, r.stderr);
    assertNoRawControls(r.stdout, true);
    // Every line is a finding, or the indented continuation of a message of several lines.
    for (const line of r.stdout.split('\n').filter((l) => l !== '')) assert.match(line, /^(\u001b\[1m[^ ]+:\d+:\d+\u001b\[0m | {4}\S)/, line);
    assert.ok(r.stdout.includes('`nl\n    fake.toml:1:1 error forged`'), r.stdout);
    assert.ok(r.stdout.includes('`bidi\\u202egnp`'), r.stdout);
    assert.ok(r.stdout.includes('base/comps/n/file\\x1b[2Jname.comp.toml:2:17'), r.stdout);
    assert.match(r.stderr, /\u001b\[31m\d+ errors?\u001b\[0m/, 'the summary keeps its colour');
  });

  it('upstream sync and the drift check: the names escaped on stderr and stdout', () => {
    const root = hostileNames();
    const empty = tempDir('distro-toml-empty-');
    const sync = cli(['upstream', 'sync', '--offline', '--cache-dir', empty], root);
    assert.equal(sync.code, 1, sync.stderr);
    assertNoRawControls(sync.stderr, true);
    assertNoRawControls(sync.stdout);
    assert.ok(sync.stdout.includes('red\\x1b[31mtext'), sync.stdout);
    assert.ok(sync.stderr.includes('t\\x1b]0;pwned\\x07: '), sync.stderr);
    assert.ok(!sync.stderr.includes(TITLE), sync.stderr);
    const drift = cli(['render', '--all', '--check', '--offline', '--specs-dir', empty, '--rendered-specs-dir', path.join(empty, 'specs')], root);
    assertNoRawControls(drift.stdout);
    assert.ok(drift.stdout.includes('not checked red\\x1b[31mtext: '), drift.stdout);
  });

  /** The hostile-names tree committed in git, then a component added whose name holds a terminal title sequence. */
  function hostileReviewTree(): string {
    const root = hostileNames();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    fs.appendFileSync(path.join(root, 'base/comps/n/n.comp.toml'), `[components."new${'\\u001b'}]0;pwned${'\\u0007'}"]\n`);
    return root;
  }

  it('review: the names escaped in the text report', () => {
    const root = hostileReviewTree();
    const r = cli(['review', '--base', 'HEAD'], root);
    assert.equal(r.code, 0, r.stderr);
    assertNoRawControls(r.stdout);
    assert.ok(r.stdout.includes('== new\\x1b]0;pwned\\x07 (added'), r.stdout);
  });

  it('review --format markdown: the names escaped too (the report is printed before any bot posts it)', () => {
    const root = hostileReviewTree();
    const r = cli(['review', '--base', 'HEAD', '--format', 'markdown'], root);
    assert.equal(r.code, 0, r.stderr);
    assertNoRawControls(r.stdout);
    assert.ok(r.stdout.includes('new\\x1b]0;pwned\\x07'), r.stdout);
  });

  it("repo query: a repository's package summary with a C1 control sequence introducer and a bidi override, escaped", () => {
    // createrepo_c refuses C0 controls in the metadata but lets C1 (U+009B is CSI on some terminals) and bidi through.
    const fixture = buildRpmFixture([{ name: 'evilpkg', version: '1.0', release: '1', summary: 'sum \u009b2J \u202eabc end' }]);
    const cache = tempDir('distro-toml-cache-');
    const repo = ['--only-repos', '--repo', fixture.binaryRepo('gz'), '--cache', cache];
    assert.equal(cli(['repo', 'sync', ...repo], cache).code, 0);
    const r = cli(['repo', 'query', 'evilpkg', ...repo], cache);
    assert.equal(r.code, 0, r.stderr);
    assertNoRawControls(r.stdout);
    assert.ok(r.stdout.includes('\tsum \\x9b2J \\u202eabc end\t'), r.stdout);
  });
});
