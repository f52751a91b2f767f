// "Distro TOML: Show Effective Config": opens the read-only effective-configuration view of the
// component a hover's link names, the one under the cursor, or one picked from the project's components.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { effectiveConfigRequest } from '../lsp_ext';
import { effectiveConfigUri } from '../preview/effectiveConfig';

export const SHOW_EFFECTIVE_CONFIG = 'distroToml.showEffectiveConfig';

export function showEffectiveConfig(ctx: Ctx) {
  return async (arg?: unknown): Promise<void> => {
    const given = arg as { uri?: unknown; component?: unknown } | undefined;
    if (typeof given?.uri === 'string' && typeof given.component === 'string') {
      await open(given.component, vscode.Uri.parse(given.uri));
      return;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'toml' || editor.document.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Open an azldev TOML file to show the effective config of one of its components.');
      return;
    }
    const uri = editor.document.uri.toString();
    const client = ctx.languageClient;
    const result = await client.sendRequest(effectiveConfigRequest, { uri, position: client.code2ProtocolConverter.asPosition(editor.selection.active) });
    if (!result) {
      void vscode.window.showInformationMessage('This file is not part of an azldev project (no azldev.toml above it).');
      return;
    }
    const component = 'component' in result ? result.component : await vscode.window.showQuickPick(result.candidates, { placeHolder: 'Component whose effective config to show' });
    if (component) await open(component, editor.document.uri);
  };
}

async function open(component: string, projectFile: vscode.Uri): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(effectiveConfigUri(component, projectFile));
  await vscode.languages.setTextDocumentLanguage(doc, 'toml');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
}
