// Which transport the server was started with (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`),
// read from the command line; without one the server prints its usage instead of a stack trace.

export type Transport = { kind: 'stdio' } | { kind: 'node-ipc' } | { kind: 'socket'; port: number } | { kind: 'pipe'; name: string };

export const SERVER_USAGE = `usage: distro-toml language server — started by an editor with one transport:
  node server.js --stdio            JSON-RPC over stdin/stdout
  node server.js --node-ipc         Node IPC (a parent Node process)
  node server.js --socket=PORT      a TCP socket on localhost
  node server.js --pipe=NAME        a named pipe or Unix socket
`;

/** The transport named by the arguments (after the script), or a sentence saying what is wrong. */
export function parseTransport(args: readonly string[]): Transport | string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--stdio') return { kind: 'stdio' };
    if (arg === '--node-ipc') return { kind: 'node-ipc' };
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--socket' && flag !== '--pipe') continue;
    const value = inline ?? args[i + 1];
    if (!value) return `${flag} needs a value`;
    if (flag === '--pipe') return { kind: 'pipe', name: value };
    const port = Number(value);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) return `--socket needs a port number, not ${JSON.stringify(value)}`;
    return { kind: 'socket', port };
  }
  return 'no transport given';
}
