// Line-level edits azldev makes to whole files and to sections (edit.go's PrependLines, AppendLines,
// PrependLinesToSection, AppendLinesToSection, HasSection). A section is named as written (`%files`,
// case-sensitive) and its package as the header writes it ("" for the main package).

import type { SpecSection } from './model';
import { EDIT_OK, editError, type SpecEditor, type SpecEditResult } from './specEditor';

/** Sections azldev would match for (sectionName, packageName): exact name and exact package qualifier. */
export function matchingSections(editor: SpecEditor, sectionName: string, packageName: string): SpecSection[] {
  return editor.document.sections.filter((s) => s.name === sectionName && s.package === packageName);
}

export function sectionNotFound(sectionName: string, packageName: string): SpecEditResult {
  return editError('section-not-found', `section \`${sectionName}\` (package=\`${packageName}\`) not found`);
}

export function prependLines(editor: SpecEditor, lines: readonly string[]): void {
  editor.insertLines(0, lines);
}

export function appendLines(editor: SpecEditor, lines: readonly string[]): void {
  editor.insertLines(editor.lineCount, lines);
}

/** After each matching header (the very top of the file for the preamble, which has no header). */
export function prependLinesToSection(editor: SpecEditor, sectionName: string, packageName: string, lines: readonly string[]): SpecEditResult {
  const sections = matchingSections(editor, sectionName, packageName);
  if (sections.length === 0) return sectionNotFound(sectionName, packageName);
  for (const s of [...sections].reverse()) editor.insertLines(s.headerLine === undefined ? 0 : s.headerLine + 1, lines);
  return EDIT_OK;
}

/** After the last line of each matching section, i.e. just before the next header. */
export function appendLinesToSection(editor: SpecEditor, sectionName: string, packageName: string, lines: readonly string[]): SpecEditResult {
  const sections = matchingSections(editor, sectionName, packageName);
  if (sections.length === 0) return sectionNotFound(sectionName, packageName);
  for (const s of [...sections].reverse()) editor.insertLines(s.endLine, lines);
  return EDIT_OK;
}

/** Exact, case-sensitive name; "" (the preamble) always exists. */
export function hasSection(editor: SpecEditor, sectionName: string): boolean {
  return editor.document.sections.some((s) => s.name === sectionName);
}
