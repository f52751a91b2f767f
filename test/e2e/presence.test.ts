// End to end, outside an azldev project: a Cargo project's TOML sees nothing of Distro TOML — no status bar
// item, no Render Preview button, none of our commands in the palette, no language server process — while
// highlighting still comes from the grammar. A command run anyway (here from the walkthrough, which the
// Welcome page lists for every installed extension) says why it does nothing. The project suite
// (extension.test.ts) checks the same item, button and process are there in a project.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { openFile, RENDER_PREVIEW_BUTTON, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();

let folder: string;
let session: WorkbenchSession;

const screenshot = screenshotter(repoRoot, 'e2e-presence');

before(async () => {
  folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-cargo-')), 'hello-cargo');
  fs.mkdirSync(path.join(folder, 'src'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'Cargo.toml'), '[package]\nname = "hello-cargo"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1", features = ["derive"] }\n');
  fs.writeFileSync(path.join(folder, 'src', 'main.rs'), 'fn main() {}\n');
  session = await launchWorkbench(repoRoot, folder);
});

after(async () => {
  await session?.close();
  if (folder) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
});

test('a Cargo project: Cargo.toml is highlighted, but no status bar item, no Render Preview button, no command and no server', { timeout: 180_000 }, async (t) => {
  const { page } = session;
  try {
    await openFile(page, 'Cargo.toml');
    // The grammar applies without the extension running: a table header gets its scope's colour class.
    await page.locator('.monaco-editor .view-lines span', { hasText: 'package' }).first().waitFor({ timeout: 30_000 });
    // Opening a TOML file loads the extension (onLanguage:toml); give it the time it takes to start a server in a project.
    await page.waitForTimeout(15_000);
    assert.equal(await statusBarItem(page, 'Distro TOML').count(), 0, 'a Distro TOML status bar item is shown');
    assert.equal(await page.locator(RENDER_PREVIEW_BUTTON).count(), 0, 'the Render Preview button is shown');
    assert.deepEqual(session.server.languageServerPids(), [], 'a Distro TOML language server runs');

    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Distro TOML');
    await page.waitForTimeout(2_000);
    const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    await screenshot(page, 'cargo');
    await page.keyboard.press('Escape');
    assert.deepEqual(rows.filter((r) => /Distro TOML:/.test(r)), [], `the palette offers ${rows.join(' | ')}`);
    t.diagnostic(`palette rows for "Distro TOML": ${rows.join(' | ') || '(none)'}`);
  } catch (error) {
    await screenshot(page, 'failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});

test('Render Preview run from the walkthrough in a Cargo project says why it does nothing', { timeout: 180_000 }, async () => {
  const { page } = session;
  try {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Welcome: Open Walkthrough');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Distro TOML' }).first().click();
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Preview a render').first().click();
    await walkthrough.locator('.getting-started-step.expanded').getByText('Render Preview', { exact: true }).first().click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'works in an azldev project' });
    await toast.first().waitFor({ timeout: 60_000 });
    assert.match(await toast.first().innerText(), /"Render Preview" works in an azldev project, and this window has none/);
    await screenshot(page, 'explains');
    assert.deepEqual(session.server.languageServerPids(), [], 'the command started a language server');
  } catch (error) {
    await screenshot(page, 'failure-explains');
    throw error;
  }
});
