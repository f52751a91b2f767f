// The package index over every configured repository: the queries the CLI and the editor ask (by name,
// what provides, binary <-> source, prefix, fuzzy and did-you-mean), each answered from the loaded indexes.
import { rangesOverlap } from './dependencyMatch';
import type { FileListIndex } from './fileLists';
import { RepoIndex, type PackageInfo } from './repoIndex';
import { stepsNamed } from '../drain';

export type NameKind = 'binary' | 'source';

/** How a capability fares against the index. */
export type CapabilityStatus =
  | { status: 'provided'; providers: PackageInfo[] }
  /** Something provides the name, but no provided version satisfies the requirement. */
  | { status: 'unsatisfied'; providers: PackageInfo[] }
  | { status: 'unknown' }
  /** A file path primary does not list: only filelists could tell. */
  | { status: 'not-checked' };

/** createrepo_c's rule for which files primary.xml lists. */
export function primaryListsFile(path: string): boolean {
  return path.startsWith('/etc/') || path.includes('bin/') || path === '/usr/lib/sendmail';
}

/** The lazily read tables the package rules read first (PackageIndex.readAhead). */
const FIRST_READ = ['binaryNamesSorted', 'provides'] as const;

export class PackageIndex {
  /** `fileLists`: the repositories whose filelists were fetched (file dependencies outside primary's rule are
   * checked only when every repository has one). */
  constructor(readonly repos: readonly RepoIndex[], readonly fileLists: ReadonlyMap<RepoIndex, FileListIndex> = new Map()) {}

  /** Does every repository have its filelists, so that any file path can be answered? */
  get hasFileLists(): boolean {
    return this.repos.length > 0 && this.repos.every((r) => this.fileLists.has(r));
  }

  get packageCount(): number {
    return this.repos.reduce((n, r) => n + r.packageCount, 0);
  }

  /** The repositories whose cached index was found damaged while answering so far, with what was damaged (a
   * damaged part answers nothing, so answers may be missing until the next `repo sync --force`). */
  damaged(): { url: string; what: readonly string[] }[] {
    return this.repos.filter((r) => r.damage.length > 0).map((r) => ({ url: r.url, what: r.damage }));
  }

  private collect(pick: (r: RepoIndex) => number[], keep: (r: RepoIndex, p: number) => boolean = () => true): PackageInfo[] {
    const out: PackageInfo[] = [];
    for (const r of this.repos) for (const p of pick(r)) if (keep(r, p)) out.push(r.info(p));
    return out;
  }

  /** Binary packages named `name`. */
  binary(name: string): PackageInfo[] {
    return this.collect((r) => r.packagesNamed(name), (r, p) => !r.isSource(p));
  }

  /** The source package `name`: its own entries (from source repositories) and the binaries built from it. */
  source(name: string): { packages: PackageInfo[]; binaries: PackageInfo[] } | undefined {
    const packages = this.collect((r) => r.packagesNamed(name), (r, p) => r.isSource(p));
    const binaries = this.binariesOf(name);
    return packages.length || binaries.length ? { packages, binaries } : undefined;
  }

  /** Binary packages built from source package `source`. */
  binariesOf(source: string): PackageInfo[] {
    return this.collect((r) => r.packagesFromSource(source), (r, p) => !r.isSource(p));
  }

  /** Names of the source packages binary `name` is built from (reading those names alone, no PackageInfo). */
  sourceOf(name: string): string[] {
    const out = new Set<string>();
    for (const r of this.repos) for (const p of r.packagesNamed(name)) if (!r.isSource(p)) out.add(r.sourceNameOf(p));
    return [...out];
  }

  /** Whether `source` answers: a source package of that name or a binary built from it (source() !== undefined,
   * without making the packages). */
  hasSource(name: string): boolean {
    return this.repos.some((r) => r.packagesNamed(name).some((p) => r.isSource(p)) || r.packagesFromSource(name).some((p) => !r.isSource(p)));
  }

  /** Names of the binary packages built from source package `source`, sorted, once each (reading the names alone). */
  binaryNamesOf(source: string): string[] {
    const out = new Set<string>();
    for (const r of this.repos) for (const p of r.packagesFromSource(source)) if (!r.isSource(p)) out.add(r.nameOf(p));
    return [...out].sort();
  }

