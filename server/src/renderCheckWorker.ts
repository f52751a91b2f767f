// The worker-thread side of `render --all --check --jobs N`: each worker loads the project once, then asks the
// main thread for batches of component names and sends back their outcomes, until told it is done.
import { parentPort, workerData } from 'node:worker_threads';
import { createComponentChecker, type ComponentOutcome, type RenderCheckJob } from './renderCheckComponent';
export { isRenderCheckWorker, WORKER_ARGUMENT, WORKER_KIND } from './renderCheckWorkerKind';

export type ToWorker = { type: 'batch'; names: string[] } | { type: 'done' };
export type FromWorker = { type: 'ready' } | { type: 'results'; outcomes: ComponentOutcome[] } | { type: 'failed'; message: string };

export function runRenderCheckWorker(): void {
  const port = parentPort;
  if (!port) return;
  const post = (m: FromWorker) => port.postMessage(m);
  let checker: ReturnType<typeof createComponentChecker>;
  try {
    checker = createComponentChecker((workerData as { job: RenderCheckJob }).job);
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  port.on('message', (m: ToWorker) => {
    if (m.type === 'done') {
      port.close();
      return;
    }
    void (async () => {
      try {
        const outcomes: ComponentOutcome[] = [];
        for (const name of m.names) outcomes.push(await checker.check(name));
        post({ type: 'results', outcomes });
      } catch (err) {
        post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    })();
  });
  post({ type: 'ready' });
}
