// A streaming XML scanner over bytes for untrusted repository metadata: it expands no entities beyond XML's
// five predefined ones and character references, refuses DOCTYPE, and bounds token size and nesting depth.

export class XmlError extends Error {}

export interface XmlLimits {
  /** Longest single tag, comment or captured text, in bytes. */
  maxTokenBytes: number;
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxTokenBytes: 1 << 20, maxDepth: 32 };

/** The tag being reported: its name and attributes, valid only during the callback. */
export interface XmlTag {
  readonly name: string;
  readonly attrCount: number;
  attrName(i: number): string;
  /** Index of the attribute called `name`, or -1. */
  attrIndex(name: string): number;
  attrValue(i: number): string;
  /** Calls `sink` with the attribute's value as UTF-8 bytes (entities already decoded). */
  attrBytes<T>(i: number, sink: (bytes: Uint8Array, start: number, end: number) => T): T;
  /** Points `valueBytes[valueStart..valueEnd]` at the attribute's value (entities decoded), without a callback. */
  attrRange(i: number): void;
  readonly valueBytes: Uint8Array;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** An element's text content (entities decoded): `bytes[start..end]` as UTF-8, valid only during `close`. */
export interface XmlText {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** The same text as a string. */
  string(): string;
}

export interface XmlHandler {
  /** An element starts; returning true asks for its text content in `close`. */
  open(tag: XmlTag): boolean;
  /** An element ends; `text` is its text when `open` asked for it. */
  close(name: string, text: XmlText | undefined): void;
}

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QMARK = 0x3f, EQ = 0x3d, AMP = 0x26;
const QUOT = 0x22, APOS = 0x27;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
}

function isNameByte(b: number): boolean {
  return !isSpace(b) && b !== GT && b !== SLASH && b !== EQ && b !== LT && b !== QUOT && b !== APOS;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; any other entity is an error. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([^;&]{0,12});|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`bare '&' in XML text`);
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (m) {
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2] as string, 10);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new XmlError(`invalid character reference '${whole}'`);
      return String.fromCodePoint(cp);
    }
    throw new XmlError(`entity '${whole}' is not expanded (only XML's predefined entities are allowed)`);
  });
}

const NAME_CACHE_SIZE = 256;

/** How much of a new chunk is joined to the unfinished token the last one ended in: the token usually ends within
 * it, and the rest of the chunk is scanned where it is (joining the whole chunk would copy every byte once more). */
const JOIN_HEAD_BYTES = 1 << 16;

/** Distances shorter than this are searched by a loop here: a call into Buffer's indexOf costs more. */
const SHORT_SEARCH = 64;

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Whether `buf[start..end]` holds `byte`. */
function hasByte(buf: Buffer, byte: number, start: number, end: number): boolean {
  if (end - start > SHORT_SEARCH) {
    const at = buf.indexOf(byte, start);
    return at >= 0 && at < end;
  }
  for (let i = start; i < end; i++) if (buf[i] === byte) return true;
  return false;
}

/** The first `byte` at or after `from` in `buf`, or -1. */
function find(buf: Buffer, byte: number, from: number): number {
  const stop = Math.min(buf.length, from + SHORT_SEARCH);
  for (let i = from; i < stop; i++) if (buf[i] === byte) return i;
  return stop === buf.length ? -1 : buf.indexOf(byte, stop);
}

/** The text handed to `close`, one object reused for every element. */
class CapturedText implements XmlText {
  bytes: Uint8Array = new Uint8Array(0);
  start = 0;
  end = 0;

  set(bytes: Uint8Array, start: number, end: number): this {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    return this;
  }

  string(): string {
    return asBuffer(this.bytes).toString('utf8', this.start, this.end);
  }
}

