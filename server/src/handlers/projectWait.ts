// Requests that need the project's model (hover, navigation, rename, code actions, lenses, document links)
// wait for it while it is being loaded a file per turn (the start-up scan), instead of loading the whole tree
// at once and holding up every edit and diagnostic meanwhile. The handlers themselves stay as they are;
// completion waits only when its list needs the model (handlers/completion.ts), and the requests that answer from
// the parse alone (outline, folding, selection ranges, formatting) never wait.
import type { Connection } from 'vscode-languageserver/node';
import { findProjectRoot } from '../core/project/root';
import type { ServerContext } from './context';

export function waitForProjects(ctx: ServerContext): ServerContext {
  const { connection } = ctx;
  if (!ctx.projectLoaded || !ctx.whenProjectLoaded) return ctx;
  const loaded = ctx.projectLoaded;
  const whenLoaded = ctx.whenProjectLoaded;
  /** The load to await before answering about `uri`, or undefined when its project is at hand (or it has none). */
  const loading = (uri: string): Promise<void> | undefined => {
    const file = ctx.filePathOf(uri);
    const root = file === undefined ? undefined : findProjectRoot(ctx.service().cache.fs, file);
    return root === undefined || loaded(root) ? undefined : whenLoaded(root);
  };
  /** The handler, answering once the document's project is loaded (a promise of its answer then). */
  const after = <P extends { textDocument: { uri: string } }, A extends unknown[], R>(handler: (params: P, ...rest: A) => R) =>
    ((params: P, ...rest: A) => {
      const wait = loading(params.textDocument.uri);
      return wait ? wait.then(() => handler(params, ...rest)) : handler(params, ...rest);
    }) as (params: P, ...rest: A) => R;
  const routed = Object.create(connection) as Connection;
  routed.onHover = (handler) => connection.onHover(after(handler));
  routed.onDefinition = (handler) => connection.onDefinition(after(handler));
  routed.onReferences = (handler) => connection.onReferences(after(handler));
  routed.onPrepareRename = (handler) => connection.onPrepareRename(after(handler));
  routed.onRenameRequest = (handler) => connection.onRenameRequest(after(handler));
  routed.onCodeAction = (handler) => connection.onCodeAction(after(handler));
  routed.onCodeLens = (handler) => connection.onCodeLens(after(handler));
  routed.onDocumentLinks = (handler) => connection.onDocumentLinks(after(handler));
  return { ...ctx, connection: routed };
}
