// Quick fixes for package diagnostics: replace the name (inside its string) with one of the did-you-mean
// names the diagnostic carries in `data.suggestions`, nearest first.
import type { CoreDiagnostic } from '../diagnostics';
import type { CoreCodeAction } from './codeActions';

const PACKAGE_NAME_CODES = new Set(['package-source-unknown', 'package-capability-unknown', 'package-binary-unknown']);

export function packageQuickFixes(file: string, d: CoreDiagnostic): CoreCodeAction[] {
  if (!PACKAGE_NAME_CODES.has(d.code)) return [];
  const suggestions = Array.isArray(d.data?.['suggestions']) ? (d.data['suggestions'] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
  return suggestions.map((s, i) => ({ title: `Change to '${s}'`, diagnostic: d, isPreferred: i === 0, edits: { [file]: [{ start: d.span.start, end: d.span.end, newText: s }] } }));
}
