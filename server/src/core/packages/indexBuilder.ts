// Builds a RepoIndexData from a streamed primary.xml: interns strings as they arrive, appends packages and
// dependencies to growable typed arrays, then sorts the lookup orderings with counting sorts over string ids.
import { PKG_COLS, PkgCol, type DependencyTable, type RepoIndexData, type RepoIndexMeta } from './indexData';
import type { DependencyKind, PackageField, PrimarySink } from './primaryXml';
import { StringPoolBuilder, StringPool, grow } from './stringPool';

class U32Vec {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = v;
  }
  /** A view of the filled part: no copy, so finishing never holds two copies of a big table. */
  finish(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

class U8Vec {
  data = new Uint8Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = v;
  }
  finish(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

class DepVec {
  start = new U32Vec();
  name = new U32Vec();
  evr = new U32Vec();
  flags = new U8Vec();
  finish(): DependencyTable {
    this.start.push(this.name.length);
    return { start: this.start.finish(), name: this.name.finish(), evr: this.evr.finish(), flags: this.flags.finish() };
  }
}

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

/** Package numbers (or entry numbers) `0..keys.length` ordered by key, stable: a counting sort. */
export function orderByKey(keys: Uint32Array, keyCount: number): Uint32Array {
  const next = new Uint32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) {
    const k = (keys[i] as number) + 1;
    next[k] = (next[k] as number) + 1;
  }
  for (let k = 0; k < keyCount; k++) next[k + 1] = (next[k + 1] as number) + (next[k] as number);
  const out = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    const at = next[k] as number;
    out[at] = i;
    next[k] = at + 1;
  }
  return out;
}

export class RepoIndexBuilder implements PrimarySink {
  private readonly pool = new StringPoolBuilder();
  private readonly pkg = new U32Vec();
  private readonly provides = new DepVec();
  private readonly requires = new DepVec();
  private readonly fileStart = new U32Vec();
  private readonly fileName = new U32Vec();
  private row = new Uint32Array(PKG_COLS);
  private packages = 0;
  private readonly srcSuffixes = new Map<number, number>();

  beginPackage(): void {
    this.row.fill(0);
    this.provides.start.push(this.provides.name.length);
    this.requires.start.push(this.requires.name.length);
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
  }

  file(bytes: Uint8Array, start: number, end: number): void {
    this.fileName.push(this.pool.intern(bytes, start, end));
  }

  endPackage(): void {
    const arch = this.row[PkgCol.Arch] as number;
    const srpm = this.row[PkgCol.SourceRpm] as number;
    if (this.isSourceArch(arch) || srpm === 0) this.row[PkgCol.SourceName] = this.row[PkgCol.Name] as number;
    else {
      let src = this.srcSuffixes.get(srpm);
      if (src === undefined) {
        const text = this.pool.text(srpm);
        src = this.pool.internString(sourceNameOfRpm(text));
        this.srcSuffixes.set(srpm, src);
      }
      this.row[PkgCol.SourceName] = src;
    }
    for (let c = 0; c < PKG_COLS; c++) this.pkg.push(this.row[c] as number);
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

  finish(meta: Omit<RepoIndexMeta, 'packageCount'>): RepoIndexData {
    const strings = this.pool.finish();
    const S = strings.offsets.length - 1;
    const pkg = this.pkg.finish();
    const P = this.packages;
    const provides = this.provides.finish();
    const requires = this.requires.finish();
    this.fileStart.push(this.fileName.length);
    const fileName = this.fileName.finish();
    const column = (c: PkgCol): Uint32Array => {
      const out = new Uint32Array(P);
      for (let p = 0; p < P; p++) out[p] = pkg[p * PKG_COLS + c] as number;
      return out;
    };
    const names = column(PkgCol.Name);
    const pool = new StringPool(strings);
    const sortedDistinct = (ids: Iterable<number>): Uint32Array => {
      const list = [...new Set(ids)].map((id) => ({ id, s: pool.get(id) }));
      list.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
      return Uint32Array.from(list, (e) => e.id);
    };
    const binaryNames: number[] = [];
    const sourceNames: number[] = [];
    for (let p = 0; p < P; p++) {
      sourceNames.push(pkg[p * PKG_COLS + PkgCol.SourceName] as number);
      if (!this.isSourceArch(pkg[p * PKG_COLS + PkgCol.Arch] as number)) binaryNames.push(names[p] as number);
    }
    return {
      meta: { ...meta, packageCount: P },
      strings,
      pkg,
      provides,
      requires,
      fileStart: this.fileStart.finish(),
      fileName,
      pkgByName: orderByKey(names, S),
      provByName: orderByKey(provides.name, S),
      fileByName: orderByKey(fileName, S),
      pkgBySource: orderByKey(column(PkgCol.SourceName), S),
      binaryNamesSorted: sortedDistinct(binaryNames),
      sourceNamesSorted: sortedDistinct(sourceNames),
    };
  }
}
