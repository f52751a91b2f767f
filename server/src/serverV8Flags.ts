// The V8 flags of the server's process. Both only size the heap.
import { setFlagsFromString } from 'node:v8';

/**
 * Set by the loader (serverLoader.ts) before it compiles the bundle: there, not on a command line, so every client
 * that starts dist/server.js gets them, and before the compile, so the code cache is written and read under the same
 * flags (V8 rejects a cache made under others).
 */
export const SERVER_V8_FLAGS: readonly string[] = [
  // The young generation stays at its first size instead of growing to V8's 3 × 16 MB: each keystroke's check
  // allocates tens of MB that die before the next one, so a grown young generation is resident memory that only
  // holds garbage (bench/edit-memory: RSS at edit 2,000 259 → 209 MB).
  '--semi-space-growth-factor=1',
];

/**
 * Set by the server once its start-up scan is done and the code cache saved (a cache made after a flag changed
 * would carry the new flags, and the next start, which compiles before setting them, would reject it).
 */
export const EDITING_V8_FLAGS: readonly string[] = [
  // The old generation is collected once it has grown by 30% over what the last full collection kept, instead of
  // by V8's own factor (up to 4× on a small heap that collects fast): what a keystroke's check promotes dies by the
  // next one, so the heap of a long editing session was mostly garbage waiting for the next full collection, and
  // the resident set swung with it (bench/edit-memory, 2,000 edits at load 7–12, default → 30%: RSS at edit 1,000
  // 152 / 188 → 120 MB, V8 heap committed 86 / 122 → 56 MB, main-thread CPU per edit p95 27.3 / 22.9 → 24.0 ms).
  // Not during the start-up scan: what it allocates mostly stays (the project's model), so collecting it more often
  // only costs (bench/cold-start at load 12, from the start: CPU of all threads at ready +90 ms, wall up).
  '--heap-growing-percent=30',
  // The young generation grows again (V8's own factor, up to its 16 MB semi-space) while editing: at its first 1 MB a
  // keystroke of components.toml (several MB allocated) met 3.5 scavenges, each copying and promoting what the check
  // still held, 1,050 scavenges and 28 full collections in 300 keystrokes; at 16 MB, 56 and 10–16 (edit-latency's
  // header keystroke through stdio, main-thread CPU per edit mean 6.3–7.5 → 3.7–4.8 ms). Once the project side stopped
  // making most of that garbage (h/projgc), this flag alone: 852–859 → 44 scavenges, their pauses 610–1,096 → 447–527 ms
  // and 28 → 18 full collections per 300 keystrokes, but the same main-thread CPU and wall p95 within the noise of a
  // loaded machine (what a grown young generation's rarer scavenges copy is mostly the file side's survivors). RSS over
  // bench/edit-memory's 10,000 edits 125–128 → 154–164 MB. Still 1 during the scan, where growing made the start slower (bench/README,
  // h/cold4). Only the growth factor takes effect once the heap exists: the semi-space sizes set here change nothing.
  '--semi-space-growth-factor=2',
];

/**
 * Set over the editing ones while the package rules are made ready for an index that arrived (server.ts,
 * warmUpPackageIndex), and taken back at its end: the old generation is collected once it has grown by 100%, not
 * 30%. What that warm-up keeps (references, findings, did-you-mean indexes) is promoted as it is made, and at 30%
 * the warm-up on the bench's 110,000-package index met 5 full collections in about a second, up to 20 ms each, each
 * waited for by the edit typed then (3 at 100%; a standalone run of the warm-up on the real tree: their pauses 66 ->
 * 34 ms). Not during the start-up scan: a flag set before the code cache is written would have the next start
 * reject it (the scan's own flags leave V8 its default growth anyway).
 */
export const WARM_UP_V8_FLAGS: readonly string[] = ['--heap-growing-percent=100'];

let editingFlagsSet = false;
let warmUps = 0;

/** Sets EDITING_V8_FLAGS once (the first start-up scan's end; later scans change nothing). */
export function setEditingV8Flags(): void {
  if (editingFlagsSet) return;
  editingFlagsSet = true;
  setCurrentV8Flags();
}

/** WARM_UP_V8_FLAGS from now until the returned function is called (once the editing flags are set; nested calls
 * count). */
export function warmUpV8Flags(): () => void {
  warmUps++;
  if (editingFlagsSet) setCurrentV8Flags();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    warmUps--;
    if (editingFlagsSet) setCurrentV8Flags();
  };
}

/** The flags of the phase the server is in: the start's until the first scan is done, then the editing ones (with
 * the warm-up's over them while one runs). */
function currentV8Flags(): readonly string[] {
  if (!editingFlagsSet) return SERVER_V8_FLAGS;
  return warmUps > 0 ? [...EDITING_V8_FLAGS, ...WARM_UP_V8_FLAGS] : EDITING_V8_FLAGS;
}

function setCurrentV8Flags(): void {
  for (const flag of currentV8Flags()) setFlagsFromString(flag);
}

/**
 * Keeps the current phase's flags while worker threads start. V8 flags belong to the process, and V8 raises
 * `--semi-space-growth-factor` to 2 whenever it sizes a new isolate's heap (Heap::ConfigureHeap writes the flag
 * itself), so the start of a worker (the scan's, an overlay check's, the package index's sync) gave every thread
 * V8's own young-generation growth from then on. The worker's isolate is made on its own thread, some time after
 * `new Worker` returns and before it runs (`online`, tens of milliseconds later on a busy machine): the flags are set
 * again every millisecond until then (a timer that keeps nothing alive), and once more at `online`. Workers set no
 * flags themselves (serverLoader.ts): the one the scan starts set the start's flags from its own thread once it
 * ran, so the main thread's young generation grew meanwhile (to 8–32 MB from 2), and one started while editing
 * took the editing flags back. A timer runs between tasks: a worker whose isolate is made just before one long
 * synchronous task (the first check of a big file opened as the scan starts) can still find the young generation grown.
 *
 * bench/cold-start on the real tree, 20 runs of each build interleaved (each with its code cache): with the
 * flags kept, the new space stays at 2 MB through the scan (one run in 20 reached 4), its scavenges take up to 6 ms
 * (median of the runs' longest) against 12–14 ms; the edits during the scan after the first one p95 16.2–17.1 →
 * 11.9 ms; the tree indexed 952–981 → 1,003 ms.
 */
export function keepV8FlagsAcrossWorkers(): void {
  process.on('worker', (worker) => {
    const setAgain = setCurrentV8Flags;
    const timer = setInterval(setAgain, 1).unref();
    const running = () => {
      clearInterval(timer);
      setAgain();
    };
    worker.once('online', running);
    // (A worker that fails before it runs.)
    worker.once('exit', () => clearInterval(timer));
  });
}
