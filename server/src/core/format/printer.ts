// Prints a TOML syntax tree in the house style of the Azure Linux tree, token by token: every key,
// string, number and comment is copied as written, only the blanks and line breaks between them are
// chosen. So a value can never change, and a file already in the house style prints as it is.
//
// The house style (measured on the tree's 215 files): no indentation outside arrays; ` = ` between key
// and value; `[a.b]` headers with nothing inside the brackets but the key; one blank line before a header
// that follows key/values (none or one after an empty table, as written); at most one blank line in a
// row anywhere; `["a", "b"]` and `{ a = 1, b = 2 }` on one line (braces without the inner spaces stay so:
// the tree has `{"a" = 1 }` and `{ a = "43"}` once each); an array or inline table broken over
// lines has one item per line, indented one step deeper than the line it opens on, and its closing
// bracket on a line of its own; one space before a comment that follows code. Commas are kept where
// written (the tree has multi-line arrays with and without a trailing comma); comments are kept
// byte for byte, their own trailing blanks included.
import type { ArrayNode, InlineTableNode, KeyNode, KeyValueNode, TableNode, ValueNode } from '../toml/ast';
import { expectPunct, FormatRefusal, gapLines, readTrivia, type TriviaEvent } from './trivia';

export interface PrintOptions {
  /** The line break to write: the document's own. */
  eol: string;
  /** One indentation step. */
  indent: string;
}

type Container = ArrayNode | InlineTableNode;

function itemsOf(node: Container): readonly (ValueNode | KeyValueNode)[] {
  return node.kind === 'array' ? node.items : node.entries;
}

/** The gaps of a container: after the opening bracket, between items, before the closing one. */
function containerGaps(node: Container): { start: number; end: number }[] {
  const items = itemsOf(node);
  const gaps: { start: number; end: number }[] = [];
  let from = node.span.start + 1;
  for (const item of items) {
    gaps.push({ start: from, end: item.span.start });
    from = item.span.end;
  }
  gaps.push({ start: from, end: node.span.end - 1 });
  return gaps;
}

/**
 * Whether a container is laid out over lines: its own gaps hold a line break or a comment (line breaks
 * inside its items, such as a multi-line string's, do not count). An empty one needs a comment for it.
 */
export function isBroken(text: string, node: Container): boolean {
  const gaps = containerGaps(node);
  const broken = gaps.some((g) => /[\n#]/.test(text.slice(g.start, g.end)));
  return broken && (itemsOf(node).length > 0 || gaps.some((g) => text.slice(g.start, g.end).includes('#')));
}

export class Printer {
  out = '';
  /** The indentation level of the line being written. */
  private level = 0;

  constructor(
    private readonly text: string,
    private readonly options: PrintOptions,
  ) {}

  private slice(span: { start: number; end: number }): string {
    return this.text.slice(span.start, span.end);
  }

  private indent(level: number): string {
    return this.options.indent.repeat(level);
  }

  /** A gap that must hold only blanks and `count` of `punct`. */
  private tight(start: number, end: number, punct = '', count = 0): void {
    const events = readTrivia(this.text, start, end, punct);
    if (events.some((e) => e.kind !== 'punct')) throw new FormatRefusal(`unexpected line break or comment at offset ${start}`);
    if (punct) expectPunct(events, punct, count, start);
  }

  key(key: KeyNode): void {
    key.segments.forEach((seg, i) => {
      if (seg.missing) throw new FormatRefusal(`missing key at offset ${seg.span.start}`);
      if (i > 0) {
        this.tight((key.segments[i - 1] as KeyNode['segments'][number]).span.end, seg.span.start, '.', 1);
        this.out += '.';
      }
      this.out += this.slice(seg.span);
    });
  }

  header(table: TableNode): void {
    if (!table.key) throw new FormatRefusal(`empty header at offset ${table.headerSpan.start}`);
    const [open, close] = table.kind === 'array-table' ? ['[[', ']]'] : ['[', ']'];
    const { start, end } = table.headerSpan;
    if (this.text.slice(start, start + open.length) !== open || this.text.slice(end - close.length, end) !== close) {
      throw new FormatRefusal(`unclosed header at offset ${start}`);
    }
    this.tight(start + open.length, table.key.span.start);
    this.out += open;
    this.key(table.key);
    this.tight(table.key.span.end, end - close.length);
    this.out += close;
  }

  keyValue(kv: KeyValueNode): void {
    if (!kv.value) throw new FormatRefusal(`key without a value at offset ${kv.span.start}`);
    this.key(kv.key);
    this.tight(kv.key.span.end, kv.value.span.start, '=', 1);
    this.out += ' = ';
    this.value(kv.value);
  }

  value(value: ValueNode): void {
    if (value.kind === 'array' || value.kind === 'inline-table') this.container(value);
    else this.out += this.slice(value.span);
  }

  private item(item: ValueNode | KeyValueNode): void {
    if (item.kind === 'keyvalue') this.keyValue(item);
    else this.value(item);
  }

  private container(node: Container): void {
    if (!node.closed) throw new FormatRefusal(`unclosed ${node.kind} at offset ${node.span.start}`);
    const items = itemsOf(node);
    const gaps = containerGaps(node);
    const events = gaps.map((g) => readTrivia(this.text, g.start, g.end, ','));
    const trailingComma = items.length > 0 && (events[items.length] as TriviaEvent[]).some((e) => e.kind === 'punct');
    // A comma between items, none after the opening bracket, and at most one after the last item.
    events.forEach((e, i) => expectPunct(e, ',', i === 0 ? 0 : i < items.length ? 1 : trailingComma ? 1 : 0, gaps[i]?.start ?? node.span.start));
    const [open, close] = node.kind === 'array' ? ['[', ']'] : ['{', '}'];
    if (!isBroken(this.text, node)) {
      // Inside braces one space, or none where the tree writes none (it does twice); inside brackets none.
      const pad = (gap: { start: number; end: number } | undefined) => (node.kind === 'inline-table' && items.length && gap && gap.end > gap.start ? ' ' : '');
      this.out += open + pad(gaps[0]);
      items.forEach((item, i) => {
        if (i > 0) this.out += ', ';
        this.item(item);
      });
      const lastGap = gaps[items.length] as { start: number; end: number };
      const beforeClose = trailingComma ? { start: this.text.lastIndexOf(',', lastGap.end) + 1, end: lastGap.end } : lastGap;
      this.out += (trailingComma ? ',' : '') + pad(beforeClose) + close;
      return;
    }
    const { eol } = this.options;
    const outer = this.level;
    const inner = outer + 1;
    this.out += open;
    items.forEach((item, i) => {
      // The gap before this item: what follows the previous token on its line, then whole lines.
      const lines = gapLines(events[i] as TriviaEvent[], true, i === 0, false);
      if (lines.sameLine !== undefined) this.out += ' #' + lines.sameLine;
      for (const line of lines.lines) this.out += line === undefined ? eol : eol + this.indent(inner) + '#' + line;
      this.out += eol + this.indent(inner);
      this.level = inner;
      this.item(item);
      this.level = inner;
      if (i < items.length - 1 || trailingComma) this.out += ',';
    });
    const last = gapLines(events[items.length] as TriviaEvent[], true, items.length === 0, true);
    if (last.sameLine !== undefined) this.out += ' #' + last.sameLine;
    for (const line of last.lines) this.out += line === undefined ? eol : eol + this.indent(inner) + '#' + line;
    this.out += eol + this.indent(outer) + close;
    this.level = outer;
  }
}
