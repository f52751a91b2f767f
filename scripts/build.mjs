// Bundles the extension client, the language server, the CLI and the test files with esbuild, after
// precompiling the bundled schemas' validators (ajv standalone) so the server and CLI start without compiling.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
// DISTRO_TOML_VERSION: package.json's version in every bundle (server/src/version.ts).
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', define: { DISTRO_TOML_VERSION: JSON.stringify(version) } };

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// The CLI: dist/cli.js (package.json "bin", CommonJS, server/src/cli.ts) answers --version and --help and loads the
// command asked for. `check` is its own CommonJS bundle (dist/cli-check.js), which the entry compiles through a V8
// code cache (cliCodeCache.ts: V8 caches only classic scripts). The other commands are an ES module split into
// chunks (esbuild splits only ES modules): cli-commands.mjs holds their table, each command's code is a chunk
// loaded when that command runs. The banner gives the bundled CommonJS packages and our code the `require` and
// `__dirname` an ES module lacks (chunks sit beside cli-commands.mjs in dist/).
const cliEsm = {
  ...common,
  format: 'esm',
  splitting: true,
  entryPoints: { 'cli-commands': 'server/src/cliCommands.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'cli-[name]-[hash]',
  banner: {
    js: "import { createRequire as __cliCreateRequire } from 'node:module'; import { fileURLToPath as __cliFileURLToPath } from 'node:url'; import { dirname as __cliDirname } from 'node:path'; const require = __cliCreateRequire(import.meta.url); const __filename = __cliFileURLToPath(import.meta.url); const __dirname = __cliDirname(__filename);",
  },
};

rmSync('out', { recursive: true, force: true });
// Chunks are named by content hash: drop the previous build's, which nothing loads any more.
// Code caches the server and the CLI wrote (serverLoader.ts, cliCodeCache.ts) are of the previous build.
for (const name of existsSync('dist') ? readdirSync('dist') : []) if (/^cli(-.*)?\.mjs(\.map)?$/.test(name) || /^(server-main|cli-check|bundled-validators)\..*\.(cache|tmp)$/.test(name)) rmSync(join('dist', name));
await build({ ...common, sourcemap: false, entryPoints: { genValidators: 'scripts/genValidators.ts' }, outdir: 'out/gen' });
require(resolve('out/gen/genValidators.js')).generateValidators(resolve('schemas'), resolve('out/gen/bundled-validators.cjs'));
// What ships (dist/: the VSIX and npm's package) is minified; the source maps stay beside the bundles for
// debugging and are left out of both packages (.vscodeignore, .npmignore). keepNames: messages and logs name classes.
const shipped = { ...common, minify: true, keepNames: true };
await Promise.all([
  build({ ...shipped, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  // dist/server.js is the loader (a V8 code cache for the bundle, serverLoader.ts); dist/server-main.js the server.
  // The loader is built after the bundle and carries the SHA-256 of its text (SERVER_BUNDLE_DIGEST), which names
  // the code cache: the server's start need not hash the 1.1 MB bundle itself.
  build({ ...shipped, entryPoints: { 'server-main': 'server/src/serverEntry.ts' }, outdir: 'dist' }).then(() =>
    build({ ...shipped, entryPoints: { server: 'server/src/serverLoader.ts' }, outdir: 'dist', define: { ...shipped.define, SERVER_BUNDLE_DIGEST: JSON.stringify(createHash('sha256').update(readFileSync('dist/server-main.js')).digest('hex')) } }),
  ),
  // The server's fetch for downloads (networkFetch.ts, undici with the extra certificate authorities), loaded at
  // its first download: half a megabyte the server's start does not read.
  build({ ...shipped, entryPoints: { 'server-fetch': 'server/src/networkFetch.ts' }, outdir: 'dist' }),
  // The zstd decoder's thread of a sync (core/packages/zstdWorker.ts), started from the CLI's chunks and the server.
  build({ ...shipped, entryPoints: { 'zstd-worker': 'server/src/core/packages/zstdWorker.ts' }, outdir: 'dist' }),
  build({ ...shipped, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', sourcemap: false }),
  build({ ...shipped, entryPoints: { 'cli-check': 'server/src/cliCheckCommand.ts' }, outdir: 'dist' }),
  build({ ...cliEsm, minify: true, keepNames: true }),
  build({ ...shipped, sourcemap: false, entryPoints: { 'bundled-validators': 'out/gen/bundled-validators.cjs' }, outdir: 'dist' }),
  build({ ...common, sourcemap: false, entryPoints: { updateRulesTable: 'scripts/updateRulesTable.ts' }, outdir: 'out/gen' }),
  build({ ...common, entryPoints: findTests('test'), outdir: 'out/test', outbase: 'test', outExtension: { '.js': '.cjs' }, external: ['vscode', 'playwright-core'] }),
]);
chmodSync('dist/cli.js', 0o755);
