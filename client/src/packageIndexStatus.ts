// The package index's status bar item ("Fedora 43 · 74,812 packages · synced 2 h ago"), fed by the
// server's `distroToml/packageIndexStatus` notification; clicking it refreshes the index.
import * as vscode from 'vscode';
import type { PackageIndexStatus } from './lsp_ext';

const ICONS: Record<PackageIndexStatus['state'], string> = {
  disabled: '$(package)',
  loading: '$(sync~spin)',
  syncing: '$(sync~spin)',
  ready: '$(package)',
  missing: '$(warning)',
  error: '$(error)',
};

export class PackageIndexStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(refreshCommand: string) {
    this.item = vscode.window.createStatusBarItem('distroToml.packageIndex', vscode.StatusBarAlignment.Left);
    this.item.name = 'Distro TOML: package index';
    this.item.command = refreshCommand;
  }

  update(s: PackageIndexStatus): void {
    if (s.state === 'disabled') {
      this.item.hide();
      return;
    }
    this.item.text = `${ICONS[s.state]} ${s.text}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(s.detail).appendMarkdown('\n\n*Click to refresh the package index.*');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = s.state === 'missing' || s.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
