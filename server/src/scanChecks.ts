// The main thread's side of the start-up scan's file checks: one worker thread (scanCheckWorker.ts, started on the
// server's own script) checks the project's files that no editor has open, so the thread that answers keystrokes
// never holds for a big file's check (sdk.packages.toml's takes ~34 ms cold) while the scan runs. The scan hands
// files over as its walk reaches them, so the worker checks while the main thread reads the project, and the last
// ones once the project is known (overlay documents; a file whose kind of checks the project changed is sent again
// and only its newest answer counts). The worker ends with the job: what it parsed is not kept. The files it did not
// answer — it could not start, it stopped, a check threw there — are handed back for the caller to check itself.
import type { Worker } from 'node:worker_threads';
import type { CoreDiagnostic } from './core/diagnostics';
import type { FileKind } from './core/project/root';
import type { FromScanCheckWorker, ScanCheckFile, ScanCheckSettings, ToScanCheckWorker } from './scanCheckWorker';
import { SCAN_CHECK_WORKER_KIND } from './scanCheckWorkerKind';
import { startServerWorker } from './serverWorker';

export interface ScanChecksOptions {
  /** The script the worker runs: the server's own bundle (it starts the worker side when it is one). */
  script: string;
  log: (message: string) => void;
  /** The worker's heap limit (default 512 MB): a file that makes a check grow without bound ends the worker, not the server. */
  maxHeapMb?: number;
}

interface Job {
  worker: Worker | undefined;
  /** Each file handed over, with the kind of checks it was last sent with. */
  sent: Map<string, FileKind>;
  /** Files handed over and not answered (for their last kind). */
  left: Set<string>;
  onFile: (file: string, diagnostics: CoreDiagnostic[]) => void;
  /** Set by finish: called once the worker is done or gone. */
  ended?: () => void;
  gone: boolean;
}

export class ScanChecks {
  private job: Job | undefined;

  constructor(private readonly options: ScanChecksOptions) {}

  /** Starts a job (ending one under way); `onFile` receives each file's findings as they come. */
  begin(settings: ScanCheckSettings, onFile: (file: string, diagnostics: CoreDiagnostic[]) => void): void {
    this.stop();
    const job: Job = { worker: undefined, sent: new Map(), left: new Set(), onFile, gone: false };
    this.job = job;
    try {
      job.worker = this.startWorker(job);
      job.worker.postMessage({ type: 'begin', settings } satisfies ToScanCheckWorker);
    } catch (err) {
      this.options.log(`The scan check worker did not start (${err instanceof Error ? err.message : String(err)}); the files are checked on the main thread`);
      job.gone = true;
    }
  }

  /** Hands files to the worker; a file sent before with the same kind is not sent again. Returns those sent. */
  add(files: readonly ScanCheckFile[]): ScanCheckFile[] {
    const job = this.job;
    if (!job) return [];
    const fresh = files.filter((f) => job.sent.get(f.path) !== f.kind);
    if (!fresh.length) return fresh;
    for (const f of fresh) {
      job.sent.set(f.path, f.kind);
      job.left.add(f.path);
    }
    if (!job.gone) job.worker?.postMessage({ type: 'files', files: fresh } satisfies ToScanCheckWorker);
    return fresh;
  }

  /**
   * Resolves once the worker has answered every file handed over, or is gone, with the files it did not answer;
   * the worker is ended then.
   */
  finish(): Promise<string[]> {
    const job = this.job;
    if (!job) return Promise.resolve([]);
    return new Promise((resolve) => {
      job.ended = () => {
        if (this.job === job) this.stop();
        resolve([...job.left]);
      };
      if (job.gone) job.ended();
      else job.worker?.postMessage({ type: 'end' } satisfies ToScanCheckWorker);
    });
  }

  /** Ends the job and its worker: a finish waiting resolves with the files not answered. */
  stop(): void {
    const job = this.job;
    this.job = undefined;
    if (!job) return;
    const w = job.worker;
    job.worker = undefined;
    job.gone = true;
    if (w) void w.terminate();
    job.ended?.();
  }

  private startWorker(job: Job): Worker {
    const worker = startServerWorker({ script: this.options.script, kind: SCAN_CHECK_WORKER_KIND, maxHeapMb: this.options.maxHeapMb ?? 512, label: 'scan check worker', log: this.options.log });
    // The error is said by the exit that follows it; without a listener it would be thrown here.
    worker.on('error', (err) => this.options.log(`The scan check worker failed: ${err instanceof Error ? err.message : String(err)}`));
    worker.on('message', (m: FromScanCheckWorker) => {
      if (m.type === 'done') job.ended?.();
      else if (job.sent.get(m.file) !== m.kind) return;
      else if (m.type === 'file') {
        job.left.delete(m.file);
        job.onFile(m.file, m.diagnostics);
      } else this.options.log(`The scan check of ${m.file} failed on its worker (it is checked on the main thread): ${m.message}`);
    });
    worker.on('exit', (code) => {
      if (job.gone) return;
      job.gone = true;
      this.options.log(`The scan check worker stopped (exit code ${code}); ${job.left.size} file(s) are checked on the main thread`);
      job.ended?.();
    });
    // The worker never keeps the server alive.
    worker.unref();
    return worker;
  }
}
