// At most MAX_DIAGNOSTICS_PER_FILE findings per file, then one summary of the rest: a broken or generated
// file can produce hundreds of thousands, which no reader uses and every later step would pay for.
import type { CoreDiagnostic } from './diagnostics';

export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** The first `max` diagnostics of one file's list (in its order) and, when more were found, a summary of them. */
export function capFileDiagnostics(file: string, diagnostics: CoreDiagnostic[], max = MAX_DIAGNOSTICS_PER_FILE): CoreDiagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const kept = diagnostics.slice(0, max);
  const firstDropped = diagnostics[max] as CoreDiagnostic;
  const dropped = diagnostics.length - max;
  const errors = diagnostics.slice(max).filter((d) => d.severity === 'error').length;
  kept.push({
    file,
    span: firstDropped.span,
    severity: errors > 0 ? 'error' : 'warning',
    code: 'too-many-diagnostics',
    message: `${dropped} more finding${dropped === 1 ? '' : 's'} in this file (${errors} error${errors === 1 ? '' : 's'}) are not shown: only the first ${max} of a file are reported. Fix the first ones (often one syntax error causes the rest) and check again.`,
    data: { shown: max, total: diagnostics.length },
  });
  return kept;
}
