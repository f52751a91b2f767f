// The syntax side of doublestar (github.com/bmatcuk/doublestar/v4), the glob library azldev uses: pattern
// validation, meta characters, escapes, and the `{a,b}` group structure the matcher and the expansion share.
// Patterns are handled as arrays of code points, as Go decodes runes.

/** doublestar's ErrBadPattern (path.ErrBadPattern), in Go's words. */
export const BAD_PATTERN_MESSAGE = 'syntax error in pattern';

export type GlobError = { kind: 'bad-pattern'; message: string } | { kind: 'work-limit'; message: string };

export const badPattern: GlobError = { kind: 'bad-pattern', message: BAD_PATTERN_MESSAGE };

/** doublestar.ValidatePattern with '/' as separator: escapes escape something, classes close and are non-empty, braces balance. */
export function validatePattern(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      if (i >= s.length) return false;
    } else if (c === '[') {
      i++;
      if (i >= s.length) return false;
      if (s[i] === '^' || s[i] === '!') i++;
      if (i >= s.length || s[i] === ']') return false;
      let closed = false;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === ']') {
          closed = true;
          break;
        }
      }
      if (!closed) return false;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return false;
      depth--;
    }
  }
  return depth === 0;
}

/** azldev's containsPattern (loader.go): only `*`, `?` and `[` make an include or overlay-files entry a glob. */
export function containsPattern(p: string): boolean {
  return /[*?[]/.test(p);
}

/** doublestar's indexMeta: the first unescaped `*`, `?`, `[` or `{`, or -1. */
export function indexMeta(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '*' || c === '?' || c === '[' || c === '{') return i;
    if (c === '\\') i++;
  }
  return -1;
}

/** doublestar's unescapeMeta: only escaped meta characters lose their backslash (`\x` stays `\x`). */
export function unescapeMeta(s: string): string {
  return s.replace(/\\([*?[\]{}])/g, '$1');
}

/** Where a `{` group closes and where each of its alternatives starts, in code-point indexes. */
export interface BraceGroup {
  open: number;
  close: number;
  alternatives: number[];
}

export interface PatternStructure {
  points: number[];
  groups: Map<number, BraceGroup>;
  /** For a top-level `,` or the `}` of a group: that group's `}` index (the end of an alternative). */
  alternativeEnd: Map<number, number>;
  /** For a `[` starting a class: the index of its closing `]`. */
  classEnd: Map<number, number>;
}

const BACKSLASH = 0x5c;
const OPEN_CLASS = 0x5b;
const CLOSE_CLASS = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/** Text of code points, without spreading a user-sized array into a call. */
export function textOf(points: readonly number[], start = 0, end = points.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCodePoint(points[i] as number);
  return out;
}

/** The structure of a pattern that passed validatePattern. */
export function patternStructure(pattern: string): PatternStructure {
  const points = Array.from(pattern, (ch) => ch.codePointAt(0) as number);
  const groups = new Map<number, BraceGroup>();
  const alternativeEnd = new Map<number, number>();
  const classEnd = new Map<number, number>();
  const open: BraceGroup[] = [];
  const commas: number[][] = [];
  for (let i = 0; i < points.length; i++) {
    const c = points[i];
    if (c === BACKSLASH) {
      i++;
    } else if (c === OPEN_CLASS) {
      const start = i;
      i++;
      if (points[i] === 0x5e || points[i] === 0x21) i++;
      // Validation guarantees the first character is not `]` (no empty class).
      for (; i < points.length && points[i] !== CLOSE_CLASS; i++) if (points[i] === BACKSLASH) i++;
      classEnd.set(start, i);
    } else if (c === OPEN_BRACE) {
      open.push({ open: i, close: -1, alternatives: [i + 1] });
      commas.push([]);
    } else if (c === COMMA && open.length > 0) {
      (open[open.length - 1] as BraceGroup).alternatives.push(i + 1);
      (commas[commas.length - 1] as number[]).push(i);
    } else if (c === CLOSE_BRACE && open.length > 0) {
      const g = open.pop() as BraceGroup;
      const cs = commas.pop() as number[];
      g.close = i;
      groups.set(g.open, g);
      for (const comma of cs) alternativeEnd.set(comma, i);
      alternativeEnd.set(i, i);
    }
  }
  return { points, groups, alternativeEnd, classEnd };
}
