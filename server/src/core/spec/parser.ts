// Parses RPM spec text into a lossless SpecDocument. It never throws: stray or unclosed conditionals are
// reported in `problems`, and every line is kept with its exact text and end-of-line (see serializeSpec).

import { ConditionalTracker, conditionalKeyword } from './conditionals';
import { goFields, skipGoSpace, trimGoSpaceEnd } from './goText';
import { expandMacros, parseMacroDefinition, type MacroScope, type SpecMacroDefinition } from './macros';
import type { LineEnding, SpecDocument, SpecLine, SpecPackage, SpecProblem, SpecSection, SpecTag } from './model';
import { packageQualifierFromHeader, sectionHasPackage } from './packageQualifier';
import { sectionHeaderOf } from './sectionHeader';

interface LineBounds {
  start: number;
  end: number;
  eol: LineEnding;
}

/** Splits like Go's bufio.ScanLines (the way azldev reads a spec) while remembering each end-of-line. */
function splitLines(text: string): LineBounds[] {
  const out: LineBounds[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      const cr = text.charCodeAt(text.length - 1) === 0x0d;
      out.push({ start, end: cr ? text.length - 1 : text.length, eol: cr ? '\r' : '' });
      break;
    }
    const crlf = nl > start && text.charCodeAt(nl - 1) === 0x0d;
    out.push({ start, end: crlf ? nl - 1 : nl, eol: crlf ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return out;
}

/** RE2's `\s`, which azldev's tag regex uses: ASCII tab, newline, form feed, carriage return and space. */
function isRe2Space(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/**
 * azldev's tag regex `^\s*([^\s:]+):\s*(.*?)\s*$`, applied to the trimmed line [ls, le).
 * Returns the end of the name, or -1 when the line is not a tag line.
 */
function tagNameEnd(text: string, ls: number, le: number): number {
  let i = ls;
  while (i < le) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || isRe2Space(c)) break;
    i++;
  }
  return i > ls && i < le && text.charCodeAt(i) === 0x3a ? i : -1;
}

const PREAMBLE_MACRO_TAGS = new Set(['name', 'version', 'release', 'epoch']);

export function parseSpec(text: string): SpecDocument {
  return parseLines(text, splitLines(text));
}

/**
 * Parses lines as azldev holds them once edits have run: each entry is one line even when an edit put "\n"
 * in it (a multi-line `spec-search-replace` replacement, lines given with embedded newlines). azldev keeps
 * such a replacement as one raw line, so every later edit counts lines — and finds sections — by entry.
 */
export function parseSpecEntries(texts: readonly string[], eols: readonly LineEnding[]): SpecDocument {
  let text = '';
  const bounds: LineBounds[] = [];
  for (let i = 0; i < texts.length; i++) {
    const start = text.length;
    text += texts[i] as string;
    const eol = eols[i] ?? '\n';
    bounds.push({ start, end: text.length, eol });
    text += eol;
  }
  return parseLines(text, bounds);
}

function parseLines(text: string, bounds: readonly LineBounds[]): SpecDocument {
  const lines: SpecLine[] = [];
  const tags: SpecTag[] = [];
  const macros: SpecMacroDefinition[] = [];
  const problems: SpecProblem[] = [];
  const conditionals = new ConditionalTracker();
  const scope = new Map<string, string>();
  const preamble: SpecSection = {
    index: 0, name: '', type: 'Package', headerLine: undefined, startLine: 0, endLine: bounds.length,
    start: 0, end: text.length, args: [], package: '', absolute: false, packageName: undefined,
  };
  const sections: SpecSection[] = [preamble];
  let current = preamble;
  let macroUntil = -1;

  const mainName = (): string => expandMacros(scope.get('name') ?? '', scope);

  for (let index = 0; index < bounds.length; index++) {
    const { start, end, eol } = bounds[index] as LineBounds;
    const ls = skipGoSpace(text, start, end);
    const first = text.charCodeAt(ls);
    const columnZeroComment = text.charCodeAt(start) === 0x23;
    let kind: SpecLine['kind'] = 'raw';
    let tag: SpecTag | undefined;

    const header = first === 0x25 ? sectionHeaderOf(text, start, end) : undefined;
    if (header !== undefined) {
      kind = 'sectionStart';
      current.endLine = index;
      current.end = start;
      const packageName = sectionHasPackage(header.type) ? resolvePackageName(text.slice(header.keyword.end, end), scope, mainName()) : undefined;
      current = {
        index: sections.length, name: header.keyword.text, type: header.type, headerLine: index, startLine: index,
        endLine: bounds.length, start, end: text.length, args: header.args, package: header.qualifier.name,
        absolute: header.qualifier.absolute, packageName,
      };
      sections.push(current);
    }

    if (kind === 'raw' && !columnZeroComment && current.type === 'Package') {
      const le = trimGoSpaceEnd(text, ls, end);
      const nameEnd = tagNameEnd(text, ls, le);
      let vs = nameEnd + 1;
      while (nameEnd >= 0 && vs < le && isRe2Space(text.charCodeAt(vs))) vs++;
      // The regex's `(.*?)` does not cross a newline, so a multi-line entry is a tag only if its value is one line.
      const newline = nameEnd >= 0 ? text.indexOf('\n', vs) : -1;
      if (nameEnd >= 0 && (newline < 0 || newline >= le)) {
        const name = text.slice(ls, nameEnd);
        const value = text.slice(vs, le);
        kind = 'tag';
        tag = {
          line: index, section: current.index, package: current.package, name, value,
          nameSpan: { start: ls, end: nameEnd }, valueSpan: { start: vs, end: Math.max(vs, le) },
        };
        tags.push(tag);
        const key = name.toLowerCase();
        if (current.index === 0 && PREAMBLE_MACRO_TAGS.has(key) && !scope.has(key)) scope.set(key, value);
      }
    }

    let directive: SpecLine['directive'];
    let condition = conditionals.branch;
    let macro = index <= macroUntil ? macros[macros.length - 1] : undefined;
    // Lines continuing a multi-line macro body (`%if …\`) are the macro's text, not structure of the spec.
    if (first === 0x25 && macro === undefined) {
      const cond = conditionalKeyword(text, ls, end);
      if (cond !== undefined) {
        const fed = conditionals.directive(index, cond.keyword, cond.kind, text.slice(skipGoSpace(text, cond.rest, end), trimGoSpaceEnd(text, cond.rest, end)));
        directive = fed.directive;
        condition = fed.enclosing;
        if (fed.stray) problems.push({ line: index, start, end, message: `${cond.keyword} without a matching %if` });
      } else {
        macro = parseMacroDefinition(text, ls, end, index, (offset) => {
          const b = bounds[index + offset];
          return b === undefined ? undefined : text.slice(b.start, b.end);
        });
        if (macro !== undefined) {
          macros.push(macro);
          macroUntil = macro.endLine;
          if (macro.keyword === '%undefine') scope.delete(macro.name);
          else if (macro.params === undefined) scope.set(macro.name, macro.body);
        }
      }
    }

    lines.push({
      index, start, end, eol, text: text.slice(start, end), kind, section: current.index,
      comment: first === 0x23, directive, condition, tag, macro,
    });
  }

  for (const block of conditionals.unclosed()) {
    const opener = block.directives[0];
    const at = opener === undefined ? undefined : lines[opener.line];
    if (opener !== undefined && at !== undefined) {
      problems.push({ line: opener.line, start: at.start, end: at.end, message: `${opener.keyword} is never closed by %endif` });
    }
  }

  preamble.packageName = mainName();
  return { text, lines, sections, packages: collectPackages(sections), tags, macros, conditionals: conditionals.blocks, problems };
}

/**
 * rpm expands a header line before reading its options, so `%description %_description` (a multi-line
 * macro) names the main package while azldev, which does not expand, sees a package "%_description".
 */
function resolvePackageName(args: string, scope: MacroScope, main: string): string {
  const expanded = expandMacros(args, scope);
  const firstLine = expanded.slice(0, (expanded.indexOf('\n') + 1 || expanded.length + 1) - 1);
  const q = packageQualifierFromHeader(['', ...goFields(firstLine).map((t) => t.text)]);
  if (q.absolute) return q.name;
  return q.name === '' ? main : `${main}-${q.name}`;
}

/** The main package plus one entry per distinct `%package` name, each with all the sections naming it. */
function collectPackages(sections: readonly SpecSection[]): SpecPackage[] {
  const preamble = sections[0] as SpecSection;
  const main: SpecPackage = { qualifier: '', absolute: false, name: preamble.packageName ?? '', declaration: 0, sections: [] };
  const byName = new Map<string, SpecPackage>([[main.name, main]]);
  const packages = [main];
  for (const s of sections) {
    if (s.name.toLowerCase() !== '%package' || s.packageName === undefined || byName.has(s.packageName)) continue;
    const pkg: SpecPackage = { qualifier: s.package, absolute: s.absolute, name: s.packageName, declaration: s.index, sections: [] };
    byName.set(pkg.name, pkg);
    packages.push(pkg);
  }
  for (const s of sections) {
    if (s.packageName !== undefined) byName.get(s.packageName)?.sections.push(s.index);
  }
  return packages;
}

/** The exact text the document was parsed from, rebuilt from its lines. */
export function serializeSpec(doc: SpecDocument): string {
  let out = '';
  for (const line of doc.lines) out += line.text + line.eol;
  return out;
}
