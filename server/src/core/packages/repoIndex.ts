// Read access to one repository's index: package rows, dependency tables and the precomputed orderings,
// all answered from typed arrays (strings decoded only for the results a query returns).
import { PKG_COLS, PkgCol, type DependencyTable, type RepoIndexData } from './indexData';
import { NameNeighbours } from './nameNeighbours';
import { StringPool, u32At, type U32Reader } from './stringPool';

export interface PackageInfo {
  name: string;
  arch: string;
  epoch: string;
  version: string;
  release: string;
  /** `[epoch:]version-release`. */
  evr: string;
  summary: string;
  url: string;
  sourceRpm: string;
  /** The source package this binary is built from (its own name for a source package). */
  sourceName: string;
  /** The repository URL it was indexed from. */
  repo: string;
}

export interface DependencyEntry {
  name: string;
  flags: number;
  evr: string;
}

/** Lower bound of `id` in `order`, a permutation sorted by `key(order[i])`. */
function lowerBound(order: Uint32Array, key: (i: number) => number, id: number): number {
  let lo = 0, hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(order[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function equalRange(order: Uint32Array, key: (i: number) => number, id: number): number[] {
  const out: number[] = [];
  for (let i = lowerBound(order, key, id); i < order.length && key(order[i] as number) === id; i++) out.push(order[i] as number);
  return out;
}

/** The same over an ordering of packages that may be paged in from a cache file: each package number is checked
 * as it is read (`bad` is told of one past the end, which reads as no package). */
function packagesInRange(order: Uint32Array | U32Reader, count: number, key: (p: number) => number, id: number, bad: () => void): number[] {
  const at = (i: number): number => {
    const p = u32At(order, i);
    if (p < count) return p;
    bad();
    return -1;
  };
  const keyAt = (i: number): number => {
    const p = at(i);
    return p < 0 ? -1 : key(p);
  };
  let lo = 0, hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) < id) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < order.length && keyAt(i) === id; i++) out.push(at(i));
  return out;
}

export class RepoIndex {
  readonly strings: StringPool;
  readonly packageCount: number;

  constructor(readonly data: RepoIndexData) {
    this.strings = new StringPool(data.strings, (what) => this.noteDamage(what));
    this.packageCount = data.meta.packageCount;
  }

  get url(): string {
    return this.data.meta.url;
  }

  /** What was found damaged so far while reading this index from its cache file (see IndexDamage). */
  get damage(): readonly string[] {
    return this.data.damage?.found ?? [];
  }

  private noteDamage(what: string): void {
    this.data.damage?.note(what);
  }

  /** String id in column `c` of package `p`; one past the pool (a damaged row) reads as the empty string. */
  private col(p: number, c: PkgCol): number {
    const id = u32At(this.data.pkg, p * PKG_COLS + c);
    if (id < this.strings.size) return id;
    this.noteDamage('package strings');
    return 0;
  }

  isSource(p: number): boolean {
    const arch = this.strings.get(this.col(p, PkgCol.Arch));
    return arch === 'src' || arch === 'nosrc';
  }

  /** Package `p`'s name, read alone and not kept in the pool (info decodes and keeps every field). */
  nameOf(p: number): string {
    return this.strings.decode(this.col(p, PkgCol.Name));
  }

  /** The name of the source package `p` is built from, read alone. */
  sourceNameOf(p: number): string {
    return this.strings.get(this.col(p, PkgCol.SourceName));
  }

  info(p: number): PackageInfo {
    const s = (c: PkgCol): string => this.strings.get(this.col(p, c));
    const epoch = s(PkgCol.Epoch);
    const version = s(PkgCol.Version);
    const release = s(PkgCol.Release);
    return {
      name: s(PkgCol.Name),
      arch: s(PkgCol.Arch),
      epoch,
      version,
      release,
      evr: `${epoch && epoch !== '0' ? epoch + ':' : ''}${version}${release ? '-' + release : ''}`,
      summary: s(PkgCol.Summary),
      url: s(PkgCol.Url),
      sourceRpm: s(PkgCol.SourceRpm),
      sourceName: s(PkgCol.SourceName),
      repo: this.data.meta.url,
    };
  }

