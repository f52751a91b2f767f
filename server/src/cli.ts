#!/usr/bin/env node
// The `distro-toml` command line: a table from each command to the module that runs it, imported only when
// that command runs (the build splits the CLI into one chunk per command, dist/cli*.mjs), so `--version`
// loads nothing and `check` never loads the render, repository or upstream code. Exit codes: 0 ok,
// 1 findings (errors), 2 bad usage or failure.
import * as path from 'node:path';
import { USAGE, type CliIo } from './cliUsage';
import { isRenderCheckWorker } from './renderCheckWorkerKind';
import { VERSION } from './version';

type Command = (args: string[], io: CliIo) => Promise<number> | number;

/** One line per command (two words for `config dump`); each gets the arguments after its name. */
const COMMANDS = new Map<string, Command>([
  ['check', async (args, io) => (await import('./cliCheckCommand.js')).runCheckCommand(args, io)],
  // `render` fetches upstream specs (cliRender.ts).
  ['render', async (args, io) => (await import('./cliRender.js')).runRenderCli(args, io)],
  ['config dump', async (args, io) => (await import('./cliConfigDump.js')).runConfigDumpCli(args, { ...io, bundledSchemaDir: bundledSchemaDir() })],
  ['upstream', async (args, io) => (await import('./cliUpstream.js')).runUpstreamCli(args, io)],
  // `repo sync` downloads repository metadata; `repo query` reads the cached index (cliRepo.ts).
  ['repo', async (args, io) => (await import('./cliRepo.js')).runRepoCli(args, io)],
  // `lsp` loads the server bundle (dist/server.js), which then owns the process.
  ['lsp', async (args, io) => (await import('./cliLsp.js')).runLspCli(args, io) ?? 0],
  // `review` reads the base revision from git and renders offline (cliReview.ts).
  ['review', async (args, io) => (await import('./cliReview.js')).runReviewCli(args, { ...io, upstreamCacheDir: (await import('./upstreamCacheDir.js')).defaultUpstreamCacheDir() })],
]);

/** Our schemas, beside the bundles' folder. */
function bundledSchemaDir(): string {
  return path.join(__dirname, '..', 'schemas');
}

async function main(argv: string[], io: CliIo): Promise<number> {
  const two = COMMANDS.get(`${argv[0]} ${argv[1]}`);
  if (two) return two(argv.slice(2), io);
  const one = COMMANDS.get(argv[0] ?? '');
  if (one) return one(argv.slice(1), io);
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (argv.includes('--version')) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  io.stderr(`distro-toml: ${argv[0] === undefined ? 'missing command' : `unknown command '${argv[0]}'`}\n\n${USAGE}\n`);
  return 2;
}

if (isRenderCheckWorker()) {
  // A worker thread of `render --all --check --jobs N` (renderCheckWorker.ts), started on this same script.
  void import('./renderCheckWorker.js').then((m) => m.runRenderCheckWorker());
} else main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`distro-toml: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
