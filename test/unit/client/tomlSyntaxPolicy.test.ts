// Who reports plain TOML errors beside Even Better TOML: on real diagnostics of the language service, the
// filter drops exactly the kinds taplo reports in any TOML file (syntax, duplicate keys, redefined tables,
// invalid extensions) and keeps every schema, rule and project finding; the setting decides when.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leavesPlainTomlErrors, PLAIN_TOML_CODES, tomlSyntaxMode, withoutPlainTomlErrors } from '../../../client/src/tomlSyntaxPolicy';
import { memoryService } from '../../support/memoryService';

const FILE = '/p/comps/demo.comp.toml';
/** What taplo-lsp reports in any TOML file (syntax errors; conflicting keys, expected table / array of tables), in our codes. */
const TAPLO_REPORTS = ['toml-syntax', 'toml-duplicate-key', 'toml-redefined-table', 'toml-invalid-extension'];
const TEXT = [
  '[components.demo]',
  'not-an-azldev-key = true', // schema: unknown key
  '[components.demo.spec]',
  'type = "upstream"',
  'type = "local"', // duplicate key
  '[components.demo]', // redefined table
  '[components.demo.spec.type.x]', // invalid extension: type is a string
  'broken = ', // syntax error
  '',
].join('\n');

function diagnostics() {
  const service = memoryService({ '/p/azldev.toml': 'includes = ["comps/*.comp.toml"]\n', [FILE]: TEXT });
  return service.fileDiagnostics(FILE);
}

describe('plain TOML errors beside Even Better TOML', () => {
  it('the seeded file yields each plain TOML kind and a schema finding', () => {
    const codes = new Set<string>(diagnostics().map((d) => d.code));
    for (const code of TAPLO_REPORTS) assert.ok(codes.has(code), `no ${code} among ${[...codes].join(', ')}`);
    assert.ok(codes.has('schema-unknown-key'), [...codes].join(', '));
  });

  it('the filter drops exactly the plain TOML kinds, whatever the shape of the code', () => {
    const all = diagnostics();
    const kept = withoutPlainTomlErrors(all);
    assert.ok(kept.length > 0 && kept.length < all.length);
    assert.deepEqual(kept.filter((d) => TAPLO_REPORTS.includes(d.code)).map((d) => d.code), []);
    assert.deepEqual(kept, all.filter((d) => !PLAIN_TOML_CODES.has(d.code)));
    // VS Code hands the middleware codes as strings, numbers or { value, target }.
    const shaped = [{ code: { value: 'toml-syntax', target: 'x' } }, { code: 'toml-duplicate-key' }, { code: 42 }, { code: 'schema-unknown-key' }, {}];
    assert.deepEqual(withoutPlainTomlErrors(shaped), [{ code: 42 }, { code: 'schema-unknown-key' }, {}]);
  });

  it('auto leaves them to Even Better TOML only while it is active; always and never do as they say', () => {
    assert.equal(leavesPlainTomlErrors(tomlSyntaxMode(undefined), true), true);
    assert.equal(leavesPlainTomlErrors(tomlSyntaxMode('auto'), false), false);
    assert.equal(leavesPlainTomlErrors(tomlSyntaxMode('always'), true), false);
    assert.equal(leavesPlainTomlErrors(tomlSyntaxMode('never'), false), true);
    assert.equal(tomlSyntaxMode('bogus'), 'auto');
  });
});
