// Validation entry by entry (splitValidation.ts) against the whole-file validator: for every corpus config file
// and chains of random edits of them (each document taken over by the next, so unchanged `[header]` tables and
// their kept errors are reused), the errors equal — same errors, same order — what the bundled schema's
// validator gives for toJS of the whole document, both with the build's precompiled validators and with
// validators compiled at run time (at the top level `data`, the file itself, is the file with its maps emptied:
// nothing reads it); and the maps found in the bundled schema are the expected ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020';
import { parseToml, reparseToml, toJS, type TomlDocument } from '../../../server/src/core/toml';
import { schemaMapPlan } from '../../../server/src/core/schema/schemaMaps';
import { validateDocument } from '../../../server/src/core/schema/splitValidation';
import { compileSchemas, precompiledValidators, type CompiledSchemas, type PrecompiledSchemas } from '../../../server/src/core/schema/validator';
import { mapSchemaErrors } from '../../../server/src/core/schema/errorMapping';
import { DIST, SCHEMAS_DIR } from '../../support/paths';
import { corpusRoot, prng, randomEdit, tomlFiles } from '../incremental/editCorpus';

const precompiled = require(path.join(DIST, 'bundled-validators.js')) as PrecompiledSchemas;
const readSchema = (name: string) => JSON.parse(readFileSync(path.join(SCHEMAS_DIR, name), 'utf8')) as object;

function wholeFile(validate: ValidateFunction, doc: TomlDocument): unknown[] {
  return validate(toJS(doc.root)) ? [] : [...(validate.errors ?? [])];
}

/** An error as compared: at the top level, `data` is the file (with its maps emptied, in the split run) and is left out. */
function comparable(errors: readonly unknown[]): unknown[] {
  return errors.map((e) => {
    const { data, ...rest } = e as { data?: unknown; instancePath: string };
    return rest.instancePath === '' ? rest : { ...rest, data };
  });
}

function check(schemas: CompiledSchemas, doc: TomlDocument, label: string): number {
  const got = validateDocument(schemas.config, schemas.configMaps, doc.root);
  const expected = wholeFile(schemas.config, doc);
  assert.deepStrictEqual(comparable(got), comparable(expected), label);
  assert.deepStrictEqual(mapSchemaErrors('f.toml', doc, got, undefined), mapSchemaErrors('f.toml', doc, expected as typeof got, undefined), `${label}: mapped`);
  // A one-shot check (the CLI's: nothing kept, long lists validated with their entry) gives the same errors.
  assert.deepStrictEqual(comparable(validateDocument(schemas.config, schemas.configMaps, doc.root, false)), comparable(expected), `${label}: one-shot`);
  return got.length;
}

test('the bundled schema\'s maps: the named-table properties without cross-entry keywords', () => {
  const plan = schemaMapPlan(readSchema('azldev.schema.json'));
  assert.ok(plan);
  assert.deepStrictEqual([...plan.maps.keys()], ['distros', 'component-groups', 'components', 'images', 'package-groups']);
  assert.ok(!plan.maps.has('test-suites'), 'test-suites has propertyNames: validated whole');
  assert.equal(schemaMapPlan({ ...readSchema('azldev.schema.json'), allOf: [] }), undefined, 'a keyword beside the top-level $ref: no maps');
  const pre = precompiledValidators(precompiled);
  assert.deepStrictEqual([...(pre.configMaps?.entry.keys() ?? [])], [...plan.maps.keys()], 'the build exports a validator per map');
  const runtime = compileSchemas(readSchema('azldev.schema.json'), readSchema('azldev-overlay-file.schema.json'));
  assert.deepStrictEqual([...(runtime.configMaps?.entry.keys() ?? [])], [...plan.maps.keys()]);
});

