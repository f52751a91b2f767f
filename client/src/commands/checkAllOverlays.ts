// "Distro TOML: Check All Overlays": every component with overlays, rendered against the spec at hand
// offline by the server (which shows the progress and lets it be cancelled); the findings land in the
// Problems panel, and a message sums them up.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { checkAllOverlaysRequest } from '../lsp_ext';

export const CHECK_ALL_OVERLAYS = 'distroToml.checkAllOverlays';

export function checkAllOverlays(ctx: Ctx) {
  return async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.languageId === 'toml' && editor.document.uri.scheme === 'file' ? editor.document.uri.toString() : undefined;
    const r = await ctx.languageClient.sendRequest(checkAllOverlaysRequest, uri ? { uri } : {});
    const found = r.errors === 0 ? 'no overlay fails' : `${r.errors} overlay${r.errors === 1 ? '' : 's'} would fail (see Problems)`;
    const missing = r.notJudged ? `; ${r.notJudged} component${r.notJudged === 1 ? '' : 's'} not judged for lack of a spec at hand (set distroToml.upstream.specsDir, or preview them once to fill the cache)` : '';
    const text = `Distro TOML: ${r.cancelled ? 'cancelled after ' : ''}${r.judged} component${r.judged === 1 ? '' : 's'} checked, ${found}${missing}.`;
    if (r.errors) void vscode.window.showWarningMessage(text, 'Show Problems').then((pick) => pick && vscode.commands.executeCommand('workbench.actions.view.problems'));
    else void vscode.window.showInformationMessage(text);
  };
}
