// Which of the VS Code extension's commands this client runs: those it lists in the client capability
// `experimental.commands.commands` (protocol.ts, CLIENT_COMMANDS). Lenses and hover links name a client
// command only for a client that listed it.
import type { ClientCommandsCapability } from '../protocol';
import type { ServerContext } from './context';

export function clientRuns(ctx: Pick<ServerContext, 'clientCapabilities'>, command: string): boolean {
  const listed = (ctx.clientCapabilities() as ClientCommandsCapability).experimental?.commands?.commands;
  return Array.isArray(listed) && listed.includes(command);
}
