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
    await runCommand(page, 'Format Document');
    // Saving writes what the formatter produced (code-server may have saved it already).
    const saved = async (what: string) => {
      await runCommand(page, 'File: Save');
      const deadline = Date.now() + 60_000;
      let onDisk = fs.readFileSync(target, 'utf8');
      while (onDisk !== original && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        onDisk = fs.readFileSync(target, 'utf8');
      }
      assert.equal(onDisk, original, what);
    };
    await saved('the formatted file is the tree file');
    // Formatting it again changes nothing.
    await runCommand(page, 'Format Document');
    await saved('formatting the formatted file changed nothing');
    t.diagnostic(`formatted ${RELATIVE}: ${original.length} bytes, identical to ${path.relative(CORPUS_ROOT, TREE_FILE)}`);
  } catch (error) {
    await screenshot(page, 'failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});
