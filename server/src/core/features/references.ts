// Find references of a component: its [components.X] definition, every component group listing it, and
// other components whose `spec.upstream-name` is that name. Package groups list binary packages, not
// components, so they are not references of one; from a package-group member, the references are that
// binary package's entries in every package group and the components' `packages.NAME` settings.
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import type { ProjectModel } from '../project/projectModel';
import { cursorAt, symbolAt } from './symbolsAtCursor';

export interface Reference {
  file: string;
  span: Span;
  kind: 'definition' | 'group-member' | 'upstream-name' | 'package-member' | 'package-config';
}

/** Every reference to component `name` in the project, the definition first, then in load order. */
export function componentReferences(model: ProjectModel, name: string, includeDeclaration: boolean): Reference[] {
  const out: Reference[] = [];
  const def = model.unions.components.get(name);
  if (def && includeDeclaration) out.push({ file: def.file, span: def.keySpan, kind: 'definition' });
  for (const group of model.unions['component-groups'].values()) {
    const list = group.node.type === 'table' ? group.node.entries.get('components')?.node : undefined;
    if (list?.type !== 'array') continue;
    for (const item of list.items) {
      if (item.type === 'scalar' && item.syntax.kind === 'string' && item.syntax.value === name) out.push({ file: group.file, span: item.span, kind: 'group-member' });
    }
  }
  for (const other of model.unions.components.values()) {
    if (other.name === name || other.node.type !== 'table') continue;
    const spec = other.node.entries.get('spec')?.node;
    const upstream = spec?.type === 'table' ? spec.entries.get('upstream-name')?.node : undefined;
    if (upstream?.type === 'scalar' && upstream.syntax.kind === 'string' && upstream.syntax.value === name) out.push({ file: other.file, span: upstream.span, kind: 'upstream-name' });
  }
  return out;
}

/** Every package group listing binary package `name`, and every component's `packages.NAME` table. */
export function packageReferences(model: ProjectModel, name: string): Reference[] {
  const out: Reference[] = [];
  for (const group of model.unions['package-groups'].values()) {
    const list = group.node.type === 'table' ? group.node.entries.get('packages')?.node : undefined;
    if (list?.type !== 'array') continue;
    for (const item of list.items) {
      if (item.type === 'scalar' && item.syntax.kind === 'string' && item.syntax.value === name) out.push({ file: group.file, span: item.span, kind: 'package-member' });
    }
  }
  for (const component of model.unions.components.values()) {
    const packages = component.node.type === 'table' ? component.node.entries.get('packages')?.node : undefined;
    const entry = packages?.type === 'table' ? packages.entries.get(name) : undefined;
    if (entry) out.push({ file: component.file, span: entry.keySpan, kind: 'package-config' });
  }
  return out;
}

export function findReferences(service: LanguageService, file: string, offset: number, includeDeclaration: boolean): Reference[] | undefined {
  const cursor = cursorAt(service, file, offset);
  const sym = cursor && symbolAt(cursor);
  if (!cursor?.model || !sym) return undefined;
  if (sym.kind === 'package-member') return packageReferences(cursor.model, sym.name);
  if (sym.kind !== 'component' && sym.kind !== 'group-member') return undefined;
  return componentReferences(cursor.model, sym.name, includeDeclaration);
}
