// textDocument/completion over the core's completion: offsets become ranges of the open buffer, and
// snippet items are marked as such so the editor expands their tab stops.
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import { complete, type CompletionKind } from '../core/features/completion';
import { SchemaStore } from '../core/features/schemaWalk';
import { LineIndex } from '../core/text/lineIndex';
import type { FeatureHandler } from './context';
import { withPackages } from './packageFeatures';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  table: CompletionItemKind.Module,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  keyword: CompletionItemKind.Keyword,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
};

export const completionFeature: FeatureHandler = {
  capabilities: { completionProvider: { triggerCharacters: ['.', '[', '"', "'", '=', ',', '%'] } },
  register(ctx) {
    // The bundled schemas sit beside the server bundle, as server.ts finds them.
    const schemas = new SchemaStore(path.join(__dirname, '..', 'schemas'));
    ctx.connection.onCompletion((params): CompletionList | null => {
      const file = ctx.filePathOf(params.textDocument.uri);
      const open = ctx.documents.get(params.textDocument.uri);
      const service = ctx.service();
      if (!file || !open || !service.classify(file)) return null;
      const text = open.getText();
      const index = new LineIndex(text);
      const list = withPackages(ctx, file, text, index.offsetAt(params.position), complete({ service, schemas }, file, text, index.offsetAt(params.position)));
      const items = list.items.map(
        (i): CompletionItem => ({
          label: i.label,
          kind: KINDS[i.kind],
          ...(i.detail !== undefined ? { detail: i.detail } : {}),
          ...(i.documentation !== undefined ? { documentation: { kind: MarkupKind.Markdown, value: i.documentation } } : {}),
          textEdit: { range: index.rangeAt(i.edit.start, i.edit.end), newText: i.edit.newText },
          insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          ...(i.filterText !== undefined ? { filterText: i.filterText } : {}),
          sortText: i.sortText,
        }),
      );
      return { isIncomplete: list.isIncomplete, items };
    });
  },
};
