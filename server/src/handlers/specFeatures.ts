// The LSP answers for spec documents: outline, folding, hover and go-to-definition on macro uses, over the
// core's spec features. specRouting.ts sends these requests here when the document is a spec.
import {
  FoldingRangeKind,
  SymbolKind,
  type DefinitionParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
  type Location,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../core/diagnostics';
import { specDefinition, specFolding, specHover, specSymbols, type SpecSymbol, type SpecSymbolKind } from '../core/specFeatures';
import type { ServerContext } from './context';
import { rangeIn, requestDocument } from './definitionLocations';
import { openSpec } from './specDocuments';
import { markupFor } from './markupContent';

const SYMBOL_KINDS: Record<SpecSymbolKind, SymbolKind> = {
  preamble: SymbolKind.Module,
  package: SymbolKind.Package,
  description: SymbolKind.String,
  script: SymbolKind.Function,
  scriptlet: SymbolKind.Event,
  files: SymbolKind.File,
  changelog: SymbolKind.Namespace,
  sourceList: SymbolKind.Array,
  tag: SymbolKind.Property,
  macro: SymbolKind.Constant,
  changelogEntry: SymbolKind.Key,
};

function range(document: TextDocument, span: Span) {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

function toLsp(document: TextDocument, s: SpecSymbol): DocumentSymbol {
  return {
    name: s.name,
    kind: SYMBOL_KINDS[s.kind],
    range: range(document, s.span),
    selectionRange: range(document, s.selectionSpan),
    ...(s.detail ? { detail: s.detail } : {}),
    ...(s.children.length ? { children: s.children.map((c) => toLsp(document, c)) } : {}),
  };
}

export interface SpecRequests {
  symbols(params: DocumentSymbolParams): DocumentSymbol[] | null;
  folding(params: FoldingRangeParams): FoldingRange[] | null;
  hover(params: HoverParams): Hover | null;
  definition(params: DefinitionParams): Location[] | null;
}

export function specRequests(ctx: ServerContext): SpecRequests {
  return {
    symbols(params) {
      const open = openSpec(ctx, params.textDocument.uri);
      return open ? specSymbols(open.spec).map((s) => toLsp(open.document, s)) : null;
    },
    folding(params) {
      const open = openSpec(ctx, params.textDocument.uri);
      if (!open) return null;
      // The model's lines are azldev's (a lone "\r" is content); the editor's lines are the document's.
      const lineOf = (modelLine: number) => open.document.positionAt(open.spec.lines[modelLine]?.start ?? 0).line;
      return specFolding(open.spec).map((f) => ({
        startLine: lineOf(f.startLine),
        endLine: lineOf(f.endLine),
        ...(f.kind === 'section' ? {} : { kind: FoldingRangeKind.Region }),
      }));
    },
    hover(params) {
      const open = openSpec(ctx, params.textDocument.uri);
      if (!open) return null;
      const result = specHover(open.spec, open.document.offsetAt(params.position), open.generated, open.linkOf);
      return result ? { contents: markupFor(result.markdown, ctx.clientCapabilities().textDocument?.hover?.contentFormat), range: range(open.document, result.span) } : null;
    },
    definition(params) {
      const open = openSpec(ctx, params.textDocument.uri);
      if (!open) return null;
      const target = specDefinition(open.spec, open.document.offsetAt(params.position), open.generated);
      if (!target) return null;
      if (target.kind === 'spec') return [{ uri: open.document.uri, range: range(open.document, target.span) }];
      const req = requestDocument(ctx, ctx.uriOf(target.file));
      return req ? [{ uri: ctx.uriOf(target.file), range: rangeIn(req.service, target.file, target.span) }] : null;
    },
  };
}
