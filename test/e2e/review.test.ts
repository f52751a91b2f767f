// End to end, Review Changes in a real VS Code: the example project as a git repository with one commit on main,
// an uncommitted change to a local spec and to curl's overlay file; the command lists both components (the base
// read through the built-in Git extension), and picking one opens the diff editor on its effective spec.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createFixtureProject, type FixtureProject } from './fixtureProject';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { openFile, runCommand, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();

let project: FixtureProject;
let session: WorkbenchSession;

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=E2E', '-c', 'user.email=e2e@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: project.folder, stdio: 'pipe' });
}

const screenshot = screenshotter(repoRoot, 'e2e-review');

before(async () => {
  project = createFixtureProject(repoRoot);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const spec = path.join(project.folder, 'comps', 'hello-distro', 'hello-distro.spec');
  fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace('%install\n', '%install\necho reviewed-change\n'));
  const overlay = path.join(project.folder, 'comps', 'curl', 'overlays', '0001-drop-docs.overlay.toml');
  fs.writeFileSync(overlay, fs.readFileSync(overlay, 'utf8').replace('%{_docdir}/curl', '%{_docdir}/curl-reviewed'));
  session = await launchWorkbench(repoRoot, project.folder);
});

after(async () => {
  await session?.close();
  project?.remove();
});

test('Review Changes lists the affected components and opens the effective spec diff', { timeout: 240_000 }, async (t) => {
  const { page } = session;
  try {
    // The Git extension must have opened the repository before the command can read the base.
    await page.locator('.statusbar-item', { hasText: 'main' }).first().waitFor({ timeout: 90_000 });
    // The extension has found the project (its status item shows) before its commands are offered.
    await statusBarItem(page, 'Distro TOML').waitFor({ timeout: 90_000 });
    await openFile(page, 'azldev.toml');
    await runCommand(page, 'Distro TOML: Review Changes');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'hello-distro' }).first().waitFor({ timeout: 90_000 });
    const listed = (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    await screenshot(page, 'list');
    t.diagnostic(`listed: ${listed.join(' | ')}`);
    assert.ok(listed.some((r) => r.startsWith('curl') && /config changed/.test(r)), listed.join('\n'));
    assert.ok(listed.some((r) => r.startsWith('hello-distro') && /spec changed/.test(r)), listed.join('\n'));
    assert.equal(listed.length, 2, listed.join('\n'));
    await rows.filter({ hasText: 'hello-distro' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'hello-distro: effective spec' }).waitFor({ timeout: 60_000 });
    const modified = page.locator('.editor.modified .view-lines');
    await modified.filter({ hasText: 'echo reviewed-change' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.editor.original .view-lines').first().waitFor();
    assert.doesNotMatch(await page.locator('.editor.original .view-lines').first().innerText(), /reviewed-change/);
    await screenshot(page, 'diff');
  } catch (error) {
    await screenshot(page, 'failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});
