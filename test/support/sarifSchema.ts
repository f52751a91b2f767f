// Validates a SARIF log against the SARIF 2.1.0 JSON schema (OASIS, errata 01, vendored in
// test/fixtures/sarif/). The schema is draft-04; ajv reads it as draft-07 once its draft-04 `id` is dropped,
// which changes nothing else it uses. Formats are checked too: `uri` must be absolute, `date-time` RFC 3339.
import Ajv, { type ErrorObject } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export const SARIF_SCHEMA_FILE = path.join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

let validate: ((log: unknown) => boolean) & { errors?: ErrorObject[] | null } = undefined as never;

function compile(): typeof validate {
  const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s: string) => {
    try {
      new URL(s, 'file:///base/');
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema) as typeof validate;
}

/** The schema violations of `log` ("/runs/0/results/3/level: must be equal to one of the allowed values"), none when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  validate ??= compile();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}
