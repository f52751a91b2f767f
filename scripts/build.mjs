// Bundles the extension client, the language server, the CLI and the test files with esbuild, after
// precompiling the bundled schemas' validators (ajv standalone) so the server and CLI start without compiling.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
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

rmSync('out', { recursive: true, force: true });
await build({ ...common, sourcemap: false, entryPoints: { genValidators: 'scripts/genValidators.ts' }, outdir: 'out/gen' });
require(resolve('out/gen/genValidators.js')).generateValidators(resolve('schemas'), resolve('out/gen/bundled-validators.cjs'));
await Promise.all([
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' }, outdir: 'dist' }),
  build({ ...common, sourcemap: false, entryPoints: { 'bundled-validators': 'out/gen/bundled-validators.cjs' }, outdir: 'dist' }),
  build({ ...common, sourcemap: false, entryPoints: { updateRulesTable: 'scripts/updateRulesTable.ts' }, outdir: 'out/gen' }),
  build({ ...common, entryPoints: findTests('test'), outdir: 'out/test', outbase: 'test', outExtension: { '.js': '.cjs' }, external: ['vscode', 'playwright-core'] }),
]);
