// "Distro TOML: Get Started": opens the walkthrough (contributes.walkthroughs in package.json).
import * as vscode from 'vscode';

export const OPEN_WALKTHROUGH = 'distroToml.openWalkthrough';
export const WALKTHROUGH_ID = 'distroToml.gettingStarted';

export function openWalkthrough(context: vscode.ExtensionContext): () => Thenable<unknown> {
  return () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
}
