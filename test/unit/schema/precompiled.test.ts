// The validators the build precompiles (dist/bundled-validators.js) must judge exactly like a fresh
// compile of the same schemas: same verdicts and same errors on the real tree and on seeded mistakes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadPrecompiledSchemas } from '../../../server/src/precompiled';
import { compileSchemas, schemaHash, type PrecompiledSchemas } from '../../../server/src/core/schema/validator';
import { parseToml, toJS } from '../../../server/src/core/toml';
import { CORPUS_ROOT, DIST, SCHEMAS_DIR, filesBelow } from '../../support/paths';

function load(): PrecompiledSchemas {
  const mod = require(path.join(DIST, 'bundled-validators.js')) as PrecompiledSchemas;
  assert.deepEqual([typeof mod.config, typeof mod.overlayFile], ['function', 'function'], 'npm run build writes dist/bundled-validators.js');
  return mod;
}

const SEEDED = [
  '[components.a]\nsepc = 1\n',
  '[components.a]\nspec = { type = "upstrem" }\n',
  '[[components.a.overlays]]\ntype = "spec-add-tag"\n',
  '[components.a.build]\ncheck = { skip = true }\n',
  '[distros.x.versions.1]\nrelease-ver = 4\n',
  '[components.a]\nspec = { type = "upstream", upstream-distro = { name = "f", snapshot = 2026-01-01T00:00:00Z } }\n',
];

describe('precompiled bundled validators', () => {
  it('were built from the schema files as they are now', () => {
    const pre = load();
    assert.equal(pre.hashes.config, schemaHash(fs.readFileSync(path.join(SCHEMAS_DIR, 'azldev.schema.json'), 'utf8')));
    assert.equal(pre.hashes.overlayFile, schemaHash(fs.readFileSync(path.join(SCHEMAS_DIR, 'azldev-overlay-file.schema.json'), 'utf8')));
  });

  it('give the same errors as a runtime compile', () => {
    const pre = load();
    const main = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'azldev.schema.json'), 'utf8')) as object;
    const ov = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'azldev-overlay-file.schema.json'), 'utf8')) as object;
    const fresh = compileSchemas(main, ov, main);
    const docs = [...SEEDED, ...filesBelow(CORPUS_ROOT, '.toml').map((f) => fs.readFileSync(f, 'utf8'))];
    for (const text of docs) {
      const value = toJS(parseToml(text).root);
      const strip = (errs: typeof fresh.config.errors) => (errs ?? []).map((e) => [e.instancePath, e.schemaPath, e.keyword, JSON.stringify(e.params)]);
      assert.equal(pre.config(value), fresh.config(value));
      assert.deepEqual(strip(pre.config.errors), strip(fresh.config.errors), text.slice(0, 80));
    }
  });

  it('are found beside the bundle that loads them', () => {
    assert.equal(loadPrecompiledSchemas(), undefined, 'a test bundle has no dist/bundled-validators.js beside it');
  });
});
