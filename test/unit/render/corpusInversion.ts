// Reconstructs an upstream spec from an azldev-rendered one by undoing, in reverse order, the overlays whose
// effect can be undone exactly (the header, the %check skip, whole-file and section prepends/appends, added and
// inserted tags, patch-add entries, the macros load); set/update-tag lines stay as rendered since re-applying
// them is idempotent. Any other spec overlay makes the component unverifiable and it is skipped with the reason.
import type { Overlay } from '../../../server/src/core/overlays';
import { SpecEditor } from '../../../server/src/core/spec';

const HEADER = ['# This spec file has been modified by azldev to include build configuration overlays.', '# Do not edit manually; changes may be overwritten.', ''];

export type Inversion = { ok: true; spec: string } | { ok: false; reason: string };

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function startsWith(lines: string[], at: number, want: readonly string[]): boolean {
  return want.every((w, i) => lines[at + i] === w);
}

/** Removes `want` right after each matching section header (or at the top for the preamble), else fails. */
function unprependSection(text: string, section: string, pkg: string, want: readonly string[]): string | undefined {
  const ed = new SpecEditor(text);
  const secs = ed.document.sections.filter((s) => s.name === section && s.package === pkg);
  if (secs.length === 0) return undefined;
  const lines = linesOf(text);
  for (const s of [...secs].reverse()) {
    const at = s.headerLine === undefined ? 0 : s.headerLine + 1;
    if (!startsWith(lines, at, want)) return undefined;
    lines.splice(at, want.length);
  }
  return lines.join('\n') + '\n';
}

function unappendSection(text: string, section: string, pkg: string, want: readonly string[]): string | undefined {
  const ed = new SpecEditor(text);
  const secs = ed.document.sections.filter((s) => s.name === section && s.package === pkg);
  if (secs.length === 0) return undefined;
  const lines = linesOf(text);
  for (const s of [...secs].reverse()) {
    const at = s.endLine - want.length;
    if (!startsWith(lines, at, want)) return undefined;
    lines.splice(at, want.length);
  }
  return lines.join('\n') + '\n';
}

/** Removes one line equal to `line` (the only one), else fails. */
function removeUniqueLine(text: string, matches: (l: string) => boolean): string | undefined {
  const lines = linesOf(text);
  const hits = lines.flatMap((l, i) => (matches(l) ? [i] : []));
  if (hits.length !== 1) return undefined;
  lines.splice(hits[0] as number, 1);
  return lines.join('\n') + '\n';
}

/** RE2 syntax that would make a regex more than its literal text. */
const REGEX_SYNTAX = /[\\.+*?()|[\]{}^$]/;

/**
 * A search-replace whose regex is plain text, with a one-line replacement: every occurrence of the
 * replacement in the lines it could have changed (its section, or the whole spec) goes back to the regex
 * text. Only where the replacement cannot be mistaken for untouched text: it must not contain the regex,
 * and the spec must hold it somewhere. The render test re-renders the result and compares it with azldev's
 * output byte for byte, so a wrong guess cannot pass unnoticed.
 */
function unsearchReplace(text: string, o: Overlay): string | undefined {
  if (REGEX_SYNTAX.test(o.regex) || o.regex === '' || o.replacement === '' || /[\n\r]/.test(o.replacement) || o.replacement.includes(o.regex) || o.package !== '') return undefined;
  const lines = linesOf(text);
  let section = '';
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^%(package|description|prep|build|install|check|files|changelog|pre|post|preun|postun|pretrans|posttrans|verifyscript|triggerin|triggerun|triggerpostun|filetriggerin|filetriggerun|transfiletriggerin|transfiletriggerun|generate_buildrequires|conf)\b/.test(line)) {
      section = line.split(/\s/)[0] as string;
      continue;
    }
    if (o.section !== '' && section !== o.section) continue;
    if (!line.includes(o.replacement)) continue;
    lines[i] = line.split(o.replacement).join(o.regex);
    changed = true;
  }
  return changed ? lines.join('\n') + '\n' : undefined;
}

function undo(text: string, o: Overlay): string | undefined {
  const base = o.file !== '' ? o.file : (o.source.split('/').pop() ?? '');
  switch (o.type) {
    case 'spec-prepend-lines':
      return unprependSection(text, o.section, o.package, o.lines);
    case 'spec-append-lines':
      if (o.section === '') {
        const lines = linesOf(text);
        return startsWith(lines, lines.length - o.lines.length, o.lines) ? lines.slice(0, lines.length - o.lines.length).join('\n') + '\n' : undefined;
      }
      return unappendSection(text, o.section, o.package, o.lines);
    case 'spec-add-tag':
      return unappendSection(text, o.package === '' ? '' : '%package', o.package, [`${o.tag}: ${o.value}`]);
    case 'spec-insert-tag':
      return removeUniqueLine(text, (l) => l === `${o.tag}: ${o.value}`);
    case 'spec-search-replace':
      return unsearchReplace(text, o);
    case 'spec-set-tag':
    case 'spec-update-tag':
      return linesOf(text).includes(`${o.tag}: ${o.value}`) ? text : undefined;
    case 'patch-add':
      return removeUniqueLine(text, (l) => l === base || new RegExp(`^Patch[0-9]+: ${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`).test(l));
    default:
      return o.type.startsWith('file-') ? text : undefined;
  }
}

export interface InversionInput {
  rendered: string;
  userOverlays: Overlay[];
  checkSkipReason?: string;
  macrosFileName?: string;
}

export function invertRender(input: InversionInput): Inversion {
  let lines = linesOf(input.rendered);
  if (!startsWith(lines, 0, HEADER)) return { ok: false, reason: 'no azldev header' };
  let text = lines.slice(HEADER.length).join('\n') + '\n';
  if (input.checkSkipReason !== undefined) {
    const undone = unprependSection(text, '%check', '', [`# Check section disabled: ${input.checkSkipReason}`, 'exit 0', '']);
    if (undone === undefined) return { ok: false, reason: 'check skip not found where azldev puts it' };
    text = undone;
  }
  for (const o of [...input.userOverlays].reverse()) {
    const undone = undo(text, o);
    if (undone === undefined) return { ok: false, reason: `${o.type} cannot be undone` };
    text = undone;
  }
  if (input.macrosFileName !== undefined) {
    const noTag = removeUniqueLine(text, (l) => l === `Source9999: ${input.macrosFileName}`);
    if (noTag === undefined) return { ok: false, reason: 'no Source9999 line' };
    lines = linesOf(noTag);
    const load = ['# All Azure Linux specs with overlays include this macro file, irrespective of whether new macros have been added.', `%{load:%{_sourcedir}/${input.macrosFileName}}`, ''];
    if (!startsWith(lines, 0, load)) return { ok: false, reason: 'no macros load lines' };
    text = lines.slice(load.length).join('\n') + '\n';
  }
  return { ok: true, spec: text };
}
