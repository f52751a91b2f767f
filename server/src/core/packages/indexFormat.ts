// The on-disk form of a RepoIndexData: a versioned header with JSON metadata, then typed-array sections
// stored as they sit in memory. Loading creates views over one buffer and checks every bound, parsing no record.
import { drain } from '../drain';
import type { DependencyTable, RepoIndexData, RepoIndexMeta } from './indexData';
import { PKG_COLS } from './indexData';

const MAGIC = 'DTPKGIX\n';
/** Bump on any change of layout: an older cache is then rebuilt. */
export const INDEX_FORMAT_VERSION = 3;

export class IndexFormatError extends Error {}

type Section = Uint8Array | Uint32Array;

function sections(d: RepoIndexData): Section[] {
  const { bytes, offsets, table } = d.strings;
  const { pkg, pkgByName, pkgBySource } = d;
  if (!(bytes instanceof Uint8Array) || !(offsets instanceof Uint32Array) || !(table instanceof Uint32Array)) throw new Error('encodeIndex needs the string pool in memory');
  if (!(pkg instanceof Uint32Array) || !(pkgByName instanceof Uint32Array) || !(pkgBySource instanceof Uint32Array)) throw new Error('encodeIndex needs the package tables in memory');
  const dep = (t: DependencyTable): Section[] => [t.start, t.name, t.evr, t.flags];
  return [
    bytes, offsets, table, pkg,
    ...dep(d.provides), ...dep(d.requires),
    d.fileStart, d.fileName, pkgByName, d.provByName, d.fileByName, pkgBySource,
    d.binaryNamesSorted, d.sourceNamesSorted,
  ];
}
export const SECTION_KINDS = 'buuuuuubuuubuuuuuuuu';
/** Sections an opened cache file pages in as lookups touch them (indexFile.ts), each value checked as it is read
 * (stringPool.ts, repoIndex.ts): the string bytes, offsets and hash table, the package rows, the name and source
 * orderings — all a lookup by name or by source needs, so opening reads none of them whole. Every other group of
 * sections (LAZY_GROUPS) is read whole and checked on first use. */
export const PAGED_SECTIONS = new Set([0, 1, 2, 3, 14, 17]);

export const pad4 = (n: number): number => (4 - (n % 4)) % 4;

/** The file's header: magic, format version and the metadata as JSON, padded to 4 bytes. */
export function indexHeader(meta: RepoIndexMeta): Buffer[] {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const head = Buffer.alloc(16);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  head.writeUInt32LE(json.length, 12);
  return [head, json, Buffer.alloc(pad4(json.length))];
}

/** The file's bytes, as a list of buffers to write in order. */
export function encodeIndex(d: RepoIndexData): Buffer[] {
  const out: Buffer[] = indexHeader(d.meta);
  for (const s of sections(d)) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(s.length, 0);
    out.push(len, Buffer.from(s.buffer, s.byteOffset, s.byteLength), Buffer.alloc(pad4(s.byteLength)));
  }
  return out;
}

/** Reads only the header: the metadata of a cache file, or an error when it is not a current index. */
export function decodeIndexMeta(buf: Buffer): RepoIndexMeta {
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) throw new IndexFormatError('not a package index file');
  const version = buf.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION) throw new IndexFormatError(`index format ${version}, expected ${INDEX_FORMAT_VERSION}`);
  const metaLen = buf.readUInt32LE(12);
  if (16 + metaLen > buf.length) throw new IndexFormatError('truncated index header');
  let meta: unknown;
  try {
    meta = JSON.parse(buf.toString('utf8', 16, 16 + metaLen));
  } catch {
    throw new IndexFormatError('unreadable index metadata');
  }
  const m = meta as Partial<RepoIndexMeta> | null;
  if (!m || typeof m.url !== 'string' || typeof m.revision !== 'string' || typeof m.primaryChecksum !== 'string' || typeof m.syncedAt !== 'number' || typeof m.packageCount !== 'number') {
    throw new IndexFormatError('incomplete index metadata');
  }
  return m as RepoIndexMeta;
}

