// Removing sections and whole sub-packages (edit.go's RemoveSection, RemoveSubpackage). Each removed range
// runs from a header to the next header, trimmed so %if/%endif stay balanced; a removal that would break a
// conditional shared with another section is refused, as azldev refuses it.

import { azldevConditionalDelta, isAzldevBranchDirective } from './conditionals';
import { goTrimSpace } from './goText';
import { editError, EDIT_OK, type SpecEditor, type SpecEditResult } from './specEditor';

interface LineRange {
  start: number;
  end: number;
}

interface ConditionalPair {
  ifLine: number;
  endifLine: number;
}

type Ranges = { ok: true; ranges: LineRange[] } | { ok: false; result: SpecEditResult };

export function removeSection(editor: SpecEditor, sectionName: string, packageName: string): SpecEditResult {
  if (sectionName === '') return editError('invalid-argument', 'cannot remove the global/preamble section');
  const found = collectRanges(editor, (name, pkg) => name === sectionName && pkg === packageName);
  if (!found.ok) return found.result;
  if (found.ranges.length === 0) return editError('section-not-found', `section \`${sectionName}\` (package=\`${packageName}\`) not found`);
  removeRanges(editor, found.ranges);
  return EDIT_OK;
}

/** Every section whose package qualifier is `packageName`, in the form the spec writes it (suffix or -n). */
export function removeSubpackage(editor: SpecEditor, packageName: string): SpecEditResult {
  if (packageName === '') return editError('invalid-argument', 'cannot remove sub-package with empty name');
  const found = collectRanges(editor, (_name, pkg) => pkg === packageName);
  if (!found.ok) return found.result;
  if (found.ranges.length === 0) return editError('section-not-found', `sub-package \`${packageName}\` not found`);
  removeRanges(editor, found.ranges);
  return EDIT_OK;
}

function removeRanges(editor: SpecEditor, ranges: readonly LineRange[]): void {
  for (const r of [...ranges].reverse()) editor.removeLines(r.start, r.end);
}

function collectRanges(editor: SpecEditor, matches: (sectionName: string, packageName: string) => boolean): Ranges {
  const ranges = editor.document.sections.filter((s) => matches(s.name, s.package)).map((s) => ({ start: s.startLine, end: s.endLine }));
  if (ranges.length === 0) return { ok: true, ranges };
  const lines = Array.from({ length: editor.lineCount }, (_, i) => editor.lineAt(i));
  const pairs = conditionalPairs(lines);
  if (typeof pairs === 'string') return { ok: false, result: editError('invalid-argument', `failed to parse conditional structure: ${pairs}`) };
  const balanced: LineRange[] = [];
  for (const r of ranges) {
    const b = balanceRange(r, lines, pairs);
    if ('code' in b) return { ok: false, result: { ok: false, error: b } };
    balanced.push(b);
  }
  return { ok: true, ranges: balanced };
}

/** Matched %if/%endif pairs by azldev's raw-line rules, or a message for the first unmatched one. */
function conditionalPairs(lines: readonly string[]): ConditionalPair[] | string {
  const pairs: ConditionalPair[] = [];
  const stack: number[] = [];
  for (const [n, line] of lines.entries()) {
    const delta = azldevConditionalDelta(line);
    if (delta === 1) stack.push(n);
    else if (delta === -1) {
      const ifLine = stack.pop();
      if (ifLine === undefined) return `unmatched %endif at line ${n + 1}`;
      pairs.push({ ifLine, endifLine: n });
    }
  }
  if (stack.length > 0) return `unmatched %if at line ${(stack[0] as number) + 1}`;
  return pairs;
}

function spansError(range: LineRange, what: string): { code: 'conditional-spans-sections'; message: string } {
  return {
    code: 'conditional-spans-sections',
    message: `section at lines ${range.start + 1}-${range.end} ${what}; use a spec-search-replace overlay to adjust conditionals before removing: conditional block spans across section boundaries`,
  };
}

const SPANS_NEXT = 'has a conditional block that spans into the next section';

function balanceRange(range: LineRange, lines: readonly string[], pairs: readonly ConditionalPair[]): LineRange | { code: 'conditional-spans-sections'; message: string } {
  let trimmed = range.end;
  for (const pair of pairs) {
    const ifInside = pair.ifLine >= range.start && pair.ifLine < range.end;
    const endifInside = pair.endifLine >= range.start && pair.endifLine < range.end;
    if (ifInside === endifInside) continue;
    const inside = ifInside ? pair.ifLine : pair.endifLine;
    if (inside < trimmed) trimmed = inside;
    if (ifInside && hasContentBetween(pair.ifLine, range.end, lines)) return spansError(range, SPANS_NEXT);
  }
  for (let n = range.start; n < range.end; n++) {
    if (!isAzldevBranchDirective(lines[n] as string)) continue;
    const enclosing = pairs.find((p) => p.ifLine <= n && p.endifLine >= n);
    if (enclosing !== undefined && !(enclosing.ifLine >= range.start && enclosing.endifLine < range.end)) {
      return spansError(range, 'contains a %else/%elif branch directive inside a conditional block that extends beyond the section boundary');
    }
  }
  if (trimmed === range.end) return range;
  if (hasContentBetween(trimmed - 1, range.end, lines)) return spansError(range, SPANS_NEXT);
  return { start: range.start, end: trimmed };
}

/** Real content strictly between `after` and `end`: not blank, not a comment, not an %if/%endif. */
function hasContentBetween(after: number, end: number, lines: readonly string[]): boolean {
  for (let n = after + 1; n < end; n++) {
    const line = lines[n] as string;
    const t = goTrimSpace(line);
    if (t !== '' && !t.startsWith('#') && azldevConditionalDelta(line) === 0) return true;
  }
  return false;
}
