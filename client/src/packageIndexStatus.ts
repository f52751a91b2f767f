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

  private hasStatus = false;
  private visible: boolean;

  constructor(refreshCommand: string, visible: boolean) {
    this.item = vscode.window.createStatusBarItem('distroToml.packageIndex', vscode.StatusBarAlignment.Left);
    this.item.name = 'Distro TOML: package index';
    this.item.command = refreshCommand;
    this.visible = visible;
  }

  /** distroToml.statusBar.show: hidden outside the project's files when so asked. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.hasStatus) this.item.show();
    else this.item.hide();
  }

  update(s: PackageIndexStatus): void {
    this.hasStatus = s.state !== 'disabled';
    if (!this.hasStatus) {
      this.item.hide();
      return;
    }
    this.item.text = `${ICONS[s.state]} ${s.text}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(s.detail).appendMarkdown('\n\n*Click to refresh the package index.*');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = s.state === 'missing' || s.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (this.visible) this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
