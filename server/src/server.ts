// The language server: LSP glue only. It keeps open documents, asks the core for diagnostics on open
// and change (at once, or after the debounce the user set; an edit already read supersedes the check) and for whole projects after a background scan, and reports its state with the
// `distroToml/status` notification. Runs over stdio (`--stdio`) or Node IPC (started by the client).
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type FileEvent,
  type InitializeParams,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { CoreDiagnostic } from './core/diagnostics';
import { levelsFromObject } from './core/houseRules/levels';
import { HOUSE_RULES_FILE } from './core/houseRules/projectFile';
import type { RuleGroup } from './core/ruleCatalog';
import { diskFileSystem, type FileSystem } from './core/fs';
import { createLanguageService, type LanguageService } from './core/languageService';
import { findProjectRoot, PROJECT_FILE } from './core/project/root';
import { findWorkspaceRoots } from './core/project/workspaceRoots';
import { FileChangeBatch } from './fileChangeBatch';
import { registerFileWatchers } from './fileWatchers';
import { featureCapabilities, registerFeatures } from './handlers';
import { registerCheckAllOverlays } from './handlers/checkAllOverlays';
import { defaultCacheDir, renderService } from './handlers/render';
import { LspDiagnostics } from './lspDiagnostics';
import { VERSION } from './version';
import { describePrecompiledSchemas, loadPrecompiledSchemas } from './precompiled';
import { packageIndexStatusNotification, statusNotification, type DistroTomlSettings, type StatusParams } from './protocol';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, settingsSection } from './settings';
import { readWorkspaceTrust, settingsForTrust } from './workspaceTrust';
import { createServerConnection, pendingChanges } from './transport/serverConnection';
import { parseTransport, SERVER_USAGE } from './transport/serverTransport';
import { PackageIndexHost } from './packageIndexHost';
import { registerPackageIndexRequests, packageDiagnosticsOf } from './packageIndexGlue';
import { nextTurn, ProjectLoads } from './projectLoads';

const transport = parseTransport(process.argv.slice(2));
if (typeof transport === 'string') {
  process.stderr.write(`distro-toml server: ${transport}\n${SERVER_USAGE}`);
  process.exit(2);
}

const connection = createServerConnection(transport);
const documents = new TextDocuments(TextDocument);

let settings: DistroTomlSettings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
let canPullConfiguration = false;
/** The check scheduled for each document after an edit (cancel() drops it). */
const pending = new Map<string, { cancel(): void }>();
/** Per-file diagnostics (syntax, schema, rules) of every file we publish for: scanned or open. */
const localDiags = new Map<string, CoreDiagnostic[]>();
/** Cross-file diagnostics last published, by file, to republish only the files whose set changed. */
let projectDiags = new Map<string, CoreDiagnostic[]>();
/** Overlays that fail against the spec they would apply to (computed asynchronously after an edit). */
const overlayDiags = new Map<string, CoreDiagnostic[]>();
const overlayRuns = new Map<string, { cancelled: boolean }>();
/** Files whose latest overlay check rendered every component it defines (so an ignore of a render finding is judged). */
const overlaysJudged = new Set<string>();
/** Files the background scan covers, so they keep diagnostics when closed. */
const scanned = new Set<string>();
let indexedFiles = 0;
let lastSettingsKey = '';
/** Said once by the client (initializationOptions.workspaceTrusted); see workspaceTrust.ts. Untrusted: no network, the package index never downloads. */
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
  // An open buffer is the editor's decoding of the file; what was ill-formed on disk is reported while it is closed.
  utf8Problems: (p) => (documents.get(URI.file(p).toString()) ? [] : (diskFileSystem.utf8Problems?.(p) ?? [])),
  realPath: (p) => diskFileSystem.realPath?.(p),
  stat: (p) => diskFileSystem.stat?.(p),
  directoryIdentity: (p) => diskFileSystem.directoryIdentity?.(p),
};

