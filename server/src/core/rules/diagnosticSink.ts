// Collects the rule engine's diagnostics for one file, so each rule only states span, code, message and data.
import type { CoreDiagnostic, RuleCode, Severity, Span } from '../diagnostics';

export class DiagnosticSink {
  readonly diagnostics: CoreDiagnostic[] = [];

  constructor(readonly file: string) {}

  report(severity: Severity, span: Span, code: RuleCode, message: string, data?: Record<string, unknown>): void {
    const d: CoreDiagnostic = { file: this.file, span: { start: span.start, end: span.end }, severity, code, message };
    if (data) d.data = data;
    this.diagnostics.push(d);
  }

  error(span: Span, code: RuleCode, message: string, data?: Record<string, unknown>): void {
    this.report('error', span, code, message, data);
  }

  warning(span: Span, code: RuleCode, message: string, data?: Record<string, unknown>): void {
    this.report('warning', span, code, message, data);
  }
}
