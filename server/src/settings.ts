// The server's settings: what the client sends (initializationOptions, didChangeConfiguration or a pull),
// read tolerantly into a complete DistroTomlSettings with the defaults filled in. Clients send them in
// different shapes — VS Code pushes `{ distroToml: {…} }`, Helix passes its `config` as initializationOptions,
// Neovim pushes its `settings` table and answers pulls by section — so the section is found in either shape,
// and an answer that holds none (null, a table of other sections) says nothing rather than "defaults".
import { levelsFromObject } from './core/houseRules/levels';
import type { DistroTomlSettings } from './protocol';

export const DEFAULT_SETTINGS: DistroTomlSettings = {
  schema: 'bundled',
  diagnostics: { debounceMs: 0 },
  trace: { server: 'off' },
  extraConfigFiles: [],
  lint: { authoringGuide: true },
  upstream: { fetch: true, cacheDir: '', localCheckouts: [], specsDir: '' },
  overlayDiagnostics: true,
  rules: {},
  packageIndex: { repositories: [], replaceRepositories: false, arches: ['x86_64'], cacheDir: '', refreshIntervalHours: 24, offline: false, filelists: false },
};

export const SETTINGS_SECTION = 'distroToml';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KNOWN_KEYS = new Set([...Object.keys(DEFAULT_SETTINGS), 'workspaceTrusted']);

/**
 * Our settings in what a client sent: the `distroToml` member when there is one, else the object itself when
 * it holds any of our keys (the flat shape); undefined when it holds neither (null, `{}`, other sections).
 */
export function settingsSection(raw: unknown): Record<string, unknown> | undefined {
  if (!isObject(raw)) return undefined;
  const nested = raw[SETTINGS_SECTION];
  if (isObject(nested)) return nested;
  return Object.keys(raw).some((k) => KNOWN_KEYS.has(k)) ? raw : undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string') : []);

export function readSettings(raw: unknown): DistroTomlSettings {
  const s = (raw ?? {}) as Partial<DistroTomlSettings>;
  const debounce = Number(s.diagnostics?.debounceMs);
  const trace = s.trace?.server;
  return {
    schema: typeof s.schema === 'string' && s.schema.trim() ? s.schema.trim() : DEFAULT_SETTINGS.schema,
    diagnostics: { debounceMs: Number.isFinite(debounce) && debounce >= 0 ? debounce : DEFAULT_SETTINGS.diagnostics.debounceMs },
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
    extraConfigFiles: strings(s.extraConfigFiles),
    lint: { authoringGuide: s.lint?.authoringGuide !== false },
    upstream: {
      fetch: s.upstream?.fetch !== false,
      cacheDir: typeof s.upstream?.cacheDir === 'string' ? s.upstream.cacheDir : '',
      localCheckouts: strings(s.upstream?.localCheckouts),
      specsDir: typeof s.upstream?.specsDir === 'string' ? s.upstream.specsDir : '',
    },
    overlayDiagnostics: s.overlayDiagnostics !== false,
    rules: readRules(s.rules),
    packageIndex: readPackageIndexSettings(s.packageIndex),
  };
}

/** The entries of `distroToml.rules` that name a rule and a level (the server logs the others). */
function readRules(raw: unknown): Record<string, string> {
  return Object.fromEntries(levelsFromObject(raw).levels);
}

function readPackageIndexSettings(raw: Partial<DistroTomlSettings['packageIndex']> | undefined): DistroTomlSettings['packageIndex'] {
  const d = DEFAULT_SETTINGS.packageIndex;
  const hours = Number(raw?.refreshIntervalHours);
  const arches = strings(raw?.arches).filter((a) => a.trim());
  return {
    repositories: strings(raw?.repositories).filter((r) => r.trim()),
    replaceRepositories: raw?.replaceRepositories === true,
    arches: arches.length ? arches : d.arches,
    cacheDir: typeof raw?.cacheDir === 'string' ? raw.cacheDir : '',
    refreshIntervalHours: Number.isFinite(hours) && hours >= 0 ? hours : d.refreshIntervalHours,
    offline: raw?.offline === true,
    filelists: raw?.filelists === true,
  };
}
