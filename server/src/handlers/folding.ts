// textDocument/foldingRange for TOML: the core's folds, whole lines or with characters as the client folds.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { tomlFolding } from '../core/features/folding';
import type { FeatureHandler } from './context';
import { requestDocument } from './definitionLocations';

export const foldingFeature: FeatureHandler = {
  capabilities: { foldingRangeProvider: true },
  register(ctx) {
    ctx.connection.onFoldingRanges((params): FoldingRange[] | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      const entry = req && req.service.cache.get(req.file);
      if (!entry) return null;
      const caps = ctx.clientCapabilities().textDocument?.foldingRange;
      const kinds = caps?.foldingRangeKind?.valueSet;
      const commentKind = !kinds || kinds.includes(FoldingRangeKind.Comment);
      return tomlFolding(entry.doc, { lineFoldingOnly: caps?.lineFoldingOnly ?? false, ...(caps?.rangeLimit !== undefined ? { limit: caps.rangeLimit } : {}) }).map((f) => ({
        startLine: f.startLine,
        endLine: f.endLine,
        ...(f.startCharacter !== undefined ? { startCharacter: f.startCharacter } : {}),
        ...(f.endCharacter !== undefined ? { endCharacter: f.endCharacter } : {}),
        ...(f.kind === 'comment' && commentKind ? { kind: FoldingRangeKind.Comment } : {}),
      }));
    });
  },
};
