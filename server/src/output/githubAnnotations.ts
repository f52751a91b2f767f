// GitHub Actions workflow commands (`::error file=…,line=…::message`): one annotation per finding, shown on
// the pull request's diff. Escaping follows the runner's rules: in the message `%`, CR and LF are
// percent-encoded; in property values `:` and `,` too, since they separate the properties.

import { printable } from './terminalText';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Path relative to the repository root (the working directory of the step), with `/` separators; absent for a run-wide note. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  col?: number;
  endLine?: number;
  /** 1-based, exclusive as SARIF's and LSP's. */
  endColumn?: number;
  title?: string;
  message: string;
}

/**
 * A value of a workflow command: GitHub's own escapes for `%` and line breaks (an annotation may span lines), and the
 * other control characters written out (`\x1b`), so a name from the tree cannot drive the terminal of whoever reads
 * the log raw, nor end the command early.
 */
export function escapeData(s: string): string {
  return s
    .split(/(\r|\n)/)
    .map((part) => (part === '\r' || part === '\n' ? part : printable(part)))
    .join('')
    .replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::level file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` line (without the newline). */
export function githubAnnotation(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ['file', a.file],
    ['line', a.line],
    ['col', a.col],
    ['endLine', a.endLine],
    ['endColumn', a.endColumn],
    ['title', a.title],
  ];
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${a.level}${list.length ? ' ' + list.join(',') : ''}::${escapeData(a.message)}`;
}

/** The same, with its newline: for output written one annotation after another. */
export function formatAnnotation(a: Annotation): string {
  return githubAnnotation(a) + '\n';
}
