// One end-to-end session: the packaged VSIX installed into a fresh code-server that opens a folder, and the
// workbench loaded in chromium; closed in the reverse order. Also where a test's screenshots go.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer, type TrustMode } from './codeServer';
import { openWorkbench, type Browser } from './workbench';

export interface WorkbenchSession {
  server: RunningCodeServer;
  browser: Browser;
  page: Page;
  /** Closes chromium, then stops code-server. */
  close(): Promise<void>;
}

/** The VSIX `npm run test:e2e` packaged (or DISTRO_TOML_VSIX). */
export function packagedVsix(repoRoot: string): string {
  const vsix = process.env.DISTRO_TOML_VSIX ?? path.join(repoRoot, '.vscode-test', 'distro-toml.vsix');
  assert.ok(fs.existsSync(vsix), `${vsix} is missing; run npm run test:e2e, which packages it`);
  return vsix;
}

/** `folder` is a folder or a `.code-workspace` file; `settings` are added to the quiet user settings. */
export async function launchWorkbench(repoRoot: string, folder: string, options: { trust?: TrustMode; settings?: Record<string, unknown> } = {}): Promise<WorkbenchSession> {
  const server = await startCodeServer(repoRoot, packagedVsix(repoRoot), folder, options.trust ?? 'off', options.settings ?? {});
  let browser: Browser;
  try {
    browser = await openWorkbench(server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    browser,
    page: browser.page,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

/** Saves `page` as `test-results/<prefix>-<name>.png`. */
export function screenshotter(repoRoot: string, prefix: string): (page: Page, name: string) => Promise<void> {
  const results = path.join(repoRoot, 'test-results');
  return async (page, name) => {
    fs.mkdirSync(results, { recursive: true });
    await page.screenshot({ path: path.join(results, `${prefix}-${name}.png`) });
  };
}
