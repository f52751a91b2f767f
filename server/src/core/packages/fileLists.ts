// One repository's `filelists` metadata, kept beside its primary index when a setting or flag asks for it:
// primary lists only files under /etc/, paths holding `bin/` and /usr/lib/sendmail, so any other file
// dependency is answerable only from filelists. Every path is kept as a 42-bit hash joined with the row of the
// package owning it in the primary index (22 bits), in one sorted BigUint64Array: 8 bytes a file, no strings,
// a lookup is a binary search. The file records the primary checksum it was resolved against; with another
// primary loaded, it is not used (its rows would name other packages).
import * as crypto from 'node:crypto';
import type { RepoIndex } from './repoIndex';
import { XmlScanner, type XmlHandler, type XmlLimits, type XmlTag, type XmlText } from './xmlScanner';

export class FileListFormatError extends Error {}

const MAGIC = 'DTFL0001';
const ROW_BITS = 22;
const ROW_MASK = (1 << ROW_BITS) - 1;
export const MAX_FILELIST_ROWS = ROW_MASK + 1;

export interface FileListMeta {
  url: string;
  /** The primary index's checksum (`sha256:...`) the package rows refer to. */
  primaryChecksum: string;
  /** repomd's checksum of the filelists file it was built from. */
  filelistsChecksum: string;
  fileCount: number;
  /** sha256 of the key bytes, checked on load. */
  keysSha256: string;
}

/** Two independent 32-bit hashes of the path (FNV-1a and a multiplicative one) → the 42 hash bits of a key. */
function pathHash(path: string): { hi: number; lo: number } {
  let h1 = 0x811c9dc5, h2 = 0x9747b28c;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return { hi: h1 >>> 0, lo: (h2 & ~ROW_MASK) >>> 0 };
}

function keyOf(hi: number, lo: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** The sorted keys of a repository's files and the owners they name. */
export class FileListIndex {
  constructor(readonly meta: FileListMeta, private readonly keys: BigUint64Array) {}

  get fileCount(): number {
    return this.keys.length;
  }

  /** Rows (in the primary index) of the packages whose file list holds `path`. */
  owners(path: string): number[] {
    const { hi, lo } = pathHash(path);
    const first = keyOf(hi, lo);
    const last = first | BigInt(ROW_MASK);
    const keys = this.keys;
    let a = 0, b = keys.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((keys[mid] as bigint) < first) a = mid + 1;
      else b = mid;
    }
    const out: number[] = [];
    for (let i = a; i < keys.length && (keys[i] as bigint) <= last; i++) out.push(Number((keys[i] as bigint) & BigInt(ROW_MASK)));
    return out;
  }

  /** The index file's bytes: magic, meta length, meta JSON, padding to 8 bytes, keys. */
  encode(): Uint8Array[] {
    const meta = Buffer.from(JSON.stringify(this.meta), 'utf8');
    const head = Buffer.alloc(12 + meta.length + ((8 - ((12 + meta.length) % 8)) % 8));
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(meta.length, 8);
    meta.copy(head, 12);
    return [head, new Uint8Array(this.keys.buffer, this.keys.byteOffset, this.keys.byteLength)];
  }

  static decode(bytes: Uint8Array): FileListIndex {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) throw new FileListFormatError('not a file-list index of this version');
    const metaLength = buf.readUInt32LE(8);
    if (12 + metaLength > buf.length) throw new FileListFormatError('file-list index cut short');
    let meta: FileListMeta;
    try {
      meta = JSON.parse(buf.toString('utf8', 12, 12 + metaLength)) as FileListMeta;
    } catch {
      throw new FileListFormatError('file-list index header unreadable');
    }
    const start = 12 + metaLength + ((8 - ((12 + metaLength) % 8)) % 8);
    if (typeof meta.fileCount !== 'number' || buf.length - start !== meta.fileCount * 8) throw new FileListFormatError(`file-list index holds ${buf.length - start} key bytes, its header says ${meta.fileCount} files`);
    const body = buf.subarray(start);
    if (crypto.createHash('sha256').update(body).digest('hex') !== meta.keysSha256) throw new FileListFormatError('file-list index damaged (checksum mismatch)');
    // BigUint64Array needs 8-byte alignment: copy when the read buffer does not give it.
    const keys = (buf.byteOffset + start) % 8 === 0
      ? new BigUint64Array(buf.buffer, buf.byteOffset + start, meta.fileCount)
      : new BigUint64Array(new Uint8Array(body).buffer, 0, meta.fileCount);
    return new FileListIndex(meta, keys);
  }
}

