// The part of the built-in Git extension's API (`vscode.git`, API version 1) that Review Changes uses, declared
// here instead of vendoring its whole typings file. Absent in Restricted Mode and when git is disabled.
import * as vscode from 'vscode';

/** Status values of a change, as the Git extension numbers them. */
export const enum GitStatus {
  INDEX_MODIFIED = 0,
  INDEX_ADDED = 1,
  INDEX_DELETED = 2,
  INDEX_RENAMED = 3,
  INDEX_COPIED = 4,
  MODIFIED = 5,
  DELETED = 6,
  UNTRACKED = 7,
  IGNORED = 8,
  INTENT_TO_ADD = 9,
}

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
  readonly status: number;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD?: { readonly name?: string; readonly commit?: string }; readonly workingTreeChanges: GitChange[]; readonly untrackedChanges?: GitChange[] };
  getMergeBase(ref1: string, ref2: string): Promise<string | undefined>;
  diffWith(ref: string): Promise<GitChange[]>;
  show(ref: string, path: string): Promise<string>;
}

export interface GitApi {
  readonly repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

/** The Git extension's API, activating it if needed; undefined when it is missing or disabled. */
export async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<{ enabled: boolean; getAPI(version: 1): GitApi }>('vscode.git');
  if (!ext) return undefined;
  const exports = ext.isActive ? ext.exports : await ext.activate();
  return exports?.enabled ? exports.getAPI(1) : undefined;
}
