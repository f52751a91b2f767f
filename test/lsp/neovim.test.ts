// Neovim as a second real client: `nvim --headless` loads the README's Neovim configuration as its init.lua
// (vim.lsp.start_client on `distro-toml lsp`, as Neovim 0.7 has it) and runs test/lsp/neovim/client.lua on a
// copy of the real tree with a seeded error, which writes what it saw: the diagnostic, completion, hover,
// definition, the code lens the server runs, and the buffer after the quick fix. A second run puts a package
// index in the configuration's settings (a repository holding the tree's names, synced beforehand, offline):
// Neovim 0.7 never offers `workspace/configuration`, so only settings the configuration hands over at start
// reach the server, and the seeded typo in a package group is reported only when they did. Neovim is Debian's
// `neovim`, which .ci/run installs: a missing nvim fails the test rather than skipping it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { diskFileSystem } from '../../server/src/core/fs';
import { createLanguageService } from '../../server/src/core/languageService';
import { syncRepository } from '../../server/src/core/packages/fetchRepo';
import { CORPUS_ROOT, DIST, REPO_ROOT, SCHEMAS_DIR, tempDir } from '../support/paths';
import { treeNames, writeTreeRepo } from '../support/treeRepo';

const COMPONENT = path.join('base', 'comps', 'azurelinux-repos', 'azurelinux-repos.comp.toml');
const SDK_PACKAGES = path.join('base', 'packages', 'sdk.packages.toml');
const SCRIPT = path.join(REPO_ROOT, 'test', 'lsp', 'neovim', 'client.lua');

/** The README's Neovim configuration (the lua block after `<!-- neovim-config -->`), with `settings` (Lua) in place of its empty ones. */
function readmeNeovimConfig(settings: string): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- neovim-config -->\n```lua\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'README.md has a lua block after <!-- neovim-config -->');
  const empty = '{ distroToml = {} }';
  assert.equal(block.split(empty).length, 2, `the README's configuration passes ${empty} once`);
  return block.replace(empty, settings);
}

/** The tests never reach the network: the example's empty settings become offline ones. */
const OFFLINE = '{ distroToml = { packageIndex = { offline = true }, upstream = { fetch = false } } }';

/** Runs Neovim with the README's configuration (its settings replaced by `settings`) and client.lua on `file`. */
function runNeovim(work: string, file: string, settings: string, env: Record<string, string>): NeovimReport {
  const out = path.join(work, 'report.json');
  const init = path.join(work, 'init.lua');
  fs.writeFileSync(init, readmeNeovimConfig(settings));
  // `distro-toml` on PATH, as `npm install -g` puts it there: this build's CLI.
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'distro-toml'), `#!/bin/sh\nexec '${process.execPath}' '${path.join(DIST, 'cli.js')}' "$@"\n`, { mode: 0o755 });
  // Neovim's state, its LSP log and the server's caches stay in the temporary folder.
  const xdg = { XDG_CONFIG_HOME: path.join(work, 'config'), XDG_CACHE_HOME: path.join(work, 'cache'), XDG_STATE_HOME: path.join(work, 'state'), XDG_DATA_HOME: path.join(work, 'data') };
  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, '-c', `luafile ${SCRIPT}`], {
    encoding: 'utf8',
    timeout: 150_000,
    // A Neovim that ignores SIGTERM when the time is up must not keep the suite waiting.
    killSignal: 'SIGKILL',
    env: { ...process.env, ...xdg, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`, DT_FILE: file, DT_OUT: out, ...env },
  });
  assert.ok(fs.existsSync(out), `nvim wrote no report (status ${run.status}, signal ${run.signal}): ${run.stdout}${run.stderr}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimReport;
  assert.equal(report.error, undefined);
  assert.equal(report.ok, true);
  assert.equal(run.status, 0, run.stderr);
  return report;
}

/** A copy of the real tree in `work/tree` with `from` replaced by `to` in `rel`; returns the file and its texts. */
function seededCopy(work: string, rel: string, from: string, to: string): { root: string; file: string; original: string; seeded: string } {
  const root = path.join(work, 'tree');
  fs.cpSync(CORPUS_ROOT, root, { recursive: true });
  const file = path.join(root, rel);
  const original = fs.readFileSync(file, 'utf8');
  const seeded = original.replace(from, to);
  assert.notEqual(seeded, original);
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, seeded);
  return { root, file, original, seeded };
}

interface NeovimReport {
  ok: boolean;
  error?: string;
  filetype: string;
  serverInfo: { commands: string[] };
  diagnostics: { code: string; lnum: number; col: number; message: string }[];
  completion: { label: string; insertTextFormat?: number }[];
  hover: string;
  definition?: { uri: string; range: { start: { line: number } } }[];
  lenses: { title: string; command: string }[];
  lensResult?: { component: string; ok: boolean; summary: string };
  messages: string[];
  codeActions: string[];
  textBefore: string;
  textAfter: string;
  fixedDiagnosticCleared: boolean;
  diagnosticsAfter: { code: string }[];
}

