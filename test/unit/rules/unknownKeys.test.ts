// A misspelt overlay key is always reported at the key, with its did-you-mean fix, whatever else a rule says
// about the same overlay (a missing field, or only the authoring guide's "no description"); applying the fix
// leaves the overlay clean. Checked through the language service (the editor path) and the CLI.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { codeActions } from '../../../server/src/core/features/codeActions';
import { SchemaStore } from '../../../server/src/core/features/schemaWalk';
import { memoryService } from '../../support/memoryService';
import { DIST, SCHEMAS_DIR, tempProject } from '../../support/paths';
import { applyOffsetEdits } from '../../support/offsetEdits';

const ROOT_FILE = 'includes = ["comps/*.comp.toml"]\n\n[distros.fedora]\ndefault-version = "43"\n[distros.fedora.versions.43]\nrelease-ver = "43"\n\n[project]\ndefault-distro = { name = "fedora" }\n';
const COMP = '/p/comps/a.comp.toml';
const OVERLAY_FILE = '/p/comps/a/fix.overlay.toml';

function project(compText: string, overlayText?: string): Record<string, string> {
  const files: Record<string, string> = { '/p/azldev.toml': ROOT_FILE, [COMP]: compText };
  if (overlayText !== undefined) files[OVERLAY_FILE] = overlayText;
  return files;
}


const shown = (text: string, ds: CoreDiagnostic[]) => ds.map((d) => `${d.severity} ${d.code} [${text.slice(d.span.start, d.span.end)}]`);

/**
 * Validates `file`, expects the unknown key `typo` at its own range with "Did you mean 'fixed'", applies the
 * preferred quick fix and validates again: returns what each run reported.
 */
function typoAndFix(files: Record<string, string>, file: string, typo: string, fixed: string, lint: boolean) {
  const text = files[file] as string;
  const service = memoryService(files, { lint });
  const before = service.validateFile(file, text);
  const at = text.indexOf(`\n${typo} =`) + 1;
  const unknown = before.find((d) => d.code === 'schema-unknown-key');
  assert.ok(unknown, `no schema-unknown-key among:\n${shown(text, before).join('\n')}`);
  assert.deepEqual(unknown.span, { start: at, end: at + typo.length });
  assert.equal(unknown.severity, 'error');
  assert.match(unknown.message, new RegExp(`Unknown key '${typo}' .*Did you mean '${fixed}'\\?`));
  const action = codeActions({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, file, text, [unknown]).find((a) => a.isPreferred);
  assert.equal(action?.title, `Change to '${fixed}'`);
  const next = { ...files, [file]: applyOffsetEdits(text, action?.edits[file] ?? []) };
  const after = memoryService(next, { lint }).validateFile(file);
  return { before: shown(text, before), after: shown(next[file] as string, after) };
}

describe('an unknown overlay key beside a rule finding on the same overlay', () => {
  const cases: { name: string; typo: string; fixed: string; overlay: string; missing: string }[] = [
    { name: 'regexp for regex (spec-search-replace)', typo: 'regexp', fixed: 'regex', overlay: 'type = "spec-search-replace"\nregexp = "a"\nreplacement = "b"\n', missing: 'regex' },
    { name: 'valu for value (spec-add-tag)', typo: 'valu', fixed: 'value', overlay: 'type = "spec-add-tag"\ntag = "Provides"\nvalu = "x"\n', missing: 'value' },
    { name: 'line for lines (spec-append-lines)', typo: 'line', fixed: 'lines', overlay: 'type = "spec-append-lines"\nsection = "%build"\nline = ["x"]\n', missing: 'lines' },
  ];
  for (const c of cases) {
    it(`${c.name}: both reported, the fix clears both (inline overlay)`, () => {
      const header = '[[components.a.overlays]]';
      const text = `[components.a]\n\n${header}\ndescription = "why"\n${c.overlay}`;
      const { before, after } = typoAndFix(project(text), COMP, c.typo, c.fixed, false);
      assert.deepEqual(before, [`error overlay-missing-field [${header}]`, `error schema-unknown-key [${c.typo}]`]);
      assert.deepEqual(after, []);
    });
    it(`${c.name}: both reported, the fix clears both (overlay file)`, () => {
      const overlays = `[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n[[overlays]]\ndescription = "why"\n${c.overlay}`;
      const comp = '[components.a]\noverlay-files = ["a/*.overlay.toml"]\n';
      const { before, after } = typoAndFix(project(comp, overlays), OVERLAY_FILE, c.typo, c.fixed, false);
      assert.deepEqual(before, ['error overlay-missing-field [[[overlays]]]', `error schema-unknown-key [${c.typo}]`]);
      assert.deepEqual(after, []);
    });
  }

  it('replaceent beside only the information "no description": reported, and fixed', () => {
    const text = '[components.a]\n\n[[components.a.overlays]]\ntype = "spec-search-replace"\nsection = "%build"\nregex = "a"\nreplaceent = "b"\n';
    const { before, after } = typoAndFix(project(text), COMP, 'replaceent', 'replacement', true);
    assert.deepEqual(before, ['information guide-overlay-description [[[components.a.overlays]]]', 'error schema-unknown-key [replaceent]']);
    assert.deepEqual(after, ['information guide-overlay-description [[[components.a.overlays]]]']);
  });

  it('a missing required key beside the information "no description" is still reported', () => {
    const text = '[components.a]\n\n[[components.a.overlays]]\nregex = "a"\n';
    const service = memoryService(project(text), { lint: true });
    assert.deepEqual(shown(text, service.validateFile(COMP, text)), [
      'error schema-missing-key [[[components.a.overlays]]]',
      'information guide-overlay-description [[[components.a.overlays]]]',
    ]);
  });

  it('a rule finding on the same key still stands alone (no schema duplicate)', () => {
    const text = '[components.a]\n\n[[components.a.overlays]]\ndescription = "why"\ntype = "spec-add-tag"\ntag = "Provides"\n';
    const service = memoryService(project(text), { lint: false });
    assert.deepEqual(shown(text, service.validateFile(COMP, text)), ['error overlay-missing-field [[[components.a.overlays]]]']);
  });
});

describe('distro-toml check reports the unknown key too', () => {
  it('in a comp file and an overlay file, at the key, beside the missing field', () => {
    const dir = tempProject({
      'azldev.toml': ROOT_FILE,
      'comps/a.comp.toml': '[components.a]\noverlay-files = ["a/*.overlay.toml"]\n\n[[components.a.overlays]]\ntype = "spec-search-replace"\nregex = "a"\nreplaceent = "b"\n',
      'comps/a/fix.overlay.toml': '[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n[[overlays]]\ndescription = "why"\ntype = "spec-search-replace"\nregexp = "a"\n',
    });
    const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'check', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const lines = r.stdout.split('\n').filter((l) => / (error|warning) /.test(l));
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['comps/a.comp.toml:7:1 error schema-unknown-key', 'comps/a/fix.overlay.toml:5:1 error overlay-missing-field', 'comps/a/fix.overlay.toml:8:1 error schema-unknown-key'],
    );
    assert.match(r.stdout, /comps\/a\.comp\.toml:7:1 error schema-unknown-key Unknown key 'replaceent' in 'components\.a\.overlays\[0\]'\. Did you mean 'replacement'\?/);
    assert.match(r.stdout, /fix\.overlay\.toml:8:1 error schema-unknown-key Unknown key 'regexp' in 'overlays\[0\]'\. Did you mean 'regex'\?/);
  });
});
