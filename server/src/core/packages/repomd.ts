// Reads repodata/repomd.xml: the revision and, per metadata type, where the file is, its compressed and
// uncompressed size and checksums.
import { XmlScanner, type XmlHandler, type XmlTag, type XmlText } from './xmlScanner';

export interface Checksum {
  /** `sha256`, `sha512`, `sha1`, ... as repomd names it. */
  type: string;
  value: string;
}

export interface RepomdEntry {
  type: string;
  href: string;
  checksum: Checksum | undefined;
  openChecksum: Checksum | undefined;
  size: number | undefined;
  openSize: number | undefined;
}

export interface Repomd {
  revision: string;
  entries: Map<string, RepomdEntry>;
}

export class RepomdError extends Error {}

/** repomd.xml is small; anything bigger than this is refused. */
export const MAX_REPOMD_BYTES = 4 << 20;

class RepomdHandler implements XmlHandler {
  revision = '';
  readonly entries = new Map<string, RepomdEntry>();
  private current: RepomdEntry | undefined;
  private checksumType = '';

  open(tag: XmlTag): boolean {
    switch (tag.name) {
      case 'revision':
        return true;
      case 'data': {
        const i = tag.attrIndex('type');
        this.current = { type: i >= 0 ? tag.attrValue(i) : '', href: '', checksum: undefined, openChecksum: undefined, size: undefined, openSize: undefined };
        return false;
      }
      case 'location': {
        const i = tag.attrIndex('href');
        if (this.current && i >= 0) this.current.href = tag.attrValue(i);
        return false;
      }
      case 'checksum':
      case 'open-checksum': {
        const i = tag.attrIndex('type');
        this.checksumType = i >= 0 ? tag.attrValue(i) : '';
        return this.current !== undefined;
      }
      case 'size':
      case 'open-size':
        return this.current !== undefined;
      default:
        return false;
    }
  }

  close(name: string, captured: XmlText | undefined): void {
    const text = captured?.string();
    if (name === 'revision' && text !== undefined) this.revision = text.trim();
    const cur = this.current;
    if (!cur) return;
    if (name === 'data') {
      if (cur.type) this.entries.set(cur.type, cur);
      this.current = undefined;
    } else if (text !== undefined) {
      const t = text.trim();
      if (name === 'checksum') cur.checksum = { type: this.checksumType, value: t.toLowerCase() };
      else if (name === 'open-checksum') cur.openChecksum = { type: this.checksumType, value: t.toLowerCase() };
      else if (name === 'size' || name === 'open-size') {
        if (!/^\d{1,15}$/.test(t)) throw new RepomdError(`repomd.xml: <${name}> is not a number: '${t.slice(0, 40)}'`);
        if (name === 'size') cur.size = Number(t);
        else cur.openSize = Number(t);
      }
    }
  }
}

export function parseRepomd(bytes: Uint8Array): Repomd {
  if (bytes.length > MAX_REPOMD_BYTES) throw new RepomdError(`repomd.xml is larger than ${MAX_REPOMD_BYTES} bytes`);
  const handler = new RepomdHandler();
  const scanner = new XmlScanner(handler, { maxTokenBytes: MAX_REPOMD_BYTES });
  scanner.write(bytes);
  scanner.end();
  return { revision: handler.revision, entries: handler.entries };
}

/** The compression a metadata file uses, from its name. */
export type Compression = 'gzip' | 'zstd' | 'xz' | 'bzip2' | 'none';

export function compressionOf(href: string): Compression | undefined {
  if (/\.gz$/.test(href)) return 'gzip';
  if (/\.zst$/.test(href)) return 'zstd';
  if (/\.xz$/.test(href)) return 'xz';
  if (/\.bz2$/.test(href)) return 'bzip2';
  if (/\.xml$/.test(href)) return 'none';
  return undefined;
}
