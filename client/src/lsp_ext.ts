// The protocol extensions Distro TOML adds to LSP: the status notification and the settings shape
// the server receives. The server mirrors these types; keep the two in step.
import { NotificationType, RequestType } from 'vscode-languageclient/node';

/** Which schema the server validates against, and where it came from. */
export interface SchemaInUse {
  kind: 'bundled' | 'workspace' | 'file';
  /** The schema file the server loaded (absent for a schema that failed to load before a path was known). */
  path?: string;
  /** Why the requested schema could not be loaded; the server then falls back to the bundled one. */
  error?: string;
}

export type ServerState = 'starting' | 'indexing' | 'ready' | 'error';

export interface StatusParams {
  state: ServerState;
  schema: SchemaInUse;
  /** How many configuration files the server has indexed. */
  files?: number;
  message?: string;
}

/** `distroToml/status`: sent by the server whenever its state or the schema in use changes. */
export const statusNotification = new NotificationType<StatusParams>('distroToml/status');

/**
 * The `distroToml` settings section, sent as initializationOptions and again through
 * workspace/didChangeConfiguration whenever it changes.
 */
export interface DistroTomlSettings {
  /** "bundled", "workspace", or a path to a JSON schema (absolute, or relative to the workspace folder). */
  schema: string;
  diagnostics: { debounceMs: number };
  trace: { server: 'off' | 'messages' | 'verbose' };
  /** Config files loaded after the include tree (azldev's --config-file), relative to the workspace folder. */
  extraConfigFiles: string[];
  /** The authoring guide's lints (information-level). */
  lint: { authoringGuide: boolean };
  upstream: { fetch: boolean; cacheDir: string; localCheckouts: string[]; specsDir: string };
  overlayDiagnostics: boolean;
}

/**
 * `distroToml/effectiveConfig`: the effective configuration of the component at `position` in `uri`, or
 * of the component named, in the project holding `uri`. Answers the view's text, or — when the position
 * is on no component — every component name of the project, for a quick pick.
 */
export type EffectiveConfigParams = { uri: string; position: { line: number; character: number } } | { uri: string; component: string };

export type EffectiveConfigResult = { component: string; text: string } | { candidates: string[] } | null;

export const effectiveConfigRequest = new RequestType<EffectiveConfigParams, EffectiveConfigResult, void>('distroToml/effectiveConfig');

/** `distroToml/render` params: the component at a position, or one named (in the project of `uri`). */
export type RenderParams = { uri: string; position: { line: number; character: number } } | { uri: string; component: string };

export interface RenderOverlayOutcome {
  index: number;
  type: string;
  kind: string;
  ok: boolean;
  message: string;
  location?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

export interface RenderedView {
  component: string;
  ok: boolean;
  spec?: string;
  upstreamSpec?: string;
  source?: string;
  overlays: RenderOverlayOutcome[];
  errors: string[];
  notes: string[];
  release?: string;
}

export type RenderResult = RenderedView | { candidates: string[] } | null;

/** `distroToml/render`: the effective spec of a component, the upstream spec it came from, each overlay's outcome. */
export const renderRequest = new RequestType<RenderParams, RenderResult, void>('distroToml/render');
