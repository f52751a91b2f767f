// `distro-toml lsp`: the language server for any editor, over stdio unless another transport is named
// (`--node-ipc`, `--socket=PORT`, `--pipe=NAME`). The server is its own bundle beside this one
// (dist/server.js) and is loaded only for this command, so the other commands start without it.
import * as path from 'node:path';
import { parseTransport } from './transport/serverTransport';

export const LSP_USAGE = `Usage: distro-toml lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]

Runs the Distro TOML language server for an editor: JSON-RPC over stdin/stdout unless another
transport is named. Settings come from initializationOptions or workspace/didChangeConfiguration,
flat or under "distroToml" (see the README, "Using it from other editors").`;

export interface LspCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Starts the server in this process; returns an exit code when it does not start (help, bad usage), else
 * undefined (the server then owns the process and exits when its client goes).
 */
export function runLspCli(args: readonly string[], io: LspCliIo, serverModule = path.join(__dirname, 'server.js')): number | undefined {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(LSP_USAGE + '\n');
    return 0;
  }
  const named = parseTransport(args);
  if (typeof named === 'string' && named !== 'no transport given') {
    io.stderr(`distro-toml lsp: ${named}\n\n${LSP_USAGE}\n`);
    return 2;
  }
  const unknown = args.filter((a) => a.startsWith('-') && !/^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a) && !/^--clientProcessId(=|$)/.test(a));
  if (typeof named === 'string' && unknown.length) {
    io.stderr(`distro-toml lsp: unknown option '${unknown[0]}'\n\n${LSP_USAGE}\n`);
    return 2;
  }
  // server.js reads its transport from process.argv, as when an editor starts it directly.
  process.argv = [process.argv[0] ?? process.execPath, serverModule, ...(typeof named === 'string' ? ['--stdio'] : []), ...args];
  require(serverModule);
  return undefined;
}
