// Typed access to the `distroToml.*` settings. None of them needs a server restart: the server applies
// `schema` and `diagnostics.debounceMs` when workspace/didChangeConfiguration arrives (re-validating
// open files and rescanning the workspace), and the client applies `trace.server` itself.
import * as vscode from 'vscode';
import type { DistroTomlSettings } from './lsp_ext';

export const SECTION = 'distroToml';

const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;
const DEFAULT_DEBOUNCE_MS = 0;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
}

function ruleLevels(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function readSettings(): DistroTomlSettings {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const schema = cfg.get<string>('schema', 'bundled').trim();
  const debounce = cfg.get<number>('diagnostics.debounceMs', DEFAULT_DEBOUNCE_MS);
  const extra = cfg.get<unknown>('extraConfigFiles', []);
  const trace = cfg.get<string>('trace.server', 'off');
  const trusted = vscode.workspace.isTrusted;
  return {
    schema: schema === '' || !trusted ? 'bundled' : schema,
    diagnostics: { debounceMs: Number.isFinite(debounce) && debounce >= 0 ? debounce : DEFAULT_DEBOUNCE_MS },
    lint: { authoringGuide: cfg.get<boolean>('lint.authoringGuide', true) !== false },
    // Folders git and the render read from: not from an untrusted workspace (the server enforces it too).
    upstream: trusted
      ? {
          fetch: cfg.get<boolean>('upstream.fetch', true) !== false,
          cacheDir: cfg.get<string>('upstream.cacheDir', ''),
          localCheckouts: stringList(cfg.get<unknown>('upstream.localCheckouts', [])),
          specsDir: cfg.get<string>('upstream.specsDir', ''),
        }
      : { fetch: false, cacheDir: '', localCheckouts: [], specsDir: '' },
    workspaceTrusted: trusted,
    overlayDiagnostics: cfg.get<boolean>('overlayDiagnostics', true) !== false,
    // Rule code → level; the server keeps the entries that name a rule and a level.
    rules: ruleLevels(cfg.get<unknown>('rules', {})),
    packageIndex: {
      repositories: stringList(cfg.get<unknown>('packageIndex.repositories', [])),
      replaceRepositories: cfg.get<boolean>('packageIndex.replaceRepositories', false) === true,
      arches: stringList(cfg.get<unknown>('packageIndex.arches', ['x86_64'])),
      cacheDir: cfg.get<string>('packageIndex.cacheDir', ''),
      refreshIntervalHours: cfg.get<number>('packageIndex.refreshIntervalHours', 24),
      offline: cfg.get<boolean>('packageIndex.offline', false) === true,
      filelists: cfg.get<boolean>('packageIndex.filelists', false) === true,
    },
    extraConfigFiles: stringList(extra),
    trace: { server: TRACE_LEVELS.find((level) => level === trace) ?? 'off' },
  };
}

/** Where `distroToml.schema` should be written: the workspace when one is open, the user settings otherwise. */
export function settingsTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
}
