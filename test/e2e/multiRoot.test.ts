// End to end, a multi-root workspace in a real VS Code: two copies of the example project, each with the seeded
// unknown key, as two folders of a .code-workspace; the second folder turns `schema-unknown-key` off in its own
// .vscode/settings.json (`distroToml.rules`). The Problems panel must show the finding for the first folder's
// file only — the server applies each folder's settings to its own files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createFixtureProject, type FixtureProject } from './fixtureProject';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { problemsContaining, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();
const screenshot = screenshotter(repoRoot, 'e2e-multi-root');
const CODE = 'schema-unknown-key';

let first: FixtureProject;
let second: FixtureProject;
let workspaceFile: string;
let session: WorkbenchSession;

before(async () => {
  first = createFixtureProject(repoRoot);
  second = createFixtureProject(repoRoot);
  fs.mkdirSync(path.join(second.folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(second.folder, '.vscode', 'settings.json'), JSON.stringify({ 'distroToml.rules': { [CODE]: 'off' } }, null, 2));
  workspaceFile = path.join(path.dirname(first.folder), 'two-projects.code-workspace');
  fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: first.folder, name: 'first' }, { path: second.folder, name: 'second' }] }, null, 2));
  session = await launchWorkbench(repoRoot, workspaceFile);
});

after(async () => {
  await session?.close();
  first?.remove();
  second?.remove();
});

test("each folder of a multi-root workspace is checked with its own settings: the second folder's rule level hides its finding", { timeout: 240_000 }, async (t) => {
  const { page } = session;
  try {
    // The scan has published every file's diagnostics once the status bar shows the server ready.
    await statusBarItem(page, 'Distro TOML').locator('.codicon-check').waitFor({ timeout: 180_000 });
    const rows = await problemsContaining(page, CODE, 60_000);
    const findings = rows.filter((r) => r.includes(CODE));
    await screenshot(page, 'problems');
    // Both folders hold the same seeded file; with one set of settings for the window both would show it.
    assert.equal(findings.length, 1, `expected the finding once (the first folder's); the panel shows:\n${rows.join('\n')}`);
    const fileRows = rows.filter((r) => r.includes(path.basename(first.file)));
    assert.ok(fileRows.some((r) => /first/.test(r)) && !fileRows.some((r) => /second/.test(r)), `the finding's file is the first folder's:\n${rows.join('\n')}`);
    t.diagnostic(rows.join(' | ').replace(/\s+/g, ' '));
  } catch (error) {
    await screenshot(page, 'failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});
