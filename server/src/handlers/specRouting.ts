// Routes requests about spec documents away from the TOML features: the TOML handlers register on a
// connection whose outline, folding, hover and definition requests go to the spec features when the
// document is a spec, and whose TOML-only requests (completion, code actions, lenses, references,
// rename, selection ranges, links, formatting) answer nothing for a spec. The TOML handlers themselves stay as they are.
import type { Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { forgetSpec, isOpenSpec } from './specDocuments';
import { specRequests } from './specFeatures';

export const specCapabilities: ServerCapabilities = {
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  hoverProvider: true,
  definitionProvider: true,
};

export interface SpecRouting {
  /** The context to register the TOML features with. */
  ctx: ServerContext;
  /** Registers the spec features for the requests no TOML feature handles; call once all are registered. */
  finish(): void;
}

export function routeSpecDocuments(ctx: ServerContext): SpecRouting {
  const { connection } = ctx;
  const spec = specRequests(ctx);
  const isSpec = (uri: string) => isOpenSpec(ctx, uri);
  const registered = new Set<string>();
  const routed = Object.create(connection) as Connection;
  routed.onDocumentSymbol = (handler) => {
    registered.add('symbols');
    return connection.onDocumentSymbol((params, ...rest) => (isSpec(params.textDocument.uri) ? spec.symbols(params) : handler(params, ...rest)));
  };
  routed.onFoldingRanges = (handler) => {
    registered.add('folding');
    return connection.onFoldingRanges((params, ...rest) => (isSpec(params.textDocument.uri) ? spec.folding(params) : handler(params, ...rest)));
  };
  routed.onHover = (handler) => {
    registered.add('hover');
    return connection.onHover((params, ...rest) => (isSpec(params.textDocument.uri) ? spec.hover(params) : handler(params, ...rest)));
  };
  routed.onDefinition = (handler) => {
    registered.add('definition');
    return connection.onDefinition((params, ...rest) => (isSpec(params.textDocument.uri) ? spec.definition(params) : handler(params, ...rest)));
  };
  routed.onCompletion = (handler) => connection.onCompletion((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onCodeAction = (handler) => connection.onCodeAction((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onCodeLens = (handler) => connection.onCodeLens((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onReferences = (handler) => connection.onReferences((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onPrepareRename = (handler) => connection.onPrepareRename((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onRenameRequest = (handler) => connection.onRenameRequest((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onSelectionRanges = (handler) => connection.onSelectionRanges((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onDocumentLinks = (handler) => connection.onDocumentLinks((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onDocumentFormatting = (handler) => connection.onDocumentFormatting((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  routed.onDocumentRangeFormatting = (handler) => connection.onDocumentRangeFormatting((params, ...rest) => (isSpec(params.textDocument.uri) ? null : handler(params, ...rest)));
  ctx.documents.onDidClose((e) => forgetSpec(e.document.uri));
  return {
    ctx: { ...ctx, connection: routed },
    finish() {
      if (!registered.has('symbols')) connection.onDocumentSymbol((params) => spec.symbols(params));
      if (!registered.has('folding')) connection.onFoldingRanges((params) => spec.folding(params));
      if (!registered.has('hover')) connection.onHover((params) => spec.hover(params));
      if (!registered.has('definition')) connection.onDefinition((params) => spec.definition(params));
    },
  };
}
