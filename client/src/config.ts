// Typed access to the `distroToml.*` settings, and which of them take effect only after a server restart.
import * as vscode from 'vscode';
import type { DistroTomlSettings } from './lsp_ext';

export const SECTION = 'distroToml';

const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;
const DEFAULT_DEBOUNCE_MS = 150;

/**
 * Settings the server reads once, at start-up. The schema decides how every file in the index is
 * validated, so a change restarts the server rather than trusting every cached result to be redone.
 * The debounce delay and the trace level apply live (didChangeConfiguration and the client's own
 * trace handling).
 */
const RESTART_KEYS = ['schema'] as const;

export function readSettings(): DistroTomlSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const schema = cfg.get<string>('schema', 'bundled').trim();
  const debounce = cfg.get<number>('diagnostics.debounceMs', DEFAULT_DEBOUNCE_MS);
  const trace = cfg.get<string>('trace.server', 'off');
  return {
    schema: schema === '' ? 'bundled' : schema,
    diagnostics: { debounceMs: Number.isFinite(debounce) && debounce >= 0 ? debounce : DEFAULT_DEBOUNCE_MS },
    trace: { server: TRACE_LEVELS.find((level) => level === trace) ?? 'off' },
  };
}

export function requiresRestart(event: vscode.ConfigurationChangeEvent): boolean {
  return RESTART_KEYS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}

/** Where `distroToml.schema` should be written: the workspace when one is open, the user settings otherwise. */
export function settingsTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
}
