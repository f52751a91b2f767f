// `distroToml/reviewChanges` and `distroToml/reviewDocument` (the editor's Review Changes): the head is the project
// as the server reads it now, open buffers included; the base is the same with the files the change touched laid
// over it, as the client read them from git. Both are compared by the core the CLI's `review` uses; the texts of
// the last few reviews are kept for the diff editor to ask for.
import * as path from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { isWithin } from '../core/confinement';
import { DocumentCache } from '../core/documentCache';
import { loadProject } from '../core/project/projectModel';
import { diskSource } from '../core/render/readConfinement';
import { reviewChanges, type ComponentChange } from '../core/review/componentChanges';
import { replacedFileSystem, replacedLocalSpecs, replacedSources } from '../core/review/replacedFiles';
import { reviewChangesRequest, reviewDocumentRequest, type ReviewChangesParams, type ReviewChangesResult } from '../protocol';
import { cancelled } from './cancellation';
import type { FeatureHandler, ServerContext } from './context';
import { requestDocument } from './definitionLocations';
import { renderService } from './render';

/** Reviews kept for their texts; an older one's documents answer null. */
const KEPT_REVIEWS = 4;

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function validParams(p: unknown): p is ReviewChangesParams {
  if (typeof p !== 'object' || p === null) return false;
  const { uri, base } = p as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof base !== 'object' || base === null) return false;
  const { label, files } = base as Record<string, unknown>;
  return typeof label === 'string' && Array.isArray(files) && files.every((f) => typeof f === 'object' && f !== null && typeof (f as { uri?: unknown }).uri === 'string' && (typeof (f as { text?: unknown }).text === 'string' || (f as { text?: unknown }).text === null));
}

export const reviewFeature: FeatureHandler = {
  capabilities: {},
  register(ctx: ServerContext) {
    const kept = new Map<number, Map<string, ComponentChange>>();
    let nextId = 1;

    ctx.connection.onRequest(reviewChangesRequest, async (params, token): Promise<ReviewChangesResult | null | ResponseError<void>> => {
      if (!validParams(params)) return invalid('distroToml/reviewChanges needs { uri, base: { label, files: [{ uri, text | null }] } }');
      const req = requestDocument(ctx, params.uri);
      if (!req) return invalid(`distroToml/reviewChanges: uri is not a file URI: ${params.uri}`);
      const head = req.service.projectOf(req.file);
      if (!head) return null;
      const replaced = new Map<string, string | null>();
      const changed = new Set<string>();
      for (const f of params.base.files) {
        const file = ctx.filePathOf(f.uri);
        // Only the project's own files: the base never reads anything the head could not.
        if (file === undefined || !isWithin(head.root, file)) continue;
        replaced.set(path.resolve(file), f.text);
        changed.add(path.relative(head.root, file).split(path.sep).join('/'));
      }
      const headFs = req.service.cache.fs;
      const baseFs = replacedFileSystem(headFs, replaced);
      const baseCache = new DocumentCache(baseFs);
      const offline = renderService.offlineSpecs();
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const result = await reviewChanges(
        { label: params.base.label, cache: baseCache, model: loadProject(baseCache, head.rootFile), render: { fs: baseFs, specs: replacedLocalSpecs(offline, baseFs, replaced), readSource: replacedSources(diskSource, replaced) } },
        { label: 'working tree', cache: req.service.cache, model: head, render: { fs: headFs, specs: offline } },
        { changedFiles: changed, renderSpecs: true, keepTexts: true, signal: controller.signal },
      );
      if (token.isCancellationRequested) return cancelled();
      const id = nextId++;
      kept.set(id, new Map(result.components.map((c) => [c.name, c])));
      for (const old of kept.keys()) if (kept.size > KEPT_REVIEWS) kept.delete(old);
      return {
        id,
        base: params.base.label,
        head: 'working tree',
        compared: result.compared,
        components: result.components.map((c) => ({
          name: c.name,
          change: c.change,
          configChanged: c.configDiff !== '',
          spec: c.spec.status === 'not-checked' ? { status: 'not-checked', reason: c.spec.reason } : { status: c.spec.status, ...(c.spec.failures ? { failures: c.spec.failures } : {}) },
        })),
      };
    });

    ctx.connection.onRequest(reviewDocumentRequest, (params): string | null | ResponseError<void> => {
      const p = params as unknown as Record<string, unknown> | null;
      if (!p || typeof p['id'] !== 'number' || typeof p['component'] !== 'string' || (p['side'] !== 'base' && p['side'] !== 'head') || (p['what'] !== 'config' && p['what'] !== 'spec')) {
        return invalid('distroToml/reviewDocument needs { id, component, side: base|head, what: config|spec }');
      }
      const texts = kept.get(params.id)?.get(params.component)?.texts;
      if (!texts) return null;
      const key = `${params.side}${params.what === 'config' ? 'Config' : 'Spec'}` as keyof typeof texts;
      return texts[key] ?? '';
    });
  },
};
