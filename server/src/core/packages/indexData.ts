// The in-memory (and on-disk) shape of one repository's package index: a string pool and typed arrays, with
// the orderings queries need precomputed so loading parses no record.
import type { StringPoolData, U32Reader } from './stringPool';

/** Columns of `pkg`, one row of PKG_COLS string ids per package. */
export const enum PkgCol {
  Name = 0,
  Arch,
  Epoch,
  Version,
  Release,
  Summary,
  Url,
  SourceRpm,
  SourceName,
}
export const PKG_COLS = 9;

/** What the index says about where it came from. */
export interface RepoIndexMeta {
  /** The repository's base URL (or file:// URL) as configured. */
  url: string;
  /** repomd.xml's `<revision>`. */
  revision: string;
  /** The primary file's checksum as repomd declared it (`sha256:...`). */
  primaryChecksum: string;
  /** When the index was built, ms since the epoch. */
  syncedAt: number;
  packageCount: number;
}

/** A list of dependencies: entries `start[p]..start[p+1]` belong to package p. */
export interface DependencyTable {
  start: Uint32Array;
  name: Uint32Array;
  /** String id of `[epoch:]version[-release]`, 0 (the empty string) when unversioned. */
  evr: Uint32Array;
  /** DEP_* bits from primaryXml.ts. */
  flags: Uint8Array;
}

/** What an opened index found damaged as it read: a table that failed its check on first use (it then reads
 * as empty), a value out of bounds (it reads as a miss). Each kind once, in the order found. */
export class IndexDamage {
  readonly found: string[] = [];

  note(what: string): void {
    if (!this.found.includes(what)) this.found.push(what);
  }
}

export interface RepoIndexData {
  meta: RepoIndexMeta;
  strings: StringPoolData;
  /** PKG_COLS string ids per package. In memory, or paged in from an opened cache file (indexFile.ts), each
   * value checked as it is read (repoIndex.ts). */
  pkg: Uint32Array | U32Reader;
  provides: DependencyTable;
  requires: DependencyTable;
  fileStart: Uint32Array;
  fileName: Uint32Array;
  /** Package numbers ordered by name id; provide entries by name id; files by path id; packages by source name id. */
  pkgByName: Uint32Array | U32Reader;
  provByName: Uint32Array;
  fileByName: Uint32Array;
  pkgBySource: Uint32Array | U32Reader;
  /** Distinct binary (non-source) package names and source package names, as ids sorted by the names' text. */
  binaryNamesSorted: Uint32Array;
  sourceNamesSorted: Uint32Array;
  /** An opened cache file's record of damage met while reading (absent for an index built or read whole). */
  damage?: IndexDamage;
  /** An opened cache file's groups of sections read on first use (indexFile.ts), to be read and checked ahead of it. */
  lazy?: LazySections;
}

/** Ahead of a group's first use: its sections read without holding the thread, then checked a part per step. */
export interface LazySections {
  /** Reads the sections of the group holding `field` in the thread pool (nothing once read). */
  readAhead(field: keyof RepoIndexData): Promise<void>;
  /** Checks the group holding `field` (reading what was not read ahead), a part per step; nothing once loaded. */
  loading(field: keyof RepoIndexData): Generator<void>;
}
