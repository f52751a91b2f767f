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
import { PieceTextDocument, pieceTextDocuments } from './pieceTextDocument';
import { URI } from 'vscode-uri';
import type { CoreDiagnostic } from './core/diagnostics';
import type { FolderSettings } from './core/folderSettings';
import { levelsFromObject } from './core/houseRules/levels';
import { HOUSE_RULES_FILE } from './core/houseRules/projectFile';
import type { RuleGroup } from './core/ruleCatalog';
import { diskFileSystem, type FileSystem } from './core/fs';
import { memoForTurn } from './turnMemo';
import { createLanguageService, type LanguageService } from './core/languageService';
import { findProjectRoot, PROJECT_FILE } from './core/project/root';
import { findWorkspaceRoots } from './core/project/workspaceRoots';
import { FileChangeBatch } from './fileChangeBatch';
import { registerFileWatchers } from './fileWatchers';
import { featureCapabilities, registerFeatures } from './handlers';
import { registerCheckAllOverlays } from './handlers/checkAllOverlays';
import { defaultCacheDir, renderService } from './handlers/render';
import { LspDiagnostics } from './lspDiagnostics';
import { DefinedWithOverlays, locateOverlayOutcome, OverlayFindingsCollector, overlayRenderKey, planRender, type OverlayOutcome, type RenderPlan } from './core/render';
import type { RenderSettings } from './core/features/renderPreview';
import { OverlayCheckPool } from './overlayCheckPool';
import { ScanChecks } from './scanChecks';
import type { ScanCheckSettings } from './scanCheckWorker';
import { VERSION } from './version';
import { describePrecompiledSchemas, loadPrecompiledSchemas } from './precompiled';
import { describeCodeCache, saveCodeCache } from './codeCacheState';
import { keepV8FlagsAcrossWorkers, setEditingV8Flags, warmUpV8Flags } from './serverV8Flags';
import { packageIndexStatusNotification, statusNotification, type DistroTomlSettings, type StatusParams } from './protocol';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, settingsSection } from './settings';
import { folderOf } from './core/folderSettings';
import { readWorkspaceTrust, settingsForTrust } from './workspaceTrust';
import { clientBacklog, createServerConnection, pendingChanges } from './transport/serverConnection';
import { parseTransport, SERVER_USAGE } from './transport/serverTransport';
import { PackageIndexHost } from './packageIndexHost';
import { syncOnWorkerThread } from './packageSyncThread';
import type { PackageIndex } from './core/packages/queries';
import { registerPackageIndexRequests, packageDiagnosticsOf, packageWarmUpOf } from './packageIndexGlue';
import { ProjectLoads } from './projectLoads';
import { eachInTurns } from './turnBudget';
import { PublishQueue } from './publishQueue';
import { backgroundTurn } from './serverTurn';
import { settingPath } from './settingPath';

const transport = parseTransport(process.argv.slice(2));
if (typeof transport === 'string') {
  process.stderr.write(`distro-toml server: ${transport}\n${SERVER_USAGE}`);
  process.exit(2);
}

const connection = createServerConnection(transport);
// Open documents keep their text in pieces: an edit of a 1 MB file copies no 1 MB string (pieceTextDocument.ts).
const documents = new TextDocuments(pieceTextDocuments);

let settings: DistroTomlSettings = DEFAULT_SETTINGS;
/**
 * Each workspace folder's own settings in a multi-root workspace (pulled with the folder as `scopeUri`): its
 * files take them over `settings` (the workspace's: initializationOptions, a push or an unscoped pull).
 */
let folderSettings = new Map<string, DistroTomlSettings>();
let workspaceFolders: string[] = [];
let canPullConfiguration = false;
/** The check scheduled for each document after an edit (cancel() drops it). */
const pending = new Map<string, { cancel(): void }>();
/** Per-file diagnostics (syntax, schema, rules) of every file we publish for: scanned or open. */
const localDiags = new Map<string, CoreDiagnostic[]>();
/** Cross-file diagnostics last published, by file, to republish only the files whose set changed. */
let projectDiags = new Map<string, CoreDiagnostic[]>();
/** The package rules' findings last published, by file: an unchanged file's list is the same array (packageDiagnostics). */
let packageDiags = new Map<string, readonly CoreDiagnostic[]>();
/** Each file's project and package diagnostics as they were when last compared (diagnosticsKey; the package list itself). */
let projectDiagKeys = new Map<string, DiagnosticsSeen>();
/** Overlays that fail against the spec they would apply to (rendered on a worker thread after an edit). */
const overlayDiags = new Map<string, CoreDiagnostic[]>();
/** The overlay check of each file whose answers are still wanted (a newer check of the file cancels it). */
const overlayRuns = new Map<string, { cancel(): void }>();
/** The plans (component and render key) each open file's overlay check last handed to the worker. */
const overlayPlans = new Map<string, string>();
/** The last overlay outcome of each component (by file and name), with the plan key it answers and how many overlays the plan had. */
const overlayOutcomes = new Map<string, { key: string; outcome: OverlayOutcome; overlays: number }>();
// A worker thread's start would change the heap flags of every thread (serverV8Flags.ts).
keepV8FlagsAcrossWorkers();
/** The worker that checks, during a scan, the files no editor has open (scanChecks.ts). */
const scanChecks = new ScanChecks({ script: __filename, log: (m) => log(m) });
/**
 * The files handed to the scan's worker whose findings are still awaited: a file checked here meanwhile (changed
 * on disk, closed) leaves the set, so the worker's older answer does not replace a newer one.
 */