/** Views over a cache file's bytes, with every offset and id checked so that no query can read out of bounds. */
export function decodeIndex(input: Buffer): RepoIndexData {
  const meta = decodeIndexMeta(input);
  const buf = input.byteOffset % 4 === 0 ? input : Buffer.from(input);
  const metaLen = buf.readUInt32LE(12);
  let pos = 16 + metaLen + pad4(metaLen);
  const secs: Section[] = [];
  for (const kind of SECTION_KINDS) {
    if (pos + 4 > buf.length) throw new IndexFormatError('truncated index');
    const count = buf.readUInt32LE(pos);
    pos += 4;
    const bytes = kind === 'u' ? count * 4 : count;
    if (pos + bytes > buf.length) throw new IndexFormatError('truncated index');
    secs.push(kind === 'u' ? new Uint32Array(buf.buffer, buf.byteOffset + pos, count) : new Uint8Array(buf.buffer, buf.byteOffset + pos, count));
    pos += bytes + pad4(bytes);
  }
  if (pos !== buf.length) throw new IndexFormatError('index has trailing bytes');
  const d = assembleIndex(meta, secs);
  validateIndex(d);
  return d;
}

/** A RepoIndexData over decoded sections, in SECTION_KINDS order. */
export function assembleIndex(meta: RepoIndexMeta, secs: readonly Section[]): RepoIndexData {
  const u = (i: number): Uint32Array => secs[i] as Uint32Array;
  const b = (i: number): Uint8Array => secs[i] as Uint8Array;
  const dep = (i: number): DependencyTable => ({ start: u(i), name: u(i + 1), evr: u(i + 2), flags: b(i + 3) });
  return {
    meta,
    strings: { bytes: b(0), offsets: u(1), table: u(2) },
    pkg: u(3),
    provides: dep(4),
    requires: dep(8),
    fileStart: u(12),
    fileName: u(13),
    pkgByName: u(14),
    provByName: u(15),
    fileByName: u(16),
    pkgBySource: u(17),
    binaryNamesSorted: u(18),
    sourceNamesSorted: u(19),
  };
}

export function check(ok: boolean, what: string): void {
  if (!ok) throw new IndexFormatError(`corrupt index: ${what}`);
}

/** Values checked per step of a check written in steps (a lazily read group checked ahead of its first use between
 * the server's turns: at 110,000 packages the provides' check held the thread ~60 ms at once). The loops are in plain
 * functions, called a step at a time: V8 optimises a loop inside a generator only as the generator is called again,
 * never while it runs (no on-stack replacement there), so a step of 65,536 values in the generator took ~25 ms; and
 * the first calls of the plain function run unoptimised too (a step of 65,536 values ~20 ms), so a step is 8,192. */
const VALUES_PER_STEP = 1 << 13;

/** Whether every value of `a[from..to)` is below `limit`. */
function belowIn(a: Uint32Array, from: number, to: number, limit: number): boolean {
  for (let i = from; i < to; i++) if ((a[i] as number) >= limit) return false;
  return true;
}

/** Whether `start[from..to]` never decreases. */
function ascendingIn(start: Uint32Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((start[i] as number) > (start[i + 1] as number)) return false;
  return true;
}

export function allBelow(a: Uint32Array, limit: number, what: string): void {
  drain(allBelowSteps(a, limit, what, Number.POSITIVE_INFINITY));
}

function* allBelowSteps(a: Uint32Array, limit: number, what: string, perStep = VALUES_PER_STEP): Generator<void> {
  for (let from = 0; from < a.length; from += perStep) {
    const to = Math.min(a.length, from + perStep);
    if (!belowIn(a, from, to, limit)) throw new IndexFormatError(`corrupt index: ${what}`);
    if (to < a.length) yield;
  }
}

export function monotonic(start: Uint32Array, count: number, end: number, what: string): void {
  drain(monotonicSteps(start, count, end, what, Number.POSITIVE_INFINITY));
}

