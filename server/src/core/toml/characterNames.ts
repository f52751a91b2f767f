// How a parse error names a character: a visible one quoted ('!'), one a terminal or the Problems panel
// cannot show (a control character, an invisible format character or space) by code point and name
// (U+0000 NUL), so the message says what is there and never carries the raw character itself.

const C0 = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'];

const NAMED: ReadonlyMap<number, string> = new Map([
  [0x7f, 'DEL'],
  [0xa0, 'NO-BREAK SPACE'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE (byte order mark)'],
]);

/** C0 and C1 controls, DEL, format characters (zero-width, bidi), separators and spaces other than ' '. */
const UNSHOWABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]|(?! )\p{Zs}/u;

/**
 * The code point at `at`, read with charCodeAt alone: the parser reads its text through that and slice only
 * (a test counts its reads through an object that has just those).
 */
function codePointAt(text: string, at: number): number {
  const hi = text.charCodeAt(at);
  if (hi >= 0xd800 && hi <= 0xdbff) {
    const lo = text.charCodeAt(at + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  }
  return hi;
}

/** The character (one or two UTF-16 units) at `at`, or '' past the end. */
export function characterAt(text: string, at: number): string {
  const cp = codePointAt(text, at);
  return Number.isNaN(cp) ? '' : String.fromCodePoint(cp);
}

/** "U+0000 NUL": the code point, and its name when it has a short well-known one. */
export function codePointName(cp: number): string {
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  const name = cp < 0x20 ? C0[cp] : NAMED.get(cp);
  return name ? `${hex} ${name}` : hex;
}

/** Whether the character at `at` is better named than shown. */
export function isUnshowable(text: string, at: number): boolean {
  const cp = codePointAt(text, at);
  return !Number.isNaN(cp) && UNSHOWABLE.test(String.fromCodePoint(cp));
}

/** The character at `at` as a message names it: `'x'`, or `U+0000 NUL`. */
export function describeCharacter(text: string, at: number): string {
  const cp = codePointAt(text, at);
  if (Number.isNaN(cp)) return 'the end of the text';
  return isUnshowable(text, at) ? codePointName(cp) : `'${String.fromCodePoint(cp)}'`;
}

/** What a message quotes of `text[start, end)`: `'b = 2'`, cut before the first character it would have to name (then that one by name). */
export function describeText(text: string, start: number, end: number): string {
  let i = start;
  while (i < end && !isUnshowable(text, i)) i += codePointAt(text, i) > 0xffff ? 2 : 1;
  if (i === start) return describeCharacter(text, start);
  return `'${text.slice(start, Math.min(i, end))}'`;
}
