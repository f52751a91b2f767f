// The unscoped spec-search-replace habit, judged against the spec: which sections the regex changes lines
// in, the one section to scope it to only when that renders the same, and "fine as written" for a regex
// that only reaches the preamble (no section value can scope it). On the real tree, with upstream specs
// reconstructed from azldev's rendered specs, every "scope it" advice is applied through its quick fix and
// the component rendered again: the effective spec must not change.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { codeActions } from '../../../server/src/core/features/codeActions';
import { RenderService } from '../../../server/src/core/features/renderPreview';
import { SchemaStore } from '../../../server/src/core/features/schemaWalk';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { makeOverlay } from '../../../server/src/core/overlays';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { checkOverlaysAgainstSpecs, componentsWithOverlays, renderComponent } from '../../../server/src/core/render';
import { adviseScope } from '../../../server/src/core/render/scopeAdvice';
import { SpecEditor } from '../../../server/src/core/spec';
import { CORPUS_ROOT, SCHEMAS_DIR, tempDir } from '../../support/paths';
import { applyOffsetEdits } from '../../support/offsetEdits';
import { writeDerivedSpecsDir } from './derivedSpecsDir';

const SPEC = [
  '%global with_docs 1',
  'Name: demo',
  'Version: 1.0',
  'Release: 1%{?dist}',
  'Summary: demo',
  'License: MIT',
  '',
  '%description',
  'demo',
  '',
  '%prep',
  '%autosetup -p1',
  'sed -i s/foo/bar/ configure',
  '',
  '%build',
  '%configure --enable-foo',
  '%make_build',
  '',
  '%files',
  '/usr/bin/demo',
  '',
  '%changelog',
  '',
].join('\n');

const sr = (regex: string, replacement: string) => makeOverlay('spec-search-replace', { regex, replacement });

describe('adviseScope', () => {
  test('one section: scope it there, the render stays the same', () => {
    assert.deepEqual(adviseScope(sr('--enable-foo', '--disable-foo'), new SpecEditor(SPEC)), { reach: ['%build'], safeSection: '%build' });
  });
  test('only the preamble: no section can scope it', () => {
    assert.deepEqual(adviseScope(sr('^%global with_docs 1$', '%global with_docs 0'), new SpecEditor(SPEC)), { reach: [''] });
  });
  test('several sections: named, no single section offered', () => {
    assert.deepEqual(adviseScope(sr('foo', 'baz'), new SpecEditor(SPEC)), { reach: ['%prep', '%build'] });
  });
  test('scoped, with a package, or matching nothing: nothing to say', () => {
    assert.equal(adviseScope(makeOverlay('spec-search-replace', { section: '%build', regex: 'foo', replacement: 'x' }), new SpecEditor(SPEC)), undefined);
    assert.equal(adviseScope(sr('no such text', 'x'), new SpecEditor(SPEC)), undefined);
  });
  test('a replacement that leaves the line as it was changes nothing there', () => {
    assert.deepEqual(adviseScope(sr('make_build', 'make_build'), new SpecEditor(SPEC)), undefined);
  });
});

describe('on the real tree', () => {
  const scratch = tempDir('distro-toml-scope-advice-');
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('every "scope it" advice, applied through its quick fix, leaves the rendered spec as it was', async () => {
    const model = loadProject(new DocumentCache(diskFileSystem), path.join(CORPUS_ROOT, 'azldev.toml'));
    const specsDir = path.join(scratch, 'specs');
    writeDerivedSpecsDir(model, path.resolve(CORPUS_ROOT, '..', 'rendered-specs'), specsDir);
    const cacheDir = path.join(scratch, 'cache');
    fs.mkdirSync(cacheDir);
    const specs = new RenderService({ cacheDir, localCheckouts: [], allowFetch: false, specsDir }).offlineSpecs();
    const result = await checkOverlaysAgainstSpecs(model, { fs: diskFileSystem, specs, components: componentsWithOverlays(model) });
    const advice = result.diagnostics.filter((d) => d.code === 'guide-unscoped-search-replace');
    const kinds = { scopeIt: 0, preambleOnly: 0, several: 0 };
    for (const d of advice) {
      if (typeof d.data?.section === 'string') kinds.scopeIt++;
      else if (d.severity === 'hint') kinds.preambleOnly++;
      else kinds.several++;
    }
    process.stdout.write(`# unscoped spec-search-replace judged against the spec: ${advice.length} findings in ${result.judged.length} judged components (${JSON.stringify(kinds)})\n`);
    assert.ok(advice.length > 0, 'the tree has unscoped search-replace overlays in the components whose specs are at hand');

    const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
    const env = { service, schemas: new SchemaStore(SCHEMAS_DIR) };
    for (const d of advice.filter((a) => typeof a.data?.section === 'string')) {
      const text = fs.readFileSync(d.file, 'utf8');
      const fix = codeActions(env, d.file, text, [d]).find((a) => a.title.startsWith('Scope it with section'));
      assert.ok(fix, `a quick fix for ${d.message}`);
      const edits = fix.edits[d.file] ?? [];
      const fixed = applyOffsetEdits(text, edits);
      const component = String(d.data?.component);
      const withFix: FileSystem = { ...diskFileSystem, readFile: (f) => (f === d.file ? fixed : diskFileSystem.readFile(f)) };
      const before = await renderComponent(model, component, { fs: diskFileSystem, specs });
      const afterFix = await renderComponent(loadProject(new DocumentCache(withFix), path.join(CORPUS_ROOT, 'azldev.toml')), component, { fs: withFix, specs });
      assert.ok(before.spec !== undefined && before.ok, `${component} renders`);
      assert.equal(afterFix.spec, before.spec, `${component}: scoping changed the render (${d.message})`);
    }
  });
});