test('every corpus config file and random edit chains: entry-by-entry errors equal the whole-file validator\'s', () => {
  const variants: [string, CompiledSchemas][] = [
    ['precompiled', precompiledValidators(precompiled)],
    ['compiled at run time', compileSchemas(readSchema('azldev.schema.json'), readSchema('azldev-overlay-file.schema.json'))],
  ];
  const files = tomlFiles().filter((f) => !f.endsWith('.overlay.toml'));
  const rand = prng(20261216);
  let steps = 0;
  let withErrors = 0;
  for (const [name, schemas] of variants) {
    for (const [i, file] of files.entries()) {
      const original = readFileSync(file, 'utf8');
      let doc = parseToml(original);
      const label = `${name}, ${path.relative(corpusRoot, file)}`;
      check(schemas, doc, label);
      if (i % 4 !== 0 && original.length < 100_000) continue;
      let text = original;
      // A key renamed in a component (an unknown key) and back, then random edits.
      const key = /^\[components\.[^\]\n]+\]\n([a-z-]+)/m.exec(text);
      const edits: string[] = [];
      if (key) {
        const at = key.index + key[0].length;
        edits.push(text.slice(0, at) + 'x' + text.slice(at), text);
      }
      for (let j = 0; j < 4; j++) edits.push((text = randomEdit(edits[edits.length - 1] ?? text, rand).text));
      for (const [j, t] of edits.entries()) {
        doc = reparseToml(doc, t, { takeOver: true });
        if (check(schemas, doc, `${label}, step ${j}`)) withErrors++;
        steps++;
      }
    }
  }
  assert.ok(steps >= 200, `only ${steps} edits checked`);
  assert.ok(withErrors >= 20, `only ${withErrors} edited documents had schema errors`);
});

test('errors in maps and in the properties around them come in the whole-file validator\'s order', () => {
  const text = [
    'unknown-top = 1',
    '[project]',
    'description = 5',
    '[distros.d]',
    'bogus = 1',
    '[components.a]',
    'bogus = 1',
    '[components.7]',
    'spec = 3',
    '[components.b]',
    'spec = { type = "nope" }',
    '[tools]',
    'bogus = 1',
    '[package-groups.p]',
    'packages = 3',
    '[default-package-config]',
    'bogus = true',
    '',
  ].join('\n');
  const schemas = precompiledValidators(precompiled);
  const doc = parseToml(text);
  assert.ok(check(schemas, doc, 'first run') >= 7);
  // Again from the kept results, after an edit elsewhere.
  const edited = text.replace('bogus = true', 'bogus = false');
  assert.ok(check(schemas, reparseToml(doc, edited, { takeOver: true }), 'kept results') >= 7);
});

test('a long list validated apart from its entry and kept: sdk.packages.toml with errors around and inside its 17,000 packages', () => {
  const sdk = path.join(corpusRoot, 'base/packages/sdk.packages.toml');
  const original = readFileSync(sdk, 'utf8');
  const plan = schemaMapPlan(readSchema('azldev.schema.json'));
  assert.deepStrictEqual(plan?.entryProperties.get('package-groups'), ['description', 'packages', 'default-package-config'], 'package groups are validated property by property');
  const list = original.indexOf('packages = [\n') + 'packages = [\n'.length;
  const item = /^\s+"([^"\n]+)",[^\n]*\n/m.exec(original.slice(list));
  assert.ok(item, 'the list has items');
  // A repeated name, an empty one and a number in the list; an unknown key and a wrongly typed description above it.
  const broken = original.slice(0, list) + item[0] + '    "",\n    7,\n' + original.slice(list);
  const header = broken.indexOf('\ndescription = ');
  const withKeys = broken.slice(0, header) + '\nbogus = 1' + broken.slice(header);
  const key = withKeys.indexOf('\ndescription') + 'description'.length + 1;
  const typed = withKeys.slice(0, key) + ' = 5\nx' + withKeys.slice(key);
  const mid = withKeys.indexOf('\n', withKeys.length >> 1) + 1;
  const steps = [
    original,
    withKeys,
    // A key typed above the list (kept), back, an item renamed in the middle (checked again), a key again.
    withKeys.slice(0, key) + 'x' + withKeys.slice(key),
    withKeys,
    withKeys.slice(0, mid) + '    "zz-new",\n' + withKeys.slice(mid),
    typed,
    withKeys,
  ];
  for (const [name, schemas] of [['precompiled', precompiledValidators(precompiled)], ['compiled at run time', compileSchemas(readSchema('azldev.schema.json'), readSchema('azldev-overlay-file.schema.json'))]] as const) {
    let doc = parseToml(steps[0] as string);
    let errors = 0;
    for (const [i, t] of steps.entries()) {
      doc = reparseToml(doc, t, { takeOver: true });
      errors += check(schemas, doc, `${name}, step ${i}`);
    }
    assert.ok(errors >= 20, `${name}: the broken steps have errors (${errors})`);
  }
});
