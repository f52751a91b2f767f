// Read-only virtual documents showing a component's effective configuration
// (`distro-toml-config:/NAME.effective.toml`), asked of the server and asked again when any TOML file
// changes — the shape of rust-analyzer's "View Syntax Tree".
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { effectiveConfigRequest } from '../lsp_ext';
import { LiveDocumentProvider } from './liveDocuments';

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

export class EffectiveConfigProvider extends LiveDocumentProvider {
  constructor(private readonly client: () => LanguageClient) {
    super(EFFECTIVE_CONFIG_SCHEME, REFRESH_DELAY_MS);
  }

  protected async content(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const component = componentOf(uri);
    const result = await this.client().sendRequest(effectiveConfigRequest, { uri: uri.query, component }, token);
    if (result && 'text' in result) return result.text;
    return `# Distro TOML: component '${component}' is not defined in this project (any more).\n`;
  }
}
