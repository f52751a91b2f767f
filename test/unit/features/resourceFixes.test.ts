// Quick fixes for names a project does not define — a repo-set template, a sub-repo, an input's repo or
// set, an image's test suite: the closest defined name, applied, and the real validation run again on the result.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeActions } from '../../../server/src/core/features/codeActions';
import { SchemaStore } from '../../../server/src/core/features/schemaWalk';
import { memoryService } from '../../support/memoryService';
import { SCHEMAS_DIR } from '../../support/paths';

const FILE = '/p/azldev.toml';

/** The text after the preferred fix of the diagnostic with `code`; that code must be gone from the result. */
function fixed(text: string, code: string): string {
  const diag = memoryService({ [FILE]: text }).validateFile(FILE, text).find((d) => d.code === code);
  assert.ok(diag, `no ${code}`);
  const service = memoryService({ [FILE]: text });
  const action = codeActions({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, FILE, text, [diag]).find((a) => a.isPreferred);
  assert.ok(action, `no preferred fix for ${code}`);
  let out = text;
  for (const e of [...(action.edits[FILE] ?? [])].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  assert.ok(!memoryService({ [FILE]: out }).validateFile(FILE, out).some((d) => d.code === code), `${code} still reported:\n${out}`);
  return out;
}

const RESOURCES =
  '[resources.rpm-repos.azl-base]\nbase-uri = "https://x/"\ndisable-gpg-check = true\n' +
  '[resources.rpm-repo-set-templates.standard]\nsubrepos = [{ name = "base", subpath = "base" }, { name = "sdk", subpath = "sdk" }]\n' +
  '[resources.rpm-repo-sets.azl4]\ntemplate = "standard"\nbase-uri = "https://x/"\nname-prefix = "azl4-"\ndisable-gpg-check = true\n';
const inputs = (list: string) => `[distros.d.versions.'1']\nrelease-ver = "1"\ninputs = { rpm-build = [${list}] }\n`;

describe('quick fixes for undefined resource and test-suite names', () => {
  it('a set\'s template', () => {
    const text = RESOURCES.replace('template = "standard"', 'template = "standrd"');
    assert.equal(fixed(text, 'resource-set-undefined-template'), RESOURCES);
  });
  it('a set\'s allowlisted sub-repo', () => {
    const text = RESOURCES + 'subrepos = ["sdj"]\n';
    assert.equal(fixed(text, 'resource-set-unknown-subrepo'), RESOURCES + 'subrepos = ["sdk"]\n');
  });
  it('an input\'s repo and set', () => {
    assert.equal(fixed(RESOURCES + inputs('{ repo = "azl4-sdx" }'), 'distro-input-undefined-repo'), RESOURCES + inputs('{ repo = "azl4-sdk" }'));
    assert.equal(fixed(RESOURCES + inputs('{ set = "azl5" }'), 'distro-input-undefined-set'), RESOURCES + inputs('{ set = "azl4" }'));
  });
  it('an image\'s test suite', () => {
    const suites = '[test-suites.smoke]\ntype = "lisa"\n';
    const text = suites + '[images.i]\ntests = { test-suites = [{ name = "smok" }] }\n';
    assert.equal(fixed(text, 'project-undefined-test-suite'), text.replace('"smok"', '"smoke"'));
  });
});
