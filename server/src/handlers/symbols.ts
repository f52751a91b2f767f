// textDocument/documentSymbol: the core's hierarchical outline as LSP DocumentSymbols.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { LanguageService } from '../core/languageService';
import { documentSymbols, type DocumentSymbolData, type SymbolKindName } from '../core/features/symbols';
import type { FeatureHandler } from './context';
import { rangeIn, requestDocument } from './definitionLocations';

export const SYMBOL_KINDS: Record<SymbolKindName, SymbolKind> = {
  module: SymbolKind.Module,
  namespace: SymbolKind.Namespace,
  package: SymbolKind.Package,
  array: SymbolKind.Array,
  object: SymbolKind.Object,
  property: SymbolKind.Property,
  enumMember: SymbolKind.EnumMember,
  event: SymbolKind.Event,
  file: SymbolKind.File,
  string: SymbolKind.String,
};

function toLsp(service: LanguageService, file: string, s: DocumentSymbolData): DocumentSymbol {
  return {
    name: s.name || '""',
    kind: SYMBOL_KINDS[s.kind],
    range: rangeIn(service, file, s.span),
    selectionRange: rangeIn(service, file, s.selectionSpan),
    ...(s.detail ? { detail: s.detail } : {}),
    ...(s.children.length ? { children: s.children.map((c) => toLsp(service, file, c)) } : {}),
  };
}

export const symbolsFeature: FeatureHandler = {
  capabilities: { documentSymbolProvider: { label: 'Distro TOML' } },
  register(ctx) {
    ctx.connection.onDocumentSymbol((params): DocumentSymbol[] | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      if (!req) return null;
      return documentSymbols(req.service, req.file).map((s) => toLsp(req.service, req.file, s));
    });
  },
};
