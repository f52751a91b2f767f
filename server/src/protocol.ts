// Distro TOML's extensions to LSP, server side: the status notification and the settings shape.
// client/src/lsp_ext.ts declares the same for the client; keep the two in step.
import { NotificationType, RequestType } from 'vscode-languageserver/node';

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

/** `distroToml/effectiveConfig` params: the component at a position, or one named (in the project of `uri`). */
export type EffectiveConfigParams = { uri: string; position: { line: number; character: number } } | { uri: string; component: string };

/** The view text of the component, or — when the position is on no component — the names to pick from. */
export type EffectiveConfigResult = { component: string; text: string } | { candidates: string[] } | null;

export const effectiveConfigRequest = new RequestType<EffectiveConfigParams, EffectiveConfigResult, void>('distroToml/effectiveConfig');
