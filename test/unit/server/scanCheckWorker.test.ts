// The start-up scan's worker side (scanCheckWorker.ts), in process: on a copy of the real tree seeded with errors of
// every kind, each file it is given gets exactly the findings the server's own service gives it — config files,
// overlay documents (whose kind the main thread's service knows from the project), files with syntax errors, rule
// and schema findings — and a path that exists only as an open editor document is seen as existing, as the main
// thread's file system sees it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { scanFileChecker, type ScanCheckFile, type ScanCheckSettings } from '../../../server/src/scanCheckWorker';
import { SCHEMAS_DIR } from '../../support/paths';
import { seededTree, seedOverlayDocuments } from '../../support/seededTree';

/** The server's file system: the disk, with open documents read from their buffers. */
function withOpen(open: ReadonlyMap<string, string>): FileSystem {
  return { ...diskFileSystem, readFile: (p) => open.get(p) ?? diskFileSystem.readFile(p), exists: (p) => open.has(p) || diskFileSystem.exists(p) };
}

function settingsFor(dir: string, open: ReadonlyMap<string, string>): ScanCheckSettings {
  return { schema: 'bundled', lint: true, folders: [], cwd: dir, bundledSchemaDir: SCHEMAS_DIR, open: [...open] };
}

/** Each file's answer from a checker made for the settings, in order. */
function answersOf(settings: ScanCheckSettings, files: readonly ScanCheckFile[]): Map<string, CoreDiagnostic[]> {
  const check = scanFileChecker(settings);
  const out = new Map<string, CoreDiagnostic[]>();
  for (const file of files) {
    const m = check(file);
    assert.equal(m.type, 'file', m.type === 'failed' ? m.message : '');
    if (m.type === 'file') out.set(m.file, m.diagnostics);
  }
  return out;
}

describe('the scan check worker', () => {
  const dir = seededTree();
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const spec = path.join(dir, 'base/comps/azurelinux-repos/azurelinux-repos.spec');
  const specText = fs.readFileSync(spec, 'utf8');
  // The spec a component names exists only as an open (unsaved) document; components.toml is open with an edit.
  fs.rmSync(spec);
  seedOverlayDocuments(dir);
  const components = path.join(dir, 'base/comps/components.toml');
  const open = new Map([
    [spec, specText],
    [components, `${fs.readFileSync(components, 'utf8')}\n[components.zzz-open-only]\nbogus = 1\n`],
  ]);

  it('gives every file not open the findings the main thread\'s service gives it', () => {
    const main = createLanguageService({ fs: withOpen(open), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
    const model = main.projects.model(dir);
    const files = [...model.files.map((f) => f.path), ...main.projects.overlayFiles(dir)].filter((f) => !open.has(f));
    assert.ok(files.length >= 210, `${files.length} files`);
    const kinds = files.map((f) => ({ path: f, kind: main.kindOf(f) }));
    assert.deepEqual(kinds.filter((k) => k.kind === 'overlay-file').map((k) => path.basename(k.path)), ['fixes.overlay.toml', 'more-fixes.toml']);
    const answers = answersOf(settingsFor(dir, open), kinds);
    assert.deepEqual([...answers.keys()], files, 'one answer a file, in order');
    let findings = 0;
    for (const f of files) {
      assert.deepEqual(answers.get(f), main.fileDiagnostics(f), path.relative(dir, f));
      findings += answers.get(f)?.length ?? 0;
    }
    // The seeds: syntax, schema and rule errors in sdk.packages.toml, base.packages.toml and kernel.comp.toml.
    const codes = (rel: string) => (answers.get(path.join(dir, rel)) ?? []).filter((d) => d.severity === 'error').map((d) => d.code);
    assert.ok(codes('base/packages/sdk.packages.toml').length > 0 && codes('base/comps/kernel/kernel.comp.toml').length > 0, 'the seeded errors are found');
    // Checked as overlay documents (as config files, every [[overlays]] would be an unknown key).
    assert.ok(codes('base/comps/bash/more-fixes.toml').length > 0 && !codes('base/comps/bash/more-fixes.toml').includes('schema-unknown-key'), `${codes('base/comps/bash/more-fixes.toml')}`);
    assert.ok(findings > 0);
  });

  it('sees a path that exists only as an open document, as the main thread does', () => {
    const comp = path.join(dir, 'base/comps/azurelinux-repos/azurelinux-repos.comp.toml');
    const codes = (m: Map<string, string>) => answersOf(settingsFor(dir, m), [{ path: comp, kind: 'config' }]).get(comp)?.map((d) => d.code);
    assert.deepEqual(codes(open), []);
    // Without the open document, the spec is missing on disk.
    assert.deepEqual(codes(new Map()), ['path-not-found']);
  });
});
