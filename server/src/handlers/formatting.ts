// textDocument/formatting and rangeFormatting for the azldev TOML files (other TOML is left to other
// formatters): the core's edits in the house style; a refusal is logged and changes nothing.
import type { Range, TextEdit } from 'vscode-languageserver/node';
import { formatDocument } from '../core/format/formatDocument';
import type { FeatureHandler, ServerContext } from './context';
import { rangeIn, requestDocument } from './definitionLocations';

function formattingEdits(ctx: ServerContext, uri: string, range?: Range): TextEdit[] | null {
  const req = requestDocument(ctx, uri);
  if (!req || !req.service.classify(req.file)) return null;
  const entry = req.service.cache.get(req.file);
  if (!entry) return null;
  const result = formatDocument(entry.doc, range ? { start: req.offsetAt(range.start), end: req.offsetAt(range.end) } : undefined);
  if (result.refused) ctx.log(`Formatting ${req.file} changed nothing: ${result.refused}`);
  return result.edits.map((e) => ({ range: rangeIn(req.service, req.file, e), newText: e.newText }));
}

export const formattingFeature: FeatureHandler = {
  capabilities: { documentFormattingProvider: true, documentRangeFormattingProvider: true },
  register(ctx) {
    ctx.connection.onDocumentFormatting((params) => formattingEdits(ctx, params.textDocument.uri));
    ctx.connection.onDocumentRangeFormatting((params) => formattingEdits(ctx, params.textDocument.uri, params.range));
  },
};
