// Read-only documents for Review Changes' diff editor: one side (base or head) of one component's effective
// config or spec from a review the server keeps — `distro-toml-review:/<id>/<side>/<config|spec>/<name>.<ext>`.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { reviewDocumentRequest } from '../lsp_ext';

export const REVIEW_SCHEME = 'distro-toml-review';

export function reviewDocumentUri(id: number, component: string, side: 'base' | 'head', what: 'config' | 'spec'): vscode.Uri {
  return vscode.Uri.from({ scheme: REVIEW_SCHEME, path: `/${id}/${side}/${what}/${component}.${what === 'spec' ? 'spec' : 'toml'}` });
}

export class ReviewDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: () => LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const [, id, side, what, file] = uri.path.split('/');
    const component = (file ?? '').replace(/\.(spec|toml)$/, '');
    if ((side !== 'base' && side !== 'head') || (what !== 'config' && what !== 'spec')) return '';
    const text = await this.client().sendRequest(reviewDocumentRequest, { id: Number(id), component, side, what }, token);
    return text ?? `# Distro TOML: this review is no longer kept; run Review Changes again.\n`;
  }
}