describe('Neovim as an LSP client of distro-toml lsp', () => {
  it('shows the seeded error, completes, hovers, goes to the definition, runs the lens and applies the quick fix', { timeout: 180_000 }, () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, "nvim is not installed (Debian's neovim; .ci/run installs it)");
    const work = tempDir('distro-toml-nvim-');
    // The seeded error: a misspelt table name, which the server reports and offers to correct.
    const { root, file, original, seeded } = seededCopy(work, COMPONENT, '[components.azurelinux-repos.build]', '[components.azurelinux-repos.biuld]');
    const report = runNeovim(work, file, OFFLINE, {
      DT_CODE: 'schema-unknown-key',
      DT_COMPLETION: '2:0', // the blank line inside [components.azurelinux-repos]
      DT_HOVER: '0:14', // the component's name in its header
      DT_DEFINITION: '1:42', // the local spec's path
    });
    assert.equal(report.filetype, 'toml');
    assert.ok(report.serverInfo.commands.includes('distroToml.checkComponent'));

    assert.deepEqual(report.diagnostics.map((d) => [d.code, d.lnum, d.col]), [['schema-unknown-key', 3, 29]]);
    assert.match(report.diagnostics[0]?.message ?? '', /^Unknown key 'biuld' in 'components\.azurelinux-repos'\. Did you mean 'build'\?/);

    const labels = report.completion.map((c) => c.label);
    assert.ok(labels.includes('build') && labels.includes('overlay-files') && labels.includes('overlay: spec-add-tag'), labels.join(', '));
    assert.ok(!labels.includes('spec'), 'a key the component already has is not offered');
    // Neovim 0.7 says it takes no snippets: every item is plain text.
    assert.deepEqual([...new Set(report.completion.map((c) => c.insertTextFormat ?? 1))], [1]);

    assert.match(report.hover, /^\*\*Component `azurelinux-repos`\*\* — defined in \[base\/comps\/azurelinux-repos\/azurelinux-repos\.comp\.toml:1\]/);
    assert.match(report.hover, /local spec/);
    assert.doesNotMatch(report.hover, /command:/, 'no link to a command only VS Code has');

    assert.deepEqual((report.definition ?? []).map((d) => [d.uri, d.range.start.line]), [['file://' + path.join(root, 'base', 'comps', 'azurelinux-repos', 'azurelinux-repos.spec'), 0]]);

    assert.deepEqual(report.lenses, [{ title: '0 overlays · check', command: 'distroToml.checkComponent' }]);
    assert.deepEqual([report.lensResult?.component, report.lensResult?.ok], ['azurelinux-repos', true]);
    assert.deepEqual(report.messages, [`Distro TOML: ${report.lensResult?.summary}`]);

    assert.deepEqual(report.codeActions, ["Change to 'build'"]);
    assert.equal(report.textBefore, seeded.replace(/\n$/, ''));
    assert.equal(report.textAfter, original.replace(/\n$/, ''), 'the quick fix restores the tree\'s text');
    assert.equal(report.fixedDiagnosticCleared, true);
    assert.deepEqual(report.diagnosticsAfter, []);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('takes the package index settings the configuration passes: a misspelt package-group entry is reported, hovered and fixed', { timeout: 240_000 }, async () => {
    const work = tempDir('distro-toml-nvim-');
    // A repository holding every name the real tree uses, synced into a cache of the test's own.
    const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
    const repo = path.join(work, 'repo');
    const cache = path.join(work, 'package-cache');
    writeTreeRepo(repo, treeNames(service.projects.model(CORPUS_ROOT)));
    await syncRepository(repo, { cacheDir: cache });
    const { file, original, seeded } = seededCopy(work, SDK_PACKAGES, '"aalib-devel", # srpm: aalib', '"aalib-devle", # srpm: aalib');
    const settings = `{ distroToml = { packageIndex = { repositories = { '${repo}' }, replaceRepositories = true, offline = true, cacheDir = '${cache}' }, upstream = { fetch = false } } }`;
    const report = runNeovim(work, file, settings, {
      DT_CODE: 'package-binary-unknown',
      DT_COMPLETION: '26:10', // after "aalib in the misspelt entry
      DT_HOVER: '25:6', // the entry "aalib" above it
    });
    assert.deepEqual(report.diagnostics.map((d) => [d.code, d.lnum, d.col]).sort(), [['package-binaries-ungrouped', 25, 5], ['package-binary-unknown', 26, 5]]);
    assert.match(report.diagnostics.find((d) => d.code === 'package-binary-unknown')?.message ?? '', /`aalib-devle`.*Did you mean `aalib-devel`\?/);
    assert.ok(report.completion.some((c) => c.label === 'aalib-devel'), report.completion.map((c) => c.label).join(', '));
    assert.match(report.hover, /^\*\*aalib\*\* 1\.0-1\.fc43\.x86_64/);
    assert.match(report.hover, /Source package: `aalib`/);
    assert.equal(report.codeActions[0], "Change to 'aalib-devel'");
    assert.equal(report.textBefore, seeded.replace(/\n$/, ''));
    assert.equal(report.textAfter, original.replace(/\n$/, ''), "the quick fix restores the tree's text");
    assert.equal(report.fixedDiagnosticCleared, true);
    assert.deepEqual(report.diagnosticsAfter, []);
    fs.rmSync(work, { recursive: true, force: true });
  });
});
