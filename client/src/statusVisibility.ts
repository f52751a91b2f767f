// When our status bar items show (`distroToml.statusBar.show`): in a project always (`inProject`, the
// default), or only while a file of the project is the active editor (`projectFiles`). Outside a project
// the extension creates no item at all (see presence.ts).
import * as vscode from 'vscode';
import { SECTION } from './config';
import type { Presence } from './presence';

export class StatusVisibility implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<boolean>();
  readonly onDidChange = this.changes.event;
  private current: boolean;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly presence: Presence) {
    this.current = this.compute();
    const update = () => {
      const next = this.compute();
      if (next === this.current) return;
      this.current = next;
      this.changes.fire(next);
    };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(update),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.statusBar.show`)) update();
      }),
      presence.onDidChangeProjects(update),
    );
  }

  get visible(): boolean {
    return this.current;
  }

  private compute(): boolean {
    if (!this.presence.inProject) return false;
    const mode = vscode.workspace.getConfiguration(SECTION).get<string>('statusBar.show', 'inProject');
    if (mode !== 'projectFiles') return true;
    const doc = vscode.window.activeTextEditor?.document;
    return doc !== undefined && this.presence.isProjectDocument(doc);
  }

  dispose(): void {
    this.changes.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