const scanAwaiting = new Set<string>();
/** While the scan walks a project: hands each file the walk reaches to the scan's worker. */
let feedScanWorker: ((file: string) => void) | undefined;
const overlayPool = new OverlayCheckPool({
  script: __filename,
  log: (m) => log(m),
  ...(process.env['DISTRO_TOML_TEST_OVERLAY_WORKER_CRASH_ON'] ? { crashOnDescription: process.env['DISTRO_TOML_TEST_OVERLAY_WORKER_CRASH_ON'] } : {}),
});
/** The components each open file defines with overlays of their own, kept per definition across keystrokes. */
const definedWithOverlays = new DefinedWithOverlays();
/** Files whose latest overlay check rendered every component it defines (so an ignore of a render finding is judged). */
const overlaysJudged = new Set<string>();
/** Files the background scan covers, so they keep diagnostics when closed. */
const scanned = new Set<string>();
let indexedFiles = 0;
let lastSettingsKey = '';
/** Said once by the client (initializationOptions.workspaceTrusted); see workspaceTrust.ts. Untrusted: no network, the package index never downloads. */
let workspaceTrusted = true;
const packageHost = new PackageIndexHost(
  {
    changed: () => void warmUpPackageIndex(),
    status: (s) => void connection.sendNotification(packageIndexStatusNotification, s),
    log: (m) => log(m),
  },
  // Each sync on a worker thread of its own (packageSyncThread.ts): its downloads go through the proxy and the extra
  // certificate authorities the environment names (networkFetch.ts, loaded there at the first download).
  syncOnWorkerThread({ script: __filename, log: (m) => log(m) }),
);

/** Whether a file exists (an open buffer does) and where a path really leads, each asked once a turn (turnMemo.ts). */
const existsThisTurn = memoForTurn((p) => documents.get(URI.file(p).toString()) !== undefined || diskFileSystem.exists(p));
const realPathThisTurn = memoForTurn((p) => diskFileSystem.realPath?.(p));

/** Disk, except that open documents are read from their editor buffers. */
const overlayFs: FileSystem = {
  readFile(p) {
    const doc = documents.get(URI.file(p).toString());
    return doc ? doc.getText() : diskFileSystem.readFile(p);
  },
  exists: existsThisTurn,
  isDirectory: (p) => diskFileSystem.isDirectory(p),
  readDirectory: (p) => diskFileSystem.readDirectory(p),
  // An open buffer is the editor's decoding of the file; what was ill-formed on disk is reported while it is closed.
  utf8Problems: (p) => (documents.get(URI.file(p).toString()) ? [] : (diskFileSystem.utf8Problems?.(p) ?? [])),
  realPath: realPathThisTurn,
  stat: (p) => diskFileSystem.stat?.(p),
  directoryIdentity: (p) => diskFileSystem.directoryIdentity?.(p),
};

const BUNDLED_SCHEMA_DIR = path.join(__dirname, '..', 'schemas');
const precompiled = loadPrecompiledSchemas();
let service: LanguageService = makeService();
/**
 * The background work's turn (serverTurn.ts): what the client sent goes first — messages read, a check an edit
 * scheduled for the next turn (with the default settings; a debounce the user set is waited out by the timer), a
 * message partly read.
 */
const scanTurn = backgroundTurn(
  { backlog: clientBacklog, checksDue: () => pending.size > 0 && settings.diagnostics.debounceMs <= 0 },
  // A test that holds a message half-sent for a while sets a longer wait, so a slow machine cannot make it fail.
  Number(process.env['DISTRO_TOML_TEST_PARTIAL_FRAME_WAIT_MS']) || undefined,
);
/** Project models loaded a file per turn (the start-up scan, a file opened before its project was read). */
const projectLoads = new ProjectLoads(() => service, scanTurn, (file) => {
  connection.tracer.log(`scan: reading ${file}`);
  feedScanWorker?.(file);
});
projectLoads.onWork = (step) => connection.tracer.log(`scan: ${step}`);

