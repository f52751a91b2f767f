// Distro TOML's extensions to LSP, server side: the status notification and the settings shape.
// client/src/lsp_ext.ts declares the same for the client; keep the two in step.
import { NotificationType } from 'vscode-languageserver/node';

export interface SchemaInUse {
  kind: 'bundled' | 'workspace' | 'file';
  path?: string;
  error?: string;
}

export type ServerState = 'starting' | 'indexing' | 'ready' | 'error';

export interface StatusParams {
  state: ServerState;
  schema: SchemaInUse;
  files?: number;
  message?: string;
}

export const statusNotification = new NotificationType<StatusParams>('distroToml/status');

export interface DistroTomlSettings {
  schema: string;
  diagnostics: { debounceMs: number };
  trace: { server: 'off' | 'messages' | 'verbose' };
  /** Config files loaded after the include tree (azldev's --config-file), relative to the workspace folder. */
  extraConfigFiles: string[];
  /** The authoring guide's lints (information-level). */
  lint: { authoringGuide: boolean };
}
