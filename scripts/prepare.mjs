// npm's `prepare` script (npm ci, npm pack, npm install -g from a git URL): builds dist/ (scripts/build.mjs).
// For a git URL npm clones the repository and installs its dev dependencies before `prepare` — except in a
// global install (`npm install -g git+URL`), where npm's environment (npm_config_global, the prefix) reaches
// that inner install, which then installs nothing in the clone, and the build finds no esbuild. In that case
// the build tools are installed here, locally, first (no scripts: this one must not run again).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function hasBuildTools() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (!hasBuildTools()) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|location|prefix)$/i.test(k)));
  console.error('prepare: the dev dependencies are missing (a global install from git); installing them to build');
  execFileSync('npm', ['install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { stdio: 'inherit', env });
}
await import('./build.mjs');