function makeService(): LanguageService {
  return createLanguageService({
    fs: overlayFs,
    schema: settings.schema,
    bundledSchemaDir: BUNDLED_SCHEMA_DIR,
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

/** The file a URI names; undefined for another scheme or a string vscode-uri cannot read (a request's own text). */
function filePathOf(uri: string): string | undefined {
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return undefined;
  }
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

function publish(file: string, version?: number): void {
  const uri = URI.file(file).toString();
  const open = documents.get(uri);
  // Diagnostics of a version the editor has already replaced would go out after (or instead of) the newer ones.
  if (version !== undefined && open && open.version !== version) return;
  const found = [...(localDiags.get(file) ?? []), ...(projectDiags.get(file) ?? []), ...(packageDiags.get(file) ?? []), ...(overlayDiags.get(file) ?? [])];
  // Ignore comments and rule levels, as the CLI applies them; checks that did not run judge no ignore.
  const unjudged = new Set<RuleGroup>();
  if (!checkedIndex) unjudged.add('packages');
  if (!overlaysJudged.has(file)) unjudged.add('render');
  const diags = service.applyHouseRules(file, found, unjudged).sort((a, b) => a.span.start - b.span.start);
  // Positions need the text (an open document answers them from its line table); most files of a tree have
  // nothing to report, and a closed one would be read from disk.
  const text = diags.length === 0 || open ? undefined : (overlayFs.readFile(file) ?? '');
  void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: diags.length === 0 ? [] : lspDiagnostics.convert(diags, file, text) });
}

function diagnosticsKey(diags: readonly CoreDiagnostic[] | undefined): string {
  return JSON.stringify((diags ?? []).map((d) => [d.code, d.span.start, d.span.end, d.message, d.related?.map((r) => [r.file, r.span.start])]));
}

const packageKeys = new WeakMap<readonly CoreDiagnostic[], string>();

/**
 * The key of a file's package findings, by the list: the package rules return a file's last list while nothing it
 * depends on changed, and a list is never changed after (its spans were read when it was made), so it is serialized
 * once, and only when a file's list is another list than the last time.
 */
function packageDiagnosticsKey(diags: readonly CoreDiagnostic[] | undefined): string {
  if (!diags) return '';
  let key = packageKeys.get(diags);
  if (key === undefined) packageKeys.set(diags, (key = diagnosticsKey(diags)));
  return key;
}

/** A file's cross-file diagnostics as last compared: the project's by their key, the package rules' by their list. */
interface DiagnosticsSeen {
  project: string;
  packages: readonly CoreDiagnostic[] | undefined;
}

const NONE_SEEN: DiagnosticsSeen = { project: diagnosticsKey(undefined), packages: undefined };

/**
 * Whether a file's cross-file diagnostics are the same as last time. A keystroke in one file leaves every other file's
 * package list the same object, so the package part is mostly an identity test (a key built and compared per file
 * with findings cost ~0.05 ms a keystroke on the real tree).
 */
function sameDiagnostics(a: DiagnosticsSeen, b: DiagnosticsSeen): boolean {
  return a.project === b.project && (a.packages === b.packages || packageDiagnosticsKey(a.packages) === packageDiagnosticsKey(b.packages));
}

/**
 * A queued file's publish, in a later turn than the refresh that queued it: by then an open document may have been
 * edited again, and its diagnostics be those of the text before (with their positions read in the new one). Its own
 * check is then due, and publishes it with everything current.
 */
function publishQueued(file: string): void {
  const uri = URI.file(file).toString();
  if (pending.has(uri) || pendingChanges.has(uri)) return;
  publish(file);
}

/** The files whose cross-file findings changed: a few at once, of many the rest in the turns after (publishQueue.ts). */
const publishQueue = new PublishQueue(publishQueued, scanTurn, (file, err) => log(`Publishing the diagnostics of ${file} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));

/**
 * Recomputes the cross-file diagnostics of every project and republishes the files where they changed, and the closed
 * files of `refreshed` (whose own diagnostics were just recomputed) in any case: in this turn while it has a couple of
 * milliseconds for them, the rest in the turns after (publishQueue.ts). `first` runs once they are computed, before
 * them: the edited file's own publish, so that a keystroke that changes many files' findings (an `includes` pattern:
 * hundreds of files reached or not) is answered at once, and the next keystroke is read before most of them go out.
 */
function refreshProjectDiagnostics(except?: string, refreshed: ReadonlySet<string> = new Set(), first?: () => void): void {
  const next = new Map<string, CoreDiagnostic[]>();
  const nextPackages = new Map<string, readonly CoreDiagnostic[]>();
  for (const root of workspaceRoots()) {
    for (const [f, list] of service.projectDiagnostics(root)) next.set(f, list);
    const macros = {
      arch: settings.packageIndex.arches[0],
      specs: renderService.specFacts,
      lookUp: (component: string) => renderService.loadSpecFacts(service.projects.model(root), component, service.cache.fs),
      found: () => refreshProjectDiagnostics(),
    };
    for (const [f, list] of packageDiagnosticsOf(service, root, indexForChecks(), macros)) {
      const before = nextPackages.get(f);
      nextPackages.set(f, before ? before.concat(list) : list);
    }
  }
  projectDiags = next;
  packageDiags = nextPackages;
  first?.();
  // The keys of the last refresh, not of its lists now: the core may have moved a kept diagnostic's spans in place
  // since (a related definition shifted by an edit above it), which would make both keys the new one.
  const previousKeys = projectDiagKeys;
  projectDiagKeys = new Map();
  for (const f of new Set([...next.keys(), ...nextPackages.keys()])) {
    const packages = nextPackages.get(f);
    projectDiagKeys.set(f, { project: diagnosticsKey(next.get(f)), packages: packages?.length ? packages : undefined });
  }
  // (The files with any last time are the keys of the last refresh: the three maps are only set here, together.)
  for (const f of new Set([...refreshed, ...previousKeys.keys(), ...projectDiagKeys.keys()])) {
    if (f === except) continue;
    const fresh = refreshed.has(f) && !documents.get(URI.file(f).toString());
    if (fresh || !sameDiagnostics(previousKeys.get(f) ?? NONE_SEEN, projectDiagKeys.get(f) ?? NONE_SEEN)) publishQueue.add(f);
  }
  publishQueue.publishSome();
}

/**
 * The package index whose findings are shown: the loaded one once its findings were made in steps (below); until
 * then the one before it, or none, with the package rules silent as before a first load.
 */
let checkedIndex: PackageIndex | undefined;
let warmUpGeneration = 0;

/** `checkedIndex`, for a check that uses it. */
function indexForChecks(): PackageIndex | undefined {
  // Asking the host for its index has it look, after this turn, for damage the check's answers found (packageIndexHost.ts).
  void packageHost.index;
  return checkedIndex;
}

/**
 * A new index (loaded, synced, or gone): its findings are made a file per turn of the event loop, between the client's
 * messages (packageDiagnosticsWarmUp), and published once all are made. Made in one go, they held the thread for 0.6-1.2 s
 * on the real tree, and an edit typed meanwhile waited. A newer index, or the same one again, starts over.
 */
async function warmUpPackageIndex(): Promise<void> {
  const generation = ++warmUpGeneration;
  const index = packageHost.index;
  if (index) {
    const endFlags = warmUpV8Flags();
    try {
      if (!(await warmUpFor(index, generation))) return;
    } finally {
      endFlags();
    }
  }
  checkedIndex = index;
  refreshProjectDiagnostics();
}

/** The steps of warmUpPackageIndex for `index`; false when a newer warm-up took over. */
async function warmUpFor(index: PackageIndex, generation: number): Promise<boolean> {
  // The tables the rules read first, read in the thread pool; then checked in the warm-up's steps.
  await index.readAhead();
  if (generation !== warmUpGeneration) return false;
  for (const root of workspaceRoots()) {
    await projectLoads.ensure(root);
    if (generation !== warmUpGeneration) return false;
    // As many steps a turn as fit in its budget (turnBudget.ts): a step is small (a few dozen references, a window of names).
    const made = (step: string): void => connection.tracer.log(`package index: made ${step}`);
    if (!(await eachInTurns(packageWarmUpOf(service, root, index), made, { turn: scanTurn, stop: () => generation !== warmUpGeneration }))) return false;
  }
  return true;
}

/** Every file with diagnostics again: the house rules (levels) changed. */
function republishAll(): void {
  for (const f of new Set([...localDiags.keys(), ...projectDiags.keys(), ...packageDiags.keys(), ...overlayDiags.keys()])) publish(f, documents.get(URI.file(f).toString())?.version);
}

function validateOpen(doc: PieceTextDocument): void {
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
    localDiags.set(file, service.fileDiagnostics(file, doc.pieces));
    const withProject = () => {
      // The last overlay outcomes, located in this version, go out with the keystroke's diagnostics; the plans are
      // handed to the worker after the publish (the hand-off copies them), so the keystroke's answer never waits for it.
      // The file goes out before the other files whose cross-file findings the keystroke changed.
      let handOff = () => {};
      refreshProjectDiagnostics(file, undefined, () => {
        handOff = scheduleOverlayCheck(file, doc);
        publish(file, doc.version);
      });
      handOff();
      recheckOtherOverlays(file);
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
 * The overlay findings of `file` at the version just checked: each component the file defines with overlays is
 * planned here (the project's inputs of its render, cheap) and rendered on the worker thread (overlayCheckPool.ts)
 * against the spec at hand without the network. Until the worker answers, a component whose plan did not change
 * keeps its last outcome, located at the overlays' places in this version; a component whose overlays changed in
 * number loses its findings until then. Answers for a version the editor has replaced are dropped. Returns the
 * hand-off of the plans to the worker, which the caller runs once the keystroke's diagnostics are published.
 */
function scheduleOverlayCheck(file: string, doc: PieceTextDocument, onlyIfPlansChanged = false): () => void {
  const nothing = () => {};
  if (!onlyIfPlansChanged) {
    overlayRuns.get(file)?.cancel();
    overlayRuns.delete(file);
  }
  if (!settingsFor(file).overlayDiagnostics) {
    overlayPlans.delete(file);
    overlaysJudged.delete(file);
    if (overlayDiags.delete(file)) publish(file, doc.version);
    return nothing;
  }
  const model = service.projectOf(file);
  if (!model || !model.contributions.has(file)) {
    overlayPlans.delete(file);
    overlaysJudged.delete(file);
    if (overlayDiags.delete(file) && onlyIfPlansChanged) publish(file, doc.version);
    return nothing;
  }
  const version = doc.version;
  const renderSettings = renderService.offlineSettings();
  const guide = renderSettings.guide !== false;
  const plans = definedWithOverlays.of(model, file)
    .map((name) => planRender(model, name, overlayFs))
    // A component that fails before its spec is looked up is reported by the rules (as checkOverlaysAgainstSpecs does).
    .filter((plan) => plan.error === undefined && !('refused' in plan.spec))
    .map((plan) => ({ plan, key: overlayRenderKey(plan, guide) }));
  const signature = plans.map(({ plan, key }) => `${plan.name}\0${key}`).join('\n');
  if (onlyIfPlansChanged) {
    if (overlayPlans.get(file) === signature) return nothing;
    overlayRuns.get(file)?.cancel();
    overlayRuns.delete(file);
  }
  overlayPlans.set(file, signature);
  const apply = () => {
    const collector = new OverlayFindingsCollector(file);
    let judged = true;
    for (const { plan, key } of plans) {
      const last = overlayOutcomes.get(`${file}\0${plan.name}`);
      const current = last?.key === key;
      // Not yet answered for this plan: the last outcome still stands where its overlays are, when they are as many.
      const carried = !current && last !== undefined && last.overlays === plan.userOverlays.length;
      if (!current || last.outcome.unjudged !== undefined) judged = false;
      if ((current || carried) && last.outcome.unjudged === undefined && !last.outcome.skipped) collector.add(locateOverlayOutcome(model, plan, last.outcome));
    }
    const diags = collector.finish();
    const changed = diagnosticsKey(diags) !== diagnosticsKey(overlayDiags.get(file)) || judged !== overlaysJudged.has(file);
    if (diags.length) overlayDiags.set(file, diags);
    else overlayDiags.delete(file);
    if (judged) overlaysJudged.add(file);
    else overlaysJudged.delete(file);
    return changed;
  };
  if (apply() && onlyIfPlansChanged) publish(file, version);
  let cancelled = false;
  overlayRuns.set(file, { cancel: () => (cancelled = true) });
  return () => {
    if (!cancelled) handOffPlans(file, doc, version, plans, renderSettings, apply, () => cancelled);
  };
}

/**
 * The other open files' overlay checks after an edit of `edited`: a component's plan reads the whole project (its
 * definition may move to another file, its distro or sources change), so each open file whose plans are no longer
 * those last handed to the worker is checked again, as if edited (found by the stress test: apache-ivy defined
 * again in components.toml left apache-ivy.comp.toml's findings as they were).
 */
function recheckOtherOverlays(edited: string): void {
  for (const other of documents.all()) {
    const file = filePathOf(other.uri);
    if (file === undefined || file === edited || !overlayPlans.has(file)) continue;
    scheduleOverlayCheck(file, other, true)();
  }
}

/** Sends a file's plans to the overlay worker; each answer is located and published when it changes what is shown. */
function handOffPlans(file: string, doc: PieceTextDocument, version: number, plans: { plan: RenderPlan; key: string }[], renderSettings: RenderSettings, apply: () => boolean, cancelled: () => boolean): void {
  for (const { plan, key } of plans) {
    // Sent even when the plan is unchanged: the worker reads the spec again and renders only when it changed.
    void overlayPool.check(`${file}\0${plan.name}`, plan, key, renderSettings).then((answer) => {
      if (!answer) return;
      if (!answer.ok) {
        log(`Overlay check of \`${plan.name}\` failed: ${answer.message}`);
        return;
      }
      connection.tracer.log(`overlay check of \`${plan.name}\` (version ${version}): ${answer.rendered ? `rendered in ${answer.ms.toFixed(1)} ms${answer.resumedAt ? ` from step ${answer.resumedAt}` : ''}` : 'unchanged, not rendered'}`);
      overlayOutcomes.set(`${file}\0${plan.name}`, { key, outcome: answer.outcome, overlays: plan.userOverlays.length });
      if (cancelled() || documents.get(doc.uri)?.version !== version) return;
      if (apply()) publish(file, version);
    });
  }
}

