// npm's package as a user installs it (npm run test:install): `npm pack` of the checkout holds only what runs,
// and `npm install -g` into a temporary prefix — from that tarball, from the checkout folder, and from the
// tarball `npm pack git+file://…` makes of HEAD (npm clones it, installs the dev dependencies and runs
// `prepare`, which builds) —
// gives a `distro-toml` that answers --version with package.json's version, checks the bundled example, fails
// on a seeded error, and whose language server starts. Installs need no runtime dependency: esbuild bundles them.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXAMPLES_DIR, REPO_ROOT } from '../support/paths';

const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
let work: string;
let tarball: string;
/** The example project with one unknown key seeded into a component: `check` must fail on it. */
let seeded: string;

function npm(args: string[], cwd: string, timeout = 300_000): string {
  // A private cache-free environment is not needed: the user's npm cache only speeds things up.
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
}

function run(bin: string, args: string[], cwd: string) {
  return spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 120_000 });
}

/** Runs the installed command the way a shell would find it, and checks what a user relies on. */
function assertWorkingInstall(prefix: string): void {
  const bin = path.join(prefix, 'bin', 'distro-toml');
  assert.ok(fs.existsSync(bin), `${bin} was not installed`);
  const v = run(bin, ['--version'], work);
  assert.equal(v.status, 0, v.stderr);
  assert.equal(v.stdout.trim(), version);

  const clean = run(bin, ['check', EXAMPLES_DIR], work);
  assert.equal(clean.status, 0, `${clean.stdout}\n${clean.stderr}`);
  assert.match(clean.stdout + clean.stderr, /files checked: 0 errors/);

  const failing = run(bin, ['check', seeded, '--format', 'json'], work);
  assert.equal(failing.status, 1, `${failing.stdout}\n${failing.stderr}`);
  const codes = (JSON.parse(failing.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
  assert.ok(codes.includes('schema-unknown-key'), codes.join(', '));

  // The language server other editors start, from the installed package; without a transport it prints its usage.
  const pkg = path.join(prefix, 'lib', 'node_modules', 'distro-toml');
  const serverUsage = run(process.execPath, [path.join(pkg, 'dist', 'server.js')], work);
  assert.equal(serverUsage.status, 2, serverUsage.stderr);
  assert.match(serverUsage.stdout + serverUsage.stderr, /--stdio/);
}

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-install-'));
  seeded = path.join(work, 'example');
  fs.cpSync(EXAMPLES_DIR, seeded, { recursive: true });
  const comp = path.join(seeded, 'comps', 'hello-distro', 'hello-distro.comp.toml');
  fs.writeFileSync(comp, fs.readFileSync(comp, 'utf8').replace(/^(\[components\.[^\]]+\]\n)/m, '$1not-an-azldev-key = true\n'));
  // --ignore-scripts: npm run test:install has just built dist/ (packing from a clone runs `prepare` to build).
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], REPO_ROOT)) as { filename: string; files: { path: string }[]; unpackedSize: number }[];
  const first = packed[0];
  assert.ok(first);
  tarball = path.join(work, first.filename);
});

after(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('npm package', () => {
  test('the tarball holds the CLI, the server, the validators and the schemas, and nothing else', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')).sort();
    const schemas = fs.readdirSync(path.join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.json')).map((f) => `schemas/${f}`);
    // The CLI is a shim (cli.js), its ES module (cli.mjs) and one chunk per command (cli-*.mjs), as the build writes them.
    const chunks = fs.readdirSync(path.join(REPO_ROOT, 'dist')).filter((f) => /^cli(-.*)?\.mjs$/.test(f)).map((f) => `dist/${f}`);
    assert.ok(chunks.includes('dist/cli.mjs'), chunks.join(', '));
    const expected = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/bundled-validators.js', 'dist/cli.js', 'dist/server.js', 'package.json', ...chunks, ...schemas].sort();
    assert.deepEqual(listing, expected);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { dependencies?: Record<string, string>; bin: Record<string, string> };
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'runtime libraries are bundled: the package needs none');
    assert.equal(manifest.bin['distro-toml'], './dist/cli.js');
  });

  test('npm install -g from the tarball gives a working distro-toml, with no node_modules', () => {
    const prefix = path.join(work, 'prefix-tarball');
    npm(['install', '-g', '--prefix', prefix, '--offline', tarball], work);
    assertWorkingInstall(prefix);
    assert.equal(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'distro-toml', 'node_modules')), false, 'dependencies were installed');
  });

  test('npm install -g from the checkout folder (a clone after npm ci) gives a working distro-toml', () => {
    const prefix = path.join(work, 'prefix-folder');
    npm(['install', '-g', '--prefix', prefix, '--offline', '--ignore-scripts', REPO_ROOT], work);
    assertWorkingInstall(prefix);
  });

  test('from a git+file:// URL of HEAD: npm pack clones it, installs the dev dependencies and builds (prepare); the tarball installs -g and works', { timeout: 1_200_000 }, () => {
    // A plain clone of the committed tree, as npm would fetch from a git host. (A one-step `npm install -g git+URL`
    // fails with npm 10 and 11: npm hands its global configuration to the install it runs in the clone, which then
    // installs no dev dependencies there, so `prepare` cannot build. Packing from the URL first is the way.)
    const origin = path.join(work, 'origin.git');
    execFileSync('git', ['clone', '--quiet', '--bare', '--no-local', REPO_ROOT, origin]);
    const out = path.join(work, 'from-git');
    fs.mkdirSync(out);
    const packed = JSON.parse(npm(['pack', '--json', '--prefer-offline', '--pack-destination', out, `git+file://${origin}`], work, 1_100_000)) as { filename: string }[];
    const file = path.join(out, packed[0]?.filename ?? '');
    const listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
    assert.match(listing, /package\/dist\/cli\.js/, 'prepare did not build dist/');
    assert.match(listing, /package\/dist\/bundled-validators\.js/);
    const prefix = path.join(work, 'prefix-git');
    npm(['install', '-g', '--prefix', prefix, '--offline', file], work);
    assertWorkingInstall(prefix);
    assert.equal(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'distro-toml', 'node_modules')), false, 'dependencies were installed');
  });
});
