// A worker thread of the language server: the server's own script started again with a kind in its workerData
// (serverEntry.ts starts the worker's side for that kind), a heap limit of its own, and its output in the server's
// log — the server's stdout may be the LSP stream.
import { Worker } from 'node:worker_threads';
import { startLowered } from './workerThreadPriority';

export interface ServerWorkerOptions {
  /** The server's own bundle. */
  script: string;
  /** Which worker it is (workerData.kind). */
  kind: string;
  /** More workerData for the worker. */
  data?: Record<string, unknown>;
  /** Its old generation's limit: a job that grows without bound ends the worker, not the server. */
  maxHeapMb: number;
  /** How the log names it ("overlay check worker"). */
  label: string;
  log: (message: string) => void;
}

export function startServerWorker(options: ServerWorkerOptions): Worker {
  // At a lower priority from its first instruction (workerThreadPriority.ts).
  const worker = startLowered(
    () =>
      new Worker(options.script, {
        workerData: { kind: options.kind, ...options.data },
        argv: [],
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
      }),
  );
  for (const stream of [worker.stdout, worker.stderr]) stream.on('data', (d: Buffer) => options.log(`${options.label}: ${d.toString().trimEnd()}`));
  return worker;
}
