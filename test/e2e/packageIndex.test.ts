// End to end, the package index in a real VS Code: the example project with a package group, and a repository on
// disk (repomd.xml and a gzip primary) named in the user settings. The server syncs it in the background; the
// status bar shows the index; a typo in the group is a warning in the Problems panel whose quick fix puts the
// suggested name in; a name the repository lacks is reported until the repository gains it and "Refresh Package
// Index" syncs the new revision.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { writeHandmadeRepo, primaryXmlOf } from '../support/handmadeRepo';
import { createFixtureProject, type FixtureProject } from './fixtureProject';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { hoverText, openFile, runCommand, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();
const GROUP_FILE = 'comps/packages.toml';
/** pkg0 … pkg2 are in the repository at first; `pkgg2` is a typo of pkg2; pkg3 comes with the second revision. */
const GROUP = '[package-groups.base]\ndescription = "The base image"\npackages = ["pkg0", "pkg1", "pkgg2", "pkg3"]\n';

let project: FixtureProject;
let repo: string;
let session: WorkbenchSession;

const screenshot = screenshotter(repoRoot, 'e2e-packages');

/** The Problems panel's rows that hold `text` (an empty list when there are none). */
async function problemRows(page: Page, text: string): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row', { hasText: text }).allInnerTexts();
}

before(async () => {
  project = createFixtureProject(repoRoot);
  const root = path.join(project.folder, 'azldev.toml');
  fs.writeFileSync(root, fs.readFileSync(root, 'utf8').replace('"comps/components.toml"]', `"comps/components.toml", "${GROUP_FILE}"]`));
  fs.writeFileSync(path.join(project.folder, GROUP_FILE), GROUP);
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-e2e-repo-'));
  writeHandmadeRepo(repo, primaryXmlOf(3), { revision: '1' });
  session = await launchWorkbench(repoRoot, project.folder, { settings: {
    'distroToml.packageIndex.offline': false,
    'distroToml.packageIndex.repositories': [repo],
    'distroToml.packageIndex.replaceRepositories': true,
  } });
});

after(async () => {
  await session?.close();
  project?.remove();
  if (repo) fs.rmSync(repo, { recursive: true, force: true });
});

test('the index is synced from the repository in the settings, and the status bar shows it', { timeout: 240_000 }, async (t) => {
  const { page } = session;
  try {
    await openFile(page, GROUP_FILE);
    const status = statusBarItem(page, 'packages');
    await status.filter({ hasText: '3 packages' }).waitFor({ timeout: 120_000 });
    const text = (await status.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /3 packages · synced/);
    const tooltip = (await hoverText(page, status)).replace(/\u00a0/g, ' ');
    assert.match(tooltip, /Click to refresh the package index/);
    t.diagnostic(`status bar: ${text.trim()}; tooltip: ${tooltip.replace(/\s+/g, ' ')}`);
    await screenshot(page, 'status');
  } catch (error) {
    await screenshot(page, 'failure-status');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});

test('a typo in a package group is a warning whose quick fix puts the suggested name in', { timeout: 240_000 }, async (t) => {
  const { page } = session;
  try {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const typo = page.locator('.markers-panel .monaco-list-row', { hasText: 'pkgg2' }).filter({ hasText: 'package-binary-unknown' });
    await typo.first().waitFor({ timeout: 60_000 });
    const row = (await typo.first().innerText()).replace(/\s+/g, ' ');
    assert.match(row, /\[Ln 3, Col 30\]/, row);
    t.diagnostic(`problem: ${row}`);
    // Double-clicking the problem selects its range in the editor and focuses it; Ctrl+. lists its quick fixes.
    await typo.first().dblclick();
    const fix = page.locator('.context-view', { hasText: 'Quick Fix' }).getByText("Change to 'pkg2'");
    // On a busy machine the first Ctrl+. can come before the editor has taken the focus: ask again until it shows.
    for (let attempt = 1; ; attempt++) {
      await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+.');
      const shown = await fix.first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (shown) break;
      if (attempt === 3) throw new Error("the Quick Fix menu never listed Change to 'pkg2'");
      await page.keyboard.press('Escape');
    }
    await screenshot(page, 'quick-fix');
    // The preferred fix is the focused first entry.
    await page.keyboard.press('Enter');
    await typo.first().waitFor({ state: 'detached', timeout: 60_000 });
    const editor = await page.locator('.monaco-editor .view-lines').first().innerText();
    assert.match(editor.replace(/\u00a0/g, ' '), /"pkg0", "pkg1", "pkg2", "pkg3"/);
  } catch (error) {
    await screenshot(page, 'failure-quick-fix');
    throw error;
  }
});

test('a name the repository lacks is reported until Refresh Package Index syncs a revision that has it', { timeout: 240_000 }, async (t) => {
  const { page } = session;
  try {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const missing = page.locator('.markers-panel .monaco-list-row', { hasText: 'pkg3' }).filter({ hasText: 'package-binary-unknown' });
    await missing.first().waitFor({ timeout: 60_000 });
    writeHandmadeRepo(repo, primaryXmlOf(4), { revision: '2' });
    await runCommand(page, 'Distro TOML: Refresh Package Index');
    await statusBarItem(page, 'packages').filter({ hasText: '4 packages' }).waitFor({ timeout: 120_000 });
    await missing.first().waitFor({ state: 'detached', timeout: 60_000 });
    assert.deepEqual(await problemRows(page, 'package-binary-unknown'), []);
    await screenshot(page, 'refreshed');
  } catch (error) {
    await screenshot(page, 'failure-refresh');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});
