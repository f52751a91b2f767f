#!/usr/bin/env node
// The `distro-toml` command line's entry (dist/cli.js, CommonJS): answers --version and --help itself, runs
// `check` from its own bundle (dist/cli-check.js) compiled through a V8 code cache (cliCodeCache.ts), and every
// other command from the ES module of the rest (dist/cli-commands.mjs, one chunk per command, cliCommands.ts).
// So --version loads nothing, `check` pays neither the ES module loader nor compiling what an earlier check
// compiled, and `check` never loads the render, repository or upstream code. Exit codes: 0 ok, 1 findings
// (errors), 2 bad usage or failure.
import * as path from 'node:path';
import { otherCommandOf } from './cliCommandNames';
import { USAGE, type CliIo } from './cliUsage';
import { terminalLines } from './output/terminalText';
import { isRenderCheckWorker } from './renderCheckWorkerKind';
import { VERSION } from './version';

/** The ES module of the other commands, beside this file (a name, not a literal: the build leaves it to Node). */
const OTHER_COMMANDS = './cli-commands.mjs';

type OtherCommands = typeof import('./cliCommands');

const otherCommands = (): Promise<OtherCommands> => import(OTHER_COMMANDS) as Promise<OtherCommands>;

async function runCheck(args: string[], io: CliIo): Promise<number> {
  // Before the bundle compiles, so every check compiles under the same flags (V8 rejects a code cache made under
  // others). A batch run keeps its young generation at its first size instead of letting it grow to 3 × 16 MB:
  // what a check keeps (the parsed tree, the project model) is promoted at once rather than copied to and fro,
  // and peak memory drops by ~20 MB at no cost in time (measured in bench/check-tree). A function is optimised
  // (TurboFan, on a background thread) after 3× the bytecode V8 waits for by default (67,584 bytes a tick on
  // Node 20): a check is short, and at the default the compiler's threads executed 0.8 instructions for each of
  // the main thread's (callgrind), on a machine with two cores — competing with the main thread and the
  // scavenger's helpers, and adding their zones to peak memory. At 3×: 18% fewer instructions in all, ~4% more
  // on the main thread (its code is optimised later), ~5 MB less peak RSS.
  const { setFlagsFromString } = require('node:v8') as typeof import('node:v8');
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--interrupt-budget=200000');
  // Required here, not imported: --version and the other commands load neither node:vm nor node:crypto for it.
  const { requireWithCodeCache, saveCodeCaches } = require('./cliCodeCache') as typeof import('./cliCodeCache');
  const { runCheckCommand } = requireWithCodeCache(path.join(__dirname, 'cli-check.js')) as typeof import('./cliCheckCommand');
  const code = await runCheckCommand(args, io);
  // After the output: the caches then hold every function this check compiled (written only when missing).
  saveCodeCaches();
  return code;
}

async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'check') return runCheck(argv.slice(1), io);
  const other = otherCommandOf(argv);
  if (other) return (await otherCommands()).COMMANDS[other](argv.slice(other.split(' ').length), io);
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
  void otherCommands().then((m) => m.runRenderCheckWorker());
} else
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(terminalLines(t, { colour: true })),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(terminalLines(`distro-toml: internal error: ${err instanceof Error ? err.message : String(err)}\n`));
      process.exitCode = 2;
    },
  );
