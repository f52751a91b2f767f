// Distro TOML's extensions to LSP: the status notification, the settings shape and the custom requests.
// The client imports this module too (client/src/lsp_ext.ts), so both ends share one definition.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

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
  upstream: {
    /** May Render Preview / Diff clone or fetch from dist-git. */
    fetch: boolean;
    /** Where clones are cached ('' = the user cache folder). */
    cacheDir: string;
    /** Folders of `<pkg>/` dist-git checkouts used instead of the network. */
    localCheckouts: string[];
    /** A folder of `<name>/<name>.spec` trees read before dist-git ('' = none). */
    specsDir: string;
  };
  /** Check each overlay against the spec while typing (local specs and fetched upstream specs only). */
  overlayDiagnostics: boolean;
  /** Rule code → level (`error|warning|information|hint|off`), over the project's `.distro-toml.toml`. */
  rules: Record<string, string>;
  /** Sent in initializationOptions only: false in an untrusted workspace (see workspaceTrust.ts). */
  workspaceTrusted?: boolean;
  /** The Fedora package index (see packageIndexHost.ts). */
  packageIndex: PackageIndexSettings;
}

export interface PackageIndexSettings {
  /** Repositories added to the project's (http(s) URL, file:// URL or directory). */
  repositories: string[];
  /** Use only `repositories`, not the project's. */
  replaceRepositories: boolean;
  arches: string[];
  /** Where indexes are cached ('' = the user cache folder). */
  cacheDir: string;
  /** Sync again when the index is older than this (0 = only on request). */
  refreshIntervalHours: number;
  /** Never download: the cached index only. */
  offline: boolean;
  /** Also fetch each repository's filelists, so file dependencies outside primary's file list are checked. */
  filelists: boolean;
}

/** `distroToml/packageIndexStatus`: what the package index holds, or why package rules are silent. */
export interface PackageIndexStatus {
  state: 'disabled' | 'loading' | 'syncing' | 'ready' | 'missing' | 'error';
  /** "Fedora 43 · 74,812 packages · synced 2 h ago" for the status bar. */
  text: string;
  /** Longer: each repository and its state. */
  detail: string;
  packageCount: number;
  /** Oldest sync of a loaded repository (ms since the epoch). */
  syncedAt?: number;
}

export const packageIndexStatusNotification = new NotificationType<PackageIndexStatus>('distroToml/packageIndexStatus');

/** `distroToml/refreshPackageIndex`: sync every repository now (work-done progress with bytes; cancellable). */
export const refreshPackageIndexRequest = new RequestType<{ force?: boolean } | null, PackageIndexStatus, void>('distroToml/refreshPackageIndex');

/**
 * The document a request is about: `uri`, or `textDocument: { uri }` as in LSP's TextDocumentPositionParams.
 * Malformed parameters are answered with InvalidParams (server/src/handlers/requestParams.ts).
 */
export type DocumentRef = { uri: string } | { textDocument: { uri: string } };

/** The component at a position, or one named (in the project of the document). */
export type ComponentParams = DocumentRef & ({ position: { line: number; character: number } } | { component: string });

/** `distroToml/effectiveConfig` params: the component at a position, or one named (in the project of `uri`). */
export type EffectiveConfigParams = ComponentParams;

/** The view text of the component, or — when the position is on no component — the names to pick from. */
export type EffectiveConfigResult = { component: string; text: string } | { candidates: string[] } | null;

export const effectiveConfigRequest = new RequestType<EffectiveConfigParams, EffectiveConfigResult, void>('distroToml/effectiveConfig');

/** `distroToml/render` params: the component at a position, or one named (in the project of `uri`). */
export type RenderParams = ComponentParams;

