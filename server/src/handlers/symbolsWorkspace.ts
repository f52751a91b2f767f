// workspace/symbol over every project of the workspace: the projects of the workspace folders (the
// root above each, or the roots below it) and of the open documents.
import * as path from 'node:path';
import type { SymbolInformation } from 'vscode-languageserver/node';
import { confineFileSystem } from '../core/confinement';
import type { FileSystem } from '../core/fs';
import type { LanguageService } from '../core/languageService';
import { workspaceSymbols } from '../core/features/symbolsWorkspace';
import type { ProjectModel } from '../core/project/projectModel';
import { findProjectRoot, PROJECT_FILE } from '../core/project/root';
import type { FeatureHandler, ServerContext } from './context';
import { locationOf, syncOpenDocuments } from './definitionLocations';
import { SYMBOL_KINDS } from './symbols';

/** How deep below a workspace folder without a project root we look for azldev.toml files. */
const SEARCH_DEPTH = 4;

function rootsIn(fs: FileSystem, folder: string): string[] {
  const up = findProjectRoot(fs, path.join(folder, PROJECT_FILE));
  if (up) return [up];
  const out: string[] = [];
  // Each real directory of the folder once: a link loop or a link out of the folder lists nothing.
  const view = confineFileSystem(fs, [folder]).fs;
  const below = (dir: string, depth: number) => {
    if (view.exists(path.join(dir, PROJECT_FILE))) {
      out.push(dir);
      return;
    }
    if (depth >= SEARCH_DEPTH) return;
    for (const e of view.readDirectory(dir)) if (e.isDirectory && e.name !== 'node_modules' && !e.name.startsWith('.')) below(path.join(dir, e.name), depth + 1);
  };
  below(folder, 0);
  return out;
}

async function workspaceModels(ctx: ServerContext): Promise<{ service: LanguageService; models: ProjectModel[] }> {
  const roots = new Set<string>();
  // A client without workspace folders answers with an error; the open documents still name projects.
  const folders = await ctx.connection.workspace.getWorkspaceFolders().catch(() => null);
  const service = syncOpenDocuments(ctx);
  for (const f of folders ?? []) {
    const dir = ctx.filePathOf(f.uri);
    if (dir) for (const r of rootsIn(service.cache.fs, dir)) roots.add(r);
  }
  for (const doc of ctx.documents.all()) {
    const file = ctx.filePathOf(doc.uri);
    const root = file ? findProjectRoot(service.cache.fs, file) : undefined;
    if (root) roots.add(root);
  }
  return { service, models: [...roots].map((r) => service.projects.model(r)) };
}

export const workspaceSymbolsFeature: FeatureHandler = {
  capabilities: { workspaceSymbolProvider: true },
  register(ctx) {
    ctx.connection.onWorkspaceSymbol(async (params): Promise<SymbolInformation[]> => {
      const { service, models } = await workspaceModels(ctx);
      return workspaceSymbols(models, params.query).map((s) => ({
        name: s.name,
        kind: SYMBOL_KINDS[s.kind],
        containerName: s.containerName,
        location: locationOf(ctx, service, s.file, s.span),
      }));
    });
  },
};
