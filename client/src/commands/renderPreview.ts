// "Distro TOML: Render Preview" and "Distro TOML: Diff with Upstream" for the component under the cursor,
// a code lens's component, or one picked from the project's components.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { renderRequest } from '../lsp_ext';
import { renderUri } from '../preview/renderedSpec';

export const RENDER_PREVIEW = 'distroToml.renderPreview';
export const DIFF_UPSTREAM = 'distroToml.diffUpstream';

interface Target {
  uri: string;
  component: string;
}

/** The component a command is about: given by a code lens, at the cursor, or picked from the list. */
async function target(ctx: Ctx, arg: unknown): Promise<Target | undefined> {
  const given = arg as Partial<Target> | undefined;
  if (given?.uri && given.component) return { uri: given.uri, component: given.component };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'toml') {
    void vscode.window.showInformationMessage('Open an azldev TOML file to preview one of its components.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const client = ctx.languageClient;
  const result = await client.sendRequest(renderRequest, { uri, position: client.code2ProtocolConverter.asPosition(editor.selection.active) });
  if (!result) return undefined;
  if ('component' in result) return { uri, component: result.component };
  const picked = await vscode.window.showQuickPick(result.candidates, { placeHolder: 'Component to render' });
  return picked ? { uri, component: picked } : undefined;
}

export function renderPreview(ctx: Ctx) {
  return async (arg?: unknown): Promise<void> => {
    const t = await target(ctx, arg);
    if (!t) return;
    const doc = await vscode.workspace.openTextDocument(renderUri(t.component, vscode.Uri.parse(t.uri), 'rendered'));
    await vscode.languages.setTextDocumentLanguage(doc, 'rpm-spec');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  };
}

export function diffUpstream(ctx: Ctx) {
  return async (arg?: unknown): Promise<void> => {
    const t = await target(ctx, arg);
    if (!t) return;
    const project = vscode.Uri.parse(t.uri);
    await vscode.commands.executeCommand(
      'vscode.diff',
      renderUri(t.component, project, 'upstream'),
      renderUri(t.component, project, 'effective'),
      `${t.component}: upstream ↔ effective spec`,
      { viewColumn: vscode.ViewColumn.Beside, preview: false },
    );
  };
}