/**
 * Checks the document once the edit is applied: on the next turn of the event loop (default), or after the
 * `diagnostics.debounceMs` the user set. No check runs while a newer edit of the document has been read
 * and waits to be applied (`pendingChanges`): that edit schedules its own, so a burst of keystrokes is
 * checked once, at its newest version.
 */
function schedule(doc: PieceTextDocument): void {
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
  // A benchmark's hook (bench/cold-start.mjs): the first scan held back, to time the same edits without it.
  const heldMs = Number(process.env['DISTRO_TOML_TEST_SCAN_DELAY_MS'] ?? 0);
  if (heldMs > 0 && generation === 1) await new Promise((r) => setTimeout(r, heldMs));
  // Let the first open documents' diagnostics go out before the scan takes the thread.
  await new Promise((r) => setTimeout(r, 0));
  // And before the scan's worker starts: its start-up takes a core too.
  await scanTurn();
  if (generation !== scanGeneration) return;
  const progress = await scanProgress();
  try {
    const covered = new Set<string>();
    const roots = workspaceRoots();
    if (!roots.length) packageHost.configure(settings.packageIndex, workspaceTrusted, undefined, workspaceFolders[0] ?? process.cwd());
    const isOpen = (f: string) => documents.get(URI.file(f).toString()) !== undefined;
    // What the worker checks: every file of the project but the open ones and the house rules (this thread's).
    const forWorker = (f: string) => !isOpen(f) && path.basename(f) !== HOUSE_RULES_FILE;
    for (const root of roots) {
      const started = Date.now();
      let count = 0;
      let total = 0;
      let onWorker = 0;
      // The files no editor has open are checked on the worker (scanChecks.ts), handed over as the walk reaches them:
      // the main thread stays free for edits and requests, and the worker checks while the project is read.
      const handed = new Set<string>();
      const hand = (files: readonly string[]) => {
        for (const f of scanChecks.add(files.map((p) => ({ path: p, kind: service.kindOf(p) })))) {
          handed.add(f.path);
          scanAwaiting.add(f.path);
        }
      };
      scanChecks.begin(scanCheckSettings(), (f, diagnostics) => {
        if (generation !== scanGeneration || !scanAwaiting.delete(f) || isOpen(f)) return;
        localDiags.set(f, diagnostics);
        onWorker++;
        if (++count % 16 === 0) progress.report(count, Math.max(total, handed.size));
      });
      feedScanWorker = (file) => {
        if (forWorker(file)) hand([file]);
      };
      // The include tree is read a file per turn, so the open files' diagnostics and requests go first.
      await projectLoads.ensure(root).finally(() => (feedScanWorker = undefined));
      const handedWhileWalking = handed.size;
      if (generation !== scanGeneration) return;
      if (root === roots[0]) {
        // The package index configured from the project's repositories (the load of a cached index starts), in a turn
        // of its own: 5–10 ms of cold code, which ran in the load's last turn.
        await scanTurn();
        if (generation !== scanGeneration) return;
        packageHost.configure(settings.packageIndex, workspaceTrusted, service.projects.model(root), workspaceFolders[0] ?? root);
        await scanTurn();
        if (generation !== scanGeneration) return;
      }
      const model = service.projects.model(root);
      const houseRules = service.houseRules(root).file;
      const files = [...model.files.map((f) => f.path), ...service.projects.overlayFiles(root), ...(diskFileSystem.exists(houseRules) ? [houseRules] : [])];
      total = files.length;
      for (const f of files) covered.add(f);
      // The rest (overlay documents, files the walk read before the job began), and any whose kind of checks the
      // project changed (an overlay document named by overlay-files without the suffix).
      const toWorker = new Set(files.filter(forWorker));
      hand([...toWorker]);
      const unanswered = new Set(await scanChecks.finish());
      if (generation !== scanGeneration) return;
      // Handed over while walking, but not in the project as its model says (the walk was taken again).
      for (const f of handed) {
        if (covered.has(f) || isOpen(f)) continue;
        scanAwaiting.delete(f);
        localDiags.delete(f);
      }
      // Here, a file a turn: the house rules and the open files (cheap: their checks are cached), and what the worker
      // did not answer (it could not run) unless it was checked here meanwhile.
      for (const f of files) {
        if (toWorker.has(f) && !(unanswered.has(f) && scanAwaiting.has(f))) continue;
        scanAwaiting.delete(f);
        connection.tracer.log(`scan: checking ${f}`);
        if (!isOpen(f)) localDiags.set(f, service.fileDiagnostics(f));
        if (++count % 16 === 0) progress.report(count, files.length);
        // Let edits and requests through after every file: the scan must not hold up the open files (an
        // edit read meanwhile is dispatched, and its check runs, before the next file is checked).
        await scanTurn();
        // A newer scan (settings or files changed) took over.
        if (generation !== scanGeneration) return;
      }
      scanAwaiting.clear();
      log(`Checked project ${root}: ${files.length} files in ${Date.now() - started} ms (${onWorker} on the scan's worker thread, ${handedWhileWalking} of them handed over while the walk read the project)`);
    }
    for (const f of [...scanned]) {
      if (!covered.has(f) && !isOpen(f)) {
        localDiags.delete(f);
        publish(f);
      }
    }
    scanned.clear();
    covered.forEach((f) => scanned.add(f));
    // Open files (and any other) whose cross-file findings changed get them; then every scanned file its fresh
    // diagnostics, in turns of a couple of milliseconds (turnBudget.ts; the whole tree's held the thread for 10 ms and
    // more, a fixed batch of 32 up to 10 ms cold).
    refreshProjectDiagnostics();
    // (A closed file the refresh queued goes out here, once: not again from the queue.)
    const publishClosed = (f: string) => {
      if (isOpen(f)) return;
      publishQueue.delete(f);
      publish(f);
    };
    if (!(await eachInTurns(covered, publishClosed, { turn: scanTurn, stop: () => generation !== scanGeneration }))) return;
    // Ready once the files whose cross-file findings changed have theirs too.
    await publishQueue.idle();
    if (generation !== scanGeneration) return;
    indexedFiles = covered.size;
    sendStatus('ready');
    // The first start of this build leaves the next one a code cache of what it compiled (serverLoader.ts).
    const codeCache = saveCodeCache();
    if (codeCache !== undefined) log(codeCache);
    // From here on the heap is sized for editing (after the cache is saved: see serverV8Flags.ts).
    setEditingV8Flags();
  } catch (err) {
    log(`Workspace scan failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendStatus('error', err instanceof Error ? err.message : String(err));
  } finally {
    progress.done();
  }
}

/** What the scan's worker checks with: the settings the checks read and the open documents. */
function scanCheckSettings(): ScanCheckSettings {
  return {
    schema: settings.schema,
    lint: settings.lint.authoringGuide,
    folders: [...folderSettings].map(([folder, s]) => [folder, coreFolderSettings(folder, s)]),
    cwd: workspaceFolders[0] ?? process.cwd(),
    bundledSchemaDir: BUNDLED_SCHEMA_DIR,
    open: documents.all().flatMap((d) => {
      const file = filePathOf(d.uri);
      return file === undefined ? [] : [[file, d.getText()] as [string, string]];
    }),
  };
}

/** What the core reads of a workspace folder's settings. */
function coreFolderSettings(folder: string, s: DistroTomlSettings): FolderSettings {
  return { schema: s.schema, lint: s.lint.authoringGuide, ruleLevels: levelsFromObject(s.rules).levels, extraConfigFiles: s.extraConfigFiles.map((f) => path.resolve(folder, f)) };
}

/** The settings a file is checked with: its workspace folder's own, else the workspace's. */
function settingsFor(file: string): DistroTomlSettings {
  const folder = folderSettings.size ? folderOf(folderSettings.keys(), file) : undefined;
  return (folder !== undefined ? folderSettings.get(folder) : undefined) ?? settings;
}

/**
 * Applies the workspace's settings and each folder's (`folders`: the answers of a per-folder pull, by folder;
 * a folder without one takes the workspace's); returns false when they are the ones already in force.
 */
function applySettings(raw: unknown, folders: ReadonlyMap<string, unknown> = new Map()): boolean {
  settings = settingsForTrust(readSettings(raw), workspaceTrusted);
  folderSettings = new Map([...folders].map(([folder, s]) => [folder, settingsForTrust(readSettings(s), workspaceTrusted)]));
  const key = JSON.stringify([settings, [...folderSettings]]);
  if (key === lastSettingsKey) return false;
  lastSettingsKey = key;
  service.setSchemaSetting(settings.schema);
  service.setLint(settings.lint.authoringGuide);
  service.setRuleLevels(levelsFromObject(settings.rules).levels);
  const base = workspaceFolders[0] ?? process.cwd();
  service.setExtraConfigFiles(settings.extraConfigFiles.map((f) => path.resolve(base, f)));
  service.setFolderSettings(new Map([...folderSettings].map(([folder, s]) => [folder, coreFolderSettings(folder, s)])));
  renderService.configure({
    cacheDir: settings.upstream.cacheDir ? settingPath(base, settings.upstream.cacheDir) : defaultCacheDir(),
    localCheckouts: settings.upstream.localCheckouts.map((f) => settingPath(base, f)),
    ...(settings.upstream.specsDir ? { specsDir: settingPath(base, settings.upstream.specsDir) } : {}),
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
  workspaceSettingsRaw = initialSettings;
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
  log(`Distro TOML ${VERSION}; ${describePrecompiledSchemas(precompiled)}; ${describeCodeCache()}; workspace ${workspaceTrusted ? 'trusted' : 'untrusted (Restricted Mode)'}`);
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  if (canRegisterFileWatchers) void registerFileWatchers(connection, log);
  if (clientHasWorkspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(changeWorkspaceFolders);
  sendStatus('starting');
  // In a multi-root workspace the folders' own settings come first: the scan checks each folder with its own.
  if (needsFolderPull()) void refreshFolderSettings().finally(() => void scanWorkspace());
  else void scanWorkspace();
});

/** Whether each folder's settings must be asked for: several folders, and a client that answers pulls. */
function needsFolderPull(): boolean {
  return canPullConfiguration && workspaceFolders.length > 1;
}

/**
 * Our section for each workspace folder (`workspace/configuration` with the folder as `scopeUri`), by folder;
 * a folder whose answer holds nothing of ours (Neovim and Helix answer null) takes the workspace's settings.
 */
async function pullFolderSettings(): Promise<Map<string, Record<string, unknown>>> {
  const folders = [...workspaceFolders];
  const out = new Map<string, Record<string, unknown>>();
  if (!needsFolderPull()) return out;
  try {
    const answers: unknown = await connection.workspace.getConfiguration(folders.map((f) => ({ scopeUri: URI.file(f).toString(), section: SETTINGS_SECTION })));
    folders.forEach((folder, i) => {
      const section = settingsSection(Array.isArray(answers) ? answers[i] : undefined);
      if (section) out.set(folder, section);
    });
  } catch (err) {
    log(`Cannot read the workspace folders' settings: ${String(err)}`);
  }
  return out;
}

/** The workspace's settings as in force, as sent (kept to apply again with freshly pulled folder settings). */
let workspaceSettingsRaw: unknown;

/** Pulls every folder's settings and applies them; returns whether anything changed (open files are then checked again). */
async function refreshFolderSettings(): Promise<boolean> {
  const folders = await pullFolderSettings();
  if (!applySettings(workspaceSettingsRaw, folders)) return false;
  for (const doc of documents.all()) validateOpen(doc);
  return true;
}

// Settings pushed (nested under `distroToml` or flat) apply as sent; a push that holds none of ours makes the
// server pull its section, and a pull answered with nothing of ours (null) keeps the settings in force.
connection.onDidChangeConfiguration((change) => {
  const apply = async (section: Record<string, unknown> | undefined) => {
    if (!section) log('The client sent no distroToml settings; the current ones stay');
    else workspaceSettingsRaw = section;
    // The folders' settings may have changed too (a push carries the workspace's only): ask for them again.
    const folders = await pullFolderSettings();
    if (!section && !folders.size) return;
    if (!applySettings(workspaceSettingsRaw, folders)) return;
    for (const doc of documents.all()) validateOpen(doc);
    void scanWorkspace();
  };
  const pushed = settingsSection(change.settings);
  if (pushed || !canPullConfiguration) void apply(pushed);
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
    scanAwaiting.delete(file);
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
  // Added folders bring their own settings; a folder removed takes its settings with it.
  void refreshFolderSettings().finally(() => void scanWorkspace());
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
  overlayPlans.delete(file);
  definedWithOverlays.forget(file);
  service.cache.forget(file);
  scanAwaiting.delete(file);
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