export class XmlScanner implements XmlTag {
  /** The unfinished token the last chunk ended in. */
  private buf: Buffer = Buffer.alloc(0);
  private readonly stack: string[] = [];
  private capturing = -1; // depth whose text is captured, or -1
  /** Captured text so far: copied parts, and a range of the buffer being scanned not copied yet. */
  private readonly textParts: Buffer[] = [];
  private textBytes = 0;
  private pendingBuf: Buffer | undefined;
  private pendingStart = 0;
  private pendingEnd = 0;
  private sawRoot = false;
  private done = false;
  // Current tag
  name = '';
  attrCount = 0;
  private tagBuf: Buffer = this.buf;
  private readonly attrNames: string[] = [];
  private readonly valStart: number[] = [];
  private readonly valEnd: number[] = [];
  /** Whether the value has an '&' (an entity to decode). */
  private readonly valAmp: boolean[] = [];
  private readonly nameCache: (string | undefined)[] = new Array(NAME_CACHE_SIZE);
  private readonly limits: XmlLimits;
  private readonly captured = new CapturedText();

  constructor(private readonly handler: XmlHandler, limits: Partial<XmlLimits> = {}) {
    this.limits = { ...DEFAULT_XML_LIMITS, ...limits };
  }

  attrName(i: number): string {
    return this.attrNames[i] as string;
  }

  attrIndex(name: string): number {
    for (let i = 0; i < this.attrCount; i++) if (this.attrNames[i] === name) return i;
    return -1;
  }

  attrValue(i: number): string {
    const raw = this.tagBuf.toString('utf8', this.valStart[i], this.valEnd[i]);
    return this.valAmp[i] ? decodeEntities(raw) : raw;
  }

  valueBytes: Uint8Array = this.buf;
  valueStart = 0;
  valueEnd = 0;

  attrRange(i: number): void {
    if (!this.valAmp[i]) {
      this.valueBytes = this.tagBuf;
      this.valueStart = this.valStart[i] as number;
      this.valueEnd = this.valEnd[i] as number;
      return;
    }
    const decoded = Buffer.from(this.attrValue(i), 'utf8');
    this.valueBytes = decoded;
    this.valueStart = 0;
    this.valueEnd = decoded.length;
  }

  attrBytes<T>(i: number, sink: (bytes: Uint8Array, start: number, end: number) => T): T {
    this.attrRange(i);
    return sink(this.valueBytes, this.valueStart, this.valueEnd);
  }

  /** Feeds the next chunk of the document. */
  write(chunk: Uint8Array): void {
    if (this.done) throw new XmlError('data after the end of the XML document');
    const incoming = asBuffer(chunk);
    let rest = incoming;
    let from = 0;
    const left = this.buf;
    if (left.length) {
      const head = Math.min(incoming.length, JOIN_HEAD_BYTES);
      const joined = Buffer.concat([left, incoming.subarray(0, head)]);
      const consumed = this.scan(joined, 0);
      if (consumed >= left.length) from = consumed - left.length;
      else if (head === incoming.length) {
        rest = joined;
        from = consumed;
      } else {
        // A token longer than the head: join it all.
        rest = Buffer.concat([joined.subarray(consumed), incoming.subarray(head)]);
        from = 0;
      }
    }
    const consumed = from < rest.length ? this.scan(rest, from) : rest.length;
    this.buf = consumed < rest.length ? Buffer.from(rest.subarray(consumed)) : Buffer.alloc(0);
    if (this.buf.length > this.limits.maxTokenBytes) throw new XmlError(`an XML token is longer than ${this.limits.maxTokenBytes} bytes`);
  }

  /** Ends the document: anything unfinished is an error (a truncated file). */
  end(): void {
    for (let i = 0; i < this.buf.length; i++) {
      if (!isSpace(this.buf[i] as number)) throw new XmlError('truncated XML: the document ends inside a tag');
    }
    if (this.stack.length) throw new XmlError(`truncated XML: <${this.stack[this.stack.length - 1]}> is never closed`);
    if (!this.sawRoot) throw new XmlError('empty XML document');
    this.done = true;
  }

