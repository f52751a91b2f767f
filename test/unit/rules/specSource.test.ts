// spec rules (azldev specsource.go validator tags and configfile.go): fields that belong to one spec type,
// a path for local specs, no per-component snapshot.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne } from './ruleHarness';

describe('spec source rules', () => {
  it('rejects path on an upstream spec', () => {
    const d = expectOne('[components.curl]\nspec = { type = "upstream", path = "curl.spec" }\n', 'spec-field-requires-type', '"curl.spec"');
    assert.deepEqual(d.data, { field: 'path', requiredType: 'local' });
  });

  it('rejects upstream-name and upstream-commit on a local spec', () => {
    const files = { '/proj/comps/curl/curl.spec': '' };
    expectOne('[components.curl]\nspec = { type = "local", path = "curl.spec", upstream-name = "curl2" }\n', 'spec-field-requires-type', '"curl2"', { files });
    expectOne('[components.curl]\nspec = { type = "local", path = "curl.spec", upstream-commit = "abcdef0" }\n', 'spec-field-requires-type', '"abcdef0"', { files });
  });

  it('requires a path on a local spec', () => {
    expectOne('[components.curl]\nspec = { type = "local" }\n', 'spec-path-required', '{ type = "local" }');
  });

  it('rejects a per-component snapshot but not a group default one', () => {
    const text = '[components.curl.spec]\ntype = "upstream"\nupstream-distro = { name = "fedora", version = "43", snapshot = "2025-01-01T00:00:00Z" }\n';
    expectOne(text, 'spec-snapshot-per-component', '"2025-01-01T00:00:00Z"');
    expectNone('[component-groups.g.default-component-config.spec]\ntype = "upstream"\nupstream-distro = { name = "fedora", snapshot = "2025-01-01T00:00:00Z" }\n');
  });

  it('accepts the valid forms', () => {
    expectNone('[components.curl]\nspec = { type = "upstream", upstream-name = "curl-minimal", upstream-commit = "abcdef0" }\n');
    expectNone('[components.curl]\nspec = { type = "local", path = "curl.spec" }\n', { files: { '/proj/comps/curl/curl.spec': '' } });
  });
});
