// Checks that a regular expression compiles as Go RE2 (azldev uses Go's regexp package), through re2js
// rather than JS RegExp: the two accept different languages (look-around, back-references, \Z, ...).
import { RE2JS, RE2Set } from 're2js';
import type { Span } from '../diagnostics';
import type { DiagnosticSink } from './diagnosticSink';

/** Answers already computed, by pattern: parsing with re2js costs ~0.3 ms a pattern cold, and every check of a file asks again. */
const known = new Map<string, string | undefined>();
/** Patterns remembered at most; then the memo starts afresh (a tree has a few hundred). */
const KNOWN_MAX = 4096;

/** The RE2 parse error for `pattern`, or undefined when it compiles. */
export function re2Error(pattern: string): string | undefined {
  if (known.has(pattern)) return known.get(pattern);
  const error = re2SyntaxError(pattern);
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(pattern, error);
  return error;
}

/**
 * re2Error without the memo, by parsing only: every error re2js reports for a pattern is its parser's (the
 * compiler after it throws only on internal faults), so the program, its prefilter and its one-pass form that
 * `RE2JS.compile` also builds (~40% of its time) are skipped. `RE2Set.add` is re2js's public way to parse
 * (and simplify) with the flags `RE2JS.compile` uses by default; the set is never compiled.
 */
export function re2SyntaxError(pattern: string): string | undefined {
  try {
    new RE2Set().add(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The reference re2SyntaxError is held to (test/unit/perf/fastPathsDifferential.test.ts): a full compile. */
export function re2CompileError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function checkRegex(sink: DiagnosticSink, pattern: string, span: Span, overlayType: string): void {
  const error = re2Error(pattern);
  if (error === undefined) return;
  sink.error(
    span,
    'regex-invalid',
    `invalid regex \`${pattern}\` in \`${overlayType}\` overlay: ${error}. azldev compiles \`regex\` as Go RE2 syntax ` +
      '(no look-around, no back-references); fix the pattern.',
    { pattern, error },
  );
}
