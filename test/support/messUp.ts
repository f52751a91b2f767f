// Deviations from the house style put into a TOML text, for the formatter's tests: random blanks around
// `=`, dots, commas and brackets, random indentation, trailing blanks after code, extra blank lines where
// one already stands, a missing blank line before a table, array items joined onto one line, a missing final
// line break. `tidy` makes only deviations the formatter undoes (formatting gives the text back); `wild` also
// adds blank lines and spaces the formatter keeps (formatting must still keep every value and be stable).
// Token positions come from our parser; every change is to the blanks and line breaks between tokens.
import type { ArrayNode, InlineTableNode, KeyNode, KeyValueNode, ValueNode } from '../../server/src/core/toml/ast';
import { parseToml } from '../../server/src/core/toml';

type Container = ArrayNode | InlineTableNode;
interface Replacement {
  start: number;
  end: number;
  text: string;
}

export function messUp(text: string, rand: () => number, mode: 'tidy' | 'wild'): string {
  const tree = parseToml(text).syntax;
  if (tree.errors.length) throw new Error('messUp needs a document without syntax errors');
  const reps: Replacement[] = [];
  const chance = (p: number) => rand() < p;
  /** 0–3 random blanks (at least `min`). */
  const blanks = (min = 0): string => {
    let s = '';
    const n = min + Math.floor(rand() * (4 - min));
    for (let i = 0; i < n; i++) s += chance(0.8) ? ' ' : '\t';
    return s;
  };
  let protectedContainer = -1;

  /** A gap with no line break: blanks anywhere around its punctuation; `keepEmpty` leaves an empty gap empty. */
  const inlineGap = (start: number, end: number, keepEmpty = false, min = 0) => {
    const gap = text.slice(start, end);
    if (keepEmpty && gap === '') return;
    const punct = gap.replace(/[ \t]/g, '');
    reps.push({ start, end, text: punct.split('').map((c) => blanks() + c).join('') + blanks(gap === '' ? 0 : min) });
  };

  /**
   * A gap holding line breaks: the blanks on each line randomised, blank lines doubled; `first`/`last` allow
   * blank lines after the opening bracket / before the closing one (the formatter drops them).
   */
  const linesGap = (start: number, end: number, opts: { first?: boolean; last?: boolean; beforeTableAfterEntries?: boolean; fileStart?: boolean }) => {
    const segs = text.slice(start, end).split('\n');
    if (segs.length === 1) return inlineGap(start, end);
    const out: string[] = [];
    segs.forEach((seg, i) => {
      const hash = seg.indexOf('#');
      const code = hash < 0 ? seg : seg.slice(0, hash);
      const comment = hash < 0 ? '' : seg.slice(hash);
      const isFirst = i === 0;
      const isLast = i === segs.length - 1;
      let line = code.trim() === '' ? '' : code.trim();
      // Blanks before a comma on the same line, after it, before a comment; trailing blanks after code.
      if (line) line = line.split('').map((c) => blanks() + c).join('');
      if (isFirst && !opts.fileStart) line = line + (comment ? blanks() : blanks());
      else if (isLast) line = blanks() + line;
      else line = (comment ? blanks() : code.trim() === '' ? blanks() : blanks()) + line;
      out.push(line + comment);
      const blank = !isFirst && !isLast && seg.trim() === '';
      if (blank && chance(0.5)) out.push(blanks());
      if (isFirst && opts.first && chance(0.3)) out.push(blanks());
    });
    if (opts.last && chance(0.3)) out.splice(out.length - 1, 0, blanks());
    if (opts.fileStart && chance(0.3)) out.unshift('', blanks());
    if (opts.beforeTableAfterEntries && chance(0.5) && segs.length >= 3 && (segs[1] as string).trim() === '' && segs.slice(2, -1).every((s) => s.trim().startsWith('#'))) {
      // The one blank line above the table's comments: taken out, the formatter puts it back.
      const i = out.findIndex((l, k) => k > 0 && l.trim() === '');
      let j = i;
      while (j < out.length - 1 && (out[j] as string).trim() === '') j++;
      out.splice(i, j - i);
    }
    if (mode === 'wild' && chance(0.2)) out.splice(out.length - 1, 0, blanks());
    reps.push({ start, end, text: out.join('\n') });
  };

  const key = (k: KeyNode) => {
    for (let i = 1; i < k.segments.length; i++) inlineGap((k.segments[i - 1] as KeyNode['segments'][number]).span.end, (k.segments[i] as KeyNode['segments'][number]).span.start);
  };
  const keyValue = (kv: KeyValueNode) => {
    key(kv.key);
    if (!kv.value) return;
    inlineGap(kv.key.span.end, kv.value.span.start);
    value(kv.value);
  };
  const value = (v: ValueNode) => {
    if (v.kind === 'array' || v.kind === 'inline-table') container(v);
  };
  const container = (c: Container) => {
    const items: (ValueNode | KeyValueNode)[] = c.kind === 'array' ? c.items : c.entries;
    const gaps: [number, number][] = [];
    let from = c.span.start + 1;
    for (const item of items) {
      gaps.push([from, item.span.start]);
      from = item.span.end;
    }
    gaps.push([from, c.span.end - 1]);
    const broken = gaps.some(([a, b]) => /[\n#]/.test(text.slice(a, b)));
    const inline = c.kind === 'inline-table';
    gaps.forEach(([a, b], i) => {
      const isFirst = i === 0;
      const isLast = i === gaps.length - 1;
      if (!broken) {
        // Inside braces: a space may become several, none stays none (the formatter keeps it so).
        const brace = inline && (isFirst || isLast);
        if (brace && mode === 'wild' && text.slice(a, b).trim() === '' && items.length) reps.push({ start: a, end: b, text: ' ' });
        else inlineGap(a, b, brace, brace ? 1 : 0);
        return;
      }
      // The document's first broken container sets the indentation step by its first line: left alone.
      if (protectedContainer < 0) protectedContainer = c.span.start;
      if (protectedContainer === c.span.start) return;
      const gap = text.slice(a, b);
      if (!isFirst && !isLast && /^,\n[ ]*$/.test(gap) && chance(0.3)) {
        reps.push({ start: a, end: b, text: blanks() + ',' + blanks() });
        return;
      }
      linesGap(a, b, { first: isFirst, last: isLast });
    });
    items.forEach((item) => (item.kind === 'keyvalue' ? keyValue(item) : value(item)));
  };

  const statements: { start: number; end: number; header: boolean; kv?: KeyValueNode; table?: (typeof tree.tables)[number] }[] = [
    ...tree.rootEntries.map((kv) => ({ start: kv.span.start, end: kv.span.end, header: false, kv })),
    ...tree.tables.flatMap((t) => [
      { start: t.headerSpan.start, end: t.headerSpan.end, header: true, table: t },
      ...t.entries.map((kv) => ({ start: kv.span.start, end: kv.span.end, header: false, kv })),
    ]),
  ];
  let pos = 0;
  statements.forEach((s, i) => {
    const prev = statements[i - 1];
    linesGap(pos, s.start, { fileStart: i === 0, beforeTableAfterEntries: s.header && prev !== undefined && !prev.header });
    if (s.table?.key) {
      const open = s.table.kind === 'array-table' ? 2 : 1;
      inlineGap(s.start + open, s.table.key.span.start);
      key(s.table.key);
      inlineGap(s.table.key.span.end, s.end - open);
    }
    if (s.kv) keyValue(s.kv);
    pos = s.end;
  });
  // After the last statement: a final line break may go missing unless a blank line ends the file.
  const tail = text.slice(pos);
  if (/^[ \t]*\n$/.test(tail) && chance(0.5)) reps.push({ start: pos, end: text.length, text: blanks() });
  else linesGap(pos, text.length, {});
  return applySorted(text, reps.map((r) => ({ start: r.start, end: r.end, newText: r.text })));
}

/** Applies non-overlapping edits in one pass (a corpus file gets thousands). */
export function applySorted(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const e of [...edits].sort((x, y) => x.start - y.start)) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    parts.push(text.slice(pos, e.start), e.newText);
    pos = e.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
