// The mechanics shared by our read-only virtual documents (rendered specs, effective configs): remember
// which are open, and ask again for all of them a moment after the last edit of a TOML file, or after a
// change of our settings (a specs folder, the schema, the cache: anything a view is computed from). The
// delay also lets the language client push the new settings to the server before the views ask again.
import * as vscode from 'vscode';

export abstract class LiveDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly open = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** `scheme`: the provider's URI scheme; `refreshDelayMs`: how long after the last TOML edit to refresh. */
  constructor(
    private readonly scheme: string,
    private readonly refreshDelayMs: number,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Only real TOML files: our own views (and each other's) changing must not trigger a refresh.
        if (e.document.languageId === 'toml' && e.document.uri.scheme === 'file' && this.open.size) this.refreshSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('distroToml') && this.open.size) this.refreshSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === this.scheme) this.open.delete(d.uri.toString());
      }),
    );
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      for (const u of this.open) this.changes.fire(vscode.Uri.parse(u));
    }, this.refreshDelayMs);
  }

  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    this.open.add(uri.toString());
    return this.content(uri, token);
  }

  /** The document's text, asked of the server. */
  protected abstract content(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string>;

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changes.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
