// Reads a repository's primary.xml (streamed, chunk by chunk) into a sink: per package its name, arch, EVR,
// summary, url, source rpm, provides, requires and the file entries primary lists.
import { XmlScanner, XmlError, type XmlHandler, type XmlLimits, type XmlTag, type XmlText } from './xmlScanner';

export type PackageField = 'name' | 'arch' | 'epoch' | 'version' | 'release' | 'summary' | 'url' | 'sourcerpm';

/** Dependency kinds primary lists; the index keeps provides and requires. */
export type DependencyKind = 'provides' | 'requires';

import { DEP_EQUAL, DEP_GREATER, DEP_LESS, DEP_PRE } from './depFlags';

/** rpm's comparison flags as primary spells them (`flags="GE"`), packed (depFlags.ts). */
export { DEP_EQUAL, DEP_GREATER, DEP_LESS, DEP_PRE };

const FLAG_BITS: Record<string, number> = { LT: DEP_LESS, GT: DEP_GREATER, EQ: DEP_EQUAL, LE: DEP_LESS | DEP_EQUAL, GE: DEP_GREATER | DEP_EQUAL };
/** The same, keyed by the two bytes of the flag as a number, so no string is made per entry. */
const FLAG_CODES = new Map(Object.entries(FLAG_BITS).map(([k, v]) => [k.charCodeAt(0) * 256 + k.charCodeAt(1), v]));

/** Where a parsed package goes. String values arrive as UTF-8 byte ranges, valid only during the call. */
export interface PrimarySink {
  /** The package count `<metadata packages="N">` declares, before the first package (a hint: it is checked
   * against the packages read only at the end). */
  declared?(packages: number): void;
  beginPackage(): void;
  field(field: PackageField, bytes: Uint8Array, start: number, end: number): void;
  /** `evr[0..evrLength]` is `[epoch:]version[-release]` as UTF-8, empty when unversioned. */
  dependency(kind: DependencyKind, name: Uint8Array, nameStart: number, nameEnd: number, flags: number, evr: Uint8Array, evrLength: number): void;
  file(bytes: Uint8Array, start: number, end: number): void;
  endPackage(): void;
}

export class PrimaryFormatError extends Error {}

const TEXT_FIELDS: Record<string, PackageField> = { name: 'name', arch: 'arch', summary: 'summary', url: 'url', 'rpm:sourcerpm': 'sourcerpm' };

class PrimaryHandler implements XmlHandler {
  private inPackage = false;
  private depKind: DependencyKind | undefined;
  private depth = 0;
  private packageDepth = 0;
  packages = 0;
  declaredPackages: number | undefined;

  constructor(private readonly sink: PrimarySink) {}

  open(tag: XmlTag): boolean {
    this.depth++;
    const name = tag.name;
    if (!this.inPackage) {
      if (name === 'package') {
        this.inPackage = true;
        this.packageDepth = this.depth;
        this.sink.beginPackage();
      } else if (name === 'metadata') {
        const i = tag.attrIndex('packages');
        if (i >= 0) {
          this.declaredPackages = Number(tag.attrValue(i));
          if (Number.isSafeInteger(this.declaredPackages) && this.declaredPackages > 0) this.sink.declared?.(this.declaredPackages);
        }
      }
      return false;
    }
    if (name === 'rpm:entry') {
      if (this.depKind) this.entry(tag, this.depKind);
      return false;
    }
    if (name === 'rpm:provides') this.depKind = 'provides';
    else if (name === 'rpm:requires') this.depKind = 'requires';
    else if (name === 'version') this.version(tag);
    else if (name === 'file') return this.depth === this.packageDepth + 2;
    else if (this.depth === this.packageDepth + 1 || name === 'rpm:sourcerpm') return TEXT_FIELDS[name] !== undefined;
    return false;
  }

  close(name: string, text: XmlText | undefined): void {
    this.depth--;
    if (!this.inPackage) return;
    if (name === 'package' && this.depth === this.packageDepth - 1) {
      this.inPackage = false;
      this.depKind = undefined;
      this.packages++;
      this.sink.endPackage();
      return;
    }
    if (name === 'rpm:provides' || name === 'rpm:requires') this.depKind = undefined;
    if (text === undefined) return;
    if (name === 'file') this.sink.file(text.bytes, text.start, text.end);
    else {
      const field = TEXT_FIELDS[name];
      if (field) this.sink.field(field, text.bytes, text.start, text.end);
    }
  }

