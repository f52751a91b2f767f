// End to end, how fast typing is answered where a user sees it: in a copy of the real Azure Linux tree
// (4.4 MB, copied in well under a second), `[components.zzz-newpkg]` is typed at 40 ms a key at the end of
// base/comps/components.toml (7,400 components). The half-typed header's "Expected a key after the dot"
// error must show in the Problems panel and must be gone once the header is complete. The times (from the
// last keystroke, and from the key that fixed the header, to the panel no longer showing the error) are
// written to bench/results/e2e-typing.json for the benchmark report; they are recorded, not asserted, since
// the machine may be loaded (goal: ≤ 100 ms from the last keystroke).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CORPUS_ROOT } from '../support/paths';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { openFile, runCommand, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();
const screenshot = screenshotter(repoRoot, 'e2e-typing');
const FILE = 'base/comps/components.toml';
const TRANSIENT = 'Expected a key after the dot';
const KEY_DELAY_MS = 40;

let folder: string;
let session: WorkbenchSession;

before(async () => {
  assert.ok(fs.existsSync(path.join(CORPUS_ROOT, 'azldev.toml')), `the real tree is missing at ${CORPUS_ROOT}`);
  folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-typing-')), 'azurelinux');
  fs.cpSync(CORPUS_ROOT, folder, { recursive: true });
  session = await launchWorkbench(repoRoot, folder);
});

after(async () => {
  await session?.close();
  if (folder) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
});

/**
 * In the page: records, on the page's clock, every key pressed and each time the Problems panel starts or
 * stops showing a row with `text` (checked on every animation frame).
 */
async function watchProblems(page: Page, text: string): Promise<void> {
  // A string, run in the page (this project compiles without the DOM's types).
  await page.evaluate(`(() => {
    const wanted = ${JSON.stringify(text)};
    const rec = (window.__typing = { keys: [], shown: [], cleared: [] });
    window.addEventListener('keydown', () => rec.keys.push(performance.now()), true);
    let showing = false;
    const tick = () => {
      const rows = Array.from(document.querySelectorAll('.markers-panel .monaco-list-row'));
      const now = rows.some((r) => (r.textContent || '').includes(wanted));
      if (now !== showing) (now ? rec.shown : rec.cleared).push(performance.now());
      showing = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

interface Recorded {
  keys: number[];
  shown: number[];
  cleared: number[];
}

const recorded = (page: Page): Promise<Recorded> => page.evaluate('window.__typing') as Promise<Recorded>;

test('typing [components.zzz-newpkg] into the real components.toml clears the transient "Expected a key after the dot" error; the time is recorded', { timeout: 300_000 }, async (t) => {
  const { page } = session;
  try {
    await openFile(page, FILE);
    // The whole tree checked first, so the figure is the keystroke's and not the start-up scan's.
    await statusBarItem(page, 'Distro TOML').locator('.codicon-check').waitFor({ timeout: 180_000 });
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await runCommand(page, 'View: Focus First Editor Group');
    // To the end of the file, and wait until the cursor is there: on a busy machine a key pressed before the
    // editor has focus is lost, and the header would be typed at line 1.
    const lastLine = fs.readFileSync(path.join(folder, FILE), 'utf8').split('\n').length;
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await statusBarItem(page, `Ln ${lastLine},`).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await watchProblems(page, TRANSIENT);
    // VS Code closes the bracket as it is typed: the line reads `[components.]` here, and the final `]` types over it.
    await page.keyboard.type('[components.', { delay: KEY_DELAY_MS });
    await page.locator('.markers-panel .monaco-list-row', { hasText: TRANSIENT }).first().waitFor({ timeout: 60_000 });
    const fixingKey = (await recorded(page)).keys.length;
    await page.keyboard.type('zzz-newpkg]', { delay: KEY_DELAY_MS });
    await page.locator('.markers-panel .monaco-list-row', { hasText: TRANSIENT }).first().waitFor({ state: 'detached', timeout: 60_000 });
    const line = await page.locator('.monaco-editor .view-line', { hasText: '[components.zzz-newpkg]' }).count();
    assert.equal(line, 1, 'the editor shows the typed header');
    await page.waitForTimeout(200);
    const seen = await recorded(page);
    const lastKey = seen.keys[seen.keys.length - 1] as number;
    const fixedBy = seen.keys[fixingKey] as number;
    const cleared = seen.cleared[seen.cleared.length - 1] as number;
    assert.ok(seen.shown.length >= 1 && cleared !== undefined, `the error was shown and cleared (${JSON.stringify(seen)})`);
    assert.ok(seen.shown[seen.shown.length - 1]! < cleared, 'the last state is cleared');
    const figure = {
      file: FILE,
      keyDelayMs: KEY_DELAY_MS,
      keys: seen.keys.length,
      clearAfterLastKeyMs: Math.max(0, Math.round(cleared - lastKey)),
      clearAfterFixingKeyMs: Math.round(cleared - fixedBy),
      goalMs: 100,
      at: new Date().toISOString(),
      loadAverage: os.loadavg(),
      cpus: os.cpus().length,
    };
    fs.mkdirSync(path.join(repoRoot, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, 'bench', 'results', 'e2e-typing.json'), JSON.stringify(figure, null, 2) + '\n');
    t.diagnostic(`typing figure: ${JSON.stringify(figure)}`);
  } catch (error) {
    await screenshot(page, 'failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});
