// Builds a repository's index from a streamed primary.xml and writes it out: strings are interned as they
// arrive (the pool's bytes, offsets and hash table are the only tables that grow with the repository and stay in
// memory, in blocks, with the name columns the lookup orderings are sorted by); every other section is spilled
// as the parse goes (spill.ts) and copied into the index file at the end, after the orderings are computed with
// counting sorts over string ids.
import { ByteBlocks, U32Blocks } from './blocks';
import { PKG_COLS, PkgCol, type RepoIndexMeta } from './indexData';
import { indexHeader, pad4 } from './indexFormat';
import type { DependencyKind, PackageField, PrimarySink } from './primaryXml';
import { MemorySpillStore, SpilledSection, type SpillStore } from './spill';
import { StringPoolBuilder } from './stringPool';

/** Receives the index file's bytes in order (each chunk valid only during the call). */
export type IndexWriter = (bytes: Uint8Array) => void;

const FIELD_COL: Record<PackageField, PkgCol> = {
  name: PkgCol.Name,
  arch: PkgCol.Arch,
  epoch: PkgCol.Epoch,
  version: PkgCol.Version,
  release: PkgCol.Release,
  summary: PkgCol.Summary,
  url: PkgCol.Url,
  sourcerpm: PkgCol.SourceRpm,
};

/** The source package name in a source rpm file name: `glib2-2.84.1-1.fc43.src.rpm` -> `glib2`. */
export function sourceNameOfRpm(file: string): string {
  const base = file.replace(/\.(?:no)?src\.rpm$/, '');
  const rel = base.lastIndexOf('-');
  const ver = rel > 0 ? base.lastIndexOf('-', rel - 1) : -1;
  return ver > 0 ? base.slice(0, ver) : base;
}

/** Package numbers (or entry numbers) `0..keys.length` ordered by key, stable: a counting sort. `scratch`
 * (at least keyCount + 1 long) may be passed to reuse one counting table for several orderings. */
export function orderByKey(keys: Uint32Array | U32Blocks, keyCount: number, scratch?: Uint32Array): Uint32Array {
  const next = scratch ? scratch.fill(0, 0, keyCount + 1) : new Uint32Array(keyCount + 1);
  const chunks = keys instanceof U32Blocks ? [...keys.chunks()] : [keys];
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      const k = (c[i] as number) + 1;
      next[k] = (next[k] as number) + 1;
    }
  }
  for (let k = 0; k < keyCount; k++) next[k + 1] = (next[k + 1] as number) + (next[k] as number);
  const out = new Uint32Array(keys.length);
  let i = 0;
  for (const c of chunks) {
    for (let j = 0; j < c.length; j++, i++) {
      const k = c[j] as number;
      const at = next[k] as number;
      out[at] = i;
      next[k] = at + 1;
    }
  }
  return out;
}

class DepSections {
  readonly start: SpilledSection;
  readonly evr: SpilledSection;
  readonly flags: SpilledSection;
  /** Kept in memory when an ordering is sorted by it (provides), else spilled. */
  readonly name: U32Blocks | SpilledSection;
  count = 0;
  constructor(store: SpillStore, nameInMemory: boolean) {
    this.start = new SpilledSection(store, 'u32');
    this.evr = new SpilledSection(store, 'u32');
    this.flags = new SpilledSection(store, 'u8');
    this.name = nameInMemory ? new U32Blocks() : new SpilledSection(store, 'u32');
  }
}

