// The worker-thread side of the start-up scan's file checks (the main thread's side is scanChecks.ts): given the
// files of a project that no editor has open, each with the kind of checks the main thread's service gives it, and
// the settings those checks read, it checks each file (syntax, schema, rules: LanguageService.fileDiagnostics, with
// no edit traces, as the CLI's check) and posts its findings back, one message a file. The open documents' texts
// come with the job, so a check that asks whether a path exists or reads it sees what the main thread's sees.
import { parentPort } from 'node:worker_threads';
import { diskFileSystem, type FileSystem } from './core/fs';
import type { CoreDiagnostic } from './core/diagnostics';
import type { FolderSettings } from './core/folderSettings';
import { createLanguageService } from './core/languageService';
import type { FileKind } from './core/project/root';
import type { SchemaSetting } from './core/schema/schemaChoice';
import { lowerWorkerThreadPriority } from './overlayCheckWorker';
import { loadPrecompiledSchemas } from './precompiled';

export interface ScanCheckJob {
  files: { path: string; kind: FileKind }[];
  schema: SchemaSetting;
  lint: boolean;
  folders: [string, FolderSettings][];
  cwd: string;
  bundledSchemaDir: string;
  /** The editor's open documents, by path: read from here, never from the disk. */
  open: [string, string][];
}

export type ToScanCheckWorker = { type: 'check'; job: ScanCheckJob };
export type FromScanCheckWorker =
  | { type: 'file'; file: string; diagnostics: CoreDiagnostic[] }
  | { type: 'failed'; file: string; message: string }
  | { type: 'done' };

/** The disk, except that the open documents are their editor texts (as the main thread's file system is). */
function withOpenDocuments(disk: FileSystem, open: ReadonlyMap<string, string>): FileSystem {
  if (!open.size) return disk;
  return {
    ...disk,
    readFile: (p) => open.get(p) ?? disk.readFile(p),
    exists: (p) => open.has(p) || disk.exists(p),
    utf8Problems: (p) => (open.has(p) ? [] : (disk.utf8Problems?.(p) ?? [])),
  };
}

/** `before` is told each file's place in the job before it is checked (the worker's fault injection for tests). */
export function checkScanFiles(job: ScanCheckJob, post: (m: FromScanCheckWorker) => void, before: (index: number) => void = () => undefined): void {
  const service = createLanguageService({
    fs: withOpenDocuments(diskFileSystem, new Map(job.open)),
    schema: job.schema,
    lint: job.lint,
    bundledSchemaDir: job.bundledSchemaDir,
    precompiled: loadPrecompiledSchemas(),
    cwd: job.cwd,
    editTraces: false,
  });
  service.setFolderSettings(new Map(job.folders));
  for (const [index, { path, kind }] of job.files.entries()) {
    before(index);
    try {
      post({ type: 'file', file: path, diagnostics: service.fileDiagnostics(path, undefined, kind) });
    } catch (err) {
      post({ type: 'failed', file: path, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
    // What a file's check parsed is not needed for the next one.
    service.cache.forget(path);
  }
  post({ type: 'done' });
}

export function runScanCheckWorker(): void {
  const port = parentPort;
  if (!port) return;
  lowerWorkerThreadPriority();
  // A fault the tests inject: the worker dies before checking the job's file at this place (see scanWorker's tests).
  const exitAt = Number(process.env['DISTRO_TOML_TEST_SCAN_WORKER_EXIT_AT'] ?? NaN);
  port.on('message', (m: ToScanCheckWorker) => {
    if (m.type === 'check') checkScanFiles(m.job, (answer) => port.postMessage(answer), (index) => index === exitAt && process.exit(70));
  });
}
