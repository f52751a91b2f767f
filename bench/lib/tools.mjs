// Where the benchmark finds things: the repository, the real tree, our built CLI and server, and the
// peers' executables. Peers run as their own binaries (not through npx), so each tool pays only its
// own start-up cost.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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

export function oursCli() {
  return mustExist(path.join(repoRoot(), 'dist', 'cli.js'), 'run `npm run build` first');
}

export function oursServer() {
  return mustExist(path.join(repoRoot(), 'dist', 'server.js'), 'run `npm run build` first');
}

/** tombi's native binary from its per-platform npm package (what `npx tombi` ends up executing). */
export function tombiBinary() {
  if (process.env.TOMBI_BINARY) return process.env.TOMBI_BINARY;
  const require = createRequire(path.join(repoRoot(), 'package.json'));
  const exe = process.platform === 'win32' ? 'tombi.exe' : 'tombi';
  for (const pkg of [`@tombi-toml/cli-${process.platform}-${process.arch}`, `@tombi-toml/cli-${process.platform}-${process.arch}-musl`]) {
    try {
      return require.resolve(`${pkg}/${exe}`);
    } catch {
      // Try the next platform variant.
    }
  }
  throw new Error('bench: tombi is not installed (devDependency `tombi`)');
}

/** @taplo/cli's entry script, run with this Node. */
export function taploCli() {
  const require = createRequire(path.join(repoRoot(), 'package.json'));
  return require.resolve('@taplo/cli/dist/cli.js');
}

/**
 * Modification times of our built files. Others may rebuild dist/ while a benchmark runs; comparing the
 * stamp at the start and at the end tells whether the figures mix two builds.
 */
export function distStamp() {
  const dist = path.join(repoRoot(), 'dist');
  return ['cli.js', 'server.js'].map((f) => `${f}@${fs.statSync(path.join(dist, f)).mtime.toISOString()}`).join(' ');
}
