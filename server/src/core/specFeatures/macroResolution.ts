// What a macro name used at some line of a spec refers to: the spec's own %global/%define (the last one
// before the use, else the first after it), a preamble tag rpm turns into a macro (`Version:` → %{version},
// `Source1:` → %{SOURCE1}), a macro of azldev's generated macros file, or one of rpm's common built-ins.
import type { SpecDocument, SpecMacroDefinition, SpecTag } from '../spec';
import { builtinMacroNote } from './builtinMacros';
import type { GeneratedMacro } from './generatedMacros';

export type MacroOrigin =
  | { kind: 'definition'; definition: SpecMacroDefinition }
  | { kind: 'tag'; tag: SpecTag }
  | { kind: 'generated'; macro: GeneratedMacro }
  | { kind: 'builtin'; note: string };

export interface MacroResolution {
  origin: MacroOrigin;
  /** The generated macros file's value too, when the spec's own definition comes after it and wins. */
  alsoGenerated: GeneratedMacro | undefined;
}

/** Preamble tags rpm also defines as macros of the lower-cased tag name (parsePreamble.cc's `ismacro` column). */
const MACRO_TAGS = new Set([
  'name', 'version', 'release', 'epoch', 'summary', 'license', 'sourcelicense', 'distribution', 'disturl', 'vendor',
  'group', 'packager', 'url', 'vcs', 'prefixes', 'prefix', 'buildsystem', 'disttag', 'bugurl', 'translationurl',
  'upstreamreleases', 'removepathpostfixes', 'modularitylabel',
]);

/** In `%files`, these are directives on the file that follows (`%license COPYING`), not the `License:` tag's macro. */
const FILES_DIRECTIVES = new Set(['license', 'doc', 'docdir', 'config', 'dir', 'ghost', 'attr', 'defattr', 'exclude', 'verify', 'lang', 'caps', 'artifact', 'missingok', 'readme']);

function definitionFor(doc: SpecDocument, name: string, line: number): SpecMacroDefinition | undefined {
  let before: SpecMacroDefinition | undefined;
  let after: SpecMacroDefinition | undefined;
  for (const d of doc.macros) {
    if (d.name !== name) continue;
    if (d.line <= line) before = d;
    else if (!after) after = d;
  }
  return before ?? after;
}

/** `Source` and `Source0` are the same source; so are `Patch` and `Patch0`. */
function sourceNumber(tagName: string, kind: 'source' | 'patch'): string | undefined {
  const lower = tagName.toLowerCase();
  if (!lower.startsWith(kind)) return undefined;
  const rest = lower.slice(kind.length);
  if (rest === '') return '0';
  return /^\d+$/.test(rest) ? String(Number(rest)) : undefined;
}

function tagFor(doc: SpecDocument, name: string, line: number): SpecTag | undefined {
  const numbered = /^(SOURCE|PATCH)(\d+)$/.exec(name);
  if (numbered) {
    const kind = numbered[1] === 'SOURCE' ? 'source' : 'patch';
    const number = String(Number(numbered[2]));
    return doc.tags.find((t) => sourceNumber(t.name, kind) === number);
  }
  const lower = name.toLowerCase();
  if (!MACRO_TAGS.has(lower)) return undefined;
  // The upper-case form names the main package's tag; the lower-case one the last such tag read before the use.
  const upper = name === name.toUpperCase() && name !== lower;
  const candidates = doc.tags.filter((t) => t.name.toLowerCase() === lower && (!upper || t.package === '') && (upper || name === lower));
  return candidates.filter((t) => t.line <= line).pop() ?? candidates[0];
}

export function resolveMacro(doc: SpecDocument, name: string, line: number, generated: readonly GeneratedMacro[]): MacroResolution | undefined {
  const section = doc.sections[doc.lines[line]?.section ?? 0];
  if (section?.type === 'Files' && FILES_DIRECTIVES.has(name)) {
    const note = builtinMacroNote(name) ?? `in \`%files\`: a directive on the file that follows`;
    return { origin: { kind: 'builtin', note }, alsoGenerated: undefined };
  }
  const fromFile = generated.find((g) => g.name === name);
  const definition = definitionFor(doc, name, line);
  if (definition) return { origin: { kind: 'definition', definition }, alsoGenerated: fromFile };
  const tag = tagFor(doc, name, line);
  if (tag) return { origin: { kind: 'tag', tag }, alsoGenerated: undefined };
  if (fromFile) return { origin: { kind: 'generated', macro: fromFile }, alsoGenerated: undefined };
  const note = builtinMacroNote(name);
  return note ? { origin: { kind: 'builtin', note }, alsoGenerated: undefined } : undefined;
}
