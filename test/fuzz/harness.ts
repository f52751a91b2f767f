// The fuzz suite's runner. Each target runs in a worker thread that reports progress after every case;
// the test's thread is a watchdog: a case that throws, breaks an invariant, or makes no progress for
// STALL_MS (a hang) fails the test with the seed, the case's label and a file holding the input, so any
// failure can be replayed. The same targets run bounded in `npm test` and long in `npm run fuzz`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** Multiplies every target's case count: 1 in the test command, larger for `npm run fuzz` (FUZZ_SCALE). */
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? '1') || 1);
/** The seed of this run: fixed in the test command so CI is repeatable; `FUZZ_SEED` varies it. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? '20261202') >>> 0;
/** No progress for this long is a hang (generous: CI machines are slow and the big files take 100 ms a case). */
const STALL_MS = Number(process.env.FUZZ_STALL_MS ?? '30000');

export interface FuzzReporter {
  /** Say that the next case starts: its label, and the input that would reproduce it. */
  begin(label: string, input: () => string): void;
  /** An invariant broke: fail with this message (the current case's label and input are attached). */
  fail(message: string): never;
}

export interface FuzzStats {
  cases: number;
}

type Message = { kind: 'progress'; label: string } | { kind: 'done'; stats: FuzzStats } | { kind: 'failure'; message: string; label: string; inputFile?: string };

class InvariantBroken extends Error {}

/** In the worker: run the target, posting progress; throws nothing (failures become messages). */
function runInWorker(target: (r: FuzzReporter, seed: number, scale: number) => FuzzStats): void {
  const port = parentPort;
  if (!port) return;
  let label = '(before the first case)';
  let input: (() => string) | undefined;
  const saveInput = (): string | undefined => {
    if (!input) return undefined;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-fuzz-')), 'input');
    fs.writeFileSync(file, input());
    return file;
  };
  const reporter: FuzzReporter = {
    begin(next, nextInput) {
      label = next;
      input = nextInput;
      port.postMessage({ kind: 'progress', label } satisfies Message);
    },
    fail(message) {
      throw new InvariantBroken(message);
    },
  };
  try {
    const stats = target(reporter, FUZZ_SEED, FUZZ_SCALE);
    port.postMessage({ kind: 'done', stats } satisfies Message);
  } catch (err) {
    const message = err instanceof InvariantBroken ? err.message : `threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    port.postMessage({ kind: 'failure', message, label, inputFile: saveInput() } satisfies Message);
  }
}

/**
 * Runs `target` in a worker under the watchdog and resolves with its stats; rejects on an exception, a
 * broken invariant or a hang. Call it from the test file that defines the target (the worker loads the
 * same bundled file: `defineFuzzTarget` is what makes that file act as the worker there).
 */
function runUnderWatchdog(file: string, name: string): Promise<FuzzStats> {
  return new Promise((resolve, reject) => {
    // Runaway memory in a target ends its worker (ERR_WORKER_OUT_OF_MEMORY, a failure) instead of the process.
    const worker = new Worker(file, { workerData: { fuzzTarget: name }, resourceLimits: { maxOldGenerationSizeMb: 1536 } });
    let last = { label: '(starting)', at: Date.now() };
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      void worker.terminate();
      fn();
    };
    const timer = setInterval(() => {
      if (Date.now() - last.at > STALL_MS) {
        finish(() => reject(new Error(`${name}: no progress for ${STALL_MS} ms (a hang) in case ${last.label}, seed ${FUZZ_SEED}`)));
      }
    }, 250);
    worker.on('message', (m: Message) => {
      if (m.kind === 'progress') last = { label: m.label, at: Date.now() };
      else if (m.kind === 'done') finish(() => resolve(m.stats));
      else finish(() => reject(new Error(`${name}: ${m.message}\n  case: ${m.label}\n  seed: ${FUZZ_SEED}${m.inputFile ? `\n  input saved to ${m.inputFile}` : ''}`)));
    });
    worker.on('error', (err) => finish(() => reject(new Error(`${name}: ${err.message} in case ${last.label}, seed ${FUZZ_SEED}`))));
    worker.on('exit', (code) => finish(() => reject(new Error(`${name}: worker exited with ${code} before finishing (last case ${last.label})`))));
  });
}

/**
 * Defines a fuzz target in a test file. On the main thread: returns a function that runs it under the
 * watchdog. In the worker started for it: runs it.
 */
export function defineFuzzTarget<S extends FuzzStats>(file: string, name: string, target: (r: FuzzReporter, seed: number, scale: number) => S): () => Promise<S> {
  if (!isMainThread && (workerData as { fuzzTarget?: string } | null)?.fuzzTarget === name) runInWorker(target);
  return () => runUnderWatchdog(file, name) as Promise<S>;
}

export { isMainThread };
