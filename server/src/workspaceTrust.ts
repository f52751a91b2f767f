// Settings that name checkouts, caches or spec folders make git and the render read (and run git in) places a
// workspace chooses; in a workspace the user has not trusted they are ignored, and nothing is fetched. The client
// says whether the workspace is trusted once, in initializationOptions (it restarts the server when trust is
// granted); pushed or pulled settings cannot change it.
import type { DistroTomlSettings } from './protocol';

/** False only when the client said the workspace is untrusted; clients without workspace trust are trusted. */
export function readWorkspaceTrust(initializationOptions: unknown): boolean {
  return (initializationOptions as { workspaceTrusted?: unknown } | null | undefined)?.workspaceTrusted !== false;
}

/** The settings in force: untrusted workspaces get no checkouts, cache folder, specs folder or fetching. */
export function settingsForTrust(settings: DistroTomlSettings, trusted: boolean): DistroTomlSettings {
  if (trusted) return settings;
  return { ...settings, upstream: { fetch: false, cacheDir: '', localCheckouts: [], specsDir: '' } };
}
