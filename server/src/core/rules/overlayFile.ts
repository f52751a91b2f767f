// Rules for a per-file overlay document (`*.overlay.toml` loaded through `overlay-files`), from azldev's
// overlay_file.go: the file-level `[metadata]` and each `[[overlays]]` entry validate like inline ones, and an
// overlay may not carry its own `metadata`. Presence of `[metadata]`, a non-empty `overlays` list and unknown keys are the overlay-file
// schema's diagnostics.
import type { ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { checkMetadata } from './metadata';
import { childArray, childTable, tablesOf } from './modelValues';
import { checkOverlay } from './overlays';

export function checkOverlayFile(sink: DiagnosticSink, root: ModelTable): void {
  const metadata = childTable(root, 'metadata');
  if (metadata) checkMetadata(sink, metadata);
  for (const { index, table } of tablesOf(childArray(root, 'overlays'))) {
    checkOverlay(sink, table, { inOverlayFile: true, where: `overlay ${index + 1} in this overlay file` });
  }
}
