// The findings of one file's package-group entries on their own (`package-binary-unknown`: no binary package of
// that name), kept between edits for one index; and, the same way, those of a file's other references (components,
// dependencies: `package-source-unknown` and the like). A re-parsed list is compared with the last one from its head
// and from its tail, entry by entry (the same entry object, or for group entries the same name in the same group),
// or follows the change the list records from the last one (groupListChange: a parse that kept the other
// entries); only the entries between are checked again, and the findings of the others are kept with their place
// in the list. Findings are reported at their entries' current spans, so they follow the text. Checking every
// entry of the list anew gives the same findings (the differential tests hold the two to each other over random
// edits of the real lists and of components.toml).
import type { CoreDiagnostic } from '../diagnostics';
import { groupListChange, groupListGeneration, type GroupPackageRef, type PackageRef } from './packageReferences';

/** The check of one entry; `budget` bounds the did-you-mean searches of one run. */
export type GroupEntryCheck<R extends PackageRef = GroupPackageRef> = (ref: R, budget: { left: number }) => CoreDiagnostic | undefined;

interface Kept {
  /** The entry's place in the list. */
  pos: number;
  diag: CoreDiagnostic;
  /** Its did-you-mean was left out for the budget: asked again on the next run. */
  partial: boolean;
}

/** Two group entries are the same for the check when they name the same binary in the same group. */
export const sameGroupEntry = (a: GroupPackageRef, b: GroupPackageRef): boolean => a === b || (a.name === b.name && a.group === b.group);

const isPartial = (d: CoreDiagnostic, budget: { left: number }, before: number): boolean => budget.left === 0 && before === 0 && !d.data?.['suggestions'];

export class GroupEntryFindings<R extends PackageRef = GroupPackageRef> {
  private refs: readonly R[] = [];
  /** The generation `refs` was at when seen (groupListGeneration: a list changed in place since counts on). */
  private generation = 0;
  private length = 0;
  /** Findings in list order. */
  private kept: Kept[] = [];
  private partials = 0;
  /** Only `refs[..length)` were checked (extend): `update` checks the rest. */
  private prefix = false;
  /** The findings of the last update, at its spans. */
  last: readonly CoreDiagnostic[] = [];

  /** `same`: whether an entry of the last list and one of the new list have the same findings (for references
   * other than group entries, the same object: what a kept component holds). */
  constructor(
    private readonly check: GroupEntryCheck<R>,
    private readonly same: (a: R, b: R) => boolean = sameGroupEntry as unknown as (a: R, b: R) => boolean,
  ) {}

  /** Whether every finding has its did-you-mean (none was left out for a run's budget). */
  get complete(): boolean {
    return this.partials === 0;
  }

  /** The findings of `refs` (a list for each parse of the file; the same list at the same generation means the same spans). */
  update(refs: readonly R[], budget: { left: number }): readonly CoreDiagnostic[] {
    const generation = groupListGeneration(refs);
    const sameList = refs === this.refs;
    if (sameList && generation === this.generation && this.partials === 0 && !this.prefix) return this.last;
    const old = this.refs;
    const oldLength = this.length;
    let head = 0;
    let tail = 0;
    const change = groupListChange(refs);
    // (After extend, the last list is its checked part, `old[..oldLength)`.)
    if (sameList && generation === this.generation) head = oldLength;
    else if (sameList && change && change.generation === this.generation + 1 && !this.prefix) {
      // The list, changed in place, says how (a parse that kept its other entries): no comparison.
      head = change.at;
      tail = oldLength - change.at - change.removed;
    } else if (!sameList && groupListGeneration(old) === this.generation) {
      while (head < oldLength && head < refs.length && this.same(old[head] as R, refs[head] as R)) head++;
      while (tail < oldLength - head && tail < refs.length - head && this.same(old[oldLength - 1 - tail] as R, refs[refs.length - 1 - tail] as R)) tail++;
    }
    // (Otherwise the last list changed in place more than once since: what it held is not known, all is checked.)
    const shift = refs.length - oldLength;
    const before: Kept[] = [];
    const after: Kept[] = [];
    for (const k of this.kept) {
      if (k.pos < head) before.push(k);
      else if (k.pos >= oldLength - tail) after.push({ ...k, pos: k.pos + shift });
    }
    const kept = before;
    this.checkInto(kept, refs, head, refs.length - tail, budget);
    for (const k of after) kept.push(k);
    let partials = 0;
    for (let j = 0; j < kept.length; j++) {
      const k = kept[j] as Kept;
      if (!k.partial) continue;
      // Asked again while the run's budget lasts (in list order, as a check of the whole list would).
      if (budget.left > 0 && !(k.pos >= head && k.pos < refs.length - tail)) {
        const left = budget.left;
        const diag = this.check(refs[k.pos] as R, budget);
        if (diag) kept[j] = { pos: k.pos, diag, partial: isPartial(diag, budget, left) };
      }
      if ((kept[j] as Kept).partial) partials++;
    }
    this.refs = refs;
    this.generation = generation;
    this.length = refs.length;
    this.kept = kept;
    this.partials = partials;
    this.prefix = false;
    // At each entry's span in this parse.
    this.last = kept.map((k) => ({ ...k.diag, span: (refs[k.pos] as R).span }));
    return this.last;
  }

  /**
   * Checks `refs[..end)`, going on from where the last extend of the same list (unchanged since) stopped, else from
   * its head: a long list checked a part per step (the package rules' warm-up), each entry once. `update(refs)` then
   * checks only the entries past the last part. Growing prefixes passed to `update` did the same, but each compared
   * and copied the whole prefix again: quadratic in the list (17,748 entries of sdk.packages.toml).
   */
  extend(refs: readonly R[], end: number, budget: { left: number }): void {
    const generation = groupListGeneration(refs);
    if (!(this.prefix && refs === this.refs && generation === this.generation)) {
      this.refs = refs;
      this.generation = generation;
      this.length = 0;
      this.kept = [];
      this.partials = 0;
      this.prefix = true;
    }
    end = Math.min(end, refs.length);
    this.partials += this.checkInto(this.kept, refs, this.length, end, budget);
    this.length = Math.max(this.length, end);
  }

  /** Checks `refs[from..to)`, appending their findings to `kept`; how many of them lack their did-you-mean. */
  private checkInto(kept: Kept[], refs: readonly R[], from: number, to: number, budget: { left: number }): number {
    let partials = 0;
    for (let pos = from; pos < to; pos++) {
      const left = budget.left;
      const diag = this.check(refs[pos] as R, budget);
      if (!diag) continue;
      const partial = isPartial(diag, budget, left);
      kept.push({ pos, diag, partial });
      if (partial) partials++;
    }
    return partials;
  }
}
