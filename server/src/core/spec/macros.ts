// The spec's own macro definitions (%global, %define, %undefine) and a small, bounded expander for them.
// It is used to name sub-packages (`%package -n %{srcname}-libs`), not to emulate rpm: macros it does not
// know, shell and Lua expansions, and parametric macros are left exactly as written.

import { isGoSpace, skipGoSpace } from './goText';

export type MacroKeyword = '%global' | '%define' | '%undefine';

export interface SpecMacroDefinition {
  keyword: MacroKeyword;
  name: string;
  /** Present for parametric macros such as `%define foo(a:)`; such macros are never expanded here. */
  params: string | undefined;
  /** The body, continuation lines joined with newlines ("" for %undefine). */
  body: string;
  /** First and last (inclusive) line: a body continues past a trailing backslash or an unclosed `%{`/`%(`. */
  line: number;
  endLine: number;
  nameStart: number;
  nameEnd: number;
}

const KEYWORDS: readonly MacroKeyword[] = ['%global', '%define', '%undefine'];

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * Recognises a definition starting on the line text[start, end). Continuation lines are passed by the caller
 * through `continuation`, which returns the next physical line's text or undefined at end of file.
 */
export function parseMacroDefinition(
  text: string,
  start: number,
  end: number,
  line: number,
  continuation: (lineOffset: number) => string | undefined,
): SpecMacroDefinition | undefined {
  const at = skipGoSpace(text, start, end);
  if (text.charCodeAt(at) !== 0x25) return undefined;
  const keyword = KEYWORDS.find((k) => text.startsWith(k, at) && (at + k.length === end || isGoSpace(text.charCodeAt(at + k.length))));
  if (keyword === undefined) return undefined;
  const nameStart = skipGoSpace(text, at + keyword.length, end);
  let nameEnd = nameStart;
  while (nameEnd < end && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === nameStart) return undefined;
  let cursor = nameEnd;
  let params: string | undefined;
  if (text.charCodeAt(cursor) === 0x28) {
    const close = text.indexOf(')', cursor);
    if (close < 0 || close >= end) return undefined;
    params = text.slice(cursor + 1, close);
    cursor = close + 1;
  }
  const first = text.slice(skipGoSpace(text, cursor, end), end);
  const parts = [first];
  const scanner = new ContinuationScanner();
  let more = scanner.feed(first);
  let endLine = line;
  while (more) {
    const next = continuation(endLine - line + 1);
    if (next === undefined) break;
    const last = parts.length - 1;
    if ((parts[last] as string).endsWith('\\')) parts[last] = (parts[last] as string).slice(0, -1);
    parts.push(next);
    more = scanner.feed(next);
    endLine++;
  }
  let body = parts.join('\n');
  if (keyword === '%undefine') body = '';
  return { keyword, name: text.slice(nameStart, nameEnd), params, body: body.trim(), line, endLine, nameStart, nameEnd };
}

/** Macro values visible at some point of the spec: later definitions replace earlier ones. */
export type MacroScope = ReadonlyMap<string, string>;

/**
 * Whether rpm's line reader would join the next line to a body: a trailing backslash, or a `%{`, `%(` or
 * `%[` still open (rpm counts nested plain brackets only inside an open macro bracket). Fed line by line
 * so that long bodies are scanned once.
 */
class ContinuationScanner {
  private braces = 0;
  private parens = 0;
  private squares = 0;

  /** Scans one physical line and says whether the body goes on after it. */
  feed(line: string): boolean {
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x25) {
        const n = line.charCodeAt(i + 1);
        if (n === 0x7b) this.braces++;
        else if (n === 0x28) this.parens++;
        else if (n === 0x5b) this.squares++;
        if (n === 0x7b || n === 0x28 || n === 0x5b || n === 0x25) i++;
      } else if (c === 0x7b && this.braces > 0) this.braces++;
      else if (c === 0x7d && this.braces > 0) this.braces--;
      else if (c === 0x28 && this.parens > 0) this.parens++;
      else if (c === 0x29 && this.parens > 0) this.parens--;
      else if (c === 0x5b && this.squares > 0) this.squares++;
      else if (c === 0x5d && this.squares > 0) this.squares--;
    }
    return this.braces > 0 || this.parens > 0 || this.squares > 0 || line.endsWith('\\');
  }
}

const MAX_DEPTH = 16;

/** Index of the bracket closing the one at `open`, honouring nesting, or -1. */
function matchingClose(s: string, open: number, openCh: number, closeCh: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === openCh) depth++;
    else if (c === closeCh) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Expands `%name`, `%{name}`, `%{?name}`, `%{?name:alt}`, `%{!?name:alt}`, `%{expand:…}` and `%%` from `scope`. Recursion
 * stops at a fixed depth, so self-referential definitions terminate (leaving the innermost text as written).
 */
export function expandMacros(input: string, scope: MacroScope, depth: number = 0): string {
  if (depth >= MAX_DEPTH || input.indexOf('%') < 0) return input;
  let out = '';
  let i = 0;
  while (i < input.length) {
    const pct = input.indexOf('%', i);
    if (pct < 0 || pct === input.length - 1) {
      out += input.slice(i);
      break;
    }
    out += input.slice(i, pct);
    const next = input.charCodeAt(pct + 1);
    if (next === 0x25) {
      out += '%';
      i = pct + 2;
    } else if (next === 0x7b) {
      const close = matchingClose(input, pct + 1, 0x7b, 0x7d);
      if (close < 0) {
        out += input.slice(pct);
        break;
      }
      out += expandBraced(input.slice(pct + 2, close), input.slice(pct, close + 1), scope, depth);
      i = close + 1;
    } else if (next === 0x28 || next === 0x5b) {
      const close = matchingClose(input, pct + 1, next, next === 0x28 ? 0x29 : 0x5d);
      const stop = close < 0 ? input.length : close + 1;
      out += input.slice(pct, stop);
      i = stop;
    } else {
      let j = pct + 1;
      const conditional = input.charCodeAt(j) === 0x3f;
      if (conditional) j++;
      const nameStart = j;
      while (j < input.length && isNameChar(input.charCodeAt(j))) j++;
      const name = input.slice(nameStart, j);
      const value = name === '' ? undefined : scope.get(name);
      if (value !== undefined) out += expandMacros(value, scope, depth + 1);
      else if (!conditional || name === '') out += input.slice(pct, j);
      i = j;
    }
  }
  return out;
}

function expandBraced(inner: string, verbatim: string, scope: MacroScope, depth: number): string {
  let negate = false;
  let conditional = false;
  let k = 0;
  if (inner.startsWith('!?')) {
    negate = true;
    conditional = true;
    k = 2;
  } else if (inner.startsWith('?')) {
    conditional = true;
    k = 1;
  }
  const colon = inner.indexOf(':', k);
  const name = colon < 0 ? inner.slice(k) : inner.slice(k, colon);
  if (name === '' || ![...name].every((ch) => isNameChar(ch.charCodeAt(0)))) return verbatim;
  const value = scope.get(name);
  if (!conditional) {
    if (name === 'expand' && colon >= 0) return expandMacros(inner.slice(colon + 1), scope, depth + 1);
    if (colon >= 0 || value === undefined) return verbatim;
    return expandMacros(value, scope, depth + 1);
  }
  const defined = value !== undefined;
  if (colon >= 0) return defined !== negate ? expandMacros(inner.slice(colon + 1), scope, depth + 1) : '';
  if (negate || value === undefined) return '';
  return expandMacros(value, scope, depth + 1);
}
