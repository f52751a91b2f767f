// textDocument/references for components, over the core's findReferences; a cancelled request (the
// search runs over the whole project) is answered RequestCancelled.
import type { Location } from 'vscode-languageserver/node';
import { findReferences } from '../core/features/references';
import { cancelled, giveWay } from './cancellation';
import type { FeatureHandler } from './context';
import { locationOf, requestDocument } from './definitionLocations';

export const referencesFeature: FeatureHandler = {
  capabilities: { referencesProvider: true },
  register(ctx) {
    ctx.connection.onReferences(async (params, token) => {
      if (await giveWay(token)) return cancelled();
      const req = requestDocument(ctx, params.textDocument.uri);
      if (!req) return null;
      const refs = findReferences(req.service, req.file, req.offsetAt(params.position), params.context.includeDeclaration);
      if (await giveWay(token)) return cancelled();
      return refs ? refs.map((r): Location => locationOf(ctx, req.service, r.file, r.span)) : null;
    });
  },
};
