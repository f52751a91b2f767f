// doublestar's Match and PathMatch (separator '/'), compiled to a non-backtracking matcher: the name is read
// once, left to right, while a set of pattern positions advances (a Thompson-style simulation), so any
// pattern against any name costs at most (name length + 1) × (number of pattern states) steps. `{a,b}`
// alternatives are epsilon moves rather than doublestar's string substitution; doublestar's own quirks are
// kept where its tests or azldev depend on them: an alternative starts a new segment (so `**` at its start
// is a doublestar), and a name that ends early matches when the rest of the pattern is one of doublestar's
// zero-length forms (`*`, `**`, `/**`, `**/`, `/**/`, through leading alternatives only).
import { badPattern, patternStructure, validatePattern, type GlobError, type PatternStructure } from './pattern';

const SLASH = 0x2f;
const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;
const OPEN_CLASS = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

interface CharClass {
  negate: boolean;
  singles: number[];
  ranges: [number, number][];
  next: number;
}

export interface MatchOutcome {
  matched: boolean;
  /** Work done: state visits while reading the name plus the zero-length checks at its end. */
  steps: number;
}

export interface GlobMatcher {
  readonly pattern: string;
  match(name: string): boolean;
  matchCounted(name: string): MatchOutcome;
}

export type CompiledGlob = { ok: true; matcher: GlobMatcher } | { ok: false; error: GlobError };
export type MatchResult = { ok: true; matched: boolean } | { ok: false; error: GlobError };

// State kinds; a state id is kind * (n + 1) + position.
const TOKEN = 0;
const STAR_LOOP = 1;
const DOUBLESTAR_LOOP = 2;
const MATCH_REST = 3;

class Matcher implements GlobMatcher {
  private readonly pts: number[];
  private readonly n: number;
  private readonly classes = new Map<number, CharClass>();
  private readonly zeroLengthMemo = new Map<string, boolean>();

  constructor(
    readonly pattern: string,
    private readonly s: PatternStructure,
    private readonly segment: boolean,
  ) {
    this.pts = s.points;
    this.n = s.points.length;
  }

  match(name: string): boolean {
    return this.matchCounted(name).matched;
  }

  matchCounted(name: string): MatchOutcome {
    const width = this.n + 1;
    const counter = { steps: 0 };
    let current = new Set<number>();
    let pending: number[] = [0];
    this.closeOver(0, true, current, new Set(), counter);
    for (const ch of name) {
      const r = ch.codePointAt(0) as number;
      const next = new Set<number>();
      const visited = new Set<number>();
      const moved: number[] = [];
      for (const id of current) {
        counter.steps++;
        const kind = Math.floor(id / width);
        const pos = id - kind * width;
        if (kind === MATCH_REST) {
          next.add(id);
        } else if (kind === STAR_LOOP) {
          if (r !== SLASH) {
            next.add(id);
            moved.push(pos);
            this.closeOver(pos, false, next, visited, counter);
          }
        } else if (kind === DOUBLESTAR_LOOP) {
          next.add(id);
          if (r === SLASH) {
            moved.push(pos);
            this.closeOver(pos, true, next, visited, counter);
          }
        } else {
          const to = this.consume(pos, r);
          if (to !== undefined) {
            moved.push(to);
            this.closeOver(to, r === SLASH && this.isLiteralToken(pos), next, visited, counter);
          }
        }
      }
      current = next;
      pending = moved;
      if (current.size === 0 && moved.length === 0) return { matched: false, steps: counter.steps };
    }
    if (current.has(MATCH_REST * width)) return { matched: true, steps: counter.steps };
    for (const p of new Set(pending)) {
      const empty = this.segment ? this.restCanBeEmpty(p, counter) : this.zeroLength(this.remainder(p), counter);
      if (empty) return { matched: true, steps: counter.steps };
    }
    return { matched: false, steps: counter.steps };
  }

  /** Follows the ends of alternatives: the position where matching really continues. */
  private skipAlternativeEnds(p: number): number {
    let q = p;
    for (let end = this.s.alternativeEnd.get(q); end !== undefined; end = this.s.alternativeEnd.get(q)) q = end + 1;
    return q;
  }

  /** Adds every state reachable from position p without reading a character. */
  private closeOver(p0: number, sos0: boolean, into: Set<number>, visited: Set<number>, counter: { steps: number }): void {
    const width = this.n + 1;
    const stack: [number, boolean][] = [[p0, sos0]];
    while (stack.length > 0) {
      const [p, sos] = stack.pop() as [number, boolean];
      const key = p * 2 + (sos ? 1 : 0);
      if (visited.has(key)) continue;
      visited.add(key);
      counter.steps++;
      if (p >= this.n) continue;
      const end = this.s.alternativeEnd.get(p);
      if (end !== undefined) {
        stack.push([end + 1, sos]);
        continue;
      }
      const c = this.pts[p] as number;
      if (c === OPEN_BRACE) {
        const g = this.s.groups.get(p);
        if (g) {
          // doublestar matches each alternative as a fresh pattern, which starts a segment.
          for (const a of g.alternatives) stack.push([a, true]);
          continue;
        }
      }
      if (c === STAR) {
        const q = this.skipAlternativeEnds(p + 1);
        if (q < this.n && this.pts[q] === STAR) {
          const afterStars = q + 1;
          if (sos) {
            const r = this.skipAlternativeEnds(afterStars);
            if (r >= this.n) {
              into.add(MATCH_REST * width);
              continue;
            }
            if (this.pts[r] === SLASH) {
              into.add(DOUBLESTAR_LOOP * width + r + 1);
              stack.push([r + 1, true]);
              continue;
            }
          }
          into.add(STAR_LOOP * width + afterStars);
          stack.push([afterStars, false]);
          continue;
        }
        into.add(STAR_LOOP * width + p + 1);
        stack.push([p + 1, false]);
        continue;
      }
      into.add(TOKEN * width + p);
    }
  }

