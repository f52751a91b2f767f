// Build conditions (`%bcond NAME DEFAULT`, `%bcond_with NAME`, `%bcond_without NAME`, tested by `%{with NAME}`
// and `%{without NAME}`): on the condition's name, whether it is on or off in azldev's build — its default,
// or the `_with_NAME`/`_without_NAME` macro the component's build.with/build.without writes into the generated
// macros file — and where the spec declares it.
import type { Span } from '../diagnostics';
import type { SpecDocument } from '../spec';
import type { GeneratedMacro } from './generatedMacros';
import { lineAtOffset } from './macroUses';

export interface BuildConditionUse {
  name: string;
  nameSpan: Span;
}

export interface BuildConditionDeclaration {
  /** As written: `%bcond`, `%bcond_with` or `%bcond_without`. */
  keyword: string;
  line: number;
  nameSpan: Span;
  /** True when the condition is on unless the build says otherwise. */
  defaultOn: boolean;
}

export interface BuildCondition {
  use: BuildConditionUse;
  declaration: BuildConditionDeclaration | undefined;
  /** The generated macro that switches it, when the component's build settings do. */
  switchedBy: GeneratedMacro | undefined;
  on: boolean;
}

const USE = /%\{?[!?]*(with|without)\s+([A-Za-z_][A-Za-z0-9_]*)/g;
const DECLARATION = /^\s*(%bcond_with|%bcond_without|%bcond)\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+(\S+))?/;

/** The build condition named under the cursor, in a `%{with NAME}`-style test or a `%bcond…` line. */
export function buildConditionUseAt(doc: SpecDocument, offset: number): BuildConditionUse | undefined {
  const line = lineAtOffset(doc, offset);
  if (!line || offset > line.end) return undefined;
  const decl = DECLARATION.exec(line.text);
  if (decl) {
    const start = line.start + (decl.index + decl[0].indexOf((decl[2] as string), (decl[1] as string).length));
    const span = { start, end: start + (decl[2] as string).length };
    if (span.start <= offset && offset <= span.end) return { name: decl[2] as string, nameSpan: span };
  }
  for (const m of line.text.matchAll(USE)) {
    const name = m[2] as string;
    const start = line.start + (m.index ?? 0) + m[0].length - name.length;
    if (start <= offset && offset <= start + name.length) return { name, nameSpan: { start, end: start + name.length } };
  }
  return undefined;
}

function declarationOf(doc: SpecDocument, name: string): BuildConditionDeclaration | undefined {
  for (const line of doc.lines) {
    if (line.comment || !line.text.includes('%bcond')) continue;
    const m = DECLARATION.exec(line.text);
    if (!m || m[2] !== name) continue;
    const keyword = m[1] as string;
    const start = line.start + m[0].indexOf(name, keyword.length);
    // `%bcond NAME DEFAULT`: the default is an expression; 0 (or nothing) is off, anything else on.
    const defaultOn = keyword === '%bcond_without' || (keyword === '%bcond' && m[3] !== undefined && m[3] !== '0');
    return { keyword, line: line.index, nameSpan: { start, end: start + name.length }, defaultOn };
  }
  return undefined;
}

export function buildConditionAt(doc: SpecDocument, offset: number, generated: readonly GeneratedMacro[]): BuildCondition | undefined {
  const use = buildConditionUseAt(doc, offset);
  if (!use) return undefined;
  const declaration = declarationOf(doc, use.name);
  const withMacro = generated.find((g) => g.name === `_with_${use.name}`);
  const withoutMacro = generated.find((g) => g.name === `_without_${use.name}`);
  // rpm: `_with_NAME` turns a default-off condition on, `_without_NAME` a default-on one off.
  const defaultOn = declaration?.defaultOn ?? false;
  const switchedBy = defaultOn ? withoutMacro : withMacro;
  return { use, declaration, switchedBy, on: switchedBy ? !defaultOn : defaultOn };
}
