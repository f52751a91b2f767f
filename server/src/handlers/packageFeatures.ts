// Package-index additions to completion and hover: the core's package items and hover text merged with
// the schema-driven ones, when a package index is loaded.
import type { Span } from '../core/diagnostics';
import type { CoreCompletionList } from '../core/features/completion';
import { packageCompletion } from '../core/features/packageCompletion';
import { packageHover } from '../core/features/packageHover';
import type { ProjectModel } from '../core/project/projectModel';
import type { ServerContext } from './context';

/**
 * The package names for completion joined to the list. The names the project already uses as components are
 * left out; while the project is being loaded (`projectOf` says `loading`) only this file's are known, and the
 * list is marked incomplete so the editor asks again.
 */
export function withPackages(ctx: ServerContext, file: string, text: string, offset: number, list: CoreCompletionList, projectOf?: (file: string) => ProjectModel | undefined | 'loading'): CoreCompletionList {
  const index = ctx.packageIndex?.();
  if (!index) return list;
  const service = ctx.service();
  const doc = service.cache.withText(file, text).doc;
  const model = projectOf ? projectOf(file) : service.projectOf(file);
  const loading = model === 'loading';
  const own = doc.root.entries.get('components')?.node;
  const used = new Set(loading ? (own?.type === 'table' ? own.entries.keys() : []) : (model?.unions.components.keys() ?? []));
  const pkg = packageCompletion(doc, text, offset, index, used);
  return pkg ? { items: [...pkg.items, ...list.items], isIncomplete: list.isIncomplete || pkg.isIncomplete || loading } : list;
}

export function withPackageHover<T extends { markdown: string; span?: Span }>(ctx: ServerContext, file: string, offset: number, result: T | undefined | null): { markdown: string; span?: Span } | undefined | null {
  const index = ctx.packageIndex?.();
  const text = index ? ctx.textOf(file) : undefined;
  if (!index || text === undefined) return result;
  const pkg = packageHover(file, ctx.service().cache.withText(file, text).doc, text, offset, index);
  if (!pkg) return result;
  return { markdown: result ? `${pkg.markdown}\n\n---\n\n${result.markdown}` : pkg.markdown, span: pkg.span };
}
