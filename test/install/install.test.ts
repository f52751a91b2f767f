// npm's package as a user installs it (npm run test:install): `npm pack` of the checkout holds only what runs,
// and `npm install -g` into a temporary prefix — from that tarball, from its URL over loopback HTTP, from the
// checkout folder, and with the README's git one-liner `npm install -g "$(npm pack git+URL | tail -n 1)"` on a bare clone
// of HEAD (npm clones it, installs the dev dependencies and runs `prepare`, which builds) —
// gives a `distro-toml` that answers --version with package.json's version, checks the bundled example, fails
// on a seeded error, and whose language server starts. Installs need no runtime dependency: esbuild bundles them.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXAMPLES_DIR, REPO_ROOT, tempDir } from '../support/paths';

const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const execFileAsync = promisify(execFile);
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
  work = tempDir('distro-toml-install-');
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
    // The CLI is its entry (cli.js), the check's bundle (cli-check.js), the ES module of the other commands
    // (cli-commands.mjs) and one chunk per command (cli-*.mjs), as the build writes them; no code cache a local run wrote.
    const chunks = fs.readdirSync(path.join(REPO_ROOT, 'dist')).filter((f) => /^cli(-.*)?\.mjs$/.test(f)).map((f) => `dist/${f}`);
    assert.ok(chunks.includes('dist/cli-commands.mjs'), chunks.join(', '));
    const expected = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/bundled-validators.js', 'dist/cli-check.js', 'dist/cli.js', 'dist/server-fetch.js', 'dist/server-main.js', 'dist/server.js', 'dist/zstd-worker.js', 'package.json', ...chunks, ...schemas].sort();
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

  test('npm install -g from a tarball URL (a release asset, served over loopback HTTP) in one step', async () => {
    const server = http.createServer((req, res) => {
      if (req.url !== `/${path.basename(tarball)}`) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      fs.createReadStream(tarball).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const prefix = path.join(work, 'prefix-url');
      // Asynchronously: the server answers from this process.
      await execFileAsync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `http://127.0.0.1:${port}/${path.basename(tarball)}`], { cwd: work, timeout: 300_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
      assertWorkingInstall(prefix);
    } finally {
      server.close();
    }
  });

  describe('from a git URL of HEAD', () => {
    let origin: string;
    before(() => {
      // A plain bare clone of the committed tree, as npm fetches from a git host.
      origin = path.join(work, 'origin.git');
      execFileSync('git', ['clone', '--quiet', '--bare', '--no-local', REPO_ROOT, origin]);
    });

    test("the README's one-liner, npm install -g \"$(npm pack git+URL | tail -n 1)\" (npm pack prints the build's output, then the file name): npm clones, installs the dev dependencies and builds (prepare), and the tarball installs and works", { timeout: 1_200_000 }, () => {
      const prefix = path.join(work, 'prefix-git');
      const out = path.join(work, 'from-git');
      fs.mkdirSync(out);
      // Exactly the README's command, run by a shell in an empty folder (the tarball lands there).
      const shell = spawnSync('sh', ['-c', `npm install -g --prefix "${prefix}" --no-audit --no-fund --loglevel=error "$(npm pack --prefer-offline --loglevel=error git+file://${origin} | tail -n 1)"`], { cwd: out, encoding: 'utf8', timeout: 1_100_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
      assert.equal(shell.status, 0, `${shell.stdout}\n${shell.stderr}`);
      const packed = fs.readdirSync(out).filter((f) => f.endsWith('.tgz'));
      assert.equal(packed.length, 1, packed.join(', '));
      const listing = execFileSync('tar', ['-tzf', path.join(out, packed[0] ?? '')], { encoding: 'utf8' });
      assert.match(listing, /package\/dist\/cli\.js/, 'prepare did not build dist/');
      assert.match(listing, /package\/dist\/bundled-validators\.js/);
      assertWorkingInstall(prefix);
      assert.equal(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'distro-toml', 'node_modules')), false, 'dependencies were installed');
    });

    test('a one-step npm install -g git+URL (which npm cannot build, npm/cli#8440) fails at once saying how to install, and installs nothing', { timeout: 600_000 }, () => {
      const prefix = path.join(work, 'prefix-git-one-step');
      const r = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', `git+file://${origin}`], { cwd: work, encoding: 'utf8', timeout: 500_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
      const said = `${r.stdout}\n${r.stderr}`;
      if (r.status === 0) {
        // An npm whose git preparation installs in the clone (pacote's fix): the one step then works as it should.
        assertWorkingInstall(prefix);
        return;
      }
      assert.match(said, /npm cannot build this package from git in a global install/, said);
      assert.match(said, /npm install -g "\$\(npm pack git\+URL-OF-THE-REPOSITORY \| tail -n 1\)"/, said);
      assert.doesNotMatch(said, /Cannot find package 'esbuild'/);
      assert.equal(fs.existsSync(path.join(prefix, 'lib', 'node_modules', 'distro-toml')), false, 'a broken install was left in the prefix');
    });
  });
});
