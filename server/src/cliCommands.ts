// The commands other than `check`, for the command line's entry (cli.ts): an ES module (dist/cli-commands.mjs)
// split by the build into one chunk per command, each imported only when its command runs, so `render` never
// loads the repository code and `repo query` never loads the render. Each gets the arguments after its name.
import * as path from 'node:path';
import type { OtherCommandName } from './cliCommandNames';
import type { CliIo } from './cliUsage';

type Command = (args: string[], io: CliIo) => Promise<number> | number;

/** Each command (two words for `config dump`) gets the arguments after its name. */
export const COMMANDS: Record<OtherCommandName, Command> = {
  // `render` fetches upstream specs (cliRender.ts).
  render: async (args, io) => (await import('./cliRender.js')).runRenderCli(args, io),
  'config dump': async (args, io) => (await import('./cliConfigDump.js')).runConfigDumpCli(args, { ...io, bundledSchemaDir: bundledSchemaDir() }),
  upstream: async (args, io) => (await import('./cliUpstream.js')).runUpstreamCli(args, io),
  // `repo sync` downloads repository metadata; `repo query` reads the cached index (cliRepo.ts).
  repo: async (args, io) => (await import('./cliRepo.js')).runRepoCli(args, io),
  // `lsp` loads the server bundle (dist/server.js), which then owns the process.
  lsp: async (args, io) => (await import('./cliLsp.js')).runLspCli(args, io) ?? 0,
  // `review` reads the base revision from git and renders offline (cliReview.ts).
  review: async (args, io) => (await import('./cliReview.js')).runReviewCli(args, { ...io, upstreamCacheDir: (await import('./upstreamCacheDir.js')).defaultUpstreamCacheDir() }),
};

/** Our schemas, beside the bundles' folder. */
function bundledSchemaDir(): string {
  return path.join(__dirname, '..', 'schemas');
}

/** A worker thread of `render --all --check --jobs N` (renderCheckWorker.ts), started on the command line's entry. */
export async function runRenderCheckWorker(): Promise<void> {
  (await import('./renderCheckWorker.js')).runRenderCheckWorker();
}
