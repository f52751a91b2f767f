// Patch registration as azldev does it (edit.go's AddPatchEntry, RemovePatchEntry, GetHighestPatchTagNumber):
// through %patchlist when the spec has one, otherwise through numbered PatchN tags.

import { compileMatcher } from '../glob';
import { goTrimSpace } from './goText';
import { appendLinesToSection, hasSection } from './sectionLines';
import { EDIT_OK, editError, type SpecEditor, type SpecEditResult } from './specEditor';
import { addTag } from './tagEdits';

/** N for a `PatchN` tag (any case; N as Go's strconv.Atoi reads it, sign allowed), undefined otherwise. */
export function parsePatchTagNumber(tag: string): number | undefined {
  const lower = tag.toLowerCase();
  if (!lower.startsWith('patch')) return undefined;
  const suffix = lower.slice(5);
  if (!/^[+-]?[0-9]+$/.test(suffix)) return undefined;
  const n = Number(suffix);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Highest N over every package; bare `Patch:` tags count as 0, 1, … as rpm numbers them; -1 when none. */
export function highestPatchTagNumber(editor: SpecEditor): number {
  let highest = -1;
  let unnumbered = 0;
  for (const t of editor.document.tags) {
    const n = parsePatchTagNumber(t.name);
    if (n !== undefined && n > highest) highest = n;
    else if (n === undefined && t.name.toLowerCase() === 'patch') unnumbered++;
  }
  return Math.max(highest, unnumbered - 1);
}

export function addPatchEntry(editor: SpecEditor, packageName: string, filename: string): SpecEditResult {
  if (hasSection(editor, '%patchlist')) return appendLinesToSection(editor, '%patchlist', '', [filename]);
  return addTag(editor, packageName, `Patch${highestPatchTagNumber(editor) + 1}`, filename);
}

/** Removes PatchN tags (every package) and %patchlist entries whose value matches the glob. */
export function removePatchEntry(editor: SpecEditor, pattern: string): SpecEditResult {
  const compiled = compileMatcher(pattern);
  const doc = editor.document;
  const doomed = new Set<number>();
  const candidates: { value: string; line: number }[] = [];
  for (const t of doc.tags) if (parsePatchTagNumber(t.name) !== undefined) candidates.push({ value: t.value, line: t.line });
  for (const line of doc.lines) {
    if (line.kind === 'sectionStart' || doc.sections[line.section]?.name !== '%patchlist') continue;
    const entry = goTrimSpace(line.text);
    if (entry !== '') candidates.push({ value: entry, line: line.index });
  }
  for (const c of candidates) {
    // doublestar.Match reports a malformed pattern on the first value it is matched against.
    if (!compiled.ok) return editError('invalid-argument', `failed to match glob pattern \`${pattern}\` against \`${c.value}\`:\n${compiled.error.message}`);
    if (compiled.matcher.match(c.value)) doomed.add(c.line);
  }
  if (doomed.size === 0) return editError('pattern-not-found', `no patches matching \`${pattern}\` found in spec`);
  for (const n of [...doomed].sort((a, b) => b - a)) editor.removeLines(n, n + 1);
  return EDIT_OK;
}
