// doublestar's Glob over our FileSystem: the same results in the same order (a literal directory prefix, then
// one stage per path segment, each stage's directories in order and each directory's entries by name), with
// two bounds doublestar lacks: a `**` walk enters each real directory once (symlink loops end there), and the
// whole expansion stops with an error value after a fixed amount of work. Duplicates are dropped (doublestar
// returns a path once per way it matches, e.g. for `**/**/x`).
import { posix } from 'node:path';
import type { DirEntry, FileSystem } from '../fs';
import { compileMatcher, type GlobMatcher } from './match';
import { badPattern, indexMeta, patternStructure, textOf, unescapeMeta, validatePattern, type GlobError } from './pattern';

export interface GlobOptions {
  /**
   * doublestar's WithFilesOnly: the last segment matches anything but a directory (directories still lead
   * to the matches). As in doublestar, that is every entry that is not a directory and no link to one: a
   * FIFO, a socket, a device or a dangling link matches too, so the caller sees it and can say why it is
   * not read, where azldev would open it (and block on a FIFO).
   */
  filesOnly?: boolean;
  /** Where a relative pattern is rooted; results stay relative to it, as doublestar.Glob's do to its fs.FS. */
  root?: string;
  /** Directory entries, name characters and states the expansion may visit before it gives up. */
  workLimit?: number;
}

export type GlobResult = { ok: true; paths: string[] } | { ok: false; error: GlobError };

export const DEFAULT_GLOB_WORK_LIMIT = 1_000_000;
/** How many patterns alternatives holding `/` or `**` may expand to. */
const MAX_ALTERNATIVE_EXPANSIONS = 256;

/** Go's string order (UTF-8 bytes), which is code-point order. */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

class Budget {
  used = 0;
  constructor(readonly limit: number) {}
  spend(n: number): boolean {
    this.used += n;
    return this.used <= this.limit;
  }
  get exhausted(): boolean {
    return this.used > this.limit;
  }
}

function workLimitError(pattern: string, limit: number): GlobError {
  const shown = pattern.length > 120 ? pattern.slice(0, 120) + '…' : pattern;
  return { kind: 'work-limit', message: `expanding glob pattern \`${shown}\` stopped after ${limit} steps; simplify the pattern (repeated \`**\` or alternatives)` };
}

/** doublestar.Glob: the paths matching `pattern`; an invalid pattern or an expansion over budget is an error value. */
export function glob(fs: FileSystem, pattern: string, options: GlobOptions = {}): GlobResult {
  if (!validatePattern(pattern)) return { ok: false, error: badPattern };
  const budget = new Budget(options.workLimit ?? DEFAULT_GLOB_WORK_LIMIT);
  const patterns = expandPathAlternatives(pattern);
  if (patterns === undefined) return { ok: false, error: workLimitError(pattern, budget.limit) };
  const walker = new Walker(fs, options, budget);
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const p of patterns) {
    const found = walker.globOne(p);
    if (found === 'bad-pattern') return { ok: false, error: badPattern };
    if (budget.exhausted) return { ok: false, error: workLimitError(pattern, budget.limit) };
    for (const f of found) {
      if (seen.has(f)) continue;
      seen.add(f);
      paths.push(f);
    }
  }
  // doublestar merges the results of alternatives in sorted order.
  if (patterns.length > 1) paths.sort(compareNames);
  return { ok: true, paths };
}

/**
 * Alternatives that hold a `/` or a `**`, or that can leave their segment empty, change the segments, so they
 * become separate patterns, as doublestar's globAlts makes them; the others stay inside their segment for the
 * matcher. Undefined past the cap.
 */
function expandPathAlternatives(pattern: string): string[] | undefined {
  const out: string[] = [];
  const queue = [pattern];
  while (queue.length > 0) {
    const p = queue.pop() as string;
    const s = patternStructure(p);
    let expanded = false;
    for (const g of [...s.groups.values()].sort((a, b) => a.open - b.open)) {
      if (!spansSegments(s.points, g.open, g.close) && !canEmptySegment(s.points, g)) continue;
      const before = textOf(s.points, 0, g.open);
      const after = textOf(s.points, g.close + 1);
      const starts = g.alternatives;
      for (let i = starts.length - 1; i >= 0; i--) {
        const end = (i + 1 < starts.length ? (starts[i + 1] as number) - 1 : g.close) as number;
        queue.push(before + textOf(s.points, starts[i] as number, end) + after);
      }
      expanded = true;
      break;
    }
    if (!expanded) out.push(p);
    if (out.length + queue.length > MAX_ALTERNATIVE_EXPANSIONS) return undefined;
  }
  return out;
}

/** Whether an alternative is empty and the group is all its segment holds besides other groups. */
function canEmptySegment(points: number[], g: { open: number; close: number; alternatives: number[] }): boolean {
  const starts = g.alternatives;
  const hasEmpty = starts.some((a, i) => (i + 1 < starts.length ? (starts[i + 1] as number) - 1 : g.close) === a);
  if (!hasEmpty) return false;
  let depth = 0;
  for (let i = g.open - 1; i >= 0 && !(points[i] === 0x2f && depth === 0 && points[i - 1] !== 0x5c); i--) {
    if (points[i] === 0x7d) depth++;
    else if (points[i] === 0x7b) depth--;
    else if (depth === 0) return false;
  }
  depth = 0;
  for (let i = g.close + 1; i < points.length && !(points[i] === 0x2f && depth === 0); i++) {
    if (points[i] === 0x5c) return false;
    if (points[i] === 0x7b) depth++;
    else if (points[i] === 0x7d) depth--;
    else if (depth === 0) return false;
  }
  return true;
}

