// Decoding file bytes as UTF-8 without hiding what was wrong: invalid sequences still become U+FFFD (as
// every decoder does, so offsets and parsing go on), but each is reported with its byte offset, so the
// file's reader can put a diagnostic where the bad bytes are instead of letting them pass silently.
import type { CoreDiagnostic } from '../diagnostics';

export interface Utf8Problem {
  /** UTF-16 offset in the decoded text of the U+FFFD that stands for the bad bytes. */
  offset: number;
  /** Offset of the bad bytes in the file. */
  byteOffset: number;
  /** The bytes of the ill-formed sequence (its maximal subpart, as WHATWG's decoder replaces it). */
  bytes: number[];
}

export interface DecodedText {
  text: string;
  problems: Utf8Problem[];
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The first continuation byte's range after a lead byte (Unicode table 3-7), and how many follow in all. */
function leadOf(b: number): { lo: number; hi: number; count: number } | undefined {
  if (b >= 0xc2 && b <= 0xdf) return { lo: 0x80, hi: 0xbf, count: 1 };
  if (b === 0xe0) return { lo: 0xa0, hi: 0xbf, count: 2 };
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return { lo: 0x80, hi: 0xbf, count: 2 };
  if (b === 0xed) return { lo: 0x80, hi: 0x9f, count: 2 };
  if (b === 0xf0) return { lo: 0x90, hi: 0xbf, count: 3 };
  if (b >= 0xf1 && b <= 0xf3) return { lo: 0x80, hi: 0xbf, count: 3 };
  if (b === 0xf4) return { lo: 0x80, hi: 0x8f, count: 3 };
  return undefined;
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes), problems: [] };
  } catch {
    // Ill-formed: decode leniently and find where each replacement character came from.
  }
  const text = lenient.decode(bytes);
  const problems: Utf8Problem[] = [];
  let offset = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      offset++;
      continue;
    }
    const lead = leadOf(b);
    let taken = 1;
    if (lead) {
      for (let k = 1; k <= lead.count; k++) {
        const c = bytes[i + k];
        const [lo, hi] = k === 1 ? [lead.lo, lead.hi] : [0x80, 0xbf];
        if (c === undefined || c < lo || c > hi) break;
        taken++;
      }
    }
    if (lead && taken === lead.count + 1) {
      offset += lead.count === 3 ? 2 : 1;
    } else {
      problems.push({ offset, byteOffset: i, bytes: [...bytes.subarray(i, i + taken)] });
      offset++;
    }
    i += taken;
  }
  // The scan mirrors the decoder; a problem not at a U+FFFD would mean it did not, and is dropped.
  return { text, problems: problems.filter((p) => text.charCodeAt(p.offset) === 0xfffd) };
}

const hex = (bytes: number[]) => bytes.map((b) => '0x' + b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/** One `invalid-utf8` error per ill-formed sequence, at the character that replaced it. */
export function utf8Diagnostics(file: string, text: string, problems: readonly Utf8Problem[]): CoreDiagnostic[] {
  return problems
    .filter((p) => text.charCodeAt(p.offset) === 0xfffd)
    .map((p) => ({
      file,
      span: { start: p.offset, end: p.offset + 1 },
      severity: 'error' as const,
      code: 'invalid-utf8',
      message: `Invalid UTF-8: byte${p.bytes.length > 1 ? 's' : ''} ${hex(p.bytes)} at byte offset ${p.byteOffset} ${p.bytes.length > 1 ? 'do' : 'does'} not form a character. TOML files must be UTF-8; save the file as UTF-8.`,
    }));
}
