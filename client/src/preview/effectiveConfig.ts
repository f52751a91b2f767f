// Read-only virtual documents showing a component's effective configuration
// (`distro-toml-config:/NAME.effective.toml`), asked of the server and asked again when any TOML file
// changes — the shape of rust-analyzer's "View Syntax Tree".
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { effectiveConfigRequest } from '../lsp_ext';

export const EFFECTIVE_CONFIG_SCHEME = 'distro-toml-config';

/** How long after the last TOML edit the open views are refreshed. */
const REFRESH_DELAY_MS = 300;

/** The URI of a component's view; the query remembers a file of the project it belongs to. */
export function effectiveConfigUri(component: string, projectFile: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: EFFECTIVE_CONFIG_SCHEME, path: `/${component}.effective.toml`, query: projectFile.toString() });
}

function componentOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.slice(1).replace(/\.effective\.toml$/, ''));
}

export class EffectiveConfigProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly open = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'toml' && e.document.uri.scheme !== EFFECTIVE_CONFIG_SCHEME && this.open.size) this.refreshSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === EFFECTIVE_CONFIG_SCHEME) this.open.delete(d.uri.toString());
      }),
    );
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      for (const u of this.open) this.changes.fire(vscode.Uri.parse(u));
    }, REFRESH_DELAY_MS);
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    this.open.add(uri.toString());
    const component = componentOf(uri);
    const result = await this.client().sendRequest(effectiveConfigRequest, { uri: uri.query, component }, token);
    if (result && 'text' in result) return result.text;
    return `# Distro TOML: component '${component}' is not defined in this project (any more).\n`;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changes.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
