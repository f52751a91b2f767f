// "Distro TOML: Refresh Package Index": asks the server to sync every repository now. The server reports
// the download (bytes) as cancellable work-done progress; the status bar spins until the sync ends.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { refreshPackageIndexRequest } from '../lsp_ext';

export const REFRESH_PACKAGE_INDEX = 'distroToml.refreshPackageIndex';

export function refreshPackageIndex(ctx: Ctx): () => Promise<void> {
  return async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Syncing the package index' }, async () => {
      try {
        const status = await ctx.languageClient.sendRequest(refreshPackageIndexRequest, { force: false });
        ctx.output.info(`Package index: ${status.text}\n${status.detail}`);
        if (status.state !== 'ready') void vscode.window.showWarningMessage(`Package index: ${status.text}. ${status.detail.split('\n')[0] ?? ''}`);
      } catch (error) {
        void vscode.window.showErrorMessage(`Package index refresh failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };
}
