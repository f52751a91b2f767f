// The status bar item: "Distro TOML", the schema in use and the index state, fed by the server's
// `distroToml/status` notification and by the client's own state; in Restricted Mode it says so (and what is
// off). Clicking it selects a schema — or, in Restricted Mode, offers to manage workspace trust.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SchemaInUse, StatusParams } from './lsp_ext';

const ICONS: Record<StatusParams['state'], string> = {
  starting: '$(sync~spin)',
  indexing: '$(sync~spin)',
  ready: '$(check)',
  error: '$(error)',
};

/** What Restricted Mode turns off, for the tooltip. */
const RESTRICTED =
  'Restricted Mode: highlighting, diagnostics, completion and navigation work; nothing is fetched (no dist-git, no ' +
  'package index download), no git runs, nothing outside the workspace is read, the bundled schema is used and the ' +
  'settings naming folders, programs or repositories are ignored. Trust the workspace to lift this.';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: StatusParams = { state: 'starting', schema: { kind: 'bundled' } };
  private stoppedOnRequest = false;

  constructor(
    private readonly selectSchemaCommand: string,
    visible: boolean,
  ) {
    this.item = vscode.window.createStatusBarItem('distroToml.status', vscode.StatusBarAlignment.Left);
    this.item.name = 'Distro TOML';
    this.render();
    this.setVisible(visible);
  }

  setVisible(visible: boolean): void {
    if (visible) this.item.show();
    else this.item.hide();
  }

  /** Trust was granted (or the status must be drawn again for another reason). */
  refresh(): void {
    this.render();
  }

  /** The server was stopped by the user ("Distro TOML: Stop Language Server"). */
  stoppedByUser(): void {
    this.stoppedOnRequest = true;
    this.last = { ...this.last, state: 'error', message: 'The language server was stopped. Run "Distro TOML: Start Language Server" to start it again.' };
    this.render();
  }

  /** A report from the server. */
  update(params: StatusParams): void {
    this.last = params;
    this.render();
  }

  /** The server process is gone and the client will not bring it back. */
  stopped(reason: string): void {
    if (this.stoppedOnRequest) return;
    this.last = { ...this.last, state: 'error', message: reason };
    this.render();
  }

  /** The client is (re)starting the server; keep the last known schema until the server says otherwise. */
  starting(): void {
    this.stoppedOnRequest = false;
    this.last = { ...this.last, state: 'starting', message: undefined };
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const { state, schema, files, message } = this.last;
    const failed = (state === 'error' && !this.stoppedOnRequest) || schema.error !== undefined;
    const restricted = !vscode.workspace.isTrusted;
    const icon = this.stoppedOnRequest ? '$(debug-stop)' : ICONS[state];
    this.item.text = `${icon} Distro TOML: ${schemaLabel(schema)}${restricted ? ' $(workspace-untrusted) Restricted' : ''}`;
    this.item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = restricted ? 'workbench.trust.manage' : this.selectSchemaCommand;

    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Distro TOML** — ${this.stoppedOnRequest ? 'stopped' : stateText(state, files)}\n\n`);
    if (restricted) tooltip.appendText(RESTRICTED).appendMarkdown('\n\n');
    tooltip.appendMarkdown(`Schema: ${schema.kind}`);
    if (schema.path !== undefined) tooltip.appendMarkdown(' — ').appendText(schema.path);
    tooltip.appendMarkdown('\n\n');
    if (schema.error !== undefined) tooltip.appendMarkdown('$(warning) ').appendText(schema.error).appendMarkdown('\n\n');
    if (message !== undefined) tooltip.appendText(message).appendMarkdown('\n\n');
    tooltip.appendMarkdown(restricted ? 'Click to manage workspace trust.' : 'Click to select the schema.');
    this.item.tooltip = tooltip;
  }
}

function schemaLabel(schema: SchemaInUse): string {
  if (schema.kind === 'file' && schema.path !== undefined) return path.basename(schema.path);
  return schema.kind;
}

function stateText(state: StatusParams['state'], files: number | undefined): string {
  switch (state) {
    case 'starting':
      return 'starting the language server';
    case 'indexing':
      return 'indexing the workspace';
    case 'ready':
      return files === undefined ? 'ready' : `ready, ${files} files indexed`;
    case 'error':
      return 'not working; see the output channel';
  }
}
