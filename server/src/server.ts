// The language server: LSP glue only. It keeps open documents, asks the core for diagnostics on open
// and change (debounced) and for whole projects after a background scan, and reports its state with the
// `distroToml/status` notification. Runs over stdio (`--stdio`) or Node IPC (started by the client).
import * as path from 'node:path';
import { createConnection, DidChangeConfigurationNotification, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { CoreDiagnostic } from './core/diagnostics';
import { diskFileSystem, type FileSystem } from './core/fs';
import { createLanguageService, type LanguageService } from './core/languageService';
import { findProjectRoot, PROJECT_FILE } from './core/project/root';
import { featureCapabilities, registerFeatures } from './handlers';
import { defaultCacheDir, renderService } from './handlers/render';
import { LspDiagnostics } from './lspDiagnostics';
import { loadPrecompiledSchemas } from './precompiled';
import { packageIndexStatusNotification, statusNotification, type DistroTomlSettings, type StatusParams } from './protocol';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { PackageIndexHost } from './packageIndexHost';
import { registerPackageIndexRequests, packageDiagnosticsOf } from './packageIndexGlue';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let settings: DistroTomlSettings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
let canPullConfiguration = false;
const pending = new Map<string, NodeJS.Timeout>();
/** Per-file diagnostics (syntax, schema, rules) of every file we publish for: scanned or open. */
const localDiags = new Map<string, CoreDiagnostic[]>();
/** Cross-file diagnostics last published, by file, to republish only the files whose set changed. */
let projectDiags = new Map<string, CoreDiagnostic[]>();
/** Overlays that fail against the spec they would apply to (computed asynchronously after an edit). */
const overlayDiags = new Map<string, CoreDiagnostic[]>();
const overlayRuns = new Map<string, { cancelled: boolean }>();
/** Files the background scan covers, so they keep diagnostics when closed. */
const scanned = new Set<string>();
let indexedFiles = 0;
let lastSettingsKey = '';
/** False in an untrusted workspace (initializationOptions.workspaceTrusted): the package index never downloads. */
let workspaceTrusted = true;
const packageHost = new PackageIndexHost({
  changed: () => refreshProjectDiagnostics(),
  status: (s) => void connection.sendNotification(packageIndexStatusNotification, s),
  log: (m) => log(m),
});

/** Disk, except that open documents are read from their editor buffers. */
const overlayFs: FileSystem = {
  readFile(p) {
    const doc = documents.get(URI.file(p).toString());
    return doc ? doc.getText() : diskFileSystem.readFile(p);
  },
  exists: (p) => documents.get(URI.file(p).toString()) !== undefined || diskFileSystem.exists(p),
  isDirectory: (p) => diskFileSystem.isDirectory(p),
  readDirectory: (p) => diskFileSystem.readDirectory(p),
};

const precompiled = loadPrecompiledSchemas();
let service: LanguageService = makeService();

function makeService(): LanguageService {
  return createLanguageService({
    fs: overlayFs,
    schema: settings.schema,
    bundledSchemaDir: path.join(__dirname, '..', 'schemas'),
    precompiled,
    cwd: workspaceFolders[0] ?? process.cwd(),
  });
}

function log(message: string): void {
  connection.console.log(message);
}

function sendStatus(state: StatusParams['state'], message?: string): void {
  let schema: StatusParams['schema'];
  try {
    const probe = workspaceFolders[0] ? path.join(workspaceFolders[0], PROJECT_FILE) : path.join(process.cwd(), PROJECT_FILE);
    const resolved = service.schemaFor(probe);
    schema = { kind: resolved.kind, path: resolved.path, ...(resolved.error ? { error: resolved.error } : {}) };
  } catch (err) {
    schema = { kind: 'bundled', error: err instanceof Error ? err.message : String(err) };
  }
  void connection.sendNotification(statusNotification, { state, schema, files: indexedFiles, ...(message ? { message } : {}) });
}

const lspDiagnostics = new LspDiagnostics(documents, (file) => overlayFs.readFile(file));

function filePathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

function publish(file: string, version?: number): void {
  const uri = URI.file(file).toString();
  const open = documents.get(uri);
  const text = open ? open.getText() : (overlayFs.readFile(file) ?? '');
  const diags = [...(localDiags.get(file) ?? []), ...(projectDiags.get(file) ?? []), ...(overlayDiags.get(file) ?? [])].sort((a, b) => a.span.start - b.span.start);
  void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: lspDiagnostics.convert(diags, file, text) });
}

