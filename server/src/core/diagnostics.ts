// The core's diagnostic shape: file + string offsets. Edges convert offsets to positions with LineIndex.
import type { RuleCode } from './ruleCatalog';

export type { RuleCode };

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Span {
  start: number;
  end: number;
}

export interface RelatedInformation {
  file: string;
  span: Span;
  message: string;
}

export interface CoreDiagnostic {
  /** Absolute path of the file the diagnostic is in. */
  file: string;
  span: Span;
  severity: Severity;
  /** Stable code, e.g. `toml-syntax`, `schema-unknown-key`, `overlay-missing-field`: one of the rule catalog's. */
  code: RuleCode;
  message: string;
  related?: RelatedInformation[];
  /** Machine-readable data for quick fixes. */
  data?: Record<string, unknown>;
}
