// Folding in a spec: each section (the preamble, `%package`, `%description`, scripts, `%files`,
// `%changelog`), each branch of an %if/%elif/%else block, and multi-line macro definitions.
import type { SpecDocument } from '../spec';
import { sectionExtent } from './sectionExtent';

export interface SpecFold {
  /** First and last (inclusive) line of the spec model. */
  startLine: number;
  endLine: number;
  kind: 'section' | 'conditional' | 'macro';
}

export function specFolding(doc: SpecDocument): SpecFold[] {
  const out: SpecFold[] = [];
  for (const section of doc.sections) {
    const extent = sectionExtent(doc, section);
    if (extent && extent.last > extent.first) out.push({ startLine: extent.first, endLine: extent.last, kind: 'section' });
  }
  for (const block of doc.conditionals) {
    if (!block.closed) continue;
    const ds = block.directives;
    // Each branch folds up to the line before the next directive; the last one takes the %endif with it.
    for (let k = 0; k + 1 < ds.length; k++) {
      const start = (ds[k] as { line: number }).line;
      const next = (ds[k + 1] as { line: number; kind: string });
      const end = next.kind === 'close' ? next.line : next.line - 1;
      if (end > start) out.push({ startLine: start, endLine: end, kind: 'conditional' });
    }
  }
  for (const m of doc.macros) if (m.endLine > m.line) out.push({ startLine: m.line, endLine: m.endLine, kind: 'macro' });
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
