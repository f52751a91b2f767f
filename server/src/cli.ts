#!/usr/bin/env node
// The `distro-toml` command line: `check` validates azldev projects and files over the same core as the
// language server and prints text, JSON or SARIF. Exit 0: no errors; 1: errors found; 2: bad usage or failure.
import { VERSION } from './version';
import * as path from 'node:path';
import { runCheck, type OutputFormat } from './cliCheck';
import { runConfigDumpCli } from './cliConfigDump';
import { cacheDir, runRenderCli } from './cliRender';
import { packageIndexForCheck, repoArgument } from './cliCheckRepo';
import { runRepoCli } from './cliRepo';
import { runUpstreamCli } from './cliUpstream';
import { isRenderCheckWorker, runRenderCheckWorker } from './renderCheckWorker';
import type { PackageIndex } from './core/packages/queries';
import { loadPrecompiledSchemas } from './precompiled';

const USAGE = `Usage: distro-toml check [PATH...] [--format text|json|sarif] [--schema bundled|workspace|FILE]
                         [--config-file FILE]... [--hints] [--specs-dir DIR] [--repo URL|DIR]... [--package-cache DIR]
       distro-toml render NAME... [--project DIR] [--out DIR] [--format text|json] [--specs-dir DIR]
       distro-toml render --all --check [--jobs N] [--shard I/N] [--format text|json|sarif|github|markdown] [--write] [--patch FILE] ...
       distro-toml config dump [--project DIR] [--component NAME] [--format toml|json] [--config-file FILE]...
       distro-toml upstream unlock [NAME] [--cache-dir DIR] [--force]
       distro-toml upstream sync [NAME...] [--jobs N] [--refresh] [--offline] [--cache-dir DIR]
       distro-toml repo sync|query ...   (see distro-toml repo --help)

Checks azldev configuration: every file reachable through 'includes' from each project root
(the nearest azldev.toml at or above PATH; a directory without one is searched for projects),
plus TOML files named directly. PATH defaults to the current directory. Every component with overlays
or a %check skip is rendered against its spec when one is at hand without the network (local specs,
--specs-dir, the upstream cache 'render' fills) and each overlay that would fail is reported.

Options:
  --format text|json|sarif   output format (default: text)
  --schema bundled|workspace|FILE
                             schema to validate against (default: bundled; 'workspace' uses the
                             project's vendored external/schemas/azldev.schema.json)
  --config-file FILE         load FILE after the include tree, as azldev's --config-file does
                             (may be repeated)
  --hints                    also print hints (such as files that only take effect with --config-file)
  --specs-dir DIR            read upstream specs from DIR/<name>/<name>.spec before the upstream cache
  --repo URL|DIR             check package names (components, dependency overlays, package groups)
                             against this repository's index, synced first (may be repeated)
  --package-cache DIR        where repository indexes are cached (default: ~/.cache/distro-toml/packages)
  -h, --help                 show this help
  --version                  print the version`;

class UsageError extends Error {}

interface ParsedArgs {
  command: string;
  paths: string[];
  format: OutputFormat;
  schema: string;
  configFiles: string[];
  hints: boolean;
  specsDir?: string;
  repos: string[];
  packageCache: string | undefined;
}

function parseArgs(argv: string[]): ParsedArgs | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (!command) throw new UsageError('missing command');
  if (command !== 'check') throw new UsageError(`unknown command '${command}'`);
  const out: ParsedArgs = { command, paths: [], format: 'text', schema: 'bundled', configFiles: [], hints: false, repos: [], packageCache: undefined };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const takeValue = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = takeValue('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got '${v}')`);
      out.format = v;
    } else if (a === '--schema' || a.startsWith('--schema=')) {
      out.schema = takeValue('--schema');
    } else if (a === '--config-file' || a.startsWith('--config-file=')) {
      out.configFiles.push(takeValue('--config-file'));
    } else if (a === '--specs-dir' || a.startsWith('--specs-dir=')) {
      out.specsDir = takeValue('--specs-dir');
    } else if (a === '--repo' || a.startsWith('--repo=')) {
      out.repos.push(repoArgument(takeValue('--repo'), process.cwd()));
    } else if (a === '--package-cache' || a.startsWith('--package-cache=')) {
      out.packageCache = path.resolve(takeValue('--package-cache'));
    } else if (a === '--hints') {
      out.hints = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else out.paths.push(a);
  }
  if (!out.paths.length) out.paths.push('.');
  return out;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`distro-toml: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (args === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let packageIndex: PackageIndex | undefined;
  if (args.repos.length) {
    packageIndex = await packageIndexForCheck(args.repos, args.packageCache, process.env, (l) => process.stderr.write(l + '\n'));
    if (!packageIndex) return 2;
  }
  const result = await runCheck({
    ...(packageIndex ? { packageIndex } : {}),
    paths: args.paths,
    format: args.format,
    schema: args.schema,
    configFiles: args.configFiles,
    hints: args.hints,
    ...(args.specsDir !== undefined ? { specsDir: args.specsDir } : {}),
    upstreamCacheDir: cacheDir(),
    cwd: process.cwd(),
    bundledSchemaDir: path.join(__dirname, '..', 'schemas'),
    precompiled: loadPrecompiledSchemas(),
  });
  for (const line of result.stderr) process.stderr.write(line + '\n');
  process.stdout.write(result.stdout);
  return result.exitCode;
}


function internalError(err: unknown): void {
  process.stderr.write(`distro-toml: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}

if (isRenderCheckWorker()) {
  // A worker thread of `render --all --check --jobs N` (renderCheckWorker.ts).
  runRenderCheckWorker();
} else if (process.argv[2] === 'render') {
  // `render` fetches upstream specs, so it runs asynchronously (cliRender.ts).
  runRenderCli(process.argv.slice(3), {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  }, internalError);
} else if (process.argv[2] === 'upstream') {
  runUpstreamCli(process.argv.slice(3), { cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => (process.exitCode = code), internalError);
} else if (process.argv[2] === 'repo') {
  // `repo sync` downloads repository metadata; `repo query` reads the cached index (cliRepo.ts).
  runRepoCli(process.argv.slice(3), { cwd: process.cwd(), env: process.env, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => {
    process.exitCode = code;
  }, internalError);
} else if (process.argv[2] === 'config' && process.argv[3] === 'dump') {
  try {
    process.exitCode = runConfigDumpCli(process.argv.slice(4), {
      cwd: process.cwd(),
      bundledSchemaDir: path.join(__dirname, '..', 'schemas'),
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    });
  } catch (err) {
    internalError(err);
  }
} else {
  main().then((code) => {
    process.exitCode = code;
  }, internalError);
}
