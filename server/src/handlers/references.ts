// textDocument/references for components, over the core's findReferences.
import type { Location } from 'vscode-languageserver/node';
import { findReferences } from '../core/features/references';
import type { FeatureHandler } from './context';
import { locationOf, requestDocument } from './definitionLocations';

export const referencesFeature: FeatureHandler = {
  capabilities: { referencesProvider: true },
  register(ctx) {
    ctx.connection.onReferences((params): Location[] | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      if (!req) return null;
      const refs = findReferences(req.service, req.file, req.offsetAt(params.position), params.context.includeDeclaration);
      return refs ? refs.map((r) => locationOf(ctx, req.service, r.file, r.span)) : null;
    });
  },
};