  /** Binary packages providing `capability` in a version that satisfies `flags`/`evr` (none: any version). */
  whatProvides(capability: string, flags = 0, evr = ''): PackageInfo[] {
    const out: PackageInfo[] = [];
    const seen = new Set<string>();
    const add = (r: RepoIndex, p: number): void => {
      if (r.isSource(p)) return;
      const key = `${r.url}\0${p}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(r.info(p));
    };
    for (const r of this.repos) {
      for (const e of r.providers(capability)) if (rangesOverlap(e.flags, e.evr, flags, evr)) add(r, e.pkg);
      if (capability.startsWith('/')) {
        for (const p of r.fileOwners(capability)) add(r, p);
        const listed = this.fileLists.get(r);
        if (listed) for (const p of listed.owners(capability)) add(r, p);
      }
    }
    return out;
  }

  capabilityStatus(capability: string, flags = 0, evr = ''): CapabilityStatus {
    const providers = this.whatProvides(capability, flags, evr);
    if (providers.length) return { status: 'provided', providers };
    if (flags) {
      const any = this.whatProvides(capability);
      if (any.length) return { status: 'unsatisfied', providers: any };
    }
    if (capability.startsWith('/') && !primaryListsFile(capability) && !this.hasFileLists) return { status: 'not-checked' };
    return { status: 'unknown' };
  }

  /** Distinct names starting with `prefix`, sorted. */
  complete(prefix: string, kind: NameKind, limit = 100): string[] {
    const found = new Set<string>();
    for (const r of this.repos) {
      const names = r.sortedNames(kind);
      let lo = 0, hi = names.count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (names.at(mid) < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo, n = 0; i < names.count && n < limit; i++, n++) {
        const s = names.at(i);
        if (!s.startsWith(prefix)) break;
        found.add(s);
      }
    }
    return [...found].sort().slice(0, limit);
  }

  private *allNames(kind: NameKind): Generator<string> {
    for (const r of this.repos) {
      const names = r.sortedNames(kind);
      for (let i = 0; i < names.count; i++) yield names.at(i);
    }
  }

  /** Names holding the characters of `query` in order, best (earliest, tightest, shortest) first. */
  fuzzy(query: string, kind: NameKind, limit = 20): string[] {
    const scored = new Map<string, number>();
    for (const name of this.allNames(kind)) {
      let at = -1, first = -1, gaps = 0;
      for (const ch of query) {
        const next = name.indexOf(ch, at + 1);
        if (next < 0) {
          at = -2;
          break;
        }
        if (first < 0) first = next;
        else gaps += next - at - 1;
        at = next;
      }
      if (at === -2) continue;
      scored.set(name, first * 4 + gaps * 2 + name.length - query.length);
    }
    return [...scored].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([n]) => n);
  }

  /** The tables the package rules read first (the sorted names, the provides) of every repository's cache file, read in
   * the thread pool ahead of their first use (the server's warm-up when an index arrives, before prepareTables). */
  async readAhead(): Promise<void> {
    await Promise.all(this.repos.flatMap((r) => FIRST_READ.map((field) => r.data.lazy?.readAhead(field))));
  }

  /** Checks those tables a part per step (read at once where they were not read ahead): read and checked on first use
   * instead, the provides of 110,000 packages held the thread ~130 ms in the middle of a check. */
  *prepareTables(): Generator<string> {
    for (const r of this.repos) {
      for (const field of FIRST_READ) {
        const steps = r.data.lazy?.loading(field);
        if (steps) yield* stepsNamed(steps, `${field} of ${r.url}`);
      }
    }
  }

  /** Builds the did-you-mean indexes of every repository ahead of their first use, a part of one repository's names of
   * one kind a step (the server's warm-up when an index arrives: built by the first unknown name, each held the thread for tens
   * of milliseconds in the middle of a check). */
  *prepareDidYouMean(): Generator<string> {
    for (const r of this.repos) {
      for (const kind of ['source', 'binary'] as const) {
        yield* stepsNamed(r.neighboursBuilding(kind), `${kind} names of ${r.url}`);
        yield `${kind} names of ${r.url}`;
      }
    }
  }

  /** Known names within a small edit distance of `name`, nearest first (then by name). Each repository's
   * names are narrowed by length and characters held (nameNeighbours.ts) before any distance is computed. */
  didYouMean(name: string, kind: NameKind, limit = 3): string[] {
    const max = Math.min(3, Math.max(1, Math.floor(name.length / 4)));
    const found = new Map<string, number>();
    for (const r of this.repos) r.neighbours(kind).within(name, max, (candidate, d) => found.set(candidate, d));
    return [...found].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([n]) => n);
  }
}
