// The overlay check's outcomes kept per component between keystrokes (the worker thread's memo,
// overlayCheckWorker.ts): a component is rendered again only when its render key (the plan without where its
// overlays are written or what they are described as) or its spec tree changed, and then from its parsed spec and
// from the first overlay step that changed (renderCheckpoints.ts). Pure: the caller looks the spec up and stamps
// the overlay sources.
import { SpecEditor } from '../spec';
import { overlayOutcomeOf, type OverlayOutcome } from './overlayCheck';
import { RenderCheckpoints } from './renderCheckpoints';
import type { RenderPlan } from './renderComponent';
import type { SpecTreeResult } from './specInput';

/**
 * What a component's overlay outcome depends on from the project, as a string: its plan without the places its
 * overlays are written and without their descriptions (a description only names an overlay in messages the
 * outcome leaves out: azldev's load-time validation, which the rules report), and the guide setting.
 */
export function overlayRenderKey(plan: RenderPlan, guide: boolean): string {
  return JSON.stringify([guide, { ...plan, userOverlays: plan.userOverlays.map((o) => ({ ...o.overlay, description: '' })) }]);
}

interface Entry {
  /** The render key and the tree the outcome was made from. */
  key: string;
  tree: TreeStamp;
  outcome: OverlayOutcome;
  parsed: SpecEditor | undefined;
  checkpoints: RenderCheckpoints<OverlayOutcome['advice'][number]> | undefined;
}

interface TreeStamp {
  /** The spec text (compared as a string: the same text read again is equal, not identical). */
  specText: string;
  /** The tree's origin, its file names and the overlay sources' stamps, or the lookup's failure. */
  rest: string;
}

export interface MemoAnswer {
  outcome: OverlayOutcome;
  rendered: boolean;
  /** The step the render started at (0: the whole render), when it rendered. */
  resumedAt?: number;
}

export class OverlayOutcomeMemo {
  private readonly entries = new Map<string, Entry>();
  /** Components whose parsed spec and states between steps are kept, the most recent last (each holds a spec copy per overlay). */
  private readonly withCheckpoints: string[] = [];

  /**
   * @param limit components whose last outcome is kept (least recently used dropped first)
   * @param checkpointLimit components whose parsed spec and render states are kept for the next render
   */
  constructor(
    private readonly limit = 256,
    private readonly checkpointLimit = 4,
  ) {}

  /**
   * The outcome of `plan` on `lookup`: the last one when nothing it depends on changed, else rendered.
   * `renderKey` is overlayRenderKey(plan, guide); `sourcesStamp` says the overlay sources' state (size and time).
   */
  outcome(plan: RenderPlan, renderKey: string, lookup: SpecTreeResult, guide: boolean, sourcesStamp: string): MemoAnswer {
    const name = plan.name;
    const tree: TreeStamp = lookup.ok
      ? { specText: lookup.tree.specText, rest: JSON.stringify([lookup.tree.origin, lookup.tree.files.list(), sourcesStamp]) }
      : { specText: '', rest: `missing:${lookup.message}` };
    const hit = this.entries.get(name);
    const sameTree = hit !== undefined && hit.tree.specText === tree.specText && hit.tree.rest === tree.rest;
    this.entries.delete(name);
    if (hit && sameTree && hit.key === renderKey) {
      this.entries.set(name, hit);
      return { outcome: hit.outcome, rendered: false };
    }
    const parsed = !lookup.ok ? undefined : sameTree && hit.parsed ? hit.parsed : new SpecEditor(lookup.tree.specText);
    const checkpoints = !lookup.ok ? undefined : sameTree && hit.checkpoints ? hit.checkpoints : new RenderCheckpoints<OverlayOutcome['advice'][number]>();
    const outcome = overlayOutcomeOf(plan, lookup, guide, { ...(parsed ? { parsedSpec: parsed } : {}), ...(checkpoints ? { checkpoints } : {}) });
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(name, { key: renderKey, tree, outcome, parsed, checkpoints });
    this.keepCheckpointsOf(name);
    return { outcome, rendered: true, resumedAt: checkpoints?.lastResumedAt ?? 0 };
  }

  private keepCheckpointsOf(name: string): void {
    const at = this.withCheckpoints.indexOf(name);
    if (at >= 0) this.withCheckpoints.splice(at, 1);
    this.withCheckpoints.push(name);
    while (this.withCheckpoints.length > this.checkpointLimit) {
      const dropped = this.entries.get(this.withCheckpoints.shift() as string);
      if (dropped) {
        dropped.checkpoints = undefined;
        dropped.parsed = undefined;
      }
    }
  }
}
