// The main thread's side of the overlay check while typing: one worker thread (overlayCheckWorker.ts, started on
// the server's own script) renders the jobs, so no render ever runs on the thread that answers keystrokes. One
// worker: the machines this runs on have two cores or more, and the main thread needs one. Per component the
// newest job wins: while one is rendered, a newer one waits in its place and older waiting ones are dropped, so
// typing never queues up renders. A worker that dies (a crash, out of memory, a render stuck past the watchdog)
// is replaced for the next job; a plan that was in flight at two deaths is not sent again.
import type { Worker } from 'node:worker_threads';
import type { RenderSettings } from './core/features/renderPreview';
import type { OverlayOutcome, RenderPlan } from './core/render';
import type { FromOverlayWorker, OverlayJob, ToOverlayWorker } from './overlayCheckWorker';
import { OVERLAY_WORKER_KIND } from './overlayCheckWorkerKind';
import { startServerWorker } from './serverWorker';

export type OverlayAnswer = { ok: true; outcome: OverlayOutcome; rendered: boolean; ms: number; resumedAt?: number } | { ok: false; message: string };

export interface OverlayCheckPoolOptions {
  /** The script the worker runs: the server's own bundle (it starts the worker side when it is one). */
  script: string;
  log: (message: string) => void;
  /** A render taking longer than this is taken as stuck: the worker is replaced (default 60 s). */
  watchdogMs?: number;
  /** The worker's heap limit (default 512 MB): a spec that makes a render grow without bound ends the worker, not the server. */
  maxHeapMb?: number;
  /** Passed to the worker: it dies on a plan with an overlay of this description (a fault tests inject). */
  crashOnDescription?: string;
}

interface Waiting {
  job: OverlayJob;
  resolve: (answer: OverlayAnswer | undefined) => void;
}

const CRASHES_BEFORE_GIVING_UP = 2;

export class OverlayCheckPool {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Jobs sent to the worker and not answered, by id. */
  private readonly inFlight = new Map<number, Waiting & { slot: string }>();
  /** Per slot (component): whether a job is in flight, and the newest job waiting behind it. */
  private readonly slots = new Map<string, { busy: boolean; next?: Waiting }>();
  /** Plans in flight when a worker died, by slot and plan key, with how many deaths they saw. */
  private readonly suspects = new Map<string, number>();
  private watchdog: NodeJS.Timeout | undefined;
  /** Workers started so far (the first and every replacement). */
  started = 0;

  constructor(private readonly options: OverlayCheckPoolOptions) {}

  /**
   * Renders `plan` on the worker. Resolves with the outcome, with `ok: false` when the worker died on it, or with
   * undefined when a newer job of the same slot replaced it before it was sent.
   */
  check(slot: string, plan: RenderPlan, planKey: string, settings: RenderSettings): Promise<OverlayAnswer | undefined> {
    return new Promise((resolve) => {
      const waiting: Waiting = { job: { id: this.nextId++, plan, planKey, settings }, resolve };
      const state = this.slots.get(slot) ?? { busy: false };
      this.slots.set(slot, state);
      if (state.busy) {
        state.next?.resolve(undefined);
        state.next = waiting;
      } else this.send(slot, waiting);
    });
  }

  /** Ends the worker; jobs in flight and waiting resolve with undefined. */
  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
    this.clearWatchdog();
    for (const j of this.inFlight.values()) j.resolve(undefined);
    this.inFlight.clear();
    for (const s of this.slots.values()) s.next?.resolve(undefined);
    this.slots.clear();
  }

  private send(slot: string, waiting: Waiting): void {
    const suspect = this.suspects.get(suspectKey(slot, waiting.job.planKey)) ?? 0;
    if (suspect >= CRASHES_BEFORE_GIVING_UP) {
      // Answered at once (the slot stays free): the worker is not given what killed it twice.
      waiting.resolve({ ok: false, message: `the overlay check worker stopped ${suspect} times while rendering this configuration of \`${waiting.job.plan.name}\`; it is not rendered again until the configuration changes` });
      if (!this.slots.get(slot)?.busy) this.slots.delete(slot);
      return;
    }
    const state = this.slots.get(slot);
    if (state) state.busy = true;
    this.inFlight.set(waiting.job.id, { ...waiting, slot });
    this.ensureWorker().postMessage({ type: 'check', job: waiting.job } satisfies ToOverlayWorker);
    this.armWatchdog();
  }

  private finish(id: number, answer: OverlayAnswer): void {
    const done = this.inFlight.get(id);
    if (!done) return;
    this.inFlight.delete(id);
    done.resolve(answer);
    const state = this.slots.get(done.slot);
    if (!state) return;
    state.busy = false;
    const next = state.next;
    delete state.next;
    if (next) this.send(done.slot, next);
    else this.slots.delete(done.slot);
    if (this.inFlight.size === 0) this.clearWatchdog();
    else this.armWatchdog();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startServerWorker({
      script: this.options.script,
      kind: OVERLAY_WORKER_KIND,
      ...(this.options.crashOnDescription !== undefined ? { data: { crashOnDescription: this.options.crashOnDescription } } : {}),
      maxHeapMb: this.options.maxHeapMb ?? 512,
      label: 'overlay check worker',
      log: this.options.log,
    });
    this.started++;
    worker.on('message', (m: FromOverlayWorker) => {
      if (m.type === 'result') this.finish(m.id, { ok: true, outcome: m.outcome, rendered: m.rendered, ms: m.ms, ...(m.resumedAt ? { resumedAt: m.resumedAt } : {}) });
      else this.finish(m.id, { ok: false, message: m.message });
    });
    let error = '';
    worker.on('error', (err) => (error = err instanceof Error ? err.message : String(err)));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.died(`the overlay check worker stopped (exit code ${code}${error ? `: ${error}` : ''})`);
    });
    // An idle worker does not keep the server alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** The worker is gone: every job in flight is answered as failed (and marked suspect); the next job starts a new worker. */
  private died(message: string): void {
    this.clearWatchdog();
    const lost = [...this.inFlight.entries()];
    if (lost.length === 0) return;
    this.options.log(`${message}; ${lost.length} check(s) lost, a new worker starts with the next one`);
    for (const [id, j] of lost) {
      const key = suspectKey(j.slot, j.job.planKey);
      this.suspects.set(key, (this.suspects.get(key) ?? 0) + 1);
      this.finish(id, { ok: false, message });
    }
  }

  private armWatchdog(): void {
    this.clearWatchdog();
    const w = this.worker;
    if (!w) return;
    this.watchdog = setTimeout(() => {
      this.options.log(`an overlay render took longer than ${this.options.watchdogMs ?? 60_000} ms; its worker is replaced`);
      void w.terminate();
    }, this.options.watchdogMs ?? 60_000);
    this.watchdog.unref();
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }
}

function suspectKey(slot: string, planKey: string): string {
  return `${slot}\0${planKey}`;
}
