// End to end: the packaged VSIX in a real VS Code (code-server) driven through chromium. Opening a
// component file with a seeded unknown key must show our diagnostic, with its code, in the Problems
// panel, and the status bar must show Distro TOML; a killed server must come back, the restart command
// must replace it (each server process started with the client's Node options), deleting the key must then clear
// the diagnostic, and the status bar must select a schema.
// The suite runs twice (scripts/e2e.sh): with workspace trust off, and with DISTRO_TOML_E2E_TRUST=restricted
// in Restricted Mode, where diagnostics, previews of local specs and restarts work the same, the status bar says
// "Restricted", and the settings naming a schema file or a specs folder are ignored.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { SERVER_EXEC_ARGV } from '../../server/src/serverProcessEnv';
import { suiteTrustMode } from './codeServer';
import { createFixtureProject, SEEDED_KEY, type FixtureProject } from './fixtureProject';
import { findRepoRoot } from './repoRoot';
import { launchWorkbench, screenshotter, type WorkbenchSession } from './session';
import { hoverText, openFile, outputMatching, problemsContaining, RENDER_PREVIEW_BUTTON, runCommand, statusBarItem } from './workbench';

const repoRoot = findRepoRoot();
const UNKNOWN_KEY_CODE = 'schema-unknown-key';
const trust = suiteTrustMode();
const restricted = trust === 'restricted';

let project: FixtureProject;
let session: WorkbenchSession;

const screenshot = screenshotter(repoRoot, `e2e${restricted ? '-restricted' : ''}`);

/** The language server processes that were not among `old`, once there is at least one (30 s at most). */
async function waitForNewServer(old: number[]): Promise<number[]> {
  const deadline = Date.now() + 30_000;
  let fresh: number[] = [];
  while (fresh.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    fresh = session.server.languageServerPids().filter((p) => !old.includes(p));
  }
  return fresh;
}

before(async () => {
  project = createFixtureProject(repoRoot);
  session = await launchWorkbench(repoRoot, project.folder, { trust });
});

after(async () => {
  await session?.close();
  project?.remove();
});

test('the seeded unknown key shows up in the Problems panel with its code, and the status bar shows Distro TOML ready with the bundled schema', { timeout: 180_000 }, async (t) => {
  const { page } = session;
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
    if (restricted) assert.match(statusText, /Restricted/, 'the status bar says Restricted Mode');
    else assert.doesNotMatch(statusText, /Restricted/);
    const tooltip = await hoverText(page, status);
    await screenshot(page, 'status');
    assert.match(tooltip, /ready, \d+ files indexed/);
    assert.match(tooltip, /Schema: bundled — \S*azldev\.schema\.json/);
    // Monaco's hovers render spaces as no-break spaces.
    if (restricted) assert.match(tooltip.replace(/\u00a0/g, ' '), /Restricted Mode: .*nothing is fetched/s);
    t.diagnostic(`problem: ${ours[0]?.replace(/\s+/g, ' ')}; status bar: ${statusText.trim()}; tooltip: ${tooltip.replace(/\s+/g, ' ')}`);
  } catch (error) {
    await screenshot(page, 'failure');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});

test('the server logs that it uses the validators precompiled into the VSIX, and the trust it was started with', { timeout: 120_000 }, async () => {
  const { page } = session;
  try {
    // The server has started (and logged its first lines) once the status bar shows it ready.
    await statusBarItem(page, 'Distro TOML').locator('.codicon-check').waitFor({ timeout: 120_000 });
    await runCommand(page, 'Distro TOML: Show Output');
    // Without dist/bundled-validators.js in the VSIX the server says it compiles the schemas at start instead.
    const text = await outputMatching(page, /Schema validators: /, 60_000);
    assert.match(text, /Schema validators: precompiled at build time/);
    assert.match(text, restricted ? /workspace untrusted \(Restricted Mode\)/ : /workspace trusted/);
  } catch (error) {
    await screenshot(page, 'failure-validators');
    throw error;
  }
});

