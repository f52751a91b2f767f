// `distroToml/checkAllOverlays` ("Distro TOML: Check All Overlays"): every component of the project(s) with
// overlays, overlay files or a %check skip is rendered against the spec at hand offline — what `distro-toml
// check` does in CI — with work-done progress the user can cancel; the findings go to the Problems panel of
// each file where they are written (closed files included) and stay until that file's next check.
import type { CoreDiagnostic } from '../core/diagnostics';
import { checkOverlaysAgainstSpecs, componentsWithOverlays } from '../core/render';
import { checkAllOverlaysRequest, type CheckAllOverlaysResult } from '../protocol';
import type { ServerContext } from './context';
import { renderService } from './render';
import { optionalDocument } from './requestParams';

/** Receives the findings by file; the server merges them into what it publishes. */
export type OverlayFindingsSink = (byFile: Map<string, CoreDiagnostic[]>, checkedFiles: ReadonlySet<string>) => void;

export function registerCheckAllOverlays(ctx: ServerContext, sink: OverlayFindingsSink): void {
  ctx.connection.onRequest(checkAllOverlaysRequest, async (params, token): Promise<CheckAllOverlaysResult> => {
    const uri = optionalDocument(checkAllOverlaysRequest.method, params);
    await ctx.filesSettled?.();
    const service = ctx.service();
    const file = uri ? ctx.filePathOf(uri) : undefined;
    const one = file ? service.projectOf(file) : undefined;
    const models = one ? [one] : ctx.workspaceRoots().map((root) => service.projects.model(root));
    const progress = await ctx.connection.window.createWorkDoneProgress();
    const signal = { cancelled: false };
    token.onCancellationRequested(() => (signal.cancelled = true));
    progress.token.onCancellationRequested(() => (signal.cancelled = true));
    const result: CheckAllOverlaysResult = { judged: 0, notJudged: 0, errors: 0, advice: 0, cancelled: false };
    progress.begin('Distro TOML: checking overlays', 0, 'collecting components', true);
    try {
      for (const model of models) {
        const components = componentsWithOverlays(model);
        const checked = await checkOverlaysAgainstSpecs(model, {
          fs: service.cache.fs,
          specs: renderService.offlineSpecs(),
          components,
          signal,
          onComponent: (done, total, name) => progress.report(Math.floor((done / total) * 100), `${done}/${total}: ${name}`),
        });
        result.judged += checked.judged.length;
        result.notJudged += checked.unjudged.length;
        const byFile = new Map<string, CoreDiagnostic[]>();
        for (const d of checked.diagnostics) {
          const list = byFile.get(d.file);
          if (list) list.push(d);
          else byFile.set(d.file, [d]);
          if (d.severity === 'error') result.errors++;
          else result.advice++;
        }
        // Every file that defines one of these components: a clean file's earlier findings are cleared too.
        const files = new Set<string>();
        for (const name of components) {
          const def = model.unions.components.get(name);
          if (def) files.add(def.file);
        }
        for (const f of byFile.keys()) files.add(f);
        sink(byFile, files);
        if (signal.cancelled) break;
      }
    } finally {
      result.cancelled = signal.cancelled;
      progress.done();
    }
    ctx.log(`Check All Overlays: ${result.judged} components judged, ${result.notJudged} without a spec at hand, ${result.errors} errors${result.cancelled ? ' (cancelled)' : ''}`);
    return result;
  });
}