  /** Packages (binary and source) whose name is `name`. */
  packagesNamed(name: string): number[] {
    const id = this.strings.find(name);
    if (id < 0) return [];
    return packagesInRange(this.data.pkgByName, this.packageCount, (p) => this.col(p, PkgCol.Name), id, () => this.noteDamage('package ordering'));
  }

  /** Packages built from source package `source` (including the source package itself when indexed). */
  packagesFromSource(source: string): number[] {
    const id = this.strings.find(source);
    if (id < 0) return [];
    return packagesInRange(this.data.pkgBySource, this.packageCount, (p) => this.col(p, PkgCol.SourceName), id, () => this.noteDamage('source ordering'));
  }

  /** The package owning provide entry `e`. */
  private ownerOf(table: DependencyTable, e: number): number {
    let lo = 0, hi = this.packageCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((table.start[mid] as number) <= e) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Provide entries named `capability`, with the package providing each. */
  providers(capability: string): { pkg: number; flags: number; evr: string }[] {
    const id = this.strings.find(capability);
    if (id < 0) return [];
    const t = this.data.provides;
    return equalRange(this.data.provByName, (e) => t.name[e] as number, id).map((e) => ({
      pkg: this.ownerOf(t, e),
      flags: t.flags[e] as number,
      evr: this.strings.get(t.evr[e] as number),
    }));
  }

  /** Packages whose primary file list holds `path`. */
  fileOwners(path: string): number[] {
    const id = this.strings.find(path);
    if (id < 0) return [];
    const starts = this.data.fileStart;
    return equalRange(this.data.fileByName, (f) => this.data.fileName[f] as number, id).map((f) => {
      let lo = 0, hi = this.packageCount - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if ((starts[mid] as number) <= f) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    });
  }

  dependencies(p: number, kind: 'provides' | 'requires'): DependencyEntry[] {
    const t = kind === 'provides' ? this.data.provides : this.data.requires;
    const out: DependencyEntry[] = [];
    for (let e = t.start[p] as number; e < (t.start[p + 1] as number); e++) {
      out.push({ name: this.strings.get(t.name[e] as number), flags: t.flags[e] as number, evr: this.strings.get(t.evr[e] as number) });
    }
    return out;
  }

  files(p: number): string[] {
    const out: string[] = [];
    for (let f = this.data.fileStart[p] as number; f < (this.data.fileStart[p + 1] as number); f++) out.push(this.strings.get(this.data.fileName[f] as number));
    return out;
  }

  private readonly neighbourIndex = new Map<'binary' | 'source', NameNeighbours>();

  /** The did-you-mean index of binary or source names, built on first use (or ahead of it: neighboursBuilding). */
  neighbours(kind: 'binary' | 'source'): NameNeighbours {
    let n = this.neighbourIndex.get(kind);
    if (!n) {
      n = NameNeighbours.build(this.namesOf(kind), this.decodeSteps);
      this.neighbourIndex.set(kind, n);
    }
    return n;
  }

  /** Builds the did-you-mean index of `kind` a part per step, unless it is built already. */
  *neighboursBuilding(kind: 'binary' | 'source'): Generator<void> {
    if (this.neighbourIndex.has(kind)) return;
    const n = yield* NameNeighbours.building(this.namesOf(kind), this.decodeSteps);
    // (A query meanwhile may have built it at once: either is the same index.)
    if (!this.neighbourIndex.has(kind)) this.neighbourIndex.set(kind, n);
  }

  private namesOf(kind: 'binary' | 'source'): Uint32Array {
    return kind === 'binary' ? this.data.binaryNamesSorted : this.data.sourceNamesSorted;
  }

  private readonly decodeSteps = (ids: Uint32Array, each: (i: number, text: string) => void, perStep: number) => this.strings.decodeAllSteps(ids, each, perStep);

  /** Distinct names, sorted, of binary or source packages. */
  sortedNames(kind: 'binary' | 'source'): { count: number; at(i: number): string } {
    const ids = kind === 'binary' ? this.data.binaryNamesSorted : this.data.sourceNamesSorted;
    return { count: ids.length, at: (i) => this.strings.get(ids[i] as number) };
  }
}