test('a language server that dies is restarted, and the restart is logged in the Distro TOML output', { timeout: 120_000 }, async () => {
  const { page } = session;
  try {
    const [pid, ...others] = session.server.languageServerPids();
    assert.ok(pid !== undefined && others.length === 0, `expected one language server process, found ${[pid, ...others].join(', ')}`);
    process.kill(pid, 'SIGKILL');
    const restarted = await waitForNewServer([pid]);
    assert.equal(restarted.length, 1, `expected one new language server process, found ${restarted.join(', ')}`);
    await statusBarItem(page, 'Distro TOML').locator('.codicon-check').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Distro TOML: Show Output');
    await outputMatching(page, /stopped unexpectedly; restarting it \(1 of 4/, 30_000);
    await screenshot(page, 'restarted');
  } catch (error) {
    await screenshot(page, 'failure-restart');
    throw error;
  }
});

function assertStartedAsTheClientStartsIt(pid: number): void {
  const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  for (const option of SERVER_EXEC_ARGV) assert.ok(args.includes(option), `language server ${pid} runs with ${option}: ${args.join(' ')}`);
}

test('"Distro TOML: Restart Language Server" replaces the server process, started with the client\'s Node options', { timeout: 120_000 }, async () => {
  const { page } = session;
  try {
    const before = session.server.languageServerPids();
    assert.equal(before.length, 1, `expected one language server process, found ${before.join(', ')}`);
    assertStartedAsTheClientStartsIt(before[0] as number);
    await runCommand(page, 'Distro TOML: Restart Language Server');
    const replaced = await waitForNewServer(before);
    assert.equal(replaced.length, 1, `expected one new language server process; before ${before.join(', ')}, now ${replaced.join(', ')}`);
    // The client forks each server with its Node options (V8's background threads sized to the machine), the one
    // before and the restarted one alike.
    assertStartedAsTheClientStartsIt(replaced[0] as number);
    await statusBarItem(page, 'Distro TOML').locator('.codicon-check').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Distro TOML: Show Output');
    await outputMatching(page, /Restarting the language server on request/, 30_000);
  } catch (error) {
    await screenshot(page, 'failure-restart-command');
    throw error;
  }
});

test('"Stop Language Server" ends the server process and the status bar says stopped; "Start Language Server" brings one back', { timeout: 120_000 }, async () => {
  const { page } = session;
  try {
    const running = session.server.languageServerPids();
    assert.equal(running.length, 1, `expected one language server process, found ${running.join(', ')}`);
    const status = statusBarItem(page, 'Distro TOML');
    // The palette lists Stop only while the client is running (distroToml.serverRunning), and it lists what was
    // true when it opened: after the restart before this test, wait for the client to be up and ready first.
    await status.locator('.codicon-check').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Distro TOML: Stop Language Server');
    const deadline = Date.now() + 30_000;
    while (session.server.languageServerPids().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.deepEqual(session.server.languageServerPids(), [], 'the server process is still running');
    await status.locator('.codicon-debug-stop').waitFor({ timeout: 30_000 });
    await page.mouse.move(700, 300);
    assert.match((await hoverText(page, status)).replace(/\u00a0/g, ' '), /stopped/);
    await runCommand(page, 'Distro TOML: Start Language Server');
    const started = await waitForNewServer(running);
    assert.equal(started.length, 1, `expected one new language server process, found ${started.join(', ')}`);
    await status.locator('.codicon-check').waitFor({ timeout: 60_000 });
  } catch (error) {
    await screenshot(page, 'failure-stop-start');
    throw error;
  }
});

test('deleting the seeded key in the editor clears its diagnostic (the restarted server is working)', { timeout: 120_000 }, async () => {
  const { page } = session;
  try {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: UNKNOWN_KEY_CODE }).filter({ hasText: `Ln ${project.line},` });
    await row.first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type(String(project.line));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+K');
    await row.first().waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, 'fixed');
  } catch (error) {
    await screenshot(page, 'failure-fix');
    throw error;
  }
});

const schemaTitle = restricted
  ? 'in Restricted Mode the status bar item opens workspace trust, and a schema chosen with Select Schema is ignored: the bundled schema stays'
  : 'clicking the status bar item selects a schema: the choice lands in the workspace settings and the server reports it';
