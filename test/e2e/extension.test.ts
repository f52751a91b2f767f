// End to end: the packaged VSIX in a real VS Code (code-server) driven through chromium. Opening a
// component file with a seeded unknown key must show our diagnostic, with its code, in the Problems
// panel, and the status bar must show Distro TOML; deleting the key must clear the diagnostic.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { createFixtureProject, SEEDED_KEY, type FixtureProject } from './fixtureProject';
import { findRepoRoot } from './repoRoot';
import { hoverText, openFile, openWorkbench, problemsContaining, statusBarItem, type Browser } from './workbench';

const repoRoot = findRepoRoot();
const vsix = process.env.DISTRO_TOML_VSIX ?? path.join(repoRoot, '.vscode-test', 'distro-toml.vsix');
const results = path.join(repoRoot, 'test-results');
const UNKNOWN_KEY_CODE = 'schema-unknown-key';

let project: FixtureProject;
let server: RunningCodeServer;
let browser: Browser;

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(results, { recursive: true });
  await page.screenshot({ path: path.join(results, `e2e-${name}.png`) });
}

before(async () => {
  assert.ok(fs.existsSync(vsix), `${vsix} is missing; run npm run test:e2e, which packages it`);
  project = createFixtureProject(repoRoot);
  server = await startCodeServer(repoRoot, vsix, project.folder);
  browser = await openWorkbench(server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  project?.remove();
});

test('the seeded unknown key shows up in the Problems panel with its code, and the status bar shows Distro TOML ready with the bundled schema', { timeout: 180_000 }, async (t) => {
  const { page } = browser;
  try {
    await openFile(page, project.file);
    const rows = await problemsContaining(page, UNKNOWN_KEY_CODE, 90_000);
    await screenshot(page, 'problems');
    const ours = rows.filter((r) => r.includes(UNKNOWN_KEY_CODE) && r.includes(`Ln ${project.line},`));
    assert.equal(ours.length, 1, `expected one ${UNKNOWN_KEY_CODE} problem on line ${project.line}; the panel shows:\n${rows.join('\n')}`);
    assert.match(ours[0] ?? '', new RegExp(SEEDED_KEY), 'the message names the unknown key');
    assert.match(ours[0] ?? '', /distro-toml/i, 'the source is Distro TOML');

    // The ready icon and the schema path in the tooltip come only from the server's distroToml/status.
    const status = statusBarItem(page, 'Distro TOML');
    await status.locator('.codicon-check').waitFor({ timeout: 60_000 });
    const statusText = await status.innerText();
    assert.match(statusText, /Distro TOML: bundled/);
    const tooltip = await hoverText(page, status);
    await screenshot(page, 'status');
    assert.match(tooltip, /ready, \d+ files indexed/);
    assert.match(tooltip, /Schema: bundled — \S*azldev\.schema\.json/);
    t.diagnostic(`problem: ${ours[0]?.replace(/\s+/g, ' ')}; status bar: ${statusText.trim()}; tooltip: ${tooltip.replace(/\s+/g, ' ')}`);
  } catch (error) {
    await screenshot(page, 'failure');
    t.diagnostic(`code-server log:\n${server.log().slice(-4000)}`);
    throw error;
  }
});

test('deleting the seeded key in the editor clears its diagnostic', { timeout: 120_000 }, async () => {
  const { page } = browser;
  try {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(project.line));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+K');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: UNKNOWN_KEY_CODE }).filter({ hasText: `Ln ${project.line},` });
    await row.first().waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, 'fixed');
  } catch (error) {
    await screenshot(page, 'failure-fix');
    throw error;
  }
});
