// Checks that a regular expression compiles as Go RE2 (azldev uses Go's regexp package), through re2js
// rather than JS RegExp: the two accept different languages (look-around, back-references, \Z, ...).
import { RE2JS } from 're2js';
import type { Span } from '../diagnostics';
import type { DiagnosticSink } from './diagnosticSink';

/** Answers already computed, by pattern: compiling with re2js costs ~0.3 ms a pattern, and every check of a file asks again. */
const known = new Map<string, string | undefined>();
/** Patterns remembered at most; then the memo starts afresh (a tree has a few hundred). */
const KNOWN_MAX = 4096;

/** The RE2 parse error for `pattern`, or undefined when it compiles. */
export function re2Error(pattern: string): string | undefined {
  if (known.has(pattern)) return known.get(pattern);
  const error = re2CompileError(pattern);
  if (known.size >= KNOWN_MAX) known.clear();
  known.set(pattern, error);
  return error;
}

/** re2Error without the memo: compiles the pattern now. */
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