function* monotonicSteps(start: Uint32Array, count: number, end: number, what: string, perStep = VALUES_PER_STEP): Generator<void> {
  check(start.length === count + 1 && start[0] === 0 && start[count] === end, what);
  for (let from = 0; from < count; from += perStep) {
    const to = Math.min(count, from + perStep);
    if (!ascendingIn(start, from, to)) throw new IndexFormatError(`corrupt index: ${what}`);
    if (to < count) yield;
  }
}

/** Sections read together on first use, with the fields they fill and the check they must pass, written in steps
 * (`validate` runs them at once). */
export interface LazyGroup {
  sections: readonly number[];
  fields: readonly (keyof RepoIndexData)[];
  validating(d: RepoIndexData, P: number, S: number): Generator<void>;
}

export const LAZY_GROUPS: readonly LazyGroup[] = [
  {
    sections: [4, 5, 6, 7, 15],
    fields: ['provides', 'provByName'],
    *validating(d, P, S) {
      yield* validatingDependencies(d.provides, P, S);
      check(d.provByName.length === d.provides.name.length, 'provide ordering');
      yield* allBelowSteps(d.provByName, d.provides.name.length, 'provide ordering');
    },
  },
  { sections: [8, 9, 10, 11], fields: ['requires'], validating: (d, P, S) => validatingDependencies(d.requires, P, S) },
  {
    sections: [12, 13, 16],
    fields: ['fileStart', 'fileName', 'fileByName'],
    *validating(d, P, S) {
      yield* monotonicSteps(d.fileStart, P, d.fileName.length, 'file ranges');
      yield* allBelowSteps(d.fileName, S, 'file names');
      check(d.fileByName.length === d.fileName.length, 'file ordering');
      yield* allBelowSteps(d.fileByName, d.fileName.length, 'file ordering');
    },
  },
  {
    sections: [18, 19],
    fields: ['binaryNamesSorted', 'sourceNamesSorted'],
    *validating(d, P, S) {
      yield* allBelowSteps(d.binaryNamesSorted, S, 'name list');
      yield* allBelowSteps(d.sourceNamesSorted, S, 'source name list');
    },
  },
];

/** Checks the paged sections: their sizes, and (in memory) every value. Values paged in from a cache file are
 * checked as they are read (stringPool.ts, repoIndex.ts); here only the first and last string offsets. */
export function validatePaged(d: RepoIndexData): void {
  const { bytes, offsets, table } = d.strings;
  const S = offsets.length - 1;
  check(S >= 1, 'empty string pool');
  check(table.length > S, 'string table size');
  if (offsets instanceof Uint32Array) monotonic(offsets, S, bytes.length, 'string offsets');
  else check(offsets.get(0) === 0 && offsets.get(S) === bytes.length, 'string offsets');
  if (table instanceof Uint32Array) allBelow(table, S + 1, 'string table');
  check(d.pkg.length % PKG_COLS === 0, 'package table');
  const P = d.pkg.length / PKG_COLS;
  check(P === d.meta.packageCount, 'package count');
  check(d.pkgByName.length === P && d.pkgBySource.length === P, 'package orderings');
  if (d.pkg instanceof Uint32Array) allBelow(d.pkg, S, 'package strings');
  if (d.pkgByName instanceof Uint32Array) allBelow(d.pkgByName, P, 'package ordering');
  if (d.pkgBySource instanceof Uint32Array) allBelow(d.pkgBySource, P, 'source ordering');
}

/** Checks every bound. */
export function validateIndex(d: RepoIndexData): void {
  validatePaged(d);
  const S = d.strings.offsets.length - 1;
  const P = d.pkg.length / PKG_COLS;
  for (const g of LAZY_GROUPS) drain(g.validating(d, P, S));
}

function* validatingDependencies(t: DependencyTable, P: number, S: number): Generator<void> {
  yield* monotonicSteps(t.start, P, t.name.length, 'dependency ranges');
  check(t.evr.length === t.name.length && t.flags.length === t.name.length, 'dependency columns');
  yield* allBelowSteps(t.name, S, 'dependency names');
  yield* allBelowSteps(t.evr, S, 'dependency versions');
}
