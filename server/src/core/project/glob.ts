// Glob expansion with the semantics azldev gets from Go's doublestar library (v4): `*` and `?` stay
// within one path segment, `**` spans directories, `[...]`/`[!...]` classes, `{a,b}` alternatives,
// `\` escapes; only files match; results come in directory-walk order (names sorted).
import * as path from 'node:path';
import type { FileSystem } from '../fs';

export function hasGlobMeta(pattern: string): boolean {
  // azldev treats a pattern as literal unless it has one of these (loader.go: containsPattern).
  return /[*?[]/.test(pattern);
}

/** Translates one path segment of a glob into an anchored RegExp. */
function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === '\\' && i + 1 < seg.length) {
      re += escapeRe(seg[++i] as string);
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, close);
      let neg = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        neg = true;
        body = body.slice(1);
      }
      re += `[${neg ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/]/g, '\\]')}]`;
      i = close;
    } else if (c === '{') {
      const close = seg.indexOf('}', i);
      if (close < 0) {
        re += '\\{';
        continue;
      }
      const alts = seg.slice(i + 1, close).split(',');
      re += `(?:${alts.map((a) => segmentRegex(a).source.slice(1, -1)).join('|')})`;
      i = close;
    } else {
      re += escapeRe(c);
    }
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Expands an absolute glob pattern against the file system. Returns absolute paths of matching files.
 * A pattern without glob characters returns the file itself when it exists.
 */
export function expandGlob(fs: FileSystem, absPattern: string): string[] {
  const normalized = path.posix.normalize(absPattern);
  if (!hasGlobMeta(normalized) && !/[{]/.test(normalized)) {
    return fs.exists(normalized) && !fs.isDirectory(normalized) ? [normalized] : [];
  }
  const segments = normalized.split('/').filter((s, i) => s !== '' || i === 0);
  // The literal directory prefix before the first segment with a pattern.
  let base = '/';
  let i = 1;
  while (i < segments.length && !/[*?[{\\]/.test(segments[i] as string)) {
    base = path.posix.join(base, segments[i] as string);
    i++;
  }
  if (i >= segments.length) return fs.exists(base) && !fs.isDirectory(base) ? [base] : [];
  const rest = segments.slice(i);
  const out: string[] = [];
  const seen = new Set<string>();
  walk(fs, base, rest, out, seen);
  return out;
}

function walk(fs: FileSystem, dir: string, rest: string[], out: string[], seen: Set<string>): void {
  const [seg, ...tail] = rest;
  if (seg === undefined) return;
  if (seg === '**') {
    // Zero directories first, then each subdirectory, recursively.
    if (tail.length === 0) {
      collectAll(fs, dir, out, seen);
      return;
    }
    walk(fs, dir, tail, out, seen);
    for (const e of fs.readDirectory(dir)) {
      if (e.isDirectory) walk(fs, path.posix.join(dir, e.name), rest, out, seen);
    }
    return;
  }
  const re = segmentRegex(seg);
  for (const e of fs.readDirectory(dir)) {
    if (!re.test(e.name)) continue;
    const p = path.posix.join(dir, e.name);
    if (tail.length === 0) {
      if (e.isFile && !seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    } else if (e.isDirectory) {
      walk(fs, p, tail, out, seen);
    }
  }
}

function collectAll(fs: FileSystem, dir: string, out: string[], seen: Set<string>): void {
  for (const e of fs.readDirectory(dir)) {
    const p = path.posix.join(dir, e.name);
    if (e.isFile) {
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p);
      }
    } else if (e.isDirectory) collectAll(fs, p, out, seen);
  }
}

/** True when the absolute path matches the absolute glob (for "which include matched this file"). */
export function globMatches(absPattern: string, absPath: string): boolean {
  const pat = path.posix.normalize(absPattern).split('/');
  const p = path.posix.normalize(absPath).split('/');
  const match = (i: number, j: number): boolean => {
    if (i === pat.length) return j === p.length;
    const seg = pat[i] as string;
    if (seg === '**') {
      for (let k = j; k <= p.length; k++) if (match(i + 1, k)) return true;
      return false;
    }
    if (j >= p.length) return false;
    return segmentRegex(seg).test(p[j] as string) && match(i + 1, j + 1);
  };
  return match(0, 0);
}
