// Rules for a per-file overlay document (`*.overlay.toml` loaded through `overlay-files`), from azldev's
// overlay_file.go: each `[[overlays]]` entry validates like an inline overlay, and may not carry its own
// `metadata`. Presence of `[metadata]`, a non-empty `overlays` list and unknown keys are the overlay-file
// schema's diagnostics.
import type { ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { childArray, tablesOf } from './modelValues';
import { checkOverlay } from './overlays';

export function checkOverlayFile(sink: DiagnosticSink, root: ModelTable): void {
  for (const { index, table } of tablesOf(childArray(root, 'overlays'))) {
    checkOverlay(sink, table, { inOverlayFile: true, where: `overlay ${index + 1} in this overlay file` });
  }
}