/** Collects keys from filelists.xml, resolving each package to its row in `primary` by name, arch and EVR. */
class FileListHandler implements XmlHandler {
  keys = new BigUint64Array(1 << 16);
  count = 0;
  packages = 0;
  declared: number | undefined;
  /** Packages filelists names that primary does not hold (their files are left out). */
  unmatched = 0;
  private name = '';
  private arch = '';
  private row = -1;
  private inPackage = false;

  constructor(private readonly primary: RepoIndex) {}

  open(tag: XmlTag): boolean {
    switch (tag.name) {
      case 'filelists': {
        const i = tag.attrIndex('packages');
        if (i >= 0) this.declared = Number(tag.attrValue(i));
        return false;
      }
      case 'package': {
        if (this.inPackage) throw new FileListFormatError('<package> inside <package>');
        this.inPackage = true;
        this.packages++;
        const n = tag.attrIndex('name'), a = tag.attrIndex('arch');
        this.name = n >= 0 ? tag.attrValue(n) : '';
        this.arch = a >= 0 ? tag.attrValue(a) : '';
        this.row = -1;
        return false;
      }
      case 'version': {
        if (!this.inPackage) return false;
        const attr = (k: string): string => {
          const i = tag.attrIndex(k);
          return i >= 0 ? tag.attrValue(i) : '';
        };
        this.row = this.resolve(attr('epoch'), attr('ver'), attr('rel'));
        if (this.row < 0) this.unmatched++;
        return false;
      }
      case 'file':
        return this.inPackage && this.row >= 0;
      default:
        return false;
    }
  }

  close(name: string, text: XmlText | undefined): void {
    if (name === 'package') this.inPackage = false;
    else if (name === 'file' && text !== undefined && this.row >= 0) this.add(text.string(), this.row);
  }

  private resolve(epoch: string, version: string, release: string): number {
    const e = epoch || '0';
    for (const p of this.primary.packagesNamed(this.name)) {
      const i = this.primary.info(p);
      if (i.arch === this.arch && (i.epoch || '0') === e && i.version === version && i.release === release) return p;
    }
    return -1;
  }

  private add(path: string, row: number): void {
    if (row > ROW_MASK) throw new FileListFormatError(`more than ${MAX_FILELIST_ROWS} packages`);
    if (this.count === this.keys.length) {
      const grown = new BigUint64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    const { hi, lo } = pathHash(path);
    this.keys[this.count++] = keyOf(hi, (lo | row) >>> 0);
  }
}

/** Builds the file-list index of a filelists.xml stream against the repository's primary index. */
export async function buildFileListIndex(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  primary: RepoIndex,
  meta: Omit<FileListMeta, 'fileCount' | 'keysSha256'>,
  limits: Partial<XmlLimits> = {},
): Promise<{ index: FileListIndex; unmatched: number }> {
  const handler = new FileListHandler(primary);
  const scanner = new XmlScanner(handler, limits);
  for await (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  if (handler.declared !== undefined && handler.declared !== handler.packages) {
    throw new FileListFormatError(`filelists declares ${handler.declared} packages but holds ${handler.packages}`);
  }
  const keys = handler.keys.slice(0, handler.count).sort();
  const keysSha256 = crypto.createHash('sha256').update(new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength)).digest('hex');
  return { index: new FileListIndex({ ...meta, fileCount: keys.length, keysSha256 }, keys), unmatched: handler.unmatched };
}
