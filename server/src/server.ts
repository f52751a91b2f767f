// The language server: LSP glue only. It keeps open documents, asks the core for diagnostics on open
// and change (debounced) and for whole projects after a background scan, and reports its state with the
// `distroToml/status` notification. Runs over stdio (`--stdio`) or Node IPC (started by the client).
import * as path from 'node:path';
import {
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { CoreDiagnostic, Severity } from './core/diagnostics';
import { diskFileSystem, type FileSystem } from './core/fs';
import { createLanguageService, type LanguageService } from './core/languageService';
import { findProjectRoot, PROJECT_FILE } from './core/project/root';
import { LineIndex } from './core/text/lineIndex';
import { statusNotification, type DistroTomlSettings, type StatusParams } from './protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

const DEFAULT_SETTINGS: DistroTomlSettings = { schema: 'bundled', diagnostics: { debounceMs: 150 }, trace: { server: 'off' } };
let settings: DistroTomlSettings = DEFAULT_SETTINGS;
let workspaceFolders: string[] = [];
let canPullConfiguration = false;
const pending = new Map<string, NodeJS.Timeout>();
/** Files whose diagnostics came from the background scan (not open), so they can be refreshed or cleared. */
const scanned = new Map<string, CoreDiagnostic[]>();
let indexedFiles = 0;

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

let service: LanguageService = makeService();

function makeService(): LanguageService {
  return createLanguageService({
    fs: overlayFs,
    schema: settings.schema,
    bundledSchemaDir: path.join(__dirname, '..', 'schemas'),
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

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toLsp(diags: CoreDiagnostic[], text: string): Diagnostic[] {
  const index = new LineIndex(text);
  const others = new Map<string, LineIndex>();
  const indexFor = (file: string, own: string): LineIndex => {
    if (file === own) return index;
    let idx = others.get(file);
    if (!idx) {
      idx = new LineIndex(overlayFs.readFile(file) ?? '');
      others.set(file, idx);
    }
    return idx;
  };
  return diags.map((d) => ({
    range: index.rangeAt(d.span.start, d.span.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'distro-toml',
    message: d.message,
    ...(d.related?.length
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: URI.file(r.file).toString(), range: indexFor(r.file, d.file).rangeAt(r.span.start, r.span.end) }, message: r.message })) }
      : {}),
    ...(d.data ? { data: d.data } : {}),
  }));
}

function filePathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

function validateOpen(doc: TextDocument): void {
  const file = filePathOf(doc.uri);
  if (!file || !service.classify(file)) {
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    return;
  }
  try {
    const text = doc.getText();
    const diags = service.validateFile(file, text);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toLsp(diags, text) });
  } catch (err) {
    log(`Validation of ${file} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
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

/** Project roots of the workspace: the nearest one above each folder, or every azldev.toml below it. */
function workspaceRoots(): string[] {
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
  return [...roots];
}

/** Checks every project of the workspace and publishes diagnostics for the files that are not open. */
async function scanWorkspace(): Promise<void> {
  sendStatus('indexing');
  // Let the first open documents' diagnostics go out before the scan takes the thread.
  await new Promise((r) => setTimeout(r, 0));
  try {
    const seen = new Set<string>();
    const byFile = new Map<string, CoreDiagnostic[]>();
    for (const root of workspaceRoots()) {
      const started = Date.now();
      const result = service.checkProject(root);
      for (const f of result.files) {
        seen.add(f);
        byFile.set(f, []);
      }
      for (const d of result.diagnostics) byFile.get(d.file)?.push(d) ?? byFile.set(d.file, [d]);
      log(`Checked project ${root}: ${result.files.length} files, ${result.diagnostics.length} diagnostics in ${Date.now() - started} ms`);
    }
    for (const [file, diags] of byFile) {
      const uri = URI.file(file).toString();
      scanned.set(file, diags);
      if (documents.get(uri)) continue;
      void connection.sendDiagnostics({ uri, diagnostics: toLsp(diags, overlayFs.readFile(file) ?? '') });
    }
    for (const file of [...scanned.keys()]) {
      if (!byFile.has(file)) {
        scanned.delete(file);
        void connection.sendDiagnostics({ uri: URI.file(file).toString(), diagnostics: [] });
      }
    }
    indexedFiles = seen.size;
    sendStatus('ready');
  } catch (err) {
    log(`Workspace scan failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendStatus('error', err instanceof Error ? err.message : String(err));
  }
}

function applySettings(raw: unknown): void {
  const s = (raw ?? {}) as Partial<DistroTomlSettings>;
  const debounce = Number(s.diagnostics?.debounceMs);
  settings = {
    schema: typeof s.schema === 'string' && s.schema.trim() ? s.schema.trim() : 'bundled',
    diagnostics: { debounceMs: Number.isFinite(debounce) && debounce >= 0 ? debounce : DEFAULT_SETTINGS.diagnostics.debounceMs },
    trace: { server: s.trace?.server ?? 'off' },
  };
  service.setSchemaSetting(settings.schema);
}

connection.onInitialize((params: InitializeParams) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
  if (!workspaceFolders.length && params.rootUri) workspaceFolders = [URI.parse(params.rootUri).fsPath];
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  applySettings(params.initializationOptions);
  service = makeService();
  return {
    capabilities: {
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
    applySettings(raw);
    for (const doc of documents.all()) validateOpen(doc);
    void scanWorkspace();
  };
  if (fromPush !== undefined) apply(fromPush);
  else if (canPullConfiguration) void connection.workspace.getConfiguration('distroToml').then(apply, (err: unknown) => log(`Cannot read settings: ${String(err)}`));
});

connection.onDidChangeWatchedFiles((change) => {
  for (const c of change.changes) {
    const file = filePathOf(c.uri);
    if (!file) continue;
    service.cache.forget(file);
    if (!documents.get(c.uri) && scanned.has(file)) {
      const text = diskFileSystem.readFile(file);
      const diags = text === undefined ? [] : service.validateFile(file);
      scanned.set(file, diags);
      void connection.sendDiagnostics({ uri: c.uri, diagnostics: toLsp(diags, text ?? '') });
    }
  }
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
  if (file) service.cache.forget(file);
  // A closed file keeps the diagnostics of its saved text when it is part of a scanned project.
  if (file && scanned.has(file)) {
    const diags = service.validateFile(file);
    scanned.set(file, diags);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: toLsp(diags, diskFileSystem.readFile(file) ?? '') });
  } else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

process.on('uncaughtException', (err) => log(`Uncaught: ${err.stack ?? err.message}`));

documents.listen(connection);
connection.listen();