export interface RenderOverlayOutcome {
  index: number;
  type: string;
  /** `user` for the config's overlays; azldev's own steps are `macros-load`, `check-skip`, `header`. */
  kind: string;
  ok: boolean;
  message: string;
  /** How the Problems panel names a config overlay ("overlay 2 of component `curl`"); absent for azldev's own steps. */
  label?: string;
  /** The overlay's own `description`, when it has one. */
  description?: string;
  location?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

export interface RenderedView {
  component: string;
  ok: boolean;
  /** The effective spec (what azldev writes, its header included). */
  spec?: string;
  /** Comment lines a preview shows above the spec (what it is, what it leaves out); not part of the spec. */
  banner?: string;
  /** The spec before any overlay, for the diff. */
  upstreamSpec?: string;
  source?: string;
  overlays: RenderOverlayOutcome[];
  errors: string[];
  notes: string[];
  release?: string;
}

export type RenderResult = RenderedView | { candidates: string[] } | null;

export const renderRequest = new RequestType<RenderParams, RenderResult, void>('distroToml/render');

/** `distroToml/checkAllOverlays`: every component with overlays of the project holding `uri` (or of every project). */
export type CheckAllOverlaysParams = { uri?: string } | { textDocument: { uri: string } } | null;

export interface CheckAllOverlaysResult {
  /** Components rendered against their spec. */
  judged: number;
  /** Components whose spec was not at hand offline. */
  notJudged: number;
  errors: number;
  /** Findings of the authoring guide (information and hints). */
  advice: number;
  /** True when the run was cancelled before the last component. */
  cancelled: boolean;
}

export const checkAllOverlaysRequest = new RequestType<CheckAllOverlaysParams, CheckAllOverlaysResult, void>('distroToml/checkAllOverlays');

/**
 * `distroToml/reviewChanges`: what a change does to every component of the project holding `uri`. The head is what
 * the server reads now (open buffers included); the base is the same with `base.files` laid over it — the files the
 * change touched, with their earlier text, or `null` for a file the change added (the client reads them from git).
 */
export interface ReviewChangesParams {
  uri: string;
  base: { label: string; files: { uri: string; text: string | null }[] };
}

export interface ReviewedComponent {
  name: string;
  change: 'added' | 'removed' | 'modified';
  configChanged: boolean;
  /** `failures`: why azldev's render fails on a side (it then writes only RENDER_FAILED there). */
  spec: { status: 'unchanged' | 'changed' | 'not-checked'; reason?: string; failures?: { base?: string[]; head?: string[] } };
}

export interface ReviewChangesResult {
  /** Names this review for `distroToml/reviewDocument`. */
  id: number;
  base: string;
  head: string;
  /** Components on either side. */
  compared: number;
  components: ReviewedComponent[];
}

export const reviewChangesRequest = new RequestType<ReviewChangesParams, ReviewChangesResult | null, void>('distroToml/reviewChanges');

/** `distroToml/reviewDocument`: one side of one component of a review, for the diff editor. */
export interface ReviewDocumentParams {
  id: number;
  component: string;
  side: 'base' | 'head';
  what: 'config' | 'spec';
}

export const reviewDocumentRequest = new RequestType<ReviewDocumentParams, string | null, void>('distroToml/reviewDocument');

/**
 * Commands of the VS Code extension that code lenses and hover links may name. A client says it runs them
 * with the client capability `experimental.commands.commands` (rust-analyzer's "client commands"
 * convention); any other client gets lenses whose command the server executes itself.
 */
export const CLIENT_COMMANDS = {
  renderPreview: 'distroToml.renderPreview',
  diffUpstream: 'distroToml.diffUpstream',
  showEffectiveConfig: 'distroToml.showEffectiveConfig',
} as const;

/** The client capability listing the client commands it runs. */
export interface ClientCommandsCapability {
  experimental?: { commands?: { commands?: string[] } };
}

/**
 * Commands the server executes (`workspace/executeCommand`, listed in `executeCommandProvider`).
 * `distroToml.checkComponent` `[{ uri, component }]`: renders the component against its spec (as the preview
 * does), shows a one-line summary (`window/showMessage`) and answers with the outcome.
 */
export const SERVER_COMMANDS = { checkComponent: 'distroToml.checkComponent' } as const;

export interface CheckComponentResult {
  component: string;
  ok: boolean;
  /** The line shown to the user. */
  summary: string;
  overlays: { index: number; type: string; ok: boolean; message: string }[];
  errors: string[];
}
