// textDocument/completion over the core's completion: offsets become ranges of the open buffer, and
// snippet items are marked as such so the editor expands their tab stops.
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CancellationToken, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver/node';
import { complete, type CompletionKind } from '../core/features/completion';
import { SchemaStore } from '../core/features/schemaWalk';
import type { ProjectModel } from '../core/project/projectModel';
import { findProjectRoot } from '../core/project/root';
import type { FeatureHandler, ServerContext } from './context';
import { lineIndexOfText } from './definitionLocations';
import { renderService } from './render';
import { snippetAsPlainText } from './snippetText';
import { markupFor } from './markupContent';
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

/**
 * The project model as completion may use it: `loading` while the start-up scan reads it (see
 * FeatureEnv.projectOf). Asking starts the load (a file per turn) when nothing else has yet; `onLoading` gets
 * the promise of its end, which the request awaits before answering again.
 */
export function completionProject(ctx: ServerContext, file: string, onLoading?: (loaded: Promise<void>) => void): ProjectModel | undefined | 'loading' {
  const service = ctx.service();
  const root = findProjectRoot(service.cache.fs, file);
  if (root === undefined) return undefined;
  if (ctx.projectLoaded && !ctx.projectLoaded(root)) {
    const loaded = ctx.whenProjectLoaded?.(root);
    if (loaded) onLoading?.(loaded);
    return 'loading';
  }
  return service.projects.model(root);
}

/** The completion list at a position of an open TOML document (null when it is not one of ours). */
export function completionAnswer(ctx: ServerContext, schemas: SchemaStore, params: CompletionParams, onLoading?: (loaded: Promise<void>) => void): CompletionList | null {
  const file = ctx.filePathOf(params.textDocument.uri);
  const open = ctx.documents.get(params.textDocument.uri);
  const service = ctx.service();
  if (!file || !open || !service.classify(file)) return null;
  const text = open.getText();
  const index = lineIndexOfText(text);
  const offset = index.offsetAt(params.position);
  if (params.context?.triggerCharacter === ' ' && !/=[ \t]*$/.test(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset))) return null;
  // Names only the model gives (group members, distro names) are waited for; the package names are offered at
  // once, leaving out this file's components until the model is in (the list says it is incomplete), so that
  // `[components.pyth` lists Fedora's source names while the scan runs.
  const projectOf = (f: string) => completionProject(ctx, f, onLoading);
  const projectSoFar = (f: string) => completionProject(ctx, f);
  // An overlay's section, package and tag come from the component's spec once one was seen; asking for
  // it looks it up offline in the background (the list says it is incomplete meanwhile).
  const specFacts = {
    get: (component: string) => renderService.specFacts.get(component),
    want: (component: string) => {
      const model = projectSoFar(file);
      if (model && model !== 'loading') void renderService.loadSpecFacts(model, component, service.cache.fs);
    },
  };
  const list = withPackages(ctx, file, text, offset, complete({ service, schemas, specFacts, projectOf }, file, text, offset), projectSoFar);
  // A client that cannot expand snippets gets plain text with every field and its example written.
  const snippets = ctx.clientCapabilities().textDocument?.completion?.completionItem?.snippetSupport === true;
  const documentationFormat = ctx.clientCapabilities().textDocument?.completion?.completionItem?.documentationFormat;
  const items = list.items.map(
    (i): CompletionItem => ({
      label: i.label,
      kind: KINDS[i.kind],
      ...(i.detail !== undefined ? { detail: i.detail } : {}),
      ...(i.documentation !== undefined ? { documentation: markupFor(i.documentation, documentationFormat) } : {}),
      textEdit: { range: index.rangeAt(i.edit.start, i.edit.end), newText: i.snippet && !snippets ? snippetAsPlainText(i.edit.newText) : i.edit.newText },
      insertTextFormat: i.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      ...(i.filterText !== undefined ? { filterText: i.filterText } : {}),
      sortText: i.sortText,
    }),
  );
  return { isIncomplete: list.isIncomplete, items };
}

/**
 * The completion list, waiting for the project's model when the answer needed it while the start-up scan
 * was still reading the tree (a component group's members, distro names): the editor would otherwise show
 * an empty list and ask again only at the next key.
 * Answers that need no model never wait. When the buffer changed or the request was cancelled meanwhile,
 * the first answer stands (marked incomplete, so the editor asks again).
 */
export async function completionWhenLoaded(ctx: ServerContext, schemas: SchemaStore, params: CompletionParams, token?: CancellationToken): Promise<CompletionList | null> {
  let loading: Promise<void> | undefined;
  const version = ctx.documents.get(params.textDocument.uri)?.version;
  const first = completionAnswer(ctx, schemas, params, (loaded) => (loading ??= loaded));
  if (!loading) return first;
  await loading.catch(() => undefined);
  if (token?.isCancellationRequested || ctx.documents.get(params.textDocument.uri)?.version !== version) return first;
  return completionAnswer(ctx, schemas, params);
}

export const completionFeature: FeatureHandler = {
  // A space opens completion only after `=` (`type = ` offers the overlay types); elsewhere it answers nothing.
  capabilities: { completionProvider: { triggerCharacters: ['.', '[', '"', "'", '=', ',', '%', ' '] } },
  register(ctx) {
    // The bundled schemas sit beside the server bundle, as server.ts finds them.
    const schemas = new SchemaStore(path.join(__dirname, '..', 'schemas'));
    ctx.connection.onCompletion((params, token) => completionWhenLoaded(ctx, schemas, params, token));
  },
};
