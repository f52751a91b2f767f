// azldev's SearchAndReplace: a Go RE2 regex (re2js, the RE2 port for JavaScript) replaced literally on every
// body line of the matching sections, with Go's ReplaceAllLiteralString rules for empty matches.

import { RE2JS } from 're2js';
import { sectionHeaderOf } from './sectionHeader';
import { EDIT_OK, editError, type SpecEditor, type SpecEditResult } from './specEditor';

type Pattern = ReturnType<typeof RE2JS.compile>;

/**
 * Go skips an empty match right after a previous match and always advances at least one character;
 * re2js's own replaceAll follows Java, which would replace such an empty match too.
 */
export function replaceAllLiteral(pattern: Pattern, input: string, replacement: string): string {
  const m = pattern.matcher(input);
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= input.length && m.find(search)) {
    const start = m.start();
    const end = m.end();
    out += input.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += replacement;
    lastEnd = end;
    const code = input.codePointAt(search);
    const width = code !== undefined && code > 0xffff ? 2 : 1;
    search = search + width > end ? search + width : end;
  }
  return out + input.slice(lastEnd);
}

export function compileRe2(regex: string): Pattern | string {
  try {
    return RE2JS.compile(regex);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * `sectionName` "" means every section and `packageName` "" every package. Header lines are never changed;
 * a replacement that turns a body line into a header starts a new section for the lines after it, as in azldev.
 */
export function searchAndReplace(editor: SpecEditor, sectionName: string, packageName: string, regex: string, replacement: string): SpecEditResult {
  const pattern = compileRe2(regex);
  if (typeof pattern === 'string') return editError('invalid-argument', `failed to compile regex \`${regex}\`: ${pattern}`);
  let section = '';
  let pkg = '';
  let updated = false;
  for (let i = 0; i < editor.lineCount; i++) {
    const line = editor.lineAt(i);
    const header = sectionHeaderOf(line);
    if (header !== undefined) {
      section = header.keyword.text;
      pkg = header.qualifier.name;
      continue;
    }
    if ((sectionName !== '' && section !== sectionName) || (packageName !== '' && pkg !== packageName)) continue;
    const replaced = replaceAllLiteral(pattern, line, replacement);
    if (replaced === line) continue;
    editor.replaceLine(i, replaced);
    updated = true;
    const became = sectionHeaderOf(replaced);
    if (became !== undefined) {
      section = became.keyword.text;
      pkg = became.qualifier.name;
    }
  }
  if (!updated) return editError('pattern-not-found', `pattern \`${regex}\` not found (section=\`${sectionName}\`, package=\`${packageName}\`)`);
  return EDIT_OK;
}

/**
 * Where a whole-spec search would change lines, read-only: the sections (by keyword, "" for the preamble
 * before the first section) holding a body line the regex changes, in spec order. Undefined for a regex
 * that does not compile.
 */
export function searchReach(editor: SpecEditor, regex: string, replacement: string): string[] | undefined {
  const pattern = compileRe2(regex);
  if (typeof pattern === 'string') return undefined;
  const sections: string[] = [];
  let section = '';
  for (let i = 0; i < editor.lineCount; i++) {
    const line = editor.lineAt(i);
    const header = sectionHeaderOf(line);
    if (header !== undefined) {
      section = header.keyword.text;
      continue;
    }
    if (!sections.includes(section) && replaceAllLiteral(pattern, line, replacement) !== line) sections.push(section);
  }
  return sections;
}
