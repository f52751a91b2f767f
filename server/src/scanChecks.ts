// The main thread's side of the start-up scan's file checks: one worker thread (scanCheckWorker.ts, started on the
// server's own script) checks the project's files that no editor has open, so the thread that answers keystrokes
// never holds for a big file's check (sdk.packages.toml's takes ~34 ms cold) while the scan runs. The worker is
// started ahead of its job, so it loads its code while the main thread reads the project, and ended when the job
// is done (what it parsed is not kept). The files it did not answer — it could not start, it stopped, a check threw
// there — are handed back for the caller to check itself.
import { Worker } from 'node:worker_threads';
import type { CoreDiagnostic } from './core/diagnostics';
import type { FromScanCheckWorker, ScanCheckJob, ToScanCheckWorker } from './scanCheckWorker';
import { SCAN_CHECK_WORKER_KIND } from './scanCheckWorkerKind';

export interface ScanChecksOptions {
  /** The script the worker runs: the server's own bundle (it starts the worker side when it is one). */
  script: string;
  log: (message: string) => void;
  /** The worker's heap limit (default 512 MB): a file that makes a check grow without bound ends the worker, not the server. */
  maxHeapMb?: number;
}

export class ScanChecks {
  private worker: Worker | undefined;
  /** Workers started so far. */
  started = 0;

  constructor(private readonly options: ScanChecksOptions) {}

  /** Starts the worker (if none runs), so that it has loaded its code when the job comes. */
  start(): void {
    try {
      this.ensureWorker();
    } catch (err) {
      this.options.log(`The scan check worker did not start: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Checks the job's files on the worker; `onFile` receives each file's findings as they come. Resolves, once the
   * worker is done with the job or gone, with the files it did not answer (none when all went well); the worker
   * is ended then.
   */
  run(job: ScanCheckJob, onFile: (file: string, diagnostics: CoreDiagnostic[]) => void): Promise<string[]> {
    const left = new Set(job.files.map((f) => f.path));
    if (!left.size) {
      this.stop();
      return Promise.resolve([]);
    }
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      this.options.log(`The scan check worker did not start (${err instanceof Error ? err.message : String(err)}); the files are checked on the main thread`);
      return Promise.resolve([...left]);
    }
    return new Promise((resolve) => {
      const finish = () => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (this.worker === worker) this.stop();
        resolve([...left]);
      };
      const onMessage = (m: FromScanCheckWorker) => {
        if (m.type === 'file') {
          if (left.delete(m.file)) onFile(m.file, m.diagnostics);
        } else if (m.type === 'failed') this.options.log(`The scan check of ${m.file} failed on its worker (it is checked on the main thread): ${m.message}`);
        else finish();
      };
      const onExit = (code: number) => {
        this.options.log(`The scan check worker stopped (exit code ${code}); ${left.size} file(s) are checked on the main thread`);
        finish();
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'check', job } satisfies ToScanCheckWorker);
    });
  }

  /** Ends the worker: a job in flight resolves with the files not answered yet. */
  stop(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script, {
      workerData: { kind: SCAN_CHECK_WORKER_KIND },
      argv: [],
      // The server's stdout may be the LSP stream: whatever the worker prints goes to the log instead.
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    });
    this.started++;
    worker.stdout.on('data', (d: Buffer) => this.options.log(`scan check worker: ${d.toString().trimEnd()}`));
    worker.stderr.on('data', (d: Buffer) => this.options.log(`scan check worker: ${d.toString().trimEnd()}`));
    // The error is said by the exit that follows it (run's onExit); without a listener it would be thrown here.
    worker.on('error', (err) => this.options.log(`The scan check worker failed: ${err instanceof Error ? err.message : String(err)}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    // The worker never keeps the server alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
