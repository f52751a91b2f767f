// The text between two tokens of a parsed TOML document, read as the formatter needs it: line breaks,
// comments and the punctuation expected there. Anything else means the tree and the text disagree, and
// the formatter refuses the document rather than guess.

/** One thing found between two tokens: a line break, a comment (its text after `#`), or a punctuation mark. */
export type TriviaEvent = { kind: 'newline' } | { kind: 'comment'; text: string } | { kind: 'punct'; char: string };

/** Thrown when a gap holds something the formatter did not expect; formatDocument turns it into a refusal. */
export class FormatRefusal extends Error {}

/**
 * The events of `text[start, end)`, which may hold blanks, line breaks (LF or CRLF), comments and the
 * characters of `punct`; blanks are dropped.
 */
export function readTrivia(text: string, start: number, end: number, punct = ''): TriviaEvent[] {
  const events: TriviaEvent[] = [];
  let p = start;
  while (p < end) {
    const c = text[p] as string;
    if (c === ' ' || c === '\t') p++;
    else if (c === '\n') {
      events.push({ kind: 'newline' });
      p++;
    } else if (c === '\r' && text[p + 1] === '\n') {
      events.push({ kind: 'newline' });
      p += 2;
    } else if (c === '#') {
      let q = p + 1;
      while (q < end && text[q] !== '\n' && !(text[q] === '\r' && text[q + 1] === '\n')) q++;
      events.push({ kind: 'comment', text: text.slice(p + 1, q) });
      p = q;
    } else if (punct.includes(c)) {
      events.push({ kind: 'punct', char: c });
      p++;
    } else throw new FormatRefusal(`unexpected '${c}' at offset ${p}`);
  }
  return events;
}

/** The events of a gap that must hold exactly `count` of the punctuation mark `char` (and nothing on other lines). */
export function expectPunct(events: readonly TriviaEvent[], char: string, count: number, where: number): void {
  const found = events.filter((e) => e.kind === 'punct' && e.char === char).length;
  if (found !== count) throw new FormatRefusal(`expected ${count} '${char}' at offset ${where}, found ${found}`);
}

/** What a gap holds for layout: a comment on the line the gap starts on, then whole lines (comments and blank lines). */
export interface GapLines {
  /** A comment on the same line as the token before the gap. */
  sameLine?: string;
  /** Comment lines (text after `#`) and blank lines (undefined), in order; runs of blank lines collapsed to one. */
  lines: (string | undefined)[];
  /** Whether the gap holds a line break or a comment. */
  broken: boolean;
}

/**
 * Splits a gap's events into lines. `lineOpen`: a token stands before the gap on its line (so the first line
 * break ends that line rather than making a blank one). Leading blank lines are dropped when `dropLeading`,
 * trailing ones when `dropTrailing`.
 */
export function gapLines(events: readonly TriviaEvent[], lineOpen: boolean, dropLeading: boolean, dropTrailing: boolean): GapLines {
  const out: GapLines = { lines: [], broken: false };
  let open = lineOpen;
  let blanks = 0;
  let first = true;
  const flushBlanks = () => {
    if (blanks > 0 && !(dropLeading && out.lines.length === 0)) out.lines.push(undefined);
    blanks = 0;
  };
  for (const e of events) {
    if (e.kind === 'punct') continue;
    out.broken = true;
    if (e.kind === 'newline') {
      if (open) open = false;
      else blanks++;
    } else {
      if (first && open) out.sameLine = e.text;
      else {
        flushBlanks();
        out.lines.push(e.text);
      }
      open = true;
    }
    first = false;
  }
  if (!dropTrailing) flushBlanks();
  return out;
}
