// A worker thread the server starts runs at a lower priority from its first instruction (Linux): the starting thread
// lowers the new thread itself, before the worker's own start-up (Node's bootstrap, the bundle's compile) competes with
// the main thread for the CPU. The worker here reports the nice value of its own thread as the first thing its script
// does; a worker started plainly reports the process's.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { WORKER_NICE, startLowered } from '../../../server/src/workerThreadPriority';

/** The nice value a worker's thread has when its script starts (getpriority on the calling thread, on Linux). */
const REPORT_OWN_NICE = "require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority());";

function niceAtStart(start: () => Worker): Promise<number> {
  const worker = start();
  return new Promise<number>((resolve, reject) => {
    worker.once('message', (n: number) => resolve(n));
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
}

const linux = process.platform === 'linux';
const base = os.getPriority();

test('a worker started through startLowered runs at WORKER_NICE from its first instruction; the starter keeps its own', { skip: !linux ? 'thread priorities are per thread on Linux only' : base >= WORKER_NICE ? `the tests run at nice ${base} already` : false }, async () => {
  // The control: started plainly, the worker's script begins at the process's priority.
  assert.equal(await niceAtStart(() => new Worker(REPORT_OWN_NICE, { eval: true })), base);
  assert.equal(await niceAtStart(() => startLowered(() => new Worker(REPORT_OWN_NICE, { eval: true }))), WORKER_NICE);
  assert.equal(os.getPriority(), base, 'the starting thread keeps its priority');
});

test('off Linux, or where threads cannot be lowered, startLowered only starts', () => {
  let calls = 0;
  assert.equal(
    startLowered(() => ++calls),
    1,
  );
  assert.equal(os.getPriority(), base);
});
