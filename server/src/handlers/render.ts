// `distroToml/render` (Render Preview, Diff with Upstream) and the code lenses on component headers.
// Rendering may fetch the upstream spec from dist-git, so it runs asynchronously and reports failures
// in the answer rather than as errors; a cancelled render is answered RequestCancelled. The lenses
// themselves are computed without any render.
import type { CodeLens } from 'vscode-languageserver/node';
import { effectiveComponent } from '../core/project/effectiveConfig';
import { componentAround, cursorAt } from '../core/features/symbolsAtCursor';
import { defaultUpstreamCacheDir } from '../upstreamCacheDir';
import { overlayLabel } from '../core/features/overlayLabel';
import { RenderService } from '../core/features/renderPreview';
import { CLIENT_COMMANDS, renderRequest, SERVER_COMMANDS, type RenderResult } from '../protocol';
import { clientRuns } from './clientCommands';
import { cancelled, giveWay } from './cancellation';
import type { FeatureHandler, ServerContext } from './context';
import { rangeIn, requestDocument } from './definitionLocations';
import { componentTarget } from './requestParams';

/** A file that defines more components than this shows lenses only on components with settings of their own. */
const LENS_ALL_LIMIT = 200;

export const defaultCacheDir = defaultUpstreamCacheDir;

/** The server's render service; server.ts configures it from the settings. */
export const renderService = new RenderService({ cacheDir: defaultCacheDir(), localCheckouts: [], allowFetch: true });

export const renderFeature: FeatureHandler = {
  capabilities: { codeLensProvider: { resolveProvider: true } },
  register(ctx: ServerContext) {
    ctx.connection.onRequest(renderRequest, async (raw, token) => {
      const params = componentTarget(renderRequest.method, raw);
      if (await giveWay(token)) return cancelled();
      const req = requestDocument(ctx, params.uri);
      if (!req) return null;
      const model = req.service.projectOf(req.file);
      if (!model) return null;
      const name = 'component' in params ? params.component : (() => {
        const cursor = cursorAt(req.service, req.file, req.offsetAt(params.position));
        return cursor ? componentAround(cursor) : undefined;
      })();
      if (name === undefined || !model.unions.components.has(name)) return { candidates: [...model.unions.components.keys()].sort() };
      const view = await renderService.render(model, name, req.service.cache.fs);
      if (token.isCancellationRequested) return cancelled();
      const result: RenderResult = {
        component: view.name,
        ok: view.ok,
        ...(view.spec !== undefined ? { spec: view.spec, banner: view.banner } : {}),
        ...(view.upstreamSpec !== undefined ? { upstreamSpec: view.upstreamSpec } : {}),
        ...(view.source !== undefined ? { source: view.source } : {}),
        overlays: view.overlays.map((o) => {
          const label = o.kind === 'user' && o.origin ? overlayLabel(req.service, o.origin) : undefined;
          return {
          index: o.index,
          type: o.type,
          kind: o.kind,
          ok: o.ok,
          message: o.message,
          ...(label ? { label } : {}),
          ...(o.description ? { description: o.description } : {}),
          ...(o.origin ? { location: { uri: ctx.uriOf(o.origin.file), range: rangeIn(req.service, o.origin.file, o.origin.span) } } : {}),
          };
        }),
        errors: view.errors,
        notes: view.notes,
        ...(view.release !== undefined ? { release: view.release } : {}),
      };
      return result;
    });

    ctx.connection.onCodeLens((params): CodeLens[] => {
      const req = requestDocument(ctx, params.textDocument.uri);
      const model = req ? req.service.projectOf(req.file) : undefined;
      const contribution = req && model?.contributions.get(req.file);
      if (!req || !contribution) return [];
      const defs = contribution.unions.components;
      const lenses: CodeLens[] = [];
      for (const def of defs) {
        if (defs.length > LENS_ALL_LIMIT && !(def.node.type === 'table' && def.node.entries.size > 0)) continue;
        if (model?.unions.components.get(def.name)?.file !== req.file) continue;
        const range = rangeIn(req.service, req.file, def.keySpan);
        const args = [{ uri: params.textDocument.uri, component: def.name }];
        // Preview and Diff open views only the VS Code extension has; other clients get the overlay lens alone.
        if (clientRuns(ctx, CLIENT_COMMANDS.renderPreview)) lenses.push({ range, command: { title: 'Preview', command: CLIENT_COMMANDS.renderPreview, arguments: args } });
        if (clientRuns(ctx, CLIENT_COMMANDS.diffUpstream)) lenses.push({ range, command: { title: 'Diff', command: CLIENT_COMMANDS.diffUpstream, arguments: args } });
        lenses.push({ range, data: { uri: params.textDocument.uri, component: def.name } });
      }
      return lenses;
    });

    ctx.connection.onCodeLensResolve((lens): CodeLens => {
      // `data` is what onCodeLens put there, as the client sent it back: anything else resolves to the lens as it is.
      const data = lens.data as { uri?: unknown; component?: unknown } | null | undefined;
      if (lens.command || typeof data?.uri !== 'string' || typeof data.component !== 'string' || !data.uri || !data.component) return lens;
      const req = requestDocument(ctx, data.uri);
      const model = req ? req.service.projectOf(req.file) : undefined;
      const eff = model ? effectiveComponent(model, data.component) : undefined;
      const overlays = eff?.config.entries.get('overlays');
      const inline = overlays?.kind === 'array' ? overlays.items.length : 0;
      const files = eff?.config.entries.get('overlay-files');
      const fromFiles = files?.kind === 'array' && files.items.length ? ' + overlay files' : '';
      const title = `${inline} overlay${inline === 1 ? '' : 's'}${fromFiles}`;
      const args = [{ uri: data.uri, component: data.component }];
      // The effective-config view where the client has it; elsewhere the server checks the overlays itself.
      lens.command = clientRuns(ctx, CLIENT_COMMANDS.showEffectiveConfig)
        ? { title, command: CLIENT_COMMANDS.showEffectiveConfig, arguments: args }
        : { title: `${title} · check`, command: SERVER_COMMANDS.checkComponent, arguments: args };
      return lens;
    });
  },
};