const precompiled = loadPrecompiledSchemas();
let service: LanguageService = makeService();
/** Project models loaded a file per turn (the start-up scan, a file opened before its project was read). */
const projectLoads = new ProjectLoads(() => service);

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
  // Diagnostics of a version the editor has already replaced would go out after (or instead of) the newer ones.
  if (version !== undefined && open && open.version !== version) return;
  const text = open ? open.getText() : (overlayFs.readFile(file) ?? '');
  const found = [...(localDiags.get(file) ?? []), ...(projectDiags.get(file) ?? []), ...(overlayDiags.get(file) ?? [])];
  // Ignore comments and rule levels, as the CLI applies them; checks that did not run judge no ignore.
  const unjudged = new Set<RuleGroup>();
  if (!packageHost.index) unjudged.add('packages');
  if (!overlaysJudged.has(file)) unjudged.add('render');
  const diags = service.applyHouseRules(file, found, unjudged).sort((a, b) => a.span.start - b.span.start);
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

/** Every file with diagnostics again: the house rules (levels) changed. */
function republishAll(): void {
  for (const f of new Set([...localDiags.keys(), ...projectDiags.keys(), ...overlayDiags.keys()])) publish(f, documents.get(URI.file(f).toString())?.version);
}

function validateOpen(doc: TextDocument): void {
  const file = filePathOf(doc.uri);
  if (file && path.basename(file) === HOUSE_RULES_FILE && findProjectRoot(overlayFs, file) !== undefined) {
    // The project's house rules: their own findings, and every file shown again at the levels they set.
    localDiags.set(file, service.fileDiagnostics(file, doc.getText()));
    republishAll();
    return;
  }
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
    if (root === undefined || projectLoads.isLoaded(root)) return withProject();
    // The project is not loaded yet (the start-up scan may be reading it, a file per turn): the file's own
    // diagnostics go out now, and the cross-file ones once the project is in.
    const version = doc.version;
    publish(file, version);
    // (The document object is updated in place by later edits: compare with the version checked here.)
    void projectLoads.ensure(root).then(() => {
      if (documents.get(doc.uri)?.version === version) withProject();
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
  overlaysJudged.delete(file);
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
    .overlayCheck(model, file, overlayFs, run)
    .then((checked) => {
      if (run.cancelled || documents.get(doc.uri)?.version !== version) return;
      const diags = checked.diagnostics;
      const before = diagnosticsKey(overlayDiags.get(file));
      const judgedBefore = overlaysJudged.has(file);
      if (checked.unjudged.length === 0) overlaysJudged.add(file);
      if (diags.length) overlayDiags.set(file, diags);
      else overlayDiags.delete(file);
      if (diagnosticsKey(diags) !== before || judgedBefore !== overlaysJudged.has(file)) publish(file, version);
    })
    .catch((err: unknown) => log(`Overlay check of ${file} failed: ${err instanceof Error ? err.message : String(err)}`));
}

/**
 * Checks the document once the edit is applied: on the next turn of the event loop (default), or after the
 * `diagnostics.debounceMs` the user set. No check runs while a newer edit of the document has been read
 * and waits to be applied (`pendingChanges`): that edit schedules its own, so a burst of keystrokes is
 * checked once, at its newest version.
 */
function schedule(doc: TextDocument): void {
  pending.get(doc.uri)?.cancel();
  const run = () => {
    pending.delete(doc.uri);
    if (pendingChanges.has(doc.uri)) return;
    const current = documents.get(doc.uri);
    if (current) validateOpen(current);
  };
  const delay = settings.diagnostics.debounceMs;
  if (delay > 0) {
    const timer = setTimeout(run, delay);
    pending.set(doc.uri, { cancel: () => clearTimeout(timer) });
  } else {
    const immediate = setImmediate(run);
    pending.set(doc.uri, { cancel: () => clearImmediate(immediate) });
  }
}

let rootsCache: string[] | undefined;

/** Project roots of the workspace folders (see findWorkspaceRoots), until the folders or the tree change. */
function workspaceRoots(): string[] {
  rootsCache ??= findWorkspaceRoots(diskFileSystem, workspaceFolders);
  return rootsCache;
}

let scanGeneration = 0;
let canReportProgress = false;
let clientCapabilities: ClientCapabilities = {};
let canRegisterFileWatchers = false;
let clientHasWorkspaceFolders = false;

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
      // The include tree is read a file per turn, so the open files' diagnostics and requests go first.
      await projectLoads.ensure(root);
      if (generation !== scanGeneration) return;
      const model = service.projects.model(root);
      if (root === roots[0]) packageHost.configure(settings.packageIndex, workspaceTrusted, model, workspaceFolders[0] ?? root);
      const houseRules = service.houseRules(root).file;
      const files = [...model.files.map((f) => f.path), ...service.projects.overlayFiles(root), ...(diskFileSystem.exists(houseRules) ? [houseRules] : [])];
      let count = 0;
      for (const f of files) {
        covered.add(f);
        if (!documents.get(URI.file(f).toString())) localDiags.set(f, service.fileDiagnostics(f));
        if (++count % 16 === 0) progress.report(count, files.length);
        // Let edits and requests through after every file: the scan must not hold up the open files (an
        // edit read meanwhile is dispatched, and its check runs, before the next file is checked).
        await nextTurn();
        // A newer scan (settings or files changed) took over.
        if (generation !== scanGeneration) return;
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
  settings = settingsForTrust(readSettings(raw), workspaceTrusted);
  const key = JSON.stringify(settings);
  if (key === lastSettingsKey) return false;
  lastSettingsKey = key;
  service.setSchemaSetting(settings.schema);
  service.setLint(settings.lint.authoringGuide);
  service.setRuleLevels(levelsFromObject(settings.rules).levels);
  const base = workspaceFolders[0] ?? process.cwd();
  service.setExtraConfigFiles(settings.extraConfigFiles.map((f) => path.resolve(base, f)));
  renderService.configure({
    cacheDir: settings.upstream.cacheDir ? path.resolve(base, settings.upstream.cacheDir) : defaultCacheDir(),
    localCheckouts: settings.upstream.localCheckouts.map((f) => path.resolve(base, f)),
    ...(settings.upstream.specsDir ? { specsDir: path.resolve(base, settings.upstream.specsDir) } : {}),
    allowFetch: settings.upstream.fetch,
    guide: settings.lint.authoringGuide,
  });
  return true;
}

connection.onInitialize((params: InitializeParams) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
  if (!workspaceFolders.length && params.rootUri) workspaceFolders = [URI.parse(params.rootUri).fsPath];
  clientCapabilities = params.capabilities;
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  const initialSettings = settingsSection(params.initializationOptions);
  workspaceTrusted = readWorkspaceTrust(params.initializationOptions) && readWorkspaceTrust(initialSettings);
  canReportProgress = Boolean(params.capabilities.window?.workDoneProgress);
  canRegisterFileWatchers = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  clientHasWorkspaceFolders = Boolean(params.capabilities.workspace?.workspaceFolders);
  // A service rooted in the workspace folder, then every setting applied to it.
  service = makeService();
  applySettings(initialSettings);
  return {
    capabilities: {
      ...featureCapabilities(),
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'distro-toml', version: VERSION },
  };
});

connection.onInitialized(() => {
  log(`Distro TOML ${VERSION}; ${describePrecompiledSchemas(precompiled)}; workspace ${workspaceTrusted ? 'trusted' : 'untrusted (Restricted Mode)'}`);
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  if (canRegisterFileWatchers) void registerFileWatchers(connection, log);
  if (clientHasWorkspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(changeWorkspaceFolders);
  sendStatus('starting');
  void scanWorkspace();
});

// Settings pushed (nested under `distroToml` or flat) apply as sent; a push that holds none of ours makes the
// server pull its section, and a pull answered with nothing of ours (null) keeps the settings in force.
connection.onDidChangeConfiguration((change) => {
  const apply = (section: Record<string, unknown> | undefined) => {
    if (!section) return log('The client sent no distroToml settings; the current ones stay');
    if (!applySettings(section)) return;
    for (const doc of documents.all()) validateOpen(doc);
    void scanWorkspace();
  };
  const pushed = settingsSection(change.settings);
  if (pushed || !canPullConfiguration) apply(pushed);
  else void connection.workspace.getConfiguration(SETTINGS_SECTION).then((answer: unknown) => apply(settingsSection(answer)), (err: unknown) => log(`Cannot read settings: ${String(err)}`));
});

/**
 * Files changed on disk, one pass per burst (see FileChangeBatch). The pass re-checks changed files in steps
 * of a few files; when more changes are coming it stops and returns what it did not get to.
 */
async function applyFileChanges(changes: FileEvent[], shouldYield: () => boolean): Promise<FileEvent[]> {
  const structural = changes.some((c) => c.type !== FileChangeType.Changed || filePathOf(c.uri)?.endsWith('.json'));
  if (changes.some((c) => filePathOf(c.uri)?.endsWith('.json'))) service.reloadSchemas();
  let count = 0;
  for (const [i, c] of changes.entries()) {
    const file = filePathOf(c.uri);
    if (!file || documents.get(c.uri)) continue;
    service.cache.forget(file);
    // A structural change rescans (and re-checks) every file anyway.
    if (structural || !scanned.has(file)) continue;
    localDiags.set(file, diskFileSystem.exists(file) ? service.fileDiagnostics(file) : []);
    publish(file);
    if (++count % 16 === 0) {
      await new Promise((r) => setImmediate(r));
      if (shouldYield()) {
        log(`Applied ${i + 1} of ${changes.length} watched-file changes; more are coming`);
        return changes.slice(i + 1);
      }
    }
  }
  log(`Applied ${changes.length} watched-file change${changes.length === 1 ? '' : 's'}${structural ? ' (rescanning)' : ''}`);
  if (changes.some((c) => path.basename(filePathOf(c.uri) ?? '') === HOUSE_RULES_FILE)) republishAll();
  if (structural) {
    rootsCache = undefined;
    service.projects.invalidateStructure();
    void scanWorkspace();
  } else refreshProjectDiagnostics();
  for (const doc of documents.all()) schedule(doc);
  return [];
}

const fileChanges = new FileChangeBatch(applyFileChanges);

/** Workspace folders added and removed: their projects are scanned, or dropped with their diagnostics. */
function changeWorkspaceFolders(event: WorkspaceFoldersChangeEvent): void {
  const removed = new Set(event.removed.map((f) => URI.parse(f.uri).fsPath));
  const kept = workspaceFolders.filter((f) => !removed.has(f));
  workspaceFolders = [...kept, ...event.added.map((f) => URI.parse(f.uri).fsPath).filter((f) => !kept.includes(f))];
  log(`Workspace folders: ${workspaceFolders.join(', ') || '(none)'}`);
  rootsCache = undefined;
  void scanWorkspace();
}
// A client that advertises workspace folders has its change notifications routed through
// connection.workspace (subscribed once initialized); this handler serves any other client.
connection.onNotification(DidChangeWorkspaceFoldersNotification.type, (params) => changeWorkspaceFolders(params.event));
connection.onDidChangeWatchedFiles((change) => fileChanges.add(change.changes));

/** Documents validated since they were opened: the first content (the open) is checked at once, edits as `schedule` says. */
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
  pending.get(e.document.uri)?.cancel();
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
const serverContext = {
  connection,
  documents,
  service: () => service,
  filePathOf,
  uriOf: (file: string) => URI.file(file).toString(),
  textOf: (file: string) => overlayFs.readFile(file),
  workspaceRoots,
  clientCapabilities: () => clientCapabilities,
  filesSettled: () => fileChanges.settled(),
  log,
  packageIndex: () => packageHost.index,
  projectLoaded: (root: string) => projectLoads.isLoaded(root),
  whenProjectLoaded: (root: string) => projectLoads.ensure(root),
};
registerFeatures(serverContext);
// Check All Overlays: its findings join each file's overlay diagnostics until that file is checked again.
registerCheckAllOverlays(serverContext, (byFile, checkedFiles) => {
  for (const file of checkedFiles) {
    const found = byFile.get(file);
    const before = diagnosticsKey(overlayDiags.get(file));
    if (found?.length) overlayDiags.set(file, found);
    else overlayDiags.delete(file);
    if (diagnosticsKey(found) !== before) publish(file, documents.get(URI.file(file).toString())?.version);
  }
});

// A bug in one request must not take the server (and every open file's diagnostics) down with it.
process.on('uncaughtException', (err) => log(`Uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (reason) => log(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

documents.listen(connection);
connection.listen();
