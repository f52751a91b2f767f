// End to end, Format Document on a real file of the Azure Linux tree: the file with deviations from the house
// style (spaces around `=`, trailing blanks, an indented table header) is formatted by our formatter in a real
// VS Code and saved, and the file on disk is then the tree's file byte for byte — what formatting a file of the
// tree as it stands changes is nothing, and the deviations are normalized.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CORPUS_ROOT } from '../support/paths';
import { createFixtureProject, type FixtureProject } from './fixtureProject';
import { withDeviations } from './formatDeviations';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { openFile, runCommand, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();
const screenshot = screenshotter(repoRoot, 'e2e-format');
// Comments above and between tables, arrays of tables, a multi-line array, literal and basic strings.
const TREE_FILE = path.join(CORPUS_ROOT, 'base', 'comps', 'libspf2', 'libspf2.comp.toml');
const RELATIVE = 'comps/format-check/libspf2.comp.toml';

let project: FixtureProject;
let session: WorkbenchSession;

before(async () => {
  assert.ok(fs.existsSync(TREE_FILE), `${TREE_FILE} is missing: the Azure Linux tree is expected beside the checkout (../shared/corpus)`);
  project = createFixtureProject(repoRoot);
  const target = path.join(project.folder, RELATIVE);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, withDeviations(fs.readFileSync(TREE_FILE, 'utf8')));
  session = await launchWorkbench(repoRoot, project.folder);
});

after(async () => {
  await session?.close();
  project?.remove();
});

test('Format Document on a file of the tree with house-style deviations gives back the tree file byte for byte', { timeout: 240_000 }, async (t) => {
  const { page } = session;
  const original = fs.readFileSync(TREE_FILE, 'utf8');
  const target = path.join(project.folder, RELATIVE);
  assert.notEqual(fs.readFileSync(target, 'utf8'), original, 'the deviations are in the file before formatting');
  try {
    await openFile(page, RELATIVE);
    // The server is up: its formatter is registered.
    await statusBarItem(page, 'Distro TOML').locator('.codicon-check').waitFor({ timeout: 120_000 });
    // code-server may save the formatted buffer by itself; "File: Save" is run again every few seconds until the
    // file on disk is the formatted text, so a save that ran before the formatter's edits arrived cannot decide the
    // outcome. If the text is still not formatted after 20 s, Format Document is run once more and the test says so
    // (the palette's Enter can be lost on a loaded machine; seen once in CI).
    const formatUntilOnDisk = async (what: string) => {
      await runCommand(page, 'Format Document');
      const started = Date.now();
      let retried = false;
      let onDisk = fs.readFileSync(target, 'utf8');
      while (onDisk !== original && Date.now() - started < 80_000) {
        await runCommand(page, 'File: Save');
        await new Promise((r) => setTimeout(r, 2_000));
        onDisk = fs.readFileSync(target, 'utf8');
        if (onDisk !== original && !retried && Date.now() - started > 20_000) {
          retried = true;
          const firstLine = await page.locator('.monaco-editor .view-line').first().innerText().catch(() => '?');
          t.diagnostic(`${what}: not on disk after 20 s (editor's first line: ${JSON.stringify(firstLine)}); Format Document run again`);
          await runCommand(page, 'Format Document');
        }
      }
      assert.equal(onDisk, original, what);
    };
    await formatUntilOnDisk('the formatted file is the tree file');
    // Formatting it again changes nothing.
    await runCommand(page, 'Format Document');
    await runCommand(page, 'File: Save');
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal(fs.readFileSync(target, 'utf8'), original, 'formatting the formatted file changed nothing');
    t.diagnostic(`formatted ${RELATIVE}: ${original.length} bytes, identical to ${path.relative(CORPUS_ROOT, TREE_FILE)}`);
  } catch (error) {
    await screenshot(page, 'failure');
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
    t.diagnostic(`notifications: ${toasts.join(' | ') || 'none'}`);
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});
