// LSP glue for the package index: the package diagnostics of a project (none until the index is loaded), the steps
// that make them for a new index ahead of time,
// and the `distroToml/refreshPackageIndex` request, reported as work-done progress in bytes and cancellable.
import type { Connection } from 'vscode-languageserver/node';
import type { CoreDiagnostic } from './core/diagnostics';
import type { LanguageService } from './core/languageService';
import type { FileText } from './core/packageRules/packageReferences';
import { packageDiagnostics, packageDiagnosticsWarmUp, type PackageCheckContext } from './core/packageRules/packageDiagnostics';
import type { SpecFactsStore } from './core/features/specFacts';
import type { PackageIndex } from './core/packages/queries';
import type { PackageIndexHost } from './packageIndexHost';
import { refreshPackageIndexRequest } from './protocol';
import { optionalFlag } from './handlers/requestParams';

/** Where a dependency's macros come from in the server: the target arch, and the component's spec once one was
 * seen (a preview, a lookup); asking for a spec not at hand looks it up offline, once, and `found` re-checks. */
export interface ServerMacroSource {
  arch: string | undefined;
  specs: SpecFactsStore;
  lookUp(component: string): Promise<boolean>;
  found(): void;
}

const lookedUp = new Set<string>();

export function packageDiagnosticsOf(service: LanguageService, root: string, index: PackageIndex | undefined, macros?: ServerMacroSource): Map<string, readonly CoreDiagnostic[]> {
  if (!index) return new Map();
  const ctx: PackageCheckContext = macros
    ? {
        ...(macros.arch ? { arch: macros.arch } : {}),
        specMacros: (component) => {
          const known = macros.specs.dependencyMacros(component);
          if (!known && !lookedUp.has(component)) {
            lookedUp.add(component);
            void macros.lookUp(component).then((found) => found && macros.found(), () => undefined);
          }
          return known;
        },
      }
    : {};
  return packageDiagnostics(service.projects.model(root), index, textOfIn(service), ctx);
}

/** A file's text as the package references read it: an open buffer in pieces is read only where entries are made anew. */
const textOfIn = (service: LanguageService) => (f: string): FileText | undefined => {
  const entry = service.cache.get(f);
  return entry?.source ?? entry?.text;
};

/** The steps that make a project's package findings for a newly loaded index ahead of `packageDiagnosticsOf`. */
export function packageWarmUpOf(service: LanguageService, root: string, index: PackageIndex): Generator<string> {
  return packageDiagnosticsWarmUp(service.projects.model(root), index, textOfIn(service));
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

export function registerPackageIndexRequests(connection: Connection, host: PackageIndexHost, log: (m: string) => void): void {
  connection.onRequest(refreshPackageIndexRequest, async (params, token) => {
    const force = optionalFlag(refreshPackageIndexRequest.method, params, 'force');
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('Distro TOML: package index', undefined, 'Syncing…', true);
    progress?.token.onCancellationRequested(() => controller.abort());
    try {
      return await host.refresh(force, (p) => progress?.report(`${p.phase} ${mb(p.bytes)}${p.total ? ` of ${mb(p.total)}` : ''} — ${p.repo}`), controller.signal);
    } catch (e) {
      log(`Package index refresh failed: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    } finally {
      progress?.done();
    }
  });
}
