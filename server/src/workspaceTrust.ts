// Settings that name checkouts, caches or spec folders make git and the render read (and run git in) places a
// workspace chooses, and a schema file is compiled to code by ajv (which treats schemas as trusted code); in a
// workspace the user has not trusted they are ignored, nothing is fetched, and the bundled schema is used. The client
// says whether the workspace is trusted once, in initializationOptions (it restarts the server when trust is
// granted); pushed or pulled settings cannot change it.
import type { DistroTomlSettings } from './protocol';

/** False only when the client said the workspace is untrusted; clients without workspace trust are trusted. */
export function readWorkspaceTrust(initializationOptions: unknown): boolean {
  return (initializationOptions as { workspaceTrusted?: unknown } | null | undefined)?.workspaceTrusted !== false;
}

/** The settings in force: untrusted workspaces get the bundled schema and no checkouts, cache or specs folder or fetching. */
export function settingsForTrust(settings: DistroTomlSettings, trusted: boolean): DistroTomlSettings {
  if (trusted) return settings;
  return { ...settings, schema: 'bundled', upstream: { fetch: false, cacheDir: '', localCheckouts: [], specsDir: '' } };
}
