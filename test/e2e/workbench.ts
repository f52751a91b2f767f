// Drives the VS Code workbench in the browser the way a user does: Debian's chromium through
// playwright-core, Quick Open to open a file, the Problems panel and the status bar to read results.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function openWorkbench(url: string): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    // A loaded machine (CI, several suites at once) may take a while to serve the workbench.
    await page.goto(url, { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer shows the folder once the workbench has connected to the server.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  } catch (error) {
    // The caller gets no Browser to close: close chromium here, or the test process never exits.
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    page,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs a command by its title through the command palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a workspace file by its path relative to the folder, through Quick Open. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  // Without the leading ">", the palette is Quick Open.
  await input.fill(relativePath);
  const base = path.basename(relativePath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** The text of every row of the Problems panel, once at least one row contains `expected`. */
export async function problemsContaining(page: Page, expected: string, timeoutMs: number): Promise<string[]> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.filter({ hasText: expected }).first().waitFor({ timeout: timeoutMs });
  return rows.allInnerTexts();
}

/** The visible text of the Output panel, once it matches `expected`. */
export async function outputMatching(page: Page, expected: RegExp, timeoutMs: number): Promise<string> {
  const view = page.locator('.part.panel .monaco-editor .view-lines').first();
  await view.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    // Monaco renders spaces as no-break spaces.
    text = (await view.innerText()).replace(/\u00a0/g, ' ');
    if (expected.test(text)) return text;
    await page.waitForTimeout(250);
  }
  throw new Error(`the Output panel never matched ${expected}; it shows:\n${text}`);
}

/** Our button in the editor title bar (contributes.menus editor/title). */
export const RENDER_PREVIEW_BUTTON = '.editor-actions [aria-label*="Render Preview"]';

/** The status bar entry whose text contains `label`. */
export function statusBarItem(page: Page, label: string): Locator {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: label }).first();
}

/** Hovers over `target` and returns the text of the hover that appears. */
export async function hoverText(page: Page, target: Locator): Promise<string> {
  await target.hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ visible: true }).first();
  await hover.waitFor({ timeout: 10_000 });
  return hover.innerText();
}
