// textDocument/definition over the core's findDefinition, answered as LocationLinks so the editor
// underlines the whole include glob or group member the jump starts from.
import type { LocationLink } from 'vscode-languageserver/node';
import { findDefinition } from '../core/features/definition';
import type { FeatureHandler } from './context';
import { rangeIn, requestDocument } from './definitionLocations';

export const definitionFeature: FeatureHandler = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    ctx.connection.onDefinition((params): LocationLink[] | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      if (!req) return null;
      const result = findDefinition(req.service, req.file, req.offsetAt(params.position));
      if (!result) return null;
      const originSelectionRange = rangeIn(req.service, req.file, result.originSpan);
      return result.targets.map((t) => ({
        originSelectionRange,
        targetUri: ctx.uriOf(t.file),
        targetRange: rangeIn(req.service, t.file, t.span),
        targetSelectionRange: rangeIn(req.service, t.file, t.selectionSpan),
      }));
    });
  },
};
