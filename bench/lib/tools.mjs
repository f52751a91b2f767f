// Where the benchmark finds things: the repository, the real tree, our built CLI and server, and the
// peers' executables. Peers run as their own binaries (not through npx), so each tool pays only its
// own start-up cost.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensurePeers } from './peers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The nearest directory at or above this file that holds package.json. */
export function repoRoot() {
  let dir = here;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('bench: cannot find the repository (no package.json above bench/)');
    dir = up;
  }
  return dir;
}

/** The real tree: `--tree DIR`, else $DISTRO_TOML_BENCH_TREE, else <repo>/../shared/corpus/azurelinux-4.0. @param {string | undefined} fromArgs */
export function treeRoot(fromArgs) {
  const tree = path.resolve(fromArgs ?? process.env.DISTRO_TOML_BENCH_TREE ?? path.join(repoRoot(), '..', 'shared', 'corpus', 'azurelinux-4.0'));
  if (!fs.existsSync(path.join(tree, 'azldev.toml'))) throw new Error(`bench: ${tree} is not an azldev tree (no azldev.toml); pass --tree DIR or set DISTRO_TOML_BENCH_TREE`);
  return tree;
}

/** @param {string} file @param {string} hint what to do when it is missing */
function mustExist(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`bench: ${file} is missing; ${hint}`);
  return file;
}

/**
 * @typedef {{ cli: string, server: string, serverArgs: string[], env: NodeJS.ProcessEnv, serverEnv: NodeJS.ProcessEnv, builtAt: string, cleanup: () => void }} OursBuild
 */

/**
 * The environment the VS Code client starts our server with (client/src/ctx.ts), from `env`: the very function
 * the client calls (server/src/serverProcessEnv.ts, bundled here), so a benchmark starts the server as an editor
 * does — NODE_EXTRA_CA_CERTS handed on under another name, which Node then does not parse at start.
 * @param {NodeJS.ProcessEnv} env @returns {NodeJS.ProcessEnv}
 */
export function serverProcessEnvOf(env) {
  const start = serverProcessStart();
  if (!start.serverProcessEnv) throw new Error('bench: server/src/serverProcessEnv.ts exports no serverProcessEnv');
  return start.serverProcessEnv(env);
}

/** The Node options the VS Code client starts our server with (SERVER_EXEC_ARGV, the client's own constant). @returns {string[]} */
export function serverExecArgv() {
  const argv = serverProcessStart().SERVER_EXEC_ARGV;
  if (!argv) throw new Error('bench: server/src/serverProcessEnv.ts exports no SERVER_EXEC_ARGV');
  return [...argv];
}

/** server/src/serverProcessEnv.ts, bundled once per process: how the client starts the server. */
/** @type {{ serverProcessEnv?: (e: NodeJS.ProcessEnv) => NodeJS.ProcessEnv, SERVER_EXEC_ARGV?: readonly string[] } | undefined} */
let processStart;
function serverProcessStart() {
  if (processStart) return processStart;
  const require = createRequire(import.meta.url);
  const { outputFiles } = require('esbuild').buildSync({ entryPoints: [path.join(repoRoot(), 'server', 'src', 'serverProcessEnv.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const mod = { exports: /** @type {{ serverProcessEnv?: (e: NodeJS.ProcessEnv) => NodeJS.ProcessEnv, SERVER_EXEC_ARGV?: readonly string[] }} */ ({}) };
  new Function('module', 'exports', 'require', outputFiles[0].text)(mod, mod.exports, require);
  processStart = mod.exports;
  return processStart;
}

/**
 * A private copy of our build (dist/ and the schemas it loads from `../schemas`), taken once per
 * benchmark run: others may rebuild dist/ meanwhile, and every figure of a run must come from one build.
 * NODE_PATH lets the copy resolve the packages dist/ leaves external (ajv's runtime) from the repository.
 * @returns {OursBuild}
 */
export function snapshotOurs() {
  const root = repoRoot();
  const dist = path.join(root, 'dist');
  for (const f of ['cli.js', 'server.js']) mustExist(path.join(dist, f), 'run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-build-'));
  const stamp = () => fs.statSync(path.join(dist, 'server.js')).mtime.toISOString();
  let builtAt = '';
  // A rebuild that lands while we copy would leave a torn copy; copy again until the build held still.
  for (let attempt = 0; attempt < 5 && builtAt !== stamp(); attempt++) {
    builtAt = stamp();
    fs.cpSync(dist, path.join(dir, 'dist'), { recursive: true, filter: (src) => !path.basename(src).startsWith('extension.') });
    fs.cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  }
  const nodePath = [path.join(root, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  return {
    cli: path.join(dir, 'dist', 'cli.js'),
    server: path.join(dir, 'dist', 'server.js'),
    // What to run the server with, as the client does: its Node options, the script, stdio.
    serverArgs: [...serverExecArgv(), path.join(dir, 'dist', 'server.js'), '--stdio'],
    env: { ...process.env, NODE_PATH: nodePath },
    // The language server's: as the VS Code client starts it.
    serverEnv: serverProcessEnvOf({ ...process.env, NODE_PATH: nodePath }),
    builtAt,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** tombi's native binary from its per-platform npm package (what `npx tombi` ends up executing). */
export function tombiBinary() {
  if (process.env.TOMBI_BINARY) return process.env.TOMBI_BINARY;
  const require = createRequire(path.join(ensurePeers(), 'package.json'));
  const exe = process.platform === 'win32' ? 'tombi.exe' : 'tombi';
  for (const pkg of [`@tombi-toml/cli-${process.platform}-${process.arch}`, `@tombi-toml/cli-${process.platform}-${process.arch}-musl`]) {
    try {
      return require.resolve(`${pkg}/${exe}`);
    } catch {
      // Try the next platform variant.
    }
  }
  throw new Error(`bench: tombi's binary for ${process.platform}-${process.arch} is not installed in bench/.peers`);
}

/** @taplo/cli's entry script, run with this Node. */
export function taploCli() {
  const require = createRequire(path.join(ensurePeers(), 'package.json'));
  return require.resolve('@taplo/cli/dist/cli.js');
}

