// Tells the server which of this extension's commands its code lenses and hover links may name (the client
// capability `experimental.commands.commands`, see CLIENT_COMMANDS in the protocol); a client that does not
// list them gets lenses the server runs itself.
import type { ClientCapabilities, FeatureState, StaticFeature } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, type ClientCommandsCapability } from './lsp_ext';

export class ClientCommandsFeature implements StaticFeature {
  fillClientCapabilities(capabilities: ClientCapabilities): void {
    const experimental = ((capabilities as ClientCommandsCapability).experimental ??= {});
    experimental.commands = { commands: Object.values(CLIENT_COMMANDS) };
  }

  initialize(): void {}

  getState(): FeatureState {
    return { kind: 'static' };
  }

  clear(): void {}
}
