// Bundles the extension client, the language server, the CLI and the test files with esbuild.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

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
await Promise.all([
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: findTests('test'), outdir: 'out/test', outbase: 'test', outExtension: { '.js': '.cjs' }, external: ['vscode', 'playwright-core'] }),
]);
if (watch) console.log('watch mode is not implemented; run npm run build again');
