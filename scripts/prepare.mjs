// npm's `prepare`: builds dist/ (scripts/build.mjs) in a clone after `npm ci`, and in the clone npm makes of a
// git URL for `npm pack git+URL` or a project's git dependency.
//
// A one-step `npm install -g git+URL` cannot build: npm clones the repository and runs `npm install
// --include=dev` in the clone, but exports its own configuration to that child as npm_config_* variables,
// `global` included, so the child installs the clone globally (a link into the global prefix) instead of
// installing the dev dependencies in it, and the build finds no esbuild (npm/cli#8440, npm 10 and 11; pacote's
// fix passes --global=false). Rather than esbuild's "Cannot find package", say so and give the way that works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const hasBuildTools = existsSync(join(process.cwd(), 'node_modules', 'esbuild', 'package.json'));
if (!hasBuildTools && process.env.npm_config_global === 'true') {
  process.stderr.write(
    [
      'distro-toml: npm cannot build this package from git in a global install: it gives the install it runs in the',
      'clone its global configuration, so the build tools are not installed there (npm/cli#8440). Pack first, then',
      'install the tarball, in one command:',
      '  npm install -g "$(npm pack git+URL-OF-THE-REPOSITORY | tail -n 1)"',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const built = spawnSync(process.execPath, [join('scripts', 'build.mjs')], { stdio: 'inherit' });
process.exit(built.status ?? 1);
