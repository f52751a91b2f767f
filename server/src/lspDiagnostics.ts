// Core diagnostics (offsets) to LSP diagnostics (positions), in the file itself and in the files their
// related information points to. Open documents answer positions from their own line table, kept up to
// date by incremental sync; other files get a line index kept while their text is the same.
import { DiagnosticSeverity, type Diagnostic, type Range, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { CoreDiagnostic, Severity } from './core/diagnostics';
import { LineIndex } from './core/text/lineIndex';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface Ranger {
  rangeAt(start: number, end: number): Range;
}

export class LspDiagnostics {
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly readFile: (file: string) => string | undefined,
  ) {}

  /** Positions in `file`: an open document's own (`text` undefined: its current text), else `text`'s line index. */
  private rangerOf(file: string, text: string | undefined): Ranger {
    const open = this.documents.get(URI.file(file).toString());
    if (open && (text === undefined || open.getText() === text)) return { rangeAt: (start, end) => ({ start: open.positionAt(start), end: open.positionAt(end) }) };
    text ??= this.readFile(file) ?? '';
    const hit = this.lineIndexes.get(file);
    if (hit && hit.text === text) return hit.index;
    const index = new LineIndex(text);
    this.lineIndexes.set(file, { text, index });
    return index;
  }

  /** `text` undefined: the file is open, and its positions are the document's. */
  convert(diags: CoreDiagnostic[], file: string, text: string | undefined): Diagnostic[] {
    const index = this.rangerOf(file, text);
    const indexFor = (other: string): Ranger => (other === file ? index : this.rangerOf(other, this.documents.get(URI.file(other).toString()) ? undefined : (this.readFile(other) ?? '')));
    return diags.map((d) => ({
      range: index.rangeAt(d.span.start, d.span.end),
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'distro-toml',
      message: d.message,
      ...(d.related?.length
        ? { relatedInformation: d.related.map((r) => ({ location: { uri: URI.file(r.file).toString(), range: indexFor(r.file).rangeAt(r.span.start, r.span.end) }, message: r.message })) }
        : {}),
      ...(d.data ? { data: d.data } : {}),
    }));
  }
}
