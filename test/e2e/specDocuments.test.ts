// End to end, spec documents in a real VS Code: the Render Preview view and a `.spec` file of the tree get an
// outline from the language server (Go to Symbol lists the preamble and the sections), and hover on a macro
// says what it is — which proves the client sends both kinds of spec document to the server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createFixtureProject, type FixtureProject } from './fixtureProject';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { openFile, runCommand, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();

let project: FixtureProject;
let session: WorkbenchSession;

const screenshot = screenshotter(repoRoot, 'e2e-spec');

/** Go to Symbol in Editor on the focused editor: the rows it lists, once one of them shows `expected`. */
async function symbolRows(page: Page, expected: string): Promise<string[]> {
  await runCommand(page, 'Go to Symbol in Editor');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: expected }).first().waitFor({ timeout: 60_000 });
  const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
  await page.keyboard.press('Escape');
  return texts;
}

before(async () => {
  project = createFixtureProject(repoRoot);
  session = await launchWorkbench(repoRoot, project.folder);
});

after(async () => {
  await session?.close();
  project?.remove();
});

test('the Render Preview view has an outline from the server', { timeout: 180_000 }, async (t) => {
  const { page } = session;
  try {
    await openFile(page, 'comps/hello-distro/hello-distro.comp.toml');
    // Our commands are in the palette once the extension has found the project (the status bar item shows then).
    await statusBarItem(page, 'Distro TOML').waitFor({ timeout: 120_000 });
    await runCommand(page, 'Distro TOML: Render Preview');
    const preview = page.locator('.monaco-editor .view-lines').filter({ hasText: /modified\sby\sazldev/ }).first();
    await preview.waitFor({ timeout: 60_000 });
    await preview.click();
    const rows = await symbolRows(page, '%changelog');
    await screenshot(page, 'preview-outline');
    for (const name of ['Preamble', '%description', '%install', '%files', '%changelog']) {
      assert.ok(rows.some((r) => r.startsWith(name)), `${name} in the preview's outline:\n${rows.join('\n')}`);
    }
    t.diagnostic(`preview outline: ${rows.join(' | ')}`);
    await runCommand(page, 'View: Close All Editors');
  } catch (error) {
    await screenshot(page, 'preview-failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});

test('a .spec file of the tree: outline, and hover on %{buildroot}', { timeout: 180_000 }, async (t) => {
  const { page } = session;
  try {
    await openFile(page, 'comps/hello-distro/hello-distro.spec');
    const rows = await symbolRows(page, '%changelog');
    assert.ok(rows.some((r) => r.startsWith('%install')), rows.join('\n'));
    // Line 16 is `mkdir -p %{buildroot}%{_bindir}`: column 14 is inside `buildroot`.
    await runCommand(page, 'Go to Line/Column');
    await page.keyboard.type('16:14');
    await page.keyboard.press('Enter');
    await runCommand(page, 'Show or Focus Hover');
    const hover = page.locator('.monaco-hover').filter({ visible: true }).filter({ hasText: 'buildroot' }).first();
    await hover.waitFor({ timeout: 30_000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    await screenshot(page, 'spec-hover');
    assert.match(text, /%\{buildroot\} — rpm: the directory %install installs into/);
    t.diagnostic(`spec outline: ${rows.join(' | ')}; hover: ${text}`);
  } catch (error) {
    await screenshot(page, 'spec-failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});
