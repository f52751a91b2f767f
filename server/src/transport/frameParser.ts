// Splits the LSP base protocol byte stream (`Content-Length: N\r\n\r\n` + N bytes of JSON) into messages,
// and survives a malformed frame: a header that is not a number, or a length that does not match the body,
// is reported as a problem and the parser resynchronizes on the next `Content-Length:` header, so one bad
// frame costs that message only, never the connection. Pure: bytes in, messages and problems out.

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const MARKER = Buffer.from('Content-Length:', 'ascii');
/** Headers longer than this are not headers: the stream is out of step. */
const MAX_HEADER_BYTES = 16 * 1024;
/** A single message larger than this is refused rather than buffered (a hostile or broken client). */
export const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

export interface FrameResult {
  messages: unknown[];
  /** One sentence per malformed frame, saying what was wrong and what was skipped. */
  problems: string[];
}

export class FrameParser {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes needed before parsing is worth trying again (the whole of a body whose length is known). */
  private needed = 0;
  /** Out of step after a malformed frame: bytes are dropped, silently, until the next `Content-Length:`. */
  private skipping = false;

  push(chunk: Buffer): FrameResult {
    const out: FrameResult = { messages: [], problems: [] };
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size < this.needed) return out;
    let buffer = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    this.needed = 0;
    for (;;) {
      const step = this.next(buffer, out);
      if (step === undefined) break;
      buffer = step;
    }
    this.chunks = buffer.length ? [buffer] : [];
    this.size = buffer.length;
    return out;
  }

  /** Whether the bytes held are the start of a frame still being received (not garbage being skipped). */
  get holdsPartialFrame(): boolean {
    return this.size > 0 && !this.skipping;
  }

  /** Consumes one frame (or skips malformed bytes) from the front of `buffer`; undefined when more bytes are needed. */
  private next(buffer: Buffer, out: FrameResult): Buffer | undefined {
    if (!buffer.length) return undefined;
    if (this.skipping) {
      const at = buffer.indexOf(MARKER);
      if (at < 0) {
        const keep = markerPrefixAtEnd(buffer);
        return keep === buffer.length ? undefined : buffer.subarray(buffer.length - keep);
      }
      this.skipping = false;
      if (at > 0) return buffer.subarray(at);
    }
    const headerEnd = buffer.subarray(0, MAX_HEADER_BYTES + HEADER_END.length).indexOf(HEADER_END);
    if (headerEnd < 0) {
      if (buffer.length <= MAX_HEADER_BYTES) return undefined;
      return this.resync(buffer, 1, out, `no end of headers within ${MAX_HEADER_BYTES} bytes`);
    }
    const header = readHeader(buffer.toString('latin1', 0, headerEnd));
    if (typeof header === 'string') return this.resync(buffer, 1, out, header);
    if (header > MAX_MESSAGE_BYTES) return this.resync(buffer, headerEnd, out, `Content-Length ${header} exceeds the ${MAX_MESSAGE_BYTES}-byte limit`);
    const bodyStart = headerEnd + HEADER_END.length;
    const bodyEnd = bodyStart + header;
    if (buffer.length < bodyEnd) {
      this.needed = bodyEnd;
      return undefined;
    }
    const body = buffer.toString('utf8', bodyStart, bodyEnd);
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return this.resync(buffer, bodyStart, out, `the ${header}-byte body is not JSON (${reason}); is its Content-Length wrong?`);
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      out.problems.push(`Malformed LSP frame: the body is JSON but not a JSON-RPC message object; ignored`);
    } else out.messages.push(message);
    return buffer.subarray(bodyEnd);
  }

  /** Drops bytes up to the next `Content-Length:` at or after `from`, reporting what was wrong. */
  private resync(buffer: Buffer, from: number, out: FrameResult, what: string): Buffer {
    const at = buffer.indexOf(MARKER, from);
    if (at >= 0) {
      out.problems.push(`Malformed LSP frame: ${what}; skipped ${at} bytes to the next frame`);
      return buffer.subarray(at);
    }
    // No header in sight: drop what came, keeping only a tail that may be the start of one.
    out.problems.push(`Malformed LSP frame: ${what}; skipping to the next frame`);
    this.skipping = true;
    return buffer.subarray(buffer.length - markerPrefixAtEnd(buffer.subarray(from)));
  }
}

/** Length of the longest end of `buffer` that is a proper prefix of `Content-Length:`. */
function markerPrefixAtEnd(buffer: Buffer): number {
  for (let n = Math.min(MARKER.length - 1, buffer.length); n > 0; n--) {
    if (buffer.subarray(buffer.length - n).equals(MARKER.subarray(0, n))) return n;
  }
  return 0;
}

/** The Content-Length of a header block, or a sentence saying why there is none. */
function readHeader(text: string): number | string {
  let length: number | string = 'no Content-Length header';
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `header line ${JSON.stringify(clip(line))} is not "Name: value"`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return `Content-Length ${JSON.stringify(clip(value))} is not a number`;
    length = Number(value);
  }
  return length;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}
