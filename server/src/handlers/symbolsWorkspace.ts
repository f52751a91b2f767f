// workspace/symbol over every project of the workspace: the projects of the workspace folders (known
// from initialize and workspace-folder changes, so no file need be open) and of the open documents.
// The search gives way between projects, so a `$/cancelRequest` is seen and answered RequestCancelled.
import type { CancellationToken, SymbolInformation } from 'vscode-languageserver/node';
import { workspaceSymbols } from '../core/features/symbolsWorkspace';
import type { ProjectModel } from '../core/project/projectModel';
import { findProjectRoot } from '../core/project/root';
import { cancelled, giveWay } from './cancellation';
import type { FeatureHandler, ServerContext } from './context';
import { locationOf, syncOpenDocuments } from './definitionLocations';
import { SYMBOL_KINDS } from './symbols';

function workspaceProjectRoots(ctx: ServerContext): Set<string> {
  const service = ctx.service();
  const roots = new Set(ctx.workspaceRoots());
  for (const doc of ctx.documents.all()) {
    const file = ctx.filePathOf(doc.uri);
    const root = file ? findProjectRoot(service.cache.fs, file) : undefined;
    if (root) roots.add(root);
  }
  return roots;
}

export const workspaceSymbolsFeature: FeatureHandler = {
  capabilities: { workspaceSymbolProvider: true },
  register(ctx) {
    ctx.connection.onWorkspaceSymbol(async (params, token: CancellationToken) => {
      if (await giveWay(token)) return cancelled();
      const service = syncOpenDocuments(ctx);
      const models: ProjectModel[] = [];
      for (const root of workspaceProjectRoots(ctx)) {
        // While the start-up scan reads the tree, the answer waits for it rather than reading it all at once.
        if (ctx.projectLoaded && !ctx.projectLoaded(root)) await ctx.whenProjectLoaded?.(root);
        models.push(service.projects.model(root));
        if (await giveWay(token)) return cancelled();
      }
      return workspaceSymbols(models, params.query).map(
        (s): SymbolInformation => ({
          name: s.name,
          kind: SYMBOL_KINDS[s.kind],
          containerName: s.containerName,
          location: locationOf(ctx, service, s.file, s.span),
        }),
      );
    });
  },
};