test(schemaTitle, { timeout: 120_000 }, async () => {
  const { page } = session;
  try {
    const status = statusBarItem(page, 'Distro TOML');
    const before = await hoverText(page, status);
    await page.mouse.move(700, 300);
    await status.click();
    if (restricted) {
      await page.locator('.tabs-container .tab', { hasText: 'Workspace Trust' }).first().waitFor({ timeout: 30_000 });
      await runCommand(page, 'Distro TOML: Select Schema');
    }
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Workspace schema' }).click();

    const settingsFile = path.join(project.folder, '.vscode', 'settings.json');
    const deadline = Date.now() + 30_000;
    // The file may exist before the choice lands in it (the workbench writes other settings there too): wait for the key.
    const written = (): unknown => {
      try {
        return (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)['distroToml.schema'];
      } catch {
        return undefined;
      }
    };
    while (written() === undefined && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(written(), 'workspace', fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : 'no settings file');

    if (restricted) {
      // The server gets the change and keeps the bundled schema (workspaceTrust.ts): give it time to say otherwise.
      await page.waitForTimeout(10_000);
      await page.mouse.move(700, 300);
      const after = await hoverText(page, status);
      await screenshot(page, 'schema');
      assert.match(after, /Schema: bundled — \S*azldev\.schema\.json/);
      assert.match(await status.innerText(), /Distro TOML: bundled/);
      return;
    }
    // The server answers the settings change with a new status: the workspace schema, or why it has none.
    let after = before;
    while (after === before && Date.now() < deadline + 30_000) {
      await page.mouse.move(700, 300);
      after = await hoverText(page, status);
    }
    await screenshot(page, 'schema');
    assert.notEqual(after, before, 'the status tooltip did not change after the schema setting changed');
    assert.match(after, /workspace/i);
  } catch (error) {
    await screenshot(page, 'failure-schema');
    throw error;
  }
});

test('Render Preview opens the effective spec of the component under the cursor, and a code lens names its overlays', { timeout: 180_000 }, async (t) => {
  const { page } = session;
  try {
    await openFile(page, 'comps/hello-distro/hello-distro.comp.toml');
    // The code lenses on the component header: Preview · Diff · N overlays.
    const lens = page.locator('.codelens-decoration', { hasText: 'Preview' }).first();
    await lens.waitFor({ timeout: 60_000 });
    const lensText = (await page.locator('.codelens-decoration').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(lensText, /Preview/);
    // In a project the editor title carries the Render Preview button (presence.test.ts: not in a Cargo project).
    await page.locator(RENDER_PREVIEW_BUTTON).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Distro TOML: Render Preview');
    await page.locator('.tabs-container .tab', { hasText: 'hello-distro.spec' }).first().waitFor({ timeout: 60_000 });
    const preview = page.locator('.monaco-editor .view-lines').filter({ hasText: /modified\sby\sazldev/ }).first();
    await preview.waitFor({ timeout: 60_000 });
    const text = (await preview.innerText()).replace(/\u00a0/g, ' ');
    // The screenshot is the Marketplace README's: no toasts left over from the restart tests.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.mouse.move(700, 300);
    await screenshot(page, 'render-preview');
    assert.match(text, /# Distro TOML preview/);
    assert.match(text, /Name:\s+hello-distro/);
    t.diagnostic(`lenses: ${lensText.replace(/\s+/g, ' ')}`);
  } catch (error) {
    await screenshot(page, 'failure-render');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  }
});

const specsDirTitle = restricted
  ? 'in Restricted Mode Render Preview ignores distroToml.upstream.specsDir: the spec it names is never read'
  : 'Render Preview follows a change of distroToml.upstream.specsDir without a TOML edit';
test(specsDirTitle, { timeout: 180_000 }, async (t) => {
  const { page } = session;
  // An upstream component whose spec comes from the specs folder the settings name; two folders, two specs.
  const specs = (dir: string, summary: string) => {
    fs.mkdirSync(path.join(project.folder, dir, 'curl'), { recursive: true });
    fs.writeFileSync(path.join(project.folder, dir, 'curl', 'curl.spec'), `Name: curl\nVersion: 8.0\nRelease: 1%{?dist}\nSummary: ${summary}\nLicense: MIT\n\n%description\nd\n\n%prep\n\n%build\n./configure --with-libpsl\n\n%install\n\n%check\n\n%files\n\n%changelog\n`);
  };
  specs('specs-a', 'from folder A');
  specs('specs-b', 'from folder B');
  const settingsFile = path.join(project.folder, '.vscode', 'settings.json');
  const original = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
  const setSpecsDir = (dir: string) => {
    const current = fs.existsSync(settingsFile) ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ ...current, 'distroToml.upstream.specsDir': dir }, null, 2));
  };
  try {
    setSpecsDir('specs-a');
    await openFile(page, 'comps/curl/curl.comp.toml');
    await page.locator('.codelens-decoration', { hasText: 'Preview' }).first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'Distro TOML: Render Preview');
    if (restricted) {
      // No spec at hand without the specs folder, and nothing fetched: the preview says it could not render.
      await page.locator('.monaco-editor .view-lines').filter({ hasText: /curl'\scould\snot\sbe\srendered/ }).first().waitFor({ timeout: 60_000 });
      assert.equal(await page.locator('.monaco-editor .view-lines').filter({ hasText: /from\sfolder\sA/ }).count(), 0);
      await screenshot(page, 'render-preview-settings');
      return;
    }
    await page.locator('.monaco-editor .view-lines').filter({ hasText: /from\sfolder\sA/ }).first().waitFor({ timeout: 60_000 });
    setSpecsDir('specs-b');
    await page.locator('.monaco-editor .view-lines').filter({ hasText: /from\sfolder\sB/ }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'render-preview-settings');
  } catch (error) {
    await screenshot(page, 'failure-render-settings');
    t.diagnostic(`code-server log:\n${session.server.log().slice(-4000)}`);
    throw error;
  } finally {
    if (original === undefined) fs.rmSync(settingsFile, { force: true });
    else fs.writeFileSync(settingsFile, original);
  }
});

test('"Distro TOML: Get Started" opens the walkthrough with its four steps', { timeout: 120_000 }, async () => {
  const { page } = session;
  try {
    await runCommand(page, 'Distro TOML: Get Started');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get started with Distro TOML').first().waitFor({ timeout: 30_000 });
    for (const step of ['Open an azldev project', 'See the problems', 'Preview a render', 'Configure the package index']) {
      await walkthrough.getByText(step).first().waitFor({ timeout: 10_000 });
    }
    await screenshot(page, 'walkthrough');
  } catch (error) {
    await screenshot(page, 'failure-walkthrough');
    throw error;
  }
});
