// Cursor-marker documents for the TOML tests: `«` and `»` around each expected span, `‸` for a cursor.
import type { Span } from '../../../server/src/core/diagnostics';

export interface Marked {
  text: string;
  /** The marked spans in order of their opening `«`. */
  spans: Span[];
  /** Offsets of the `‸` cursors. */
  cursors: number[];
}

export function marked(source: string): Marked {
  let text = '';
  const open: number[] = [];
  const spans: { order: number; span: Span }[] = [];
  const cursors: number[] = [];
  let opened = 0;
  for (const ch of source) {
    if (ch === '«') open.push(text.length, opened++);
    else if (ch === '»') {
      const order = open.pop();
      const start = open.pop();
      if (start === undefined || order === undefined) throw new Error(`unbalanced » in ${source}`);
      spans.push({ order, span: { start, end: text.length } });
    } else if (ch === '‸') cursors.push(text.length);
    else text += ch;
  }
  if (open.length) throw new Error(`unbalanced « in ${source}`);
  return { text, spans: spans.sort((a, b) => a.order - b.order).map((s) => s.span), cursors };
}
