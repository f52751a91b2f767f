// doublestar's Match and PathMatch (separator '/'), compiled to a non-backtracking matcher: the name is read
// once, left to right, while a set of pattern positions advances (a Thompson-style simulation), so any
// pattern against any name costs at most (name length + 1) × (number of pattern states) steps. `{a,b}`
// alternatives are epsilon moves rather than doublestar's string substitution; doublestar's own quirks are
// kept where its tests or azldev depend on them: an alternative starts a new segment (so `**` at its start
// is a doublestar), and a name that ends early matches when the rest of the pattern is one of doublestar's
// zero-length forms (`*`, `**`, `/**`, `**/`, `/**/`, through leading alternatives only).
import { badPattern, patternStructure, validatePattern, type GlobError, type PatternStructure } from './pattern';
import { isStarSegment, StarMatcher } from './starMatcher';

const SLASH = 0x2f;
const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;
const OPEN_CLASS = 0x5b;
const OPEN_BRACE = 0x7b;

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
  /** Match with its work counted; past `maxSteps` it stops early with matched false. */
  matchCounted(name: string, maxSteps?: number): MatchOutcome;
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

  matchCounted(name: string, maxSteps = Infinity): MatchOutcome {
    const width = this.n + 1;
    const counter = { steps: 0, max: maxSteps };
    let current = new Set<number>();
    let pending: number[] = [0];
    this.closeOver(0, true, current, new Set(), counter);
    for (const ch of name) {
      const r = ch.codePointAt(0) as number;
      const next = new Set<number>();
      const visited = new Set<number>();
      const moved: number[] = [];
      for (const id of current) {
        if (++counter.steps > maxSteps) return { matched: false, steps: counter.steps };
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
      if (counter.steps > maxSteps) return { matched: false, steps: counter.steps };
      if (current.size === 0 && moved.length === 0) return { matched: false, steps: counter.steps };
    }
    if (current.has(MATCH_REST * width)) return { matched: true, steps: counter.steps };
    return { matched: this.acceptsAtEnd(pending, counter), steps: counter.steps };
  }

  /** Follows the ends of alternatives: the position where matching really continues. */
  private skipAlternativeEnds(p: number): number {
    let q = p;
    for (let end = this.s.alternativeEnd.get(q); end !== undefined; end = this.s.alternativeEnd.get(q)) q = end + 1;
    return q;
  }

  /** Adds every state reachable from position p without reading a character. */
  private closeOver(p0: number, sos0: boolean, into: Set<number>, visited: Set<number>, counter: { steps: number; max: number }): void {
    const width = this.n + 1;
    const stack: [number, boolean][] = [[p0, sos0]];
    while (stack.length > 0) {
      const [p, sos] = stack.pop() as [number, boolean];
      const key = p * 2 + (sos ? 1 : 0);
      if (visited.has(key)) continue;
      visited.add(key);
      if (++counter.steps > counter.max) return;
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

  // Whether the name may end here: for Match, doublestar's isZeroLengthPattern on the rest of the pattern (one
  // of ZERO_LENGTH, reached through leading alternatives); for one Glob segment, whose alternatives doublestar
  // expands first, a rest that some expansion makes all stars. One search from every position the name may end
  // at, each (position, text so far) visited once, so this stays linear.
  private acceptsAtEnd(pending: number[], counter: { steps: number }): boolean {
    const seen = new Set<string>();
    const stack: [number, string][] = pending.map((p) => [p, '']);
    while (stack.length > 0) {
      const [p, text] = stack.pop() as [number, string];
      const key = `${p}:${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      counter.steps++;
      if (p >= this.n) {
        if (this.segment || ZERO_LENGTH.has(text)) return true;
        continue;
      }
      const end = this.s.alternativeEnd.get(p);
      if (end !== undefined) {
        stack.push([end + 1, text]);
        continue;
      }
      const c = this.pts[p] as number;
      const group = c === OPEN_BRACE ? this.s.groups.get(p) : undefined;
      if (group && (this.segment || text === '')) {
        // doublestar expands an alternative group only while it leads the rest.
        for (const a of group.alternatives) stack.push([a, text]);
        continue;
      }
      if (this.segment) {
        if (c === STAR) stack.push([p + 1, text]);
        continue;
      }
      const next = text + String.fromCodePoint(c);
      if (ZERO_LENGTH_PREFIXES.has(next)) stack.push([p + 1, next]);
    }
    return false;
  }
}

/** doublestar's zero-length rests, and every prefix of one. */
const ZERO_LENGTH = new Set(['', '*', '**', '/**', '**/', '/**/']);
const ZERO_LENGTH_PREFIXES = new Set(['*', '**', '/', '/*', '/**', '**/', '/**/']);

export interface MatcherOptions {
  /** Match one path segment as doublestar's Glob does, its alternatives expanded first (no zero-length quirk). */
  segment?: boolean;
  /** The general matcher even for a segment the star matcher answers (starMatcher.ts; the tests compare the two). */
  general?: boolean;
}

/** Validates and compiles a pattern; an invalid one is doublestar's ErrBadPattern, as a value. */
export function compileMatcher(pattern: string, options: MatcherOptions = {}): CompiledGlob {
  if (!validatePattern(pattern)) return { ok: false, error: badPattern };
  if (options.segment && !options.general && isStarSegment(pattern)) return { ok: true, matcher: new StarMatcher(pattern) };
  return { ok: true, matcher: new Matcher(pattern, patternStructure(pattern), options.segment ?? false) };
}

/** doublestar.Match: whether all of `name` matches `pattern`, both split on '/'. */
export function match(pattern: string, name: string): MatchResult {
  const compiled = compileMatcher(pattern);
  return compiled.ok ? { ok: true, matched: compiled.matcher.match(name) } : compiled;
}

/** doublestar.PathMatch: Match with the system separator, which is '/' wherever this runs. */
export const pathMatch = match;
