// Applies a WorkspaceEdit's text edits to a file's text the way an editor does (vscode-languageserver-textdocument's
// own implementation: positions in UTF-16 code units, edits sorted and applied from the end).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-protocol';

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///edited', 'toml', 0, text), edits);
}
