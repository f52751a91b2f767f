// The outline of a spec, in document order: the preamble with its tags and macro definitions, then every
// section as written (`%package -n foo`, `%files devel`, `%post`…) with the binary package it belongs to;
// a `%package` lists its tags and `%changelog` its entries.
import type { Span } from '../diagnostics';
import type { SpecDocument, SpecSection } from '../spec';
import { sectionExtent } from './sectionExtent';

export type SpecSymbolKind = 'preamble' | 'package' | 'description' | 'script' | 'scriptlet' | 'files' | 'changelog' | 'sourceList' | 'tag' | 'macro' | 'changelogEntry';

export interface SpecSymbol {
  name: string;
  /** The binary package of a section, a tag's value, a definition's keyword. */
  detail: string | undefined;
  kind: SpecSymbolKind;
  span: Span;
  selectionSpan: Span;
  children: SpecSymbol[];
}

/** The sections that build the package, as opposed to scriptlets run when it is installed or removed. */
const BUILD_SCRIPTS = new Set(['%prep', '%conf', '%build', '%install', '%check', '%clean', '%generate_buildrequires']);

function kindOf(section: SpecSection): SpecSymbolKind {
  switch (section.type) {
    case 'Package':
      return 'package';
    case 'Raw':
      return 'description';
    case 'Files':
      return 'files';
    case 'Changelog':
      return 'changelog';
    case 'SourceFileList':
      return 'sourceList';
    case 'Script':
      return BUILD_SCRIPTS.has(section.name.toLowerCase()) ? 'script' : 'scriptlet';
  }
}

function lineSpan(doc: SpecDocument, first: number, last: number): Span {
  return { start: doc.lines[first]?.start ?? 0, end: doc.lines[last]?.end ?? 0 };
}

/** A tag name as rpm writes them (`Source0`, `Requires(post)`): azldev's looser test also takes `%{load:…}` lines. */
const TAG_NAME = /^[A-Za-z][A-Za-z0-9]*(\([^)]*\))?$/;

/**
 * Tags and macro definitions written directly in the section. A definition's body can hold a line azldev
 * takes for a section header (`%package …\` in kernel.spec's sub-package macros): its symbol ends with the section.
 */
function definitions(doc: SpecDocument, section: SpecSection, end: number): SpecSymbol[] {
  const out: SpecSymbol[] = [];
  for (let i = section.startLine; i < section.endLine; i++) {
    const line = doc.lines[i];
    if (!line) continue;
    if (line.tag && !line.macro && TAG_NAME.test(line.tag.name)) {
      const span = { start: line.start, end: line.end };
      out.push({ name: line.tag.name, detail: line.tag.value, kind: 'tag', span, selectionSpan: line.tag.nameSpan, children: [] });
    } else if (line.macro && line.macro.line === i) {
      const m = line.macro;
      const whole = lineSpan(doc, m.line, m.endLine);
      const span = { start: whole.start, end: Math.min(whole.end, end) };
      out.push({ name: m.name, detail: m.keyword, kind: 'macro', span, selectionSpan: { start: m.nameStart, end: m.nameEnd }, children: [] });
    }
  }
  return out;
}

/** `* Mon Jan 01 2024 Name <mail> - 1.0-1` lines and the text below each, up to the next one. */
function changelogEntries(doc: SpecDocument, section: SpecSection, last: number): SpecSymbol[] {
  const starts: number[] = [];
  for (let i = section.startLine + 1; i <= last; i++) if (doc.lines[i]?.text.startsWith('*')) starts.push(i);
  return starts.map((first, k) => {
    let end = k + 1 < starts.length ? (starts[k + 1] as number) - 1 : last;
    while (end > first && (doc.lines[end]?.text.trim() ?? '') === '') end--;
    const line = doc.lines[first];
    const text = line?.text.replace(/^\*\s*/, '').trim() ?? '';
    const dash = text.lastIndexOf(' - ');
    const name = dash > 0 ? text.slice(0, dash).trim() : text;
    const detail = dash > 0 ? text.slice(dash + 3).trim() : undefined;
    return { name: name || '*', detail, kind: 'changelogEntry' as const, span: lineSpan(doc, first, end), selectionSpan: lineSpan(doc, first, first), children: [] };
  });
}

function sectionSymbol(doc: SpecDocument, section: SpecSection): SpecSymbol | undefined {
  const extent = sectionExtent(doc, section);
  if (!extent) return undefined;
  const span = lineSpan(doc, extent.first, extent.last);
  if (section.headerLine === undefined) {
    const first = doc.lines[extent.first];
    return {
      name: 'Preamble',
      detail: section.packageName || undefined,
      kind: 'preamble',
      span,
      selectionSpan: { start: first?.start ?? 0, end: first?.end ?? 0 },
      children: definitions(doc, section, span.end),
    };
  }
  const header = doc.lines[section.headerLine];
  const keywordStart = (header?.start ?? 0) + (header?.text.indexOf(section.name) ?? 0);
  const kind = kindOf(section);
  const children = kind === 'package' ? definitions(doc, section, span.end) : kind === 'changelog' ? changelogEntries(doc, section, extent.last) : [];
  return {
    name: [section.name, ...section.args.map((a) => a.text)].join(' '),
    detail: section.packageName,
    kind,
    span,
    selectionSpan: { start: keywordStart, end: keywordStart + section.name.length },
    children,
  };
}

export function specSymbols(doc: SpecDocument): SpecSymbol[] {
  return doc.sections.flatMap((s) => sectionSymbol(doc, s) ?? []);
}