function diagnosticsKey(diags: CoreDiagnostic[] | undefined): string {
  return JSON.stringify((diags ?? []).map((d) => [d.code, d.span.start, d.span.end, d.message, d.related?.map((r) => [r.file, r.span.start])]));
}

/**
 * Recomputes the cross-file diagnostics of every project and republishes the files where they changed,
 * and the closed files of `refreshed` (whose own diagnostics were just recomputed) in any case.
 */
function refreshProjectDiagnostics(except?: string, refreshed: ReadonlySet<string> = new Set()): void {
  const next = new Map<string, CoreDiagnostic[]>();
  for (const root of workspaceRoots()) {
    for (const [f, list] of service.projectDiagnostics(root)) next.set(f, list);
    for (const [f, list] of packageDiagnosticsOf(service, root, packageHost.index)) next.set(f, [...(next.get(f) ?? []), ...list]);
  }
  const previous = projectDiags;
  projectDiags = next;
  for (const f of new Set([...refreshed, ...previous.keys(), ...next.keys()])) {
    if (f === except) continue;
    const fresh = refreshed.has(f) && !documents.get(URI.file(f).toString());
    if (fresh || diagnosticsKey(previous.get(f)) !== diagnosticsKey(next.get(f))) publish(f);
  }
}

function validateOpen(doc: TextDocument): void {
  const file = filePathOf(doc.uri);
  if (!file || !service.classify(file)) {
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    return;
  }
  try {
    localDiags.set(file, service.fileDiagnostics(file, doc.getText()));
    const withProject = () => {
      refreshProjectDiagnostics(file);
      publish(file, doc.version);
      scheduleOverlayCheck(file, doc);
    };
    const root = findProjectRoot(overlayFs, file);
    if (root === undefined || service.projects.isLoaded(root)) return withProject();
    // The project is not loaded yet (the background scan may be reading it): the file's own diagnostics
    // go out now, and the cross-file ones once the project is in.
    publish(file, doc.version);
    setImmediate(() => {
      if (documents.get(doc.uri)?.version === doc.version) withProject();
    });
  } catch (err) {
    log(`Validation of ${file} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}

/**
 * Renders the components the file defines, in the background, against specs at hand without the network,
 * and publishes the overlays that would fail. A newer edit cancels the run in flight.
 */
function scheduleOverlayCheck(file: string, doc: TextDocument): void {
  const previous = overlayRuns.get(file);
  if (previous) previous.cancelled = true;
  if (!settings.overlayDiagnostics) {
    if (overlayDiags.delete(file)) publish(file, doc.version);
    return;
  }
  const model = service.projectOf(file);
  if (!model || !model.contributions.has(file)) return;
  const run = { cancelled: false };
  overlayRuns.set(file, run);
  const version = doc.version;
  void renderService
    .overlayDiagnostics(model, file, overlayFs, run)
    .then((diags) => {
      if (run.cancelled || documents.get(doc.uri)?.version !== version) return;
      const before = diagnosticsKey(overlayDiags.get(file));
      if (diags.length) overlayDiags.set(file, diags);
      else overlayDiags.delete(file);
      if (diagnosticsKey(diags) !== before) publish(file, version);
    })
    .catch((err: unknown) => log(`Overlay check of ${file} failed: ${err instanceof Error ? err.message : String(err)}`));
}

function schedule(doc: TextDocument): void {
  const previous = pending.get(doc.uri);
  if (previous) clearTimeout(previous);
  const delay = settings.diagnostics.debounceMs;
  pending.set(
    doc.uri,
    setTimeout(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (current) validateOpen(current);
    }, delay),
  );
}

let rootsCache: string[] | undefined;

/** Project roots of the workspace: the nearest one above each folder, or every azldev.toml below it. */
function workspaceRoots(): string[] {
  if (rootsCache) return rootsCache;
  const roots = new Set<string>();
  const below = (dir: string, depth: number) => {
    if (depth > 6) return;
    if (diskFileSystem.exists(path.join(dir, PROJECT_FILE))) {
      roots.add(dir);
      return;
    }
    for (const e of diskFileSystem.readDirectory(dir)) {
      if (e.isDirectory && e.name !== 'node_modules' && !e.name.startsWith('.')) below(path.join(dir, e.name), depth + 1);
    }
  };
  for (const folder of workspaceFolders) {
    const up = findProjectRoot(diskFileSystem, path.join(folder, PROJECT_FILE));
    if (up) roots.add(up);
    else below(folder, 0);
  }
  rootsCache = [...roots];
  return rootsCache;
}

let scanGeneration = 0;
let canReportProgress = false;

/** A work-done progress bar in the editor (when it supports one) for the length of the scan. */
async function scanProgress(): Promise<{ report(done: number, total: number): void; done(): void }> {
  if (!canReportProgress) return { report: () => undefined, done: () => undefined };
  const reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
  if (!reporter) return { report: () => undefined, done: () => undefined };
  reporter.begin('Distro TOML', 0, 'Checking the project', false);
  return {
    report: (done, total) => reporter.report(total ? Math.floor((done * 100) / total) : 0, `${done}/${total} files`),
    done: () => reporter.done(),
  };
}

/** Checks every project of the workspace and publishes diagnostics for all its files. */
async function scanWorkspace(): Promise<void> {
  const generation = ++scanGeneration;
  sendStatus('indexing');
  // Let the first open documents' diagnostics go out before the scan takes the thread.
  await new Promise((r) => setTimeout(r, 0));
  const progress = await scanProgress();
  try {
    const covered = new Set<string>();
    const roots = workspaceRoots();
    if (!roots.length) packageHost.configure(settings.packageIndex, workspaceTrusted, undefined, workspaceFolders[0] ?? process.cwd());
    for (const root of roots) {
      const started = Date.now();
      const model = service.projects.model(root);
      if (root === roots[0]) packageHost.configure(settings.packageIndex, workspaceTrusted, model, workspaceFolders[0] ?? root);
      const files = [...model.files.map((f) => f.path), ...service.projects.overlayFiles(root)];
      let count = 0;
      for (const f of files) {
        covered.add(f);
        if (!documents.get(URI.file(f).toString())) localDiags.set(f, service.fileDiagnostics(f));
        // Let edits and requests through between batches: the scan must not hold up the open files.
        if (++count % 16 === 0) {
          progress.report(count, files.length);
          await new Promise((r) => setImmediate(r));
          // A newer scan (settings or files changed) took over.
          if (generation !== scanGeneration) return;
        }
      }
      log(`Checked project ${root}: ${files.length} files in ${Date.now() - started} ms`);
    }
    for (const f of [...scanned]) {
      if (!covered.has(f) && !documents.get(URI.file(f).toString())) {
        localDiags.delete(f);
        publish(f);
      }
    }
    scanned.clear();
    covered.forEach((f) => scanned.add(f));
    // Every scanned file gets its fresh diagnostics; open files (and any other) where the cross-file ones changed too.
    refreshProjectDiagnostics(undefined, covered);
    indexedFiles = covered.size;
    sendStatus('ready');
  } catch (err) {
    log(`Workspace scan failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendStatus('error', err instanceof Error ? err.message : String(err));
  } finally {
    progress.done();
  }
}

/** Applies settings; returns false when they are the ones already in force. */
function applySettings(raw: unknown): boolean {
  settings = readSettings(raw);
  const key = JSON.stringify(settings);
  if (key === lastSettingsKey) return false;
  lastSettingsKey = key;
  service.setSchemaSetting(settings.schema);
  service.setLint(settings.lint.authoringGuide);
  const base = workspaceFolders[0] ?? process.cwd();
  service.setExtraConfigFiles(settings.extraConfigFiles.map((f) => path.resolve(base, f)));
  renderService.configure({
    cacheDir: settings.upstream.cacheDir ? path.resolve(base, settings.upstream.cacheDir) : defaultCacheDir(),
    localCheckouts: settings.upstream.localCheckouts.map((f) => path.resolve(base, f)),
    ...(settings.upstream.specsDir ? { specsDir: path.resolve(base, settings.upstream.specsDir) } : {}),
    allowFetch: settings.upstream.fetch,
  });
  return true;
}

connection.onInitialize((params: InitializeParams) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
  if (!workspaceFolders.length && params.rootUri) workspaceFolders = [URI.parse(params.rootUri).fsPath];
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  canReportProgress = Boolean(params.capabilities.window?.workDoneProgress);
  workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
  // A service rooted in the workspace folder, then every setting applied to it.
  service = makeService();
  applySettings(params.initializationOptions);
  return {
    capabilities: {
      ...featureCapabilities(),
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'distro-toml', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  sendStatus('starting');
  void scanWorkspace();
});

connection.onDidChangeConfiguration((change) => {
  const fromPush = (change.settings as { distroToml?: unknown } | undefined)?.distroToml;
  const apply = (raw: unknown) => {
    if (!applySettings(raw)) return;
    for (const doc of documents.all()) validateOpen(doc);
    void scanWorkspace();
  };
  if (fromPush !== undefined) apply(fromPush);
  else if (canPullConfiguration) void connection.workspace.getConfiguration('distroToml').then(apply, (err: unknown) => log(`Cannot read settings: ${String(err)}`));
});

connection.onDidChangeWatchedFiles((change) => {
  let structural = false;
  for (const c of change.changes) {
    const file = filePathOf(c.uri);
    if (!file) continue;
    if (file.endsWith('.json')) {
      service.reloadSchemas();
      structural = true;
      continue;
    }
    if (c.type !== FileChangeType.Changed) structural = true;
    if (documents.get(c.uri)) continue;
    service.cache.forget(file);
    if (scanned.has(file)) {
      localDiags.set(file, diskFileSystem.exists(file) ? service.fileDiagnostics(file) : []);
      publish(file);
    }
  }
  if (structural) {
    rootsCache = undefined;
    service.projects.invalidateStructure();
    void scanWorkspace();
  } else refreshProjectDiagnostics();
  for (const doc of documents.all()) schedule(doc);
});

/** Documents validated since they were opened: the first content (the open) is checked at once, edits after a debounce. */
const seenOpen = new Set<string>();
documents.onDidChangeContent((e) => {
  if (seenOpen.has(e.document.uri)) schedule(e.document);
  else {
    seenOpen.add(e.document.uri);
    validateOpen(e.document);
  }
});
documents.onDidClose((e) => {
  seenOpen.delete(e.document.uri);
  const file = filePathOf(e.document.uri);
  const timer = pending.get(e.document.uri);
  if (timer) clearTimeout(timer);
  pending.delete(e.document.uri);
  if (!file) return;
  service.cache.forget(file);
  // A closed file of a scanned project keeps the diagnostics of its saved text; any other file is cleared.
  if (scanned.has(file)) {
    localDiags.set(file, service.fileDiagnostics(file));
    refreshProjectDiagnostics(file);
    publish(file);
  } else {
    localDiags.delete(file);
    overlayDiags.delete(file);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }
});

registerPackageIndexRequests(connection, packageHost, log);
registerFeatures({
  connection,
  documents,
  service: () => service,
  filePathOf,
  uriOf: (file) => URI.file(file).toString(),
  textOf: (file) => overlayFs.readFile(file),
  log,
  packageIndex: () => packageHost.index,
});

// A bug in one request must not take the server (and every open file's diagnostics) down with it.
process.on('uncaughtException', (err) => log(`Uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (reason) => log(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

documents.listen(connection);
connection.listen();
