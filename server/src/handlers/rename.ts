// textDocument/prepareRename and textDocument/rename for components, over the core's renameComponent: a
// refusal is an error the editor shows, an accepted rename one workspace edit across files.
import { ResponseError, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareRename, renameComponent } from '../core/features/rename';
import type { FeatureHandler } from './context';
import { rangeIn, requestDocument } from './definitionLocations';

/** LSP's RequestFailed: the request was valid but could not be carried out (the message says why). */
const REQUEST_FAILED = -32803;

export const renameFeature: FeatureHandler = {
  capabilities: { renameProvider: { prepareProvider: true } },
  register(ctx) {
    ctx.connection.onPrepareRename((params): { range: Range; placeholder: string } | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      if (!req) return null;
      const prepared = prepareRename(req.service, req.file, req.offsetAt(params.position));
      if (!prepared.ok) throw new ResponseError(REQUEST_FAILED, prepared.reason);
      return { range: rangeIn(req.service, req.file, prepared.span), placeholder: prepared.name };
    });
    ctx.connection.onRenameRequest((params): WorkspaceEdit | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      if (!req) return null;
      const result = renameComponent(req.service, req.file, req.offsetAt(params.position), params.newName);
      if (!result.ok) throw new ResponseError(REQUEST_FAILED, result.reason);
      const changes: Record<string, TextEdit[]> = {};
      for (const [file, edits] of Object.entries(result.edits)) {
        changes[ctx.uriOf(file)] = edits.map((e) => ({ range: rangeIn(req.service, file, e), newText: e.newText }));
      }
      return { changes };
    });
  },
};
