// The rule half of the confinement: a local spec `path` or an overlay `source` (inline or in an overlay
// file) that leaves the project is an error at that value, worded with why; a file in no project names
// nothing that is read, so it gets none.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { runRules } from '../../../server/src/core/rules';
import { parseToml } from '../../../server/src/core/toml';

const COMP = '/proj/comps/curl/curl.comp.toml';
const OVERLAY = '/proj/comps/curl/overlays/0001.overlay.toml';

function outside(file: string, text: string, kind: 'config' | 'overlay-file', projectRoot: string | undefined) {
  const fs = memoryFileSystem({ [file]: text, '/etc/passwd': 'root:x:0:0\n', '/proj/comps/curl/ok.patch': 'p\n' });
  return runRules({ file, doc: parseToml(text), kind, fs, projectRoot })
    .filter((d) => d.code === 'path-outside-project')
    .map((d) => [text.slice(d.span.start, d.span.end), d.message]);
}

describe('path-outside-project in the rules', () => {
  it('marks a spec path and inline overlay sources that leave the project, and nothing inside it', () => {
    const text = [
      '[components.curl]',
      'spec = { type = "local", path = "../../../etc/passwd" }',
      '[[components.curl.overlays]]',
      'description = "d"',
      'type = "patch-add"',
      'source = "/etc/passwd"',
      '[[components.curl.overlays]]',
      'description = "d"',
      'type = "patch-add"',
      'source = "ok.patch"',
      '',
    ].join('\n');
    assert.deepEqual(outside(COMP, text, 'config', '/proj'), [
      ['"../../../etc/passwd"', 'local spec `../../../etc/passwd` is not read: it lies outside the project. Distro TOML reads files from inside the project only; move the file into the project and name it by a relative path.'],
      ['"/etc/passwd"', 'overlay source file `/etc/passwd` is not read: it lies outside the project. Distro TOML reads files from inside the project only; move the file into the project and name it by a relative path.'],
    ]);
  });

  it('marks a source in an overlay file, resolved against the overlay file', () => {
    const text = '[[overlays]]\ndescription = "d"\ntype = "patch-add"\nsource = "../../../../etc/passwd"\n';
    assert.deepEqual(outside(OVERLAY, text, 'overlay-file', '/proj').map(([s]) => s), ['"../../../../etc/passwd"']);
    // One level less stays inside /proj: it is not found, but it is not outside.
    assert.deepEqual(outside(OVERLAY, text.replace('../../../../', '../../../'), 'overlay-file', '/proj'), []);
  });

  it('says nothing about a file in no project', () => {
    const text = '[components.curl]\nspec = { type = "local", path = "/etc/passwd" }\n';
    assert.deepEqual(outside(COMP, text, 'config', undefined), []);
  });
});