  private isLiteralToken(p: number): boolean {
    const c = this.pts[p];
    return c !== QUESTION && c !== OPEN_CLASS;
  }

  /** The position after the token at p when it accepts rune r, else undefined. */
  private consume(p: number, r: number): number | undefined {
    const c = this.pts[p] as number;
    if (c === QUESTION) return r === SLASH ? undefined : p + 1;
    if (c === OPEN_CLASS) {
      const cls = this.charClass(p);
      let hit = cls.singles.includes(r);
      if (!hit) for (const [lo, hi] of cls.ranges) if (lo <= r && r <= hi) hit = true;
      return hit !== cls.negate ? cls.next : undefined;
    }
    if (c === BACKSLASH) return this.pts[p + 1] === r ? p + 2 : undefined;
    return c === r ? p + 1 : undefined;
  }

  /** A class read as doublestar reads it: `lo-hi` ranges after a character, `\` escapes, `!`/`^` negation. */
  private charClass(p: number): CharClass {
    const cached = this.classes.get(p);
    if (cached) return cached;
    const pts = this.pts;
    const end = this.s.classEnd.get(p) as number;
    let i = p + 1;
    const negate = pts[i] === 0x21 || pts[i] === 0x5e;
    if (negate) i++;
    const singles: number[] = [];
    const ranges: [number, number][] = [];
    let last: number | undefined;
    while (i < end) {
      let r = pts[i++] as number;
      if (last !== undefined && r === 0x2d && i < end) {
        if (pts[i] === BACKSLASH) i++;
        ranges.push([last, pts[i++] as number]);
        last = undefined;
        continue;
      }
      if (r === BACKSLASH) r = pts[i++] as number;
      singles.push(r);
      last = r;
    }
    const cls = { negate, singles, ranges, next: end + 1 };
    this.classes.set(p, cls);
    return cls;
  }

  /** The pattern text from p on, as doublestar's substituted pattern holds it (the alternatives we are inside end there). */
  private remainder(p: number): string {
    const out: number[] = [];
    let depth = 0;
    let i = p;
    while (i < this.n) {
      const end = this.s.alternativeEnd.get(i);
      if (depth === 0 && end !== undefined) {
        i = end + 1;
        continue;
      }
      const c = this.pts[i] as number;
      if (c === BACKSLASH) {
        out.push(c);
        if (i + 1 < this.n) out.push(this.pts[i + 1] as number);
        i += 2;
        continue;
      }
      if (c === OPEN_BRACE && this.s.groups.has(i)) depth++;
      else if (c === CLOSE_BRACE && end === i) depth--;
      out.push(c);
      i++;
    }
    return String.fromCodePoint(...out);
  }

  /**
   * For one segment of a Glob: doublestar's Glob expands every alternative before it matches a segment, so the
   * rest matches an empty name when some expansion of it is only stars.
   */
  private restCanBeEmpty(p0: number, counter: { steps: number }): boolean {
    const seen = new Set<number>();
    const stack = [p0];
    while (stack.length > 0) {
      const p = stack.pop() as number;
      if (seen.has(p)) continue;
      seen.add(p);
      counter.steps++;
      if (p >= this.n) return true;
      const end = this.s.alternativeEnd.get(p);
      const group = this.s.groups.get(p);
      if (end !== undefined) stack.push(end + 1);
      else if (group) stack.push(...group.alternatives);
      else if (this.pts[p] === STAR) stack.push(p + 1);
    }
    return false;
  }

  /** doublestar's isZeroLengthPattern. */
  private zeroLength(rest: string, counter: { steps: number }): boolean {
    counter.steps++;
    if (rest === '' || rest === '*' || rest === '**' || rest === '/**' || rest === '**/' || rest === '/**/') return true;
    if (rest[0] !== '{') return false;
    const memo = this.zeroLengthMemo.get(rest);
    if (memo !== undefined) return memo;
    let result = false;
    const close = indexMatchedClosingAlt(rest, 1);
    if (close >= 0) {
      const tail = rest.slice(close + 1);
      let start = 1;
      for (;;) {
        const comma = indexNextAlt(rest, start, close);
        const alt = rest.slice(start, comma < 0 ? close : comma);
        if (this.zeroLength(alt + tail, counter)) {
          result = true;
          break;
        }
        if (comma < 0) break;
        start = comma + 1;
      }
    }
    this.zeroLengthMemo.set(rest, result);
    return result;
  }
}

function indexMatchedClosingAlt(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function indexNextAlt(s: string, from: number, to: number): number {
  let depth = 1;
  for (let i = from; i < to; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 1) return i;
  }
  return -1;
}

export interface MatcherOptions {
  /** Match one path segment as doublestar's Glob does, its alternatives expanded first (no zero-length quirk). */
  segment?: boolean;
}

/** Validates and compiles a pattern; an invalid one is doublestar's ErrBadPattern, as a value. */
export function compileMatcher(pattern: string, options: MatcherOptions = {}): CompiledGlob {
  if (!validatePattern(pattern)) return { ok: false, error: badPattern };
  return { ok: true, matcher: new Matcher(pattern, patternStructure(pattern), options.segment ?? false) };
}

/** doublestar.Match: whether all of `name` matches `pattern`, both split on '/'. */
export function match(pattern: string, name: string): MatchResult {
  const compiled = compileMatcher(pattern);
  return compiled.ok ? { ok: true, matched: compiled.matcher.match(name) } : compiled;
}

/** doublestar.PathMatch: Match with the system separator, which is '/' wherever this runs. */
export const pathMatch = match;
