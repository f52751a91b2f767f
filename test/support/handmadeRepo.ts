// Repositories written by hand for the failure tests: a given primary.xml (hostile, huge, broken) compressed
// as asked, with a repomd.xml whose checksums and sizes are right unless the test tampers with them.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export interface HandmadeOptions {
  compression?: 'gz' | 'zst' | 'none';
  revision?: string;
  /** Declare this open-size instead of the true one; null leaves it out. */
  openSize?: number | null;
  /** Declare this checksum instead of the true one. */
  checksum?: string;
  /** Declare this size instead of the true one. */
  size?: number;
}

const sha256 = (b: Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex');

export function writeHandmadeRepo(dir: string, primaryXml: string | Buffer, opts: HandmadeOptions = {}): void {
  const xml = Buffer.isBuffer(primaryXml) ? primaryXml : Buffer.from(primaryXml, 'utf8');
  const c = opts.compression ?? 'gz';
  const data = c === 'gz' ? zlib.gzipSync(xml) : c === 'zst' ? execFileSync('zstd', ['-q', '-c', '-3'], { input: xml, maxBuffer: 1 << 30 }) : xml;
  fs.rmSync(path.join(dir, 'repodata'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'repodata'), { recursive: true });
  const href = `repodata/${sha256(data)}-primary.xml${c === 'none' ? '' : '.' + c}`;
  fs.writeFileSync(path.join(dir, href), data);
  const openSize = opts.openSize === undefined ? xml.length : opts.openSize;
  fs.writeFileSync(path.join(dir, 'repodata', 'repomd.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
  <revision>${opts.revision ?? '1'}</revision>
  <data type="primary">
    <checksum type="sha256">${opts.checksum ?? sha256(data)}</checksum>
    ${c === 'none' ? '' : `<open-checksum type="sha256">${sha256(xml)}</open-checksum>`}
    <location href="${href}"/>
    <size>${opts.size ?? data.length}</size>
    ${openSize === null ? '' : `<open-size>${openSize}</open-size>`}
  </data>
</repomd>
`);
}

/** A valid primary.xml with `count` packages named `pkgN`, each providing `capN`. */
export function primaryXmlOf(count: number, prefix = 'pkg'): string {
  const pkgs: string[] = [];
  for (let i = 0; i < count; i++) {
    pkgs.push(`<package type="rpm"><name>${prefix}${i}</name><arch>x86_64</arch><version epoch="0" ver="1.${i}" rel="1"/><summary>Package ${i}</summary><url>https://example.org</url><format><rpm:sourcerpm>${prefix}${i}-1.${i}-1.src.rpm</rpm:sourcerpm><rpm:provides><rpm:entry name="cap${i}" flags="EQ" epoch="0" ver="1.${i}" rel="1"/></rpm:provides><file>/usr/bin/${prefix}${i}</file></format></package>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${count}">\n${pkgs.join('\n')}\n</metadata>\n`;
}
