// textDocument/documentLink for TOML: URLs, and the files includes and paths name (the core decides which).
import * as path from 'node:path';
import type { DocumentLink } from 'vscode-languageserver/node';
import { documentLinks } from '../core/features/documentLinks';
import type { FeatureHandler } from './context';
import { rangeIn, requestDocument } from './definitionLocations';

export const documentLinksFeature: FeatureHandler = {
  capabilities: { documentLinkProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onDocumentLinks((params): DocumentLink[] | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      if (!req) return null;
      return documentLinks(req.service, req.file).map((link) => ({
        range: rangeIn(req.service, req.file, link.span),
        target: link.kind === 'url' ? link.target : ctx.uriOf(link.target),
        ...(link.kind === 'file' ? { tooltip: `Open ${path.relative(path.dirname(req.file), link.target)}` } : {}),
      }));
    });
  },
};
