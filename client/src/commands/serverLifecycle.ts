// "Distro TOML: Start Language Server" / "Stop Language Server" / "Show LSP Trace".
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

export const START_SERVER = 'distroToml.startServer';
export const STOP_SERVER = 'distroToml.stopServer';
export const SHOW_LSP_TRACE = 'distroToml.showLspTrace';

export function startServer(ctx: Ctx): () => Promise<void> {
  return async () => {
    if (ctx.running) {
      void vscode.window.showInformationMessage('Distro TOML: the language server is already running.');
      return;
    }
    ctx.output.info('Starting the language server on request.');
    await ctx.start();
  };
}

export function stopServer(ctx: Ctx): () => Promise<void> {
  return async () => {
    ctx.output.info('Stopping the language server on request.');
    await ctx.stopOnRequest();
  };
}

export function showLspTrace(ctx: Ctx): () => void {
  return () => {
    if (vscode.workspace.getConfiguration('distroToml').get('trace.server', 'off') === 'off') {
      void vscode.window.showInformationMessage('Distro TOML: the LSP trace is off. Set "distroToml.trace.server" to "messages" or "verbose" to record it.', 'Open Setting').then((pick) => {
        if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', 'distroToml.trace.server');
      });
    }
    ctx.trace.show(true);
  };
}
