// The status bar item: "Distro TOML", the schema in use and the index state, fed by the server's
// `distroToml/status` notification and by the client's own state; clicking it selects a schema.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SchemaInUse, StatusParams } from './lsp_ext';

const ICONS: Record<StatusParams['state'], string> = {
  starting: '$(sync~spin)',
  indexing: '$(sync~spin)',
  ready: '$(check)',
  error: '$(error)',
};

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: StatusParams = { state: 'starting', schema: { kind: 'bundled' } };

  constructor(selectSchemaCommand: string) {
    this.item = vscode.window.createStatusBarItem('distroToml.status', vscode.StatusBarAlignment.Left);
    this.item.name = 'Distro TOML';
    this.item.command = selectSchemaCommand;
    this.render();
    this.item.show();
  }

  /** A report from the server. */
  update(params: StatusParams): void {
    this.last = params;
    this.render();
  }

  /** The server process is gone and the client will not bring it back. */
  stopped(reason: string): void {
    this.last = { ...this.last, state: 'error', message: reason };
    this.render();
  }

  /** The client is (re)starting the server; keep the last known schema until the server says otherwise. */
  starting(): void {
    this.last = { ...this.last, state: 'starting', message: undefined };
    this.render();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const { state, schema, files, message } = this.last;
    const failed = state === 'error' || schema.error !== undefined;
    this.item.text = `${ICONS[state]} Distro TOML: ${schemaLabel(schema)}`;
    this.item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;

    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Distro TOML** — ${stateText(state, files)}\n\n`);
    tooltip.appendMarkdown(`Schema: ${schema.kind}`);
    if (schema.path !== undefined) tooltip.appendMarkdown(' — ').appendText(schema.path);
    tooltip.appendMarkdown('\n\n');
    if (schema.error !== undefined) tooltip.appendMarkdown('$(warning) ').appendText(schema.error).appendMarkdown('\n\n');
    if (message !== undefined) tooltip.appendText(message).appendMarkdown('\n\n');
    tooltip.appendMarkdown('Click to select the schema.');
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
