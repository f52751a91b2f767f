// Hover and completion documentation in the format the client asked for. The core writes Markdown; a client
// that lists its formats (`hover.contentFormat`, `completionItem.documentationFormat`, in order of preference)
// and prefers plain text — or cannot show Markdown at all — gets the same text without Markdown's marks.
import { MarkupKind, type MarkupContent } from 'vscode-languageserver/node';

/** The first of the client's formats that we can produce; Markdown when it lists none. */
export function preferredKind(formats: readonly string[] | undefined): MarkupKind {
  for (const f of formats ?? []) if (f === MarkupKind.Markdown || f === MarkupKind.PlainText) return f;
  return formats?.length ? MarkupKind.PlainText : MarkupKind.Markdown;
}

export function markupFor(markdown: string, formats: readonly string[] | undefined): MarkupContent {
  const kind = preferredKind(formats);
  return { kind, value: kind === MarkupKind.Markdown ? markdown : markdownAsPlainText(markdown) };
}

/**
 * Markdown as a plain-text reader would want it: fenced code kept as its lines, inline code and emphasis
 * without their marks, links as their text (and the address, unless it is an editor command), headings
 * without their hashes, escapes undone. Underscores inside words (`build_requires`) are left alone.
 */
export function markdownAsPlainText(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    out.push(plainLine(line));
  }
  return out.join('\n');
}

function plainLine(line: string): string {
  const codes: string[] = [];
  // Inline code first, so nothing inside it is taken for a mark; put back at the end.
  let s = line.replace(/(`+)([\s\S]*?)\1/g, (_m, _ticks: string, code: string) => `\u0000${codes.push(code.trim()) - 1}\u0000`);
  s = s.replace(/^(\s*)#{1,6}\s+/, '$1');
  s = s.replace(/!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (_m, text: string, href: string) => (href.startsWith('command:') || href === '' || href === text ? text : `${text} (${href})`));
  s = s.replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
  s = s.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2');
  s = s.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2');
  s = s.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2');
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
  s = s.replace(/&nbsp;/g, ' ');
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? '');
}
