// The findings of one file's package-group entries on their own (`package-binary-unknown`: no binary package of
// that name), kept between edits for one index. A re-parsed list is compared with the last one from its head and
// from its tail, entry by entry (the same entry object, or the same name in the same group); only the entries
// between are checked again, and the findings of the others are kept with their place in the list. Findings are
// reported at their entries' current spans, so they follow the text. Checking every entry of the list anew gives
// the same findings (the differential test holds the two to each other over random edits of the real lists).
import type { CoreDiagnostic } from '../diagnostics';
import type { GroupPackageRef } from './packageReferences';

/** The check of one entry; `budget` bounds the did-you-mean searches of one run. */
export type GroupEntryCheck = (ref: GroupPackageRef, budget: { left: number }) => CoreDiagnostic | undefined;

interface Kept {
  /** The entry's place in the list. */
  pos: number;
  diag: CoreDiagnostic;
  /** Its did-you-mean was left out for the budget: asked again on the next run. */
  partial: boolean;
}

const sameEntry = (a: GroupPackageRef, b: GroupPackageRef): boolean => a === b || (a.name === b.name && a.group === b.group);

const isPartial = (d: CoreDiagnostic, budget: { left: number }, before: number): boolean => budget.left === 0 && before === 0 && !d.data?.['suggestions'];

export class GroupEntryFindings {
  private refs: readonly GroupPackageRef[] = [];
  /** Findings in list order. */
  private kept: Kept[] = [];
  private partials = 0;
  private last: readonly CoreDiagnostic[] = [];

  constructor(private readonly check: GroupEntryCheck) {}

  /** The findings of `refs` (a new list for each parse of the file: the same list means the same spans). */
  update(refs: readonly GroupPackageRef[], budget: { left: number }): readonly CoreDiagnostic[] {
    if (refs === this.refs && this.partials === 0) return this.last;
    const old = this.refs;
    let head = 0;
    while (head < old.length && head < refs.length && sameEntry(old[head] as GroupPackageRef, refs[head] as GroupPackageRef)) head++;
    let tail = 0;
    while (tail < old.length - head && tail < refs.length - head && sameEntry(old[old.length - 1 - tail] as GroupPackageRef, refs[refs.length - 1 - tail] as GroupPackageRef)) tail++;
    const shift = refs.length - old.length;
    const before: Kept[] = [];
    const after: Kept[] = [];
    for (const k of this.kept) {
      if (k.pos < head) before.push(k);
      else if (k.pos >= old.length - tail) after.push({ ...k, pos: k.pos + shift });
    }
    const kept = before;
    for (let pos = head; pos < refs.length - tail; pos++) {
      const left = budget.left;
      const diag = this.check(refs[pos] as GroupPackageRef, budget);
      if (diag) kept.push({ pos, diag, partial: isPartial(diag, budget, left) });
    }
    for (const k of after) kept.push(k);
    let partials = 0;
    for (let j = 0; j < kept.length; j++) {
      const k = kept[j] as Kept;
      if (!k.partial) continue;
      // Asked again while the run's budget lasts (in list order, as a check of the whole list would).
      if (budget.left > 0 && !(k.pos >= head && k.pos < refs.length - tail)) {
        const left = budget.left;
        const diag = this.check(refs[k.pos] as GroupPackageRef, budget);
        if (diag) kept[j] = { pos: k.pos, diag, partial: isPartial(diag, budget, left) };
      }
      if ((kept[j] as Kept).partial) partials++;
    }
    this.refs = refs;
    this.kept = kept;
    this.partials = partials;
    // At each entry's span in this parse.
    this.last = kept.map((k) => ({ ...k.diag, span: (refs[k.pos] as GroupPackageRef).span }));
    return this.last;
  }
}
