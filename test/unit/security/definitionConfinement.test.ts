// Go to definition and document links on real files: a local spec `path` or an overlay `source` that names a file
// outside the project — by `../`, by an absolute path, or through a symbolic link inside the project that leads
// out — is no target (the editor would open, and so read, a file the project may not name), while the same kind
// of path inside the project is one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { findDefinition } from '../../../server/src/core/features/definition';
import { diskFileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { SCHEMAS_DIR, tempProject } from '../../support/paths';

describe('definition and links stay inside the project', () => {
  it('offers no target outside the project for a spec path or an overlay source, and one inside', () => {
    const outside = tempProject({ 'secret.spec': 'Name: secret\n', 'secret.patch': 'p\n' });
    // Both are folders of the temporary directory: `../../<outside>/secret.spec` from comps/ leaves the project.
    const rel = path.basename(outside);
    const comp = [
      '[components.a]',
      `spec = { type = "local", path = "../../${rel}/secret.spec" }`,
      '[[components.a.overlays]]',
      'description = "absolute"',
      'type = "patch-add"',
      `source = "${path.join(outside, 'secret.patch')}"`,
      '[[components.a.overlays]]',
      'description = "through a link"',
      'type = "patch-add"',
      'source = "leak.patch"',
      '[[components.a.overlays]]',
      'description = "inside"',
      'type = "patch-add"',
      'source = "ok.patch"',
      '',
    ].join('\n');
    const root = tempProject({ 'azldev.toml': 'includes = ["comps/*.comp.toml"]\n', 'comps/a.comp.toml': comp, 'comps/ok.patch': 'ok\n' });
    fs.symlinkSync(path.join(outside, 'secret.patch'), path.join(root, 'comps', 'leak.patch'));
    const file = path.join(root, 'comps', 'a.comp.toml');
    const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
    const at = (needle: string) => comp.indexOf(needle) + 2;
    // Each outside target exists (so only confinement can refuse it).
    assert.ok(fs.existsSync(path.join(root, 'comps', `../../${rel}/secret.spec`)));
    assert.ok(fs.existsSync(path.join(root, 'comps', 'leak.patch')));
    assert.equal(findDefinition(service, file, at(`../../${rel}`)), undefined, 'a ../ path out of the project');
    assert.equal(findDefinition(service, file, at(path.join(outside, 'secret.patch'))), undefined, 'an absolute path elsewhere');
    assert.equal(findDefinition(service, file, at('leak.patch')), undefined, 'a link inside that leads out');
    assert.deepEqual(findDefinition(service, file, at('ok.patch'))?.targets.map((t) => t.file), [path.join(root, 'comps', 'ok.patch')]);
    // Document links judge the same paths the same way.
    assert.deepEqual(documentLinks(service, file).filter((l) => l.kind === 'file').map((l) => l.target), [path.join(root, 'comps', 'ok.patch')]);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });
});
