// The worker-thread side of the overlay check while typing (the main thread's side is overlayCheckPool.ts):
// for each job — a component's render plan (plain data, made on the main thread from the project model) — it
// looks up the spec at hand without the network, renders the plan on it and posts back the outcome, located by
// overlay index (core/render/overlayCheck.ts). Outcomes are memoized per component (core/render/overlayOutcomeMemo.ts)
// on the render key, the settings, the spec text, the spec tree's file names and the overlay sources' size and time:
// a job whose inputs did not change is answered without rendering, and a changed one is rendered from its parsed
// spec and from the first overlay step that changed.
import * as nodeFs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerOwnThreadPriority } from './workerThreadPriority';
import { offlineSpecProvider, type RenderSettings } from './core/features/renderPreview';
import { OverlayOutcomeMemo, type OverlayOutcome, type RenderPlan, type SpecProvider } from './core/render';

export interface OverlayJob {
  id: number;
  plan: RenderPlan;
  /** The plan as the outcome depends on it (overlayRenderKey), as the main thread keys it. */
  planKey: string;
  settings: RenderSettings;
}

export type ToOverlayWorker = { type: 'check'; job: OverlayJob };
export type FromOverlayWorker =
  | { type: 'result'; id: number; outcome: OverlayOutcome; rendered: boolean; ms: number; resumedAt?: number }
  | { type: 'failed'; id: number; message: string };

/** The components whose last outcome is kept (one entry each, least recently used dropped first). */
const MEMO_LIMIT = 256;

function statStamp(file: string): string {
  try {
    const st = nodeFs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '-';
  }
}

/** The overlay sources' stamps (size and time), which the render reads besides the plan and the spec tree. */
function sourcesStamp(plan: RenderPlan): string {
  return JSON.stringify(plan.userOverlays.map((o) => (o.overlay.source === '' ? '' : statStamp(o.overlay.source))));
}

export function runOverlayCheckWorker(): void {
  const port = parentPort;
  if (!port) return;
  lowerOwnThreadPriority();
  // A fault the tests inject: the worker dies on a plan with an overlay of this description (see overlayCheckPool's tests).
  const crashOn = (workerData as { crashOnDescription?: string }).crashOnDescription;
  const memo = new OverlayOutcomeMemo(MEMO_LIMIT);
  let provider: { settings: string; specs: SpecProvider } | undefined;
  const specsFor = (settings: RenderSettings): SpecProvider => {
    const key = JSON.stringify(settings);
    if (provider?.settings !== key) provider = { settings: key, specs: offlineSpecProvider(settings) };
    return provider.specs;
  };
  const post = (m: FromOverlayWorker) => port.postMessage(m);
  // One job at a time, in order: the main thread sends a component's next job only once its previous one is answered.
  let queue = Promise.resolve();
  port.on('message', (m: ToOverlayWorker) => {
    if (m.type !== 'check') return;
    queue = queue.then(() => check(m.job));
  });
  async function check(job: OverlayJob): Promise<void> {
    const started = performance.now();
    try {
      if (crashOn !== undefined && job.plan.userOverlays.some((o) => o.overlay.description === crashOn)) process.exit(70);
      const lookup = 'refused' in job.plan.spec ? ({ ok: false, message: job.plan.spec.refused } as const) : await specsFor(job.settings)(job.plan.spec);
      const answer = memo.outcome(job.plan, JSON.stringify([job.planKey, job.settings]), lookup, job.settings.guide !== false, sourcesStamp(job.plan));
      post({ type: 'result', id: job.id, outcome: answer.outcome, rendered: answer.rendered, ms: performance.now() - started, ...(answer.resumedAt ? { resumedAt: answer.resumedAt } : {}) });
    } catch (err) {
      post({ type: 'failed', id: job.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }
}
