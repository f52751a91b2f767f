// Text bound for a terminal, with the control characters a tree can carry (a component named with an ANSI
// escape, a file name with a line break, a bidirectional override) written out as `\x1b`, `\n`, `\u202e`, so
// names and messages from the tree can neither drive the terminal nor forge a line of output.
import { PAINTED } from './colour';

// C0 but tab, DEL, C1, the line and paragraph separators and the bidirectional embeddings, overrides and isolates.
const CONTROLS = '\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const EVERY_CONTROL = new RegExp(`[${CONTROLS}]`, 'g');
const ANY_CONTROL = new RegExp(`[${CONTROLS}]`);
const CONTROLS_BUT_LINE_BREAKS = CONTROLS.replace('\\u000a', '\\u000b');
const CONTROL_BUT_LINE_BREAKS = new RegExp(`[${CONTROLS_BUT_LINE_BREAKS}]`, 'g');
const PAINTED_OR_CONTROL = new RegExp(`${PAINTED.source}|[${CONTROLS_BUT_LINE_BREAKS}]`, 'g');

function escaped(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line's worth of text (a file name, a message): every control character escaped, line breaks included. */
export function printable(text: string): string {
  return ANY_CONTROL.test(text) ? text.replace(EVERY_CONTROL, escaped) : text;
}

/**
 * A finding's message on its line of text output: each further line of the message (azldev's errors span
 * several) indented under it, so no line of it can pass for a finding of its own; other controls escaped.
 */
export function printableMessage(message: string): string {
  return message.split(/\r?\n/).map(printable).join('\n    ');
}

/**
 * Whole lines for a terminal: control characters escaped but the line breaks and tabs, and with `colour` the
 * sequences `painter` writes (on stderr, where the summary is painted), which are all a tree's text could then
 * add of its own, and only colour.
 */
export function terminalLines(text: string, options: { colour?: boolean } = {}): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(options.colour ? PAINTED_OR_CONTROL : CONTROL_BUT_LINE_BREAKS, (m) => (m.length > 1 ? m : escaped(m)));
}
