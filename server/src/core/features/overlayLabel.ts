// How the editor's diagnostics name an overlay ("overlay 2 of component `curl`", "overlay 1 in this overlay
// file"), found from where the overlay is written, so the render preview numbers overlays the same way the
// Problems panel does (azldev's own steps, such as loading the macros file, are not numbered among them).
import * as nodePath from 'node:path';
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import { overlayWrittenAt } from '../rules/componentConfigs';
import { childArray, tablesOf } from '../rules/modelValues';

export function overlayLabel(service: LanguageService, origin: { file: string; span: Span }): string | undefined {
  const entry = service.cache.get(origin.file);
  if (!entry) return undefined;
  const root = entry.doc.root;
  const written = overlayWrittenAt(root, origin.span.start);
  if (written) return written.where;
  for (const { index, table } of tablesOf(childArray(root, 'overlays'))) {
    if (table.span.start === origin.span.start) return `overlay ${index + 1} in ${nodePath.basename(origin.file)}`;
  }
  return undefined;
}
