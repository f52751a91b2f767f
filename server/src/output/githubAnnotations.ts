// GitHub Actions workflow commands for annotations (`::error file=…,line=…,title=…::message`), escaped as the
// runner's toolkit escapes them (actions/toolkit command.ts): `%`, CR and LF in the message; those and `:` and
// `,` in property values. Shared by every command that prints `--format github`.

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  /** Path relative to the repository root (the runner resolves it against the checkout). */
  file?: string;
  /** 1-based. */
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, newline included. */
export function formatAnnotation(a: Annotation): string {
  const props: string[] = [];
  if (a.file !== undefined) props.push(`file=${escapeProperty(a.file)}`);
  if (a.line !== undefined) props.push(`line=${a.line}`);
  if (a.endLine !== undefined) props.push(`endLine=${a.endLine}`);
  if (a.col !== undefined) props.push(`col=${a.col}`);
  if (a.endColumn !== undefined) props.push(`endColumn=${a.endColumn}`);
  if (a.title !== undefined) props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level}${props.length ? ' ' + props.join(',') : ''}::${escapeData(a.message)}\n`;
}
