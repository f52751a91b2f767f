// The worker-thread side of the start-up scan's file checks (the main thread's side is scanChecks.ts). A job is a
// `begin` with the settings the checks read and the open documents' texts, then `files` messages as the main thread
// walks the project — each file with the kind of checks the main thread's service gives it — then `end`. Each file
// is checked as the CLI's check does (syntax, schema, rules: LanguageService.fileDiagnostics, no edit traces) and
// its findings posted back at once; `done` answers `end`. The open documents are read from their texts, so a check
// that asks whether a path exists sees what the main thread's sees.
import { parentPort } from 'node:worker_threads';
import { diskFileSystem, type FileSystem } from './core/fs';
import type { CoreDiagnostic } from './core/diagnostics';
import type { FolderSettings } from './core/folderSettings';
import { createLanguageService } from './core/languageService';
import type { FileKind } from './core/project/root';
import type { SchemaSetting } from './core/schema/schemaChoice';
import { lowerOwnThreadPriority } from './workerThreadPriority';
import { loadPrecompiledSchemas } from './precompiled';

export interface ScanCheckSettings {
  schema: SchemaSetting;
  lint: boolean;
  folders: [string, FolderSettings][];
  cwd: string;
  bundledSchemaDir: string;
  /** The editor's open documents, by path: read from here, never from the disk. */
  open: [string, string][];
}

export interface ScanCheckFile {
  path: string;
  kind: FileKind;
}

export type ToScanCheckWorker = { type: 'begin'; settings: ScanCheckSettings } | { type: 'files'; files: ScanCheckFile[] } | { type: 'end' };
export type FromScanCheckWorker =
  | { type: 'file'; file: string; kind: FileKind; diagnostics: CoreDiagnostic[] }
  | { type: 'failed'; file: string; kind: FileKind; message: string }
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

/** The check of one file under the job's settings, as the answer the worker posts. */
export function scanFileChecker(settings: ScanCheckSettings): (file: ScanCheckFile) => Exclude<FromScanCheckWorker, { type: 'done' }> {
  const service = createLanguageService({
    fs: withOpenDocuments(diskFileSystem, new Map(settings.open)),
    schema: settings.schema,
    lint: settings.lint,
    bundledSchemaDir: settings.bundledSchemaDir,
    precompiled: loadPrecompiledSchemas(),
    cwd: settings.cwd,
    editTraces: false,
  });
  service.setFolderSettings(new Map(settings.folders));
  return ({ path, kind }) => {
    try {
      return { type: 'file', file: path, kind, diagnostics: service.fileDiagnostics(path, undefined, kind) };
    } catch (err) {
      return { type: 'failed', file: path, kind, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    } finally {
      // What a file's check parsed is not needed for the next one.
      service.cache.forget(path);
    }
  };
}

export function runScanCheckWorker(): void {
  const port = parentPort;
  if (!port) return;
  lowerOwnThreadPriority();
  // A fault the tests inject: the worker dies before checking the job's file at this place (see scanWorker's tests).
  const exitAt = Number(process.env['DISTRO_TOML_TEST_SCAN_WORKER_EXIT_AT'] ?? NaN);
  let check: ReturnType<typeof scanFileChecker> | undefined;
  let checked = 0;
  port.on('message', (m: ToScanCheckWorker) => {
    if (m.type === 'begin') {
      check = scanFileChecker(m.settings);
      checked = 0;
    } else if (m.type === 'files') {
      for (const file of m.files) {
        if (checked++ === exitAt) process.exit(70);
        if (check) port.postMessage(check(file));
      }
    } else port.postMessage({ type: 'done' } satisfies FromScanCheckWorker);
  });
}
