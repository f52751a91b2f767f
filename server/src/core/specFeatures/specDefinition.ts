// Go to definition on a macro use in a spec: the name in the spec's %global/%define line, the tag rpm makes
// the macro of, a build condition's %bcond line, or — for a macro of azldev's generated macros file — the
// TOML setting that writes it.
import type { Span } from '../diagnostics';
import type { SpecDocument } from '../spec';
import { buildConditionAt } from './buildConditions';
import type { GeneratedMacro } from './generatedMacros';
import { resolveMacro } from './macroResolution';
import { macroUseAt } from './macroUses';

export type SpecDefinitionTarget =
  /** A place in the same spec document. */
  | { kind: 'spec'; span: Span }
  /** A place in a TOML file of the project. */
  | { kind: 'setting'; file: string; span: Span };

export function specDefinition(doc: SpecDocument, offset: number, generated: readonly GeneratedMacro[] = []): SpecDefinitionTarget | undefined {
  const condition = buildConditionAt(doc, offset, generated);
  if (condition?.declaration) return { kind: 'spec', span: condition.declaration.nameSpan };
  if (condition) return condition.switchedBy ? { kind: 'setting', file: condition.switchedBy.file, span: condition.switchedBy.span } : undefined;
  const use = macroUseAt(doc, offset);
  if (!use) return undefined;
  const origin = resolveMacro(doc, use.name, use.line, generated)?.origin;
  switch (origin?.kind) {
    case 'definition':
      return { kind: 'spec', span: { start: origin.definition.nameStart, end: origin.definition.nameEnd } };
    case 'tag':
      return { kind: 'spec', span: origin.tag.nameSpan };
    case 'generated':
      return { kind: 'setting', file: origin.macro.file, span: origin.macro.span };
    default:
      return undefined;
  }
}
