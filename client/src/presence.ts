// Whether this window holds an azldev project: a workspace folder with an `azldev.toml` below it, or an open
// azldev file (`azldev.toml`, `*.comp.toml`, `*.distro.toml`, `*.overlay.toml`). It drives the context key
// `distroToml.inProject` — the `when` of our menus and command palette entries — and whether the extension
// starts its server and shows anything at all: a Cargo or Python project's TOML sees nothing of us.
// Once in a project, the window stays in one (a project does not leave while the window lives).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isAzldevFileName, isInsideProject } from './projectFiles';

export const IN_PROJECT_CONTEXT = 'distroToml.inProject';
const PROJECT_FILE_GLOB = '**/azldev.toml';
const MAX_PROJECTS = 100;

export class Presence implements vscode.Disposable {
  private inside = false;
  private projectDirs: string[] = [];
  private readonly entered = new vscode.EventEmitter<void>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires once, when the window first turns out to hold a project. */
  readonly onDidEnterProject = this.entered.event;
  /** Fires when the set of project folders changes. */
  readonly onDidChangeProjects = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(PROJECT_FILE_GLOB, false, true, false);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => void this.refresh()),
      watcher.onDidDelete(() => void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (!this.inside && isAzldevDocument(doc)) void this.refresh();
      }),
    );
  }

  get inProject(): boolean {
    return this.inside;
  }

  /** Is this document a file of an azldev project (by its name, or by a project folder above it)? */
  isProjectDocument(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file') return doc.uri.scheme.startsWith('distro-toml-');
    if (isAzldevFileName(doc.uri.fsPath)) return true;
    return (doc.languageId === 'toml' || doc.languageId === 'rpm-spec') && isInsideProject(doc.uri.fsPath, this.projectDirs);
  }

  /** Looks for projects again: the workspace's azldev.toml files, and the open documents' names. */
  async refresh(): Promise<void> {
    // An open azldev file settles it at once; the search of the workspace may take a while on a big tree.
    if (!this.inside && vscode.workspace.textDocuments.some(isAzldevDocument)) await this.enter();
    const found = vscode.workspace.workspaceFolders?.length
      ? await vscode.workspace.findFiles(PROJECT_FILE_GLOB, '**/node_modules/**', MAX_PROJECTS)
      : [];
    const dirs = found.filter((u) => u.scheme === 'file').map((u) => path.dirname(u.fsPath)).sort();
    if (dirs.join('\n') !== this.projectDirs.join('\n')) {
      this.projectDirs = dirs;
      this.changed.fire();
    }
    if (!this.inside && (dirs.length > 0 || vscode.workspace.textDocuments.some(isAzldevDocument))) await this.enter();
  }

  private async enter(): Promise<void> {
    this.inside = true;
    await vscode.commands.executeCommand('setContext', IN_PROJECT_CONTEXT, true);
    this.entered.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.entered.dispose();
    this.changed.dispose();
  }
}

function isAzldevDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && isAzldevFileName(doc.uri.fsPath);
}
