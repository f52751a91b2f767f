// A check's value for each component definition, in the components union's order, kept from one merge to the
// next. Each file's component list is compared with the file's last one (by identity, from the head and the tail,
// as the merge patches a union) and only the definitions of the run between are looked at again; a definition
// kept by identity keeps its value (fileContribution keeps a Definition only while its content is the same). The
// values are dropped when the check's context (what else it reads: distros, sections, groups, …; compared item
// by item by identity) changes. Only definitions with a value are kept, so a keystroke that changed one
// component costs pointer compares over the list, the check's own work on that component, and a pass over the
// definitions with a value.
import type { Definition, ProjectModel } from './projectModel';
import { sameItems } from '../sameItems';
import { drain } from '../drain';
import { commonEnds } from './definitionLists';

/** Definitions a computation in steps looks at per step (the start-up load's first model and checks): ~1 ms of cold code. */
export const DEFINITIONS_PER_STEP = 1024;

export interface ScanHit<T> {
  def: Definition;
  value: T;
}

interface IndexedHit<T> extends ScanHit<T> {
  /** The definition's place in its file's list. */
  index: number;
}

/** One file's definitions with a value, as `scanFile` found them for `list`. */
export interface FileScan<T> {
  list: readonly Definition[];
  hits: IndexedHit<T>[];
}

export class ComponentScan<T> {
  private context: readonly unknown[] | undefined;
  private files = new Map<string, FileScan<T>>();

  /**
   * The union's definitions (the first of each name, in union order) that have a value. `valueOf` must read only
   * the definition and what `context` holds; undefined is no value.
   */
  hits(model: ProjectModel, context: readonly unknown[], valueOf: (def: Definition) => T | undefined): ScanHit<T>[] {
    return drain(this.hitsSteps(model, context, valueOf));
  }

  /**
   * `hits` in steps of DEFINITIONS_PER_STEP definitions looked at. A call on this scan with another context between
   * two steps leaves it that context's values, which the steps after it read: then the answer is computed afresh
   * (everyHit) and nothing is kept.
   */
  *hitsSteps(model: ProjectModel, context: readonly unknown[], valueOf: (def: Definition) => T | undefined): Generator<void, ScanHit<T>[], void> {
    if (!this.context || !sameItems(this.context, context)) {
      this.files.clear();
      this.context = context;
    }
    const ours = this.context;
    const union = model.unions.components;
    const out: ScanHit<T>[] = [];
    const files = new Map<string, FileScan<T>>();
    for (const c of model.contributions.values()) {
      const list = c.unions.components;
      if (!list.length) continue;
      const last = this.files.get(c.file);
      // (A file whose list is the one last scanned makes no generator: a keystroke changes one file of hundreds.)
      const scan = last && last.list === list ? last : yield* scanFileSteps(last, list, valueOf);
      files.set(c.file, scan);
      for (const h of scan.hits) if (union.get(h.def.name) === h.def) out.push(h);
    }
    if (this.context !== ours) return everyHit(model, valueOf);
    this.files = files;
    return out;
  }
}

/**
 * The file's hits for `list`, from its last scan where the definitions are the same objects (the last scan itself
 * when the list is); `valueOf` must read only the definition.
 */
export function scanFile<T>(last: FileScan<T> | undefined, list: readonly Definition[], valueOf: (def: Definition) => T | undefined): FileScan<T> {
  return drain(scanFileSteps(last, list, valueOf));
}

/** `scanFile` in steps of DEFINITIONS_PER_STEP definitions looked at (a file of thousands of components). */
export function* scanFileSteps<T>(last: FileScan<T> | undefined, list: readonly Definition[], valueOf: (def: Definition) => T | undefined): Generator<void, FileScan<T>, void> {
  if (last && last.list === list) return last;
  const before = last?.list ?? [];
  const { head, tail } = commonEnds(before, list);
  const hits: IndexedHit<T>[] = [];
  const lastHits = last?.hits ?? [];
  let k = 0;
  for (; k < lastHits.length && (lastHits[k] as IndexedHit<T>).index < head; k++) hits.push(lastHits[k] as IndexedHit<T>);
  for (let i = head; i < list.length - tail; i++) {
    if ((i - head) % DEFINITIONS_PER_STEP === DEFINITIONS_PER_STEP - 1) yield;
    const def = list[i] as Definition;
    const value = valueOf(def);
    if (value !== undefined) hits.push({ def, value, index: i });
  }
  const shift = list.length - before.length;
  for (; k < lastHits.length; k++) {
    const h = lastHits[k] as IndexedHit<T>;
    if (h.index < before.length - tail) continue;
    hits.push(shift ? { def: h.def, value: h.value, index: h.index + shift } : h);
  }
  return { list, hits };
}

/** Every definition of the union with a value, in union order: what a scan gives, computed afresh. */
export function everyHit<T>(model: ProjectModel, valueOf: (def: Definition) => T | undefined): ScanHit<T>[] {
  const out: ScanHit<T>[] = [];
  for (const def of model.unions.components.values()) {
    const value = valueOf(def);
    if (value !== undefined) out.push({ def, value });
  }
  return out;
}