  private version(tag: XmlTag): void {
    for (let i = 0; i < tag.attrCount; i++) {
      const a = tag.attrName(i);
      const field: PackageField | undefined = a === 'epoch' ? 'epoch' : a === 'ver' ? 'version' : a === 'rel' ? 'release' : undefined;
      if (field) tag.attrBytes(i, (b, s, e) => this.sink.field(field, b, s, e));
    }
  }

  private evr = new Uint8Array(256);
  private evrLength = 0;

  /** Appends the current attribute value (tag.valueBytes range) to the EVR being composed. */
  private appendEvr(tag: XmlTag, prefix: number): void {
    const len = tag.valueEnd - tag.valueStart;
    if (this.evrLength + len + 1 > this.evr.length) {
      if (len > 1 << 16) throw new PrimaryFormatError('a dependency version longer than 64 KiB');
      const grown = new Uint8Array((this.evrLength + len + 1) * 2);
      grown.set(this.evr.subarray(0, this.evrLength));
      this.evr = grown;
    }
    if (prefix) this.evr[this.evrLength++] = prefix;
    this.evr.set(tag.valueBytes.subarray(tag.valueStart, tag.valueEnd), this.evrLength);
    this.evrLength += len;
  }

  private entry(tag: XmlTag, kind: DependencyKind): void {
    let nameIdx = -1, flags = 0, epochIdx = -1, verIdx = -1, relIdx = -1;
    for (let i = 0; i < tag.attrCount; i++) {
      const a = tag.attrName(i);
      if (a === 'name') nameIdx = i;
      else if (a === 'flags') {
        tag.attrRange(i);
        const f = tag.valueEnd - tag.valueStart === 2 ? FLAG_CODES.get((tag.valueBytes[tag.valueStart] as number) * 256 + (tag.valueBytes[tag.valueStart + 1] as number)) : undefined;
        if (f === undefined) throw new PrimaryFormatError(`unknown dependency flags '${tag.attrValue(i)}'`);
        flags |= f;
      } else if (a === 'epoch') epochIdx = i;
      else if (a === 'ver') verIdx = i;
      else if (a === 'rel') relIdx = i;
      else if (a === 'pre') {
        tag.attrRange(i);
        if (!(tag.valueEnd - tag.valueStart === 1 && tag.valueBytes[tag.valueStart] === 0x30)) flags |= DEP_PRE;
      }
    }
    if (nameIdx < 0) throw new PrimaryFormatError('a dependency entry without a name');
    this.evrLength = 0;
    if (verIdx >= 0) {
      if (epochIdx >= 0) {
        tag.attrRange(epochIdx);
        const len = tag.valueEnd - tag.valueStart;
        if (len > 0 && !(len === 1 && tag.valueBytes[tag.valueStart] === 0x30)) {
          this.appendEvr(tag, 0);
          this.evr[this.evrLength++] = 0x3a;
        }
      }
      tag.attrRange(verIdx);
      if (tag.valueEnd > tag.valueStart) {
        this.appendEvr(tag, 0);
        if (relIdx >= 0) {
          tag.attrRange(relIdx);
          if (tag.valueEnd > tag.valueStart) this.appendEvr(tag, 0x2d);
        }
      } else this.evrLength = 0;
    }
    tag.attrRange(nameIdx);
    this.sink.dependency(kind, tag.valueBytes, tag.valueStart, tag.valueEnd, flags, this.evr, this.evrLength);
  }
}

/** A streaming primary.xml reader: `write` each decompressed chunk, then `end`. */
export class PrimaryXmlReader {
  private readonly handler: PrimaryHandler;
  private readonly scanner: XmlScanner;

  constructor(sink: PrimarySink, limits: Partial<XmlLimits> = {}) {
    this.handler = new PrimaryHandler(sink);
    this.scanner = new XmlScanner(this.handler, limits);
  }

  write(chunk: Uint8Array): void {
    this.scanner.write(chunk);
  }

  /** Finishes the document and returns how many packages it held. */
  end(): number {
    this.scanner.end();
    const declared = this.handler.declaredPackages;
    if (declared !== undefined && declared !== this.handler.packages) {
      throw new PrimaryFormatError(`primary declares ${declared} packages but holds ${this.handler.packages}`);
    }
    return this.handler.packages;
  }
}

export { XmlError };
