// Tag edits with azldev's semantics (edit.go's SetTag, UpdateExistingTag, RemoveTag, RemoveTagsMatching,
// AddTag, InsertTag). Tag names compare case-insensitively; `packageName` is the section's qualifier as
// written ("" is the main package only, not "every package").

import { azldevConditionalDelta } from './conditionals';
import type { SpecTag } from './model';
import { appendLinesToSection, matchingSections, sectionNotFound } from './sectionLines';
import { EDIT_OK, editError, type SpecEditor, type SpecEditResult } from './specEditor';

function tagLine(tag: string, value: string): string {
  return `${tag}: ${value}`;
}

function packageTags(editor: SpecEditor, packageName: string): SpecTag[] {
  return editor.document.tags.filter((t) => t.package === packageName);
}

/** "Source9999" → "source", "Patch" → "patch": the name lower-cased without trailing digits. */
export function tagFamily(tag: string): string {
  const lower = tag.toLowerCase();
  const stripped = lower.replace(/[0-9]+$/, '');
  return stripped === '' ? lower : stripped;
}

/** Rewrites every instance of the tag in the package as `Tag: value` (azldev replaces all, not just the first). */
export function updateExistingTag(editor: SpecEditor, packageName: string, tag: string, value: string): SpecEditResult {
  const key = tag.toLowerCase();
  const hits = packageTags(editor, packageName).filter((t) => t.name.toLowerCase() === key);
  if (hits.length === 0) return editError('no-such-tag', `tag \`${tag}\` not found in spec`);
  for (const t of hits) editor.replaceLine(t.line, tagLine(tag, value));
  return EDIT_OK;
}

/** Appends `Tag: value` at the end of the preamble, or of the sub-package's %package section. */
export function addTag(editor: SpecEditor, packageName: string, tag: string, value: string): SpecEditResult {
  return appendLinesToSection(editor, packageName === '' ? '' : '%package', packageName, [tagLine(tag, value)]);
}

export function setTag(editor: SpecEditor, packageName: string, tag: string, value: string): SpecEditResult {
  const updated = updateExistingTag(editor, packageName, tag, value);
  if (updated.ok || updated.error.code !== 'no-such-tag') return updated;
  return addTag(editor, packageName, tag, value);
}

/** Removes matching tags in the package; returns how many went. */
export function removeTagsMatching(editor: SpecEditor, packageName: string, matches: (tag: string, value: string) => boolean): number {
  const hits = packageTags(editor, packageName).filter((t) => matches(t.name, t.value));
  for (const t of [...hits].reverse()) editor.removeLines(t.line, t.line + 1);
  return hits.length;
}

/** Removes every instance of the tag; with a non-empty `value`, only those whose value matches ignoring case. */
export function removeTag(editor: SpecEditor, packageName: string, tag: string, value: string): SpecEditResult {
  const key = tag.toLowerCase();
  const wanted = value.toLowerCase();
  const removed = removeTagsMatching(editor, packageName, (t, v) => t.toLowerCase() === key && (value === '' || v.toLowerCase() === wanted));
  if (removed === 0) return editError('no-such-tag', `tag \`${tag}\` with value \`${value}\` not found in spec`);
  return EDIT_OK;
}

/**
 * Places the tag after the last tag of its family (else after the last tag, else at the section end), and
 * out of any %if block that position is in, so the new tag stays unconditional.
 */
export function insertTag(editor: SpecEditor, packageName: string, tag: string, value: string): SpecEditResult {
  const sectionName = packageName === '' ? '' : '%package';
  const sections = matchingSections(editor, sectionName, packageName);
  if (sections.length === 0) return sectionNotFound(sectionName, packageName);
  const inSections = new Set(sections.map((s) => s.index));
  const family = tagFamily(tag);
  let lastFamily = -1;
  let lastAny = -1;
  for (const t of editor.document.tags) {
    if (!inSections.has(t.section)) continue;
    lastAny = t.line;
    if (tagFamily(t.name) === family) lastFamily = t.line;
  }
  let after = lastFamily >= 0 ? lastFamily : lastAny;
  if (after < 0) return addTag(editor, packageName, tag, value);
  after = skipPastConditional(editor, after, (sections[sections.length - 1] as (typeof sections)[number]).endLine);
  editor.insertLines(after + 1, [tagLine(tag, value)]);
  return EDIT_OK;
}

/** The %endif closing the block `line` is in (counting from the top of the file as azldev does), if in range. */
function skipPastConditional(editor: SpecEditor, line: number, sectionEnd: number): number {
  let depth = 0;
  for (let i = 0; i <= line && i < editor.lineCount; i++) depth += azldevConditionalDelta(editor.lineAt(i));
  if (depth <= 0) return line;
  for (let i = line + 1; i < sectionEnd && i < editor.lineCount; i++) {
    depth += azldevConditionalDelta(editor.lineAt(i));
    if (depth <= 0) return i;
  }
  return line;
}
