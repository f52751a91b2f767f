// Workspace symbols: every component, component group, package group, image, distro and distro version
// of the given projects, matched against the query (exact, prefix, substring, then in-order letters),
// best matches first and capped, so a one-letter query over 7,000 components stays quick.
import type { Span } from '../diagnostics';
import { distroVersions, type Definition, type ProjectModel } from '../project/projectModel';
import type { SymbolKindName } from './symbols';

export interface WorkspaceSymbolData {
  name: string;
  kind: SymbolKindName;
  /** What holds it: "component", "component group", "distro azurelinux", … */
  containerName: string;
  file: string;
  span: Span;
}

export const WORKSPACE_SYMBOL_LIMIT = 500;

/** Lower is better; undefined when the name does not match at all. */
export function matchScore(name: string, query: string): number | undefined {
  if (!query) return 3;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  if (n.includes(q)) return 2;
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) if (n.charCodeAt(j) === q.charCodeAt(i)) i++;
  return i === q.length ? 4 : undefined;
}

export function workspaceSymbols(models: readonly ProjectModel[], query: string, limit = WORKSPACE_SYMBOL_LIMIT): WorkspaceSymbolData[] {
  const scored: { score: number; symbol: WorkspaceSymbolData }[] = [];
  const consider = (name: string, kind: SymbolKindName, containerName: string, file: string, span: Span) => {
    const score = matchScore(name, query);
    if (score !== undefined) scored.push({ score, symbol: { name, kind, containerName, file, span } });
  };
  const all = (defs: Iterable<Definition>, kind: SymbolKindName, container: string) => {
    for (const d of defs) consider(d.name, kind, container, d.file, d.keySpan);
  };
  for (const model of models) {
    all(model.unions.components.values(), 'module', 'component');
    all(model.unions['component-groups'].values(), 'array', 'component group');
    all(model.unions['package-groups'].values(), 'array', 'package group');
    all(model.unions.images.values(), 'file', 'image');
    for (const [name, defs] of model.distros) {
      const first = defs[0];
      if (first) consider(name, 'namespace', 'distro', first.file, first.keySpan);
      for (const [version, where] of distroVersions(model, name)) {
        const v = where[0];
        if (v) consider(version, 'enumMember', `distro ${name}`, v.file, v.entry.keySpan);
      }
    }
  }
  // Stable sort: equal scores keep load order; shorter names first among equals reads best for prefixes.
  scored.sort((a, b) => a.score - b.score || a.symbol.name.length - b.symbol.name.length);
  return scored.slice(0, limit).map((s) => s.symbol);
}
