// Shared by the incremental tests: the real corpus, a seeded PRNG and random edits of TOML text that
// include the ones that matter to an incremental re-parse (opening unclosed strings, arrays and headers).
import { CORPUS_ROOT, filesBelow } from '../../support/paths';

export const corpusRoot = CORPUS_ROOT;

export function tomlFiles(): string[] {
  return filesBelow(CORPUS_ROOT, '.toml');
}

export { prng } from '../../support/prng';

/**
 * Snippets whose insertion changes how far a statement reaches: quotes, brackets, headers, keys, breaks; and an
 * ignore comment (the count of comments naming distro-toml is carried across re-parses).
 */
const SNIPPETS = ['x', '"', "'", '"""', "'''", '[', '[[', ']', ']]', '{', '}', ',', '=', ' = ', '#', '\n', '\r', '\\', '.', ' ', '\t', '\n[components.zz]\n', '\n[[x.y]]\n', 'a = [\n', 'k = """\n', 'q = 1\n', '1979-05-27', ' 07:32:00', '\u0001', ' # distro-toml: ignore[unknown-key]\n'];

export interface Edit {
  text: string;
  label: string;
  /** The edit as an editor sends it: `[start, end)` of the text before replaced by `insert`. */
  start: number;
  end: number;
  insert: string;
}

/** One random edit of `text`: insert a snippet, delete a run, replace a character, or copy or drop a line. */
export function randomEdit(text: string, rand: () => number): Edit {
  // Half the edits land at or just after a line start, where statements begin and end.
  let at = Math.floor(rand() * (text.length + 1));
  if (rand() < 0.5) at = Math.min(text.length, text.lastIndexOf('\n', at - 1) + 1 + Math.floor(rand() * 3));
  const kind = Math.floor(rand() * 6);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  switch (kind) {
    case 0:
    case 1: {
      const snippet = SNIPPETS[Math.floor(rand() * SNIPPETS.length)] as string;
      return { text: text.slice(0, at) + snippet + text.slice(at), label: `insert ${JSON.stringify(snippet)} at ${at}`, start: at, end: at, insert: snippet };
    }
    case 2: {
      const len = 1 + Math.floor(rand() * 20);
      return { text: text.slice(0, at) + text.slice(at + len), label: `delete ${len} at ${at}`, start: at, end: Math.min(text.length, at + len), insert: '' };
    }
    case 3: {
      const c = SNIPPETS[Math.floor(rand() * SNIPPETS.length)] as string;
      return { text: text.slice(0, at) + c + text.slice(at + 1), label: `replace at ${at} with ${JSON.stringify(c)}`, start: at, end: Math.min(text.length, at + 1), insert: c };
    }
    case 4:
      return { text: text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd), label: `copy line at ${lineStart}`, start: lineEnd, end: lineEnd, insert: text.slice(lineStart, lineEnd) };
    default:
      return { text: text.slice(0, lineStart) + text.slice(lineEnd), label: `drop line at ${lineStart}`, start: lineStart, end: lineEnd, insert: '' };
  }
}

/**
 * An edit of a random `[components.NAME]` header of `text`: a name typed into, the header doubled (`NAME-twin`), or
 * deleted; with `typo`, also the benchmark's typo (`[componentsx.NAME]`: the component gone from the map).
 */
export function componentHeaderEdit(text: string, rand: () => number, typo = false): string {
  const headers = [...text.matchAll(/^\[components\.[^\]\n]+\]\n/gm)];
  const pick = headers[Math.floor(rand() * headers.length)] as RegExpMatchArray;
  const at = pick.index as number;
  const end = at + pick[0].length;
  const kind = Math.floor(rand() * (typo ? 4 : 3));
  if (kind === 0) return text.slice(0, at + 12) + 'q' + text.slice(at + 12);
  if (kind === 1) return text.slice(0, end) + pick[0].replace(']', '-twin]') + text.slice(end);
  if (kind === 2) return text.slice(0, at) + text.slice(end);
  return text.slice(0, at + 11) + 'x' + text.slice(at + 11);
}