  /** Scans `buf` from `pos` and returns where the unfinished token at its end starts (its length if none). */
  private scan(buf: Buffer, pos: number): number {
    const n = buf.length;
    try {
      while (pos < n) {
        const lt = find(buf, LT, pos);
        const textEnd = lt < 0 ? n : lt;
        if (textEnd > pos) this.text(buf, pos, textEnd);
        if (lt < 0) return n;
        pos = lt;
        if (pos + 1 >= n) return pos;
        const b1 = buf[pos + 1] as number;
        let next: number;
        if (b1 === BANG) next = this.markup(buf, pos);
        else if (b1 === QMARK) next = this.skipUntil(buf, pos, '?>');
        else if (b1 === SLASH) next = this.endTag(buf, pos);
        else next = this.startTag(buf, pos);
        if (next < 0) return pos;
        pos = next;
      }
      return pos;
    } finally {
      // The buffer is the caller's only until this returns: text captured from it is copied now.
      this.keepPendingText();
    }
  }

  private keepPendingText(): void {
    const p = this.pendingBuf;
    if (p === undefined) return;
    this.textParts.push(Buffer.from(p.subarray(this.pendingStart, this.pendingEnd)));
    this.pendingBuf = undefined;
  }

  private text(buf: Buffer, start: number, end: number): void {
    if (this.capturing >= 0 && this.capturing === this.stack.length) {
      this.textBytes += end - start;
      if (this.textBytes > this.limits.maxTokenBytes) throw new XmlError(`XML text longer than ${this.limits.maxTokenBytes} bytes`);
      this.keepPendingText();
      if (this.textParts.length) this.textParts.push(Buffer.from(buf.subarray(start, end)));
      else {
        this.pendingBuf = buf;
        this.pendingStart = start;
        this.pendingEnd = end;
      }
      return;
    }
    if (this.stack.length === 0) {
      for (let i = start; i < end; i++) if (!isSpace(buf[i] as number)) throw new XmlError('text outside the root element');
    }
  }

  private skipUntil(buf: Buffer, pos: number, terminator: string): number {
    const end = buf.indexOf(terminator, pos + 2, 'latin1');
    return end < 0 ? -1 : end + terminator.length;
  }

  private markup(buf: Buffer, pos: number): number {
    if (buf.length - pos < 9) {
      // Not enough bytes to tell a comment, CDATA and DOCTYPE apart yet.
      const head = buf.toString('latin1', pos, buf.length);
      if ('<!--'.startsWith(head) || '<![CDATA['.startsWith(head) || '<!DOCTYPE'.startsWith(head)) return -1;
    }
    if (buf[pos + 2] === 0x2d && buf[pos + 3] === 0x2d) return this.skipUntil(buf, pos, '-->');
    if (buf.toString('latin1', pos, pos + 9) === '<![CDATA[') {
      const end = buf.indexOf(']]>', pos + 9, 'latin1');
      if (end < 0) return -1;
      if (this.stack.length === 0) throw new XmlError('CDATA outside the root element');
      if (this.capturing === this.stack.length) {
        this.keepPendingText();
        this.textParts.push(Buffer.from(this.escapeForText(buf.toString('utf8', pos + 9, end)), 'utf8'));
      }
      return end + 3;
    }
    throw new XmlError('DOCTYPE and other declarations are refused (repository metadata needs none; entity expansion is never done)');
  }

  private escapeForText(s: string): string {
    return s.replace(/&/g, '&amp;');
  }

