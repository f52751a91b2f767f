// A render's states saved between its overlay steps, so the next render of the same component on the same spec
// tree starts at the first step that differs (an edit of overlay 20 of 27 applies overlays 20–27 again, not
// 1–27). It serves one spec tree with its overlay sources unchanged: the caller (overlayOutcomeMemo.ts) makes a
// new one when either changes. See RenderResume in renderComponent.ts for the keys.
import type { RenderResume, RenderState } from './renderComponent';

interface Saved<T> {
  state: RenderState;
  carried: T[];
}

export class RenderCheckpoints<T> implements RenderResume {
  /** The states saved by index of the step they come before; every one led to by a prefix of `lastKeys`. */
  private saved: (Saved<T> | undefined)[] = [];
  private lastKeys: readonly string[] = [];
  /**
   * What the caller gathers while a render runs (from `beforeUserOverlay`): saved with each state, and given back
   * (appended) when a render resumes from it. The caller empties it before each render.
   */
  carry: T[] = [];
  /** Steps the last render started at (0: from the spec), for tests and traces. */
  lastResumedAt = 0;

  restore(stepKeys: readonly string[]): { at: number; state: RenderState } | undefined {
    let same = 0;
    while (same < stepKeys.length && same < this.lastKeys.length && stepKeys[same] === this.lastKeys[same]) same++;
    // Only states led to by keys these share stay (the others are made again as this render goes).
    this.saved.length = Math.min(this.saved.length, same);
    this.lastKeys = stepKeys;
    this.lastResumedAt = 0;
    for (let at = Math.min(this.saved.length, same) - 1; at > 0; at--) {
      const s = this.saved[at];
      if (!s) continue;
      this.lastResumedAt = at;
      for (const c of s.carried) this.carry.push(c);
      return { at, state: { spec: s.state.spec.clone(), files: s.state.files.clone(), overlays: s.state.overlays.slice() } };
    }
    return undefined;
  }

  save(stepKeys: readonly string[], at: number, state: RenderState): void {
    if (stepKeys !== this.lastKeys) return;
    this.saved[at] = { state: { spec: state.spec.clone(), files: state.files.clone(), overlays: state.overlays.slice() }, carried: this.carry.slice() };
  }
}
