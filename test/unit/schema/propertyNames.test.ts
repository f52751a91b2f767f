// A map key a schema's `propertyNames` rejects is reported once, at that key, in the schema's words — not
// at the top of the file, and not twice (ajv adds a summary error of its own).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSchemaErrors } from '../../../server/src/core/schema/errorMapping';
import { compileSchemas } from '../../../server/src/core/schema/validator';
import { parseToml, toJS } from '../../../server/src/core/toml';

const SCHEMA = {
  type: 'object',
  properties: {
    repos: { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, additionalProperties: { type: 'object' } },
    suites: { type: 'object', propertyNames: { not: { enum: ['.', '..'] } } },
  },
};

function diagnostics(text: string) {
  const { config } = compileSchemas(SCHEMA, {});
  const doc = parseToml(text);
  const value = toJS(doc.root);
  assert.equal(config(value), false);
  return mapSchemaErrors('/p/a.toml', doc, config.errors ?? [], value).map((d) => [d.code, text.slice(d.span.start, d.span.end), d.message]);
}

describe('propertyNames errors', () => {
  it('point at the rejected key, once', () => {
    assert.deepEqual(diagnostics('[repos.good]\n[repos."Bad-1"]\n'), [['schema-property-name', '"Bad-1"', `Key 'Bad-1' in 'repos' must match pattern "^[a-z]+$"`]]);
  });
  it('for any kind of name schema', () => {
    assert.deepEqual(diagnostics('[suites]\n".." = 1\nok = 2\n'), [['schema-property-name', '".."', `Key '..' in 'suites' must NOT be valid`]]);
  });
});