  private readName(buf: Buffer, start: number, end: number): string {
    const len = end - start;
    if (len <= 0) throw new XmlError('an XML tag or attribute without a name');
    const key = ((len * 31 + (buf[start] as number)) * 31 + (buf[end - 1] as number) + (len > 2 ? (buf[start + 2] as number) * 7 : 0)) & (NAME_CACHE_SIZE - 1);
    const cached = this.nameCache[key];
    if (cached !== undefined && cached.length === len) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (cached.charCodeAt(i) !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    const s = buf.toString('latin1', start, end);
    if (/[^\x21-\x7e]/.test(s)) return buf.toString('utf8', start, end);
    this.nameCache[key] = s;
    return s;
  }

  private startTag(buf: Buffer, pos: number): number {
    const n = buf.length;
    let i = pos + 1;
    while (i < n && isNameByte(buf[i] as number)) i++;
    if (i >= n) return -1;
    const name = this.readName(buf, pos + 1, i);
    let count = 0;
    for (;;) {
      while (i < n && isSpace(buf[i] as number)) i++;
      if (i >= n) return -1;
      const b = buf[i] as number;
      if (b === GT || b === SLASH) break;
      const nameStart = i;
      while (i < n && isNameByte(buf[i] as number)) i++;
      if (i >= n) return -1;
      const attr = this.readName(buf, nameStart, i);
      while (i < n && isSpace(buf[i] as number)) i++;
      if (i >= n) return -1;
      if (buf[i] !== EQ) throw new XmlError(`attribute '${attr}' of <${name}> has no value`);
      i++;
      while (i < n && isSpace(buf[i] as number)) i++;
      if (i >= n) return -1;
      const q = buf[i] as number;
      if (q !== QUOT && q !== APOS) throw new XmlError(`attribute '${attr}' of <${name}> is not quoted`);
      // The closing quote; a '<' before it is an error, an '&' an entity to decode.
      let close = i + 1;
      let amp = false;
      for (; close < n; close++) {
        const c = buf[close] as number;
        if (c === q) break;
        if (c === LT) throw new XmlError(`'<' inside the value of attribute '${attr}' of <${name}>`);
        if (c === AMP) amp = true;
      }
      if (close >= n) return -1;
      this.attrNames[count] = attr;
      this.valStart[count] = i + 1;
      this.valEnd[count] = close;
      this.valAmp[count] = amp;
      count++;
      i = close + 1;
    }
    let selfClosing = false;
    if (buf[i] === SLASH) {
      if (i + 1 >= n) return -1;
      if (buf[i + 1] !== GT) throw new XmlError(`malformed tag <${name}>`);
      selfClosing = true;
      i++;
    }
    if (this.stack.length === 0 && this.sawRoot) throw new XmlError('a second root element');
    if (this.stack.length >= this.limits.maxDepth) throw new XmlError(`XML nested deeper than ${this.limits.maxDepth} elements`);
    this.sawRoot = true;
    this.name = name;
    this.attrCount = count;
    this.tagBuf = buf;
    this.stack.push(name);
    const wantText = this.handler.open(this);
    if (selfClosing) {
      this.stack.pop();
      this.handler.close(name, wantText ? this.captured.set(buf, 0, 0) : undefined);
    } else if (wantText) {
      this.capturing = this.stack.length;
      this.textParts.length = 0;
      this.textBytes = 0;
    }
    return i + 1;
  }

  private endTag(buf: Buffer, pos: number): number {
    const gt = find(buf, GT, pos + 2);
    if (gt < 0) return -1;
    let e = gt;
    while (e > pos + 2 && isSpace(buf[e - 1] as number)) e--;
    const name = this.readName(buf, pos + 2, e);
    const open = this.stack.pop();
    if (open !== name) throw new XmlError(open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>`);
    if (this.capturing >= 0 && this.capturing === this.stack.length + 1) {
      const text = this.capturedText();
      this.capturing = -1;
      this.textParts.length = 0;
      this.pendingBuf = undefined;
      this.handler.close(name, text);
    } else this.handler.close(name, undefined);
    return gt + 1;
  }

  /** Points the text at what was captured, entities decoded: in place when it is one range without an '&'. */
  private capturedText(): XmlText {
    const pending = this.pendingBuf;
    let bytes: Buffer, start: number, end: number;
    if (pending !== undefined && this.textParts.length === 0) {
      bytes = pending;
      start = this.pendingStart;
      end = this.pendingEnd;
    } else {
      this.keepPendingText();
      bytes = this.textParts.length === 1 ? (this.textParts[0] as Buffer) : Buffer.concat(this.textParts);
      start = 0;
      end = bytes.length;
    }
    if (hasByte(bytes, AMP, start, end)) {
      const decoded = Buffer.from(decodeEntities(bytes.toString('utf8', start, end)), 'utf8');
      return this.captured.set(decoded, 0, decoded.length);
    }
    return this.captured.set(bytes, start, end);
  }
}
