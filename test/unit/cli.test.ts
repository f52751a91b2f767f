// `distro-toml check` as a user runs it: the built dist/cli.js in a child process, on the real tree,
// on seeded projects, in each output format, and on input that must not produce a stack trace.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, test } from 'node:test';
import { CORPUS_ROOT, DIST, EXAMPLES_DIR, REPO_ROOT, tempProject } from '../support/paths';

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SEEDED = {
  'azldev.toml': 'includes = ["comps/*.comp.toml"]\n\n[project]\ndescription = "seeded"\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora.versions.43]\n',
  'comps/a.comp.toml': '[components.a]\nsepc = { type = "upstream" }\n\n[components.a.build]\ncheck = { skip = true }\n',
};

describe('distro-toml check', () => {
  it('passes the real tree with exit 0 under both schemas', () => {
    for (const schema of ['bundled', 'workspace']) {
      const r = cli(['check', '.', '--schema', schema], CORPUS_ROOT);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      // Hints (the two override files) are not printed; what is printed is the authoring guide's information.
      const lines = r.stdout.split('\n').filter(Boolean);
      assert.ok(lines.length > 0);
      for (const line of lines) assert.match(line, /^\S+:\d+:\d+ information guide-/);
      assert.match(r.stderr, /^2\d\d files checked: 0 errors, 0 warnings, \d+ information$/m);
    }
  });

  it('passes the bundled example from the repository root', () => {
    const r = cli(['check', 'examples'], path.dirname(EXAMPLES_DIR));
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('prints file:line:col severity code message and exits 1 on errors', () => {
    const dir = tempProject(SEEDED);
    const r = cli(['check'], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0] as string, /^comps\/a\.comp\.toml:2:1 error schema-unknown-key Unknown key 'sepc'/);
    assert.match(lines[1] as string, /^comps\/a\.comp\.toml:5:9 error build-skip-reason-required /);
  });

  it('prints JSON with 0-based LSP ranges and paths relative to the current directory', () => {
    const dir = tempProject(SEEDED);
    const r = cli(['check', dir, '--format', 'json'], path.dirname(dir));
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { diagnostics: { file: string; range: unknown; severity: string; code: string; message: string }[] };
    assert.deepEqual(out.diagnostics[0] && { ...out.diagnostics[0], message: undefined }, {
      file: path.join(path.basename(dir), 'comps', 'a.comp.toml'),
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } },
      severity: 'error',
      code: 'schema-unknown-key',
      message: undefined,
    });
  });

  it('prints SARIF 2.1.0 with 1-based regions', () => {
    const dir = tempProject(SEEDED);
    const r = cli(['check', '--format=sarif'], dir);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { region: unknown } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const first = sarif.runs[0]?.results[0];
    assert.equal(first?.ruleId, 'schema-unknown-key');
    assert.deepEqual(first?.locations[0]?.physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 });
  });

  it('checks a file named directly even when no include reaches it', () => {
    const dir = tempProject({ ...SEEDED, 'stray/b.comp.toml': '[components.b]\nspec = { type = 1 }\n' });
    const r = cli(['check', 'stray/b.comp.toml'], dir);
    assert.match(r.stdout, /^stray\/b\.comp\.toml:2:17 error schema-type /m);
  });

  it('reports an include cycle at the include', () => {
    const dir = tempProject({ 'azldev.toml': 'includes = ["a.toml"]\n', 'a.toml': 'includes = ["azldev.toml"]\n' });
    const r = cli(['check'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^a\.toml:1:13 error include-cycle /m);
  });

  it("lists every subcommand of the README's synopsis in --help", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const synopsis = /\n```\n(distro-toml check [\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
    const help = cli(['--help'], EXAMPLES_DIR).stdout;
    const pairs = [...synopsis.matchAll(/^distro-toml ([a-z]+) ([a-z]+)\b(?! *[A-Z])/gm)].map((m) => [m[1], m[2]] as const);
    assert.ok(pairs.some(([c, s]) => c === 'repo' && s === 'list'), synopsis);
    for (const [command, sub] of pairs) {
      const lines = help.split('\n').filter((l) => l.includes(`distro-toml ${command} `));
      assert.ok(lines.some((l) => new RegExp(`distro-toml ${command} (?:[a-z|]+\\|)?${sub}\\b`).test(l)), `${command} ${sub} is not in --help:\n${lines.join('\n')}`);
    }
  });

  it('exits 2 on bad usage, with the usage text', () => {
    for (const args of [['lint'], ['check', '--format', 'xml'], ['check', '--bogus'], [], ['check', 'no/such/dir']]) {
      const r = cli(args, EXAMPLES_DIR);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('reads corrupt and hostile files without a stack trace', () => {
    const nested = '[' .repeat(100_000);
    const dir = tempProject({
      'azldev.toml': 'includes = ["*.comp.toml"]\n',
      'binary.comp.toml': Buffer.from([0x00, 0xff, 0xfe, 0x5b, 0x0a, 0x80, 0x3d, 0x22]),
      'nested.comp.toml': `a = ${nested}\n`,
      'unclosed.comp.toml': '[components.x]\nspec = { type = "local", path = "\n',
      'regex.comp.toml': '[[components.y.overlays]]\ndescription = "d"\ntype = "spec-search-replace"\nregex = "(a*)*b' + 'a'.repeat(5000) + '"\n',
    });
    const r = cli(['check'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
    for (const f of ['binary', 'nested', 'unclosed']) assert.match(r.stdout, new RegExp(`^${f}\\.comp\\.toml:\\d+:\\d+ error toml-syntax `, 'm'));
  });
});

test('--version prints the version package.json gives', () => {
  const r = cli(['--version'], REPO_ROOT);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `${(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  assert.notEqual(r.stdout, '0.0.0-dev\n');
});

test('check on a folder with no azldev project and no azldev TOML files fails (exit 2) and says why', () => {
  const dir = tempProject({ 'README.md': 'not a project\n', 'other/config.toml': 'x = 1\n' });
  const r = cli(['check', '.'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no azldev project \(azldev\.toml\) or azldev TOML files found/);
  assert.equal(r.stdout, '');
});