function u32Bytes(a: Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export class RepoIndexBuilder implements PrimarySink {
  private readonly pool = new StringPoolBuilder();
  private readonly rows: SpilledSection;
  /** Name, source name and arch of each package: the orderings and name lists are computed from them. */
  private readonly names = new U32Blocks();
  private readonly sources = new U32Blocks();
  private readonly arches = new U32Blocks();
  private readonly provides: DepSections;
  private readonly requires: DepSections;
  private readonly fileStart: SpilledSection;
  private readonly fileName = new U32Blocks();
  private readonly row = new Uint32Array(PKG_COLS);
  private packages = 0;
  private readonly srcSuffixes = new Map<number, number>();

  /** `store` takes the spilled sections: memory by default, a temporary file for a repository sync. */
  constructor(store: SpillStore = new MemorySpillStore()) {
    this.rows = new SpilledSection(store, 'u32');
    this.provides = new DepSections(store, true);
    this.requires = new DepSections(store, false);
    this.fileStart = new SpilledSection(store, 'u32');
  }

  /** Sizes the string table for the declared package count up front, so that it is not re-hashed (and held
   * twice) as it grows: ~20 distinct strings a package at most on Fedora-like metadata (16 on the bench's). */
  declared(packages: number): void {
    this.pool.reserve(Math.min(packages, 1 << 20) * 20);
  }

  beginPackage(): void {
    this.row.fill(0);
    this.provides.start.push(this.provides.count);
    this.requires.start.push(this.requires.count);
    this.fileStart.push(this.fileName.length);
  }

  field(field: PackageField, bytes: Uint8Array, start: number, end: number): void {
    this.row[FIELD_COL[field]] = this.pool.intern(bytes, start, end);
  }

  dependency(kind: DependencyKind, name: Uint8Array, nameStart: number, nameEnd: number, flags: number, evr: Uint8Array, evrLength: number): void {
    const t = kind === 'provides' ? this.provides : this.requires;
    t.name.push(this.pool.intern(name, nameStart, nameEnd));
    t.evr.push(evrLength ? this.pool.intern(evr, 0, evrLength) : 0);
    t.flags.push(flags);
    t.count++;
  }

  file(bytes: Uint8Array, start: number, end: number): void {
    this.fileName.push(this.pool.intern(bytes, start, end));
  }

  endPackage(): void {
    const row = this.row;
    const arch = row[PkgCol.Arch] as number;
    const srpm = row[PkgCol.SourceRpm] as number;
    if (this.isSourceArch(arch) || srpm === 0) row[PkgCol.SourceName] = row[PkgCol.Name] as number;
    else {
      let src = this.srcSuffixes.get(srpm);
      if (src === undefined) {
        src = this.pool.internString(sourceNameOfRpm(this.pool.text(srpm)));
        this.srcSuffixes.set(srpm, src);
      }
      row[PkgCol.SourceName] = src;
    }
    for (let c = 0; c < PKG_COLS; c++) this.rows.push(row[c] as number);
    this.names.push(row[PkgCol.Name] as number);
    this.sources.push(row[PkgCol.SourceName] as number);
    this.arches.push(arch);
    this.packages++;
  }

  private readonly sourceArchIds = new Map<number, boolean>();
  private isSourceArch(arch: number): boolean {
    let v = this.sourceArchIds.get(arch);
    if (v === undefined) {
      const s = this.pool.text(arch);
      v = s === 'src' || s === 'nosrc';
      this.sourceArchIds.set(arch, v);
    }
    return v;
  }

  /** Distinct ids among `ids`, sorted by their text as JavaScript compares strings (what the queries search
   * by): byte by byte while both are ASCII, by the decoded strings past the first non-ASCII difference. No
   * string is made for an ASCII name, so sorting 100,000 names costs no heap. */
  private sortedDistinct(ids: U32Blocks, keep: (i: number) => boolean): Uint32Array {
    const seen = new Uint8Array(this.pool.size);
    const picked: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids.get(i);
      if (seen[id] || !keep(i)) continue;
      seen[id] = 1;
      picked.push(id);
    }
    const out = Uint32Array.from(picked);
    const pool = this.pool;
    out.sort((a, b) => pool.compare(a, b));
    return out;
  }

  /** Writes the whole index file through `write`, in the layout of indexFormat.ts; returns its metadata. */
  finish(meta: Omit<RepoIndexMeta, 'packageCount'>, write: IndexWriter): RepoIndexMeta {
    const P = this.packages;
    const fullMeta: RepoIndexMeta = { ...meta, packageCount: P };
    const binarySorted = this.sortedDistinct(this.names, (p) => !this.isSourceArch(this.arches.get(p)));
    const sourceSorted = this.sortedDistinct(this.sources, () => true);
    this.provides.start.push(this.provides.count);
    this.requires.start.push(this.requires.count);
    this.fileStart.push(this.fileName.length);

    const S = this.pool.size;
    const { bytes, offsets, table } = this.pool.sections();
    const section = (count: number, chunks: Iterable<Uint8Array>, byteLength: number): void => {
      const head = new Uint8Array(4);
      new DataView(head.buffer).setUint32(0, count, true);
      write(head);
      let written = 0;
      for (const c of chunks) {
        written += c.length;
        write(c);
      }
      if (written !== byteLength) throw new Error(`index section: wrote ${written} bytes of ${byteLength}`);
      const pad = pad4(byteLength);
      if (pad) write(new Uint8Array(pad));
    };
    const blocks = (b: U32Blocks | SpilledSection): void => {
      if (b instanceof U32Blocks) section(b.length, (function* () { for (const c of b.chunks()) yield u32Bytes(c); })(), b.length * 4);
      else section(b.count, b.chunks(), b.kind === 'u32' ? b.count * 4 : b.count);
    };
    const array = (a: Uint32Array): void => section(a.length, [u32Bytes(a)], a.byteLength);
    const deps = (t: DepSections): void => {
      blocks(t.start);
      blocks(t.name);
      blocks(t.evr);
      blocks(t.flags);
    };

    for (const h of indexHeader(fullMeta)) write(h);
    section(bytes.length, (bytes as ByteBlocks).chunks(), bytes.length);
    blocks(offsets);
    array(table);
    blocks(this.rows);
    deps(this.provides);
    deps(this.requires);
    blocks(this.fileStart);
    blocks(this.fileName);
    const scratch = new Uint32Array(S + 1);
    array(orderByKey(this.names, S, scratch));
    array(orderByKey(this.provides.name as U32Blocks, S, scratch));
    array(orderByKey(this.fileName, S, scratch));
    array(orderByKey(this.sources, S, scratch));
    array(binarySorted);
    array(sourceSorted);
    return fullMeta;
  }
}