function spansSegments(points: number[], open: number, close: number): boolean {
  for (let i = open + 1; i < close; i++) {
    if (points[i] === 0x5c) i++;
    else if (points[i] === 0x2f || (points[i] === 0x2a && points[i + 1] === 0x2a)) return true;
  }
  return false;
}

/** Splits on every unescaped `/`, as doublestar's lastIndexSlash does (inside classes too). */
function segmentsOf(pattern: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '/') {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

class Walker {
  private readonly listings = new Map<string, DirEntry[]>();
  private readonly matchers = new Map<string, GlobMatcher | undefined>();
  private readonly filesOnly: boolean;
  private readonly root: string;

  constructor(
    private readonly fs: FileSystem,
    options: GlobOptions,
    private readonly budget: Budget,
  ) {
    this.filesOnly = options.filesOnly ?? false;
    this.root = options.root ?? '/';
  }

  private fsPath(p: string): string {
    return posix.isAbsolute(p) ? p : posix.join(this.root, p);
  }

  private list(dir: string): DirEntry[] {
    const key = this.fsPath(dir);
    let entries = this.listings.get(key);
    if (!entries) {
      entries = [...this.fs.readDirectory(key)].sort((a, b) => compareNames(a.name, b.name));
      this.listings.set(key, entries);
    }
    this.budget.spend(entries.length + 1);
    return entries;
  }

  private isDir(p: string): boolean {
    return this.fs.isDirectory(this.fsPath(p));
  }

  private identity(p: string): string {
    const fp = this.fsPath(p);
    return this.fs.directoryIdentity?.(fp) ?? posix.normalize(fp);
  }

  private matcher(segment: string): GlobMatcher | undefined {
    if (!this.matchers.has(segment)) {
      const c = compileMatcher(segment, { segment: true });
      this.matchers.set(segment, c.ok ? c.matcher : undefined);
    }
    return this.matchers.get(segment);
  }

  globOne(pattern: string): string[] | 'bad-pattern' {
    if (indexMeta(pattern) < 0) {
      const literal = unescapeMeta(pattern);
      // io/fs has no file named "" (fs.ValidPath).
      if (literal === '') return [];
      const fp = this.fsPath(literal.length > 1 ? literal.replace(/\/$/, '') : literal);
      this.budget.spend(1);
      if (!this.fs.exists(fp)) return [];
      return !this.filesOnly || !this.fs.isDirectory(fp) ? [literal] : [];
    }
    const segments = segmentsOf(pattern);
    let first = 0;
    while (indexMeta(segments[first] as string) < 0) first++;
    const prefix = unescapeMeta(segments.slice(0, first).join('/'));
    let dirs = [prefix === '' ? (pattern.startsWith('/') ? '/' : '.') : prefix];
    for (let i = first; i < segments.length; i++) {
      const last = i === segments.length - 1;
      const seg = segments[i] as string;
      let next: string[];
      if (seg === '**') next = this.doubleStar(dirs, last);
      else if (seg === '') next = dirs.filter((d) => this.isDir(d) && (!last || !this.filesOnly));
      else {
        const m = this.matcher(seg);
        if (!m) return 'bad-pattern';
        next = this.segment(dirs, m, last);
      }
      if (this.budget.exhausted) return [];
      dirs = dedupe(next);
    }
    return dirs;
  }

  /** One segment: each directory's entries, by name, that the segment matches. */
  private segment(dirs: string[], m: GlobMatcher, last: boolean): string[] {
    const out: string[] = [];
    for (const d of dirs) {
      for (const e of this.list(d)) {
        const r = m.matchCounted(e.name, this.budget.limit - this.budget.used);
        if (!this.budget.spend(r.steps)) return out;
        if (!r.matched) continue;
        const keep = last ? !this.filesOnly || !e.isDirectory : e.isDirectory;
        if (keep) out.push(posix.join(d, e.name));
      }
    }
    return out;
  }

  /**
   * `**`: each directory itself and everything below it, depth first, entries by name (directories only when
   * more segments follow). A real directory is reached once per stage, by the first path that leads to it;
   * other links to it (a loop, or a second link) are left out with what is below them.
   */
  private doubleStar(dirs: string[], last: boolean): string[] {
    const out: string[] = [];
    const entered = new Set<string>();
    const emitDirs = !last || !this.filesOnly;
    for (const start of dirs) {
      if (!this.isDir(start)) continue;
      const stack: { path: string; dir: boolean }[] = [{ path: start, dir: true }];
      while (stack.length > 0) {
        const item = stack.pop() as { path: string; dir: boolean };
        if (!item.dir) {
          out.push(item.path);
          continue;
        }
        const id = this.identity(item.path);
        if (entered.has(id)) continue;
        entered.add(id);
        if (emitDirs) out.push(item.path);
        const entries = this.list(item.path);
        if (this.budget.exhausted) return out;
        for (let k = entries.length - 1; k >= 0; k--) {
          const e = entries[k] as DirEntry;
          if (e.isDirectory) stack.push({ path: posix.join(item.path, e.name), dir: true });
          else if (last) stack.push({ path: posix.join(item.path, e.name), dir: false });
        }
      }
    }
    return out;
  }
}

function dedupe(paths: string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((p) => (seen.has(p) ? false : (seen.add(p), true)));
}

/** The files an absolute include, overlay-files or definition pattern names (Glob WithFilesOnly, after path cleaning). */
export function expandGlob(fs: FileSystem, absPattern: string, options: Omit<GlobOptions, 'filesOnly' | 'root'> = {}): GlobResult {
  return glob(fs, posix.normalize(absPattern), { ...options, filesOnly: true });
}

/** The matched paths, or none when the pattern is invalid or over budget (for callers that report that elsewhere). */
export function globPaths(result: GlobResult): string[] {
  return result.ok ? result.paths : [];
}
