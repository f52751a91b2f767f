// Compiles JSON schemas once with ajv (draft 2020-12) and validates plain values, keeping ajv's raw errors.
import { createHash } from 'node:crypto';
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';

export type SchemaError = ErrorObject;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface CompiledSchemas {
  config: ValidateFunction;
  overlayFile: ValidateFunction;
}

/** ajv's warnings (a deprecated option, schema keywords it ignores) are not the user's business; its errors throw. */
const QUIET = { log: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error(...args) };

/** A fresh ajv with the formats azldev's schema names, checked loosely (azldev itself does not check them). */
function createAjv(source = false): Ajv2020 {
  // Loaded on first use: with precompiled validators, start-up never needs ajv's compiler.
  const Ajv = (require('ajv/dist/2020') as { default: typeof Ajv2020 }).default;
  // unicode: false counts string lengths in UTF-16 units, not code points (no per-string scan on huge
  // package lists); every length limit in the schemas is on ASCII values or is a minimum of 1, where both agree.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, unicode: false, logger: QUIET, ...(source ? { code: { source: true } } : {}) });
  ajv.addFormat('date-time', RFC3339);
  ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/);
  return ajv;
}

/**
 * Compiles the config schema and the overlay-file schema. The overlay-file schema may `$ref` the config
 * schema by its `$id`, so both go into one ajv instance.
 */
export function compileSchemas(configSchema: object, overlayFileSchema: object, bundledConfigSchema?: object): CompiledSchemas {
  const ajv = createAjv();
  const configId = (configSchema as { $id?: string }).$id;
  const bundledId = (bundledConfigSchema as { $id?: string } | undefined)?.$id;
  // The overlay-file schema refers to the bundled config schema; when another config schema is in use
  // (same or other $id), load the bundled one under its own id for those references.
  if (bundledConfigSchema && bundledId && bundledId !== configId) ajv.addSchema(bundledConfigSchema);
  const config = ajv.compile(configSchema);
  const overlayFile = ajv.compile(overlayFileSchema);
  return { config, overlayFile };
}

/** What the build precompiles for the bundled schemas, and the hashes of the schema texts it was made from. */
export interface PrecompiledSchemas extends CompiledSchemas {
  hashes: { config: string; overlayFile: string };
}

export function schemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The source of a CommonJS module exporting `config` and `overlayFile` validators for the bundled
 * schemas (ajv standalone code) and `hashes` of the texts, so start-up skips compiling them.
 */
export function precompiledSource(configText: string, overlayFileText: string): string {
  const ajv = createAjv(true);
  const config = JSON.parse(configText) as { $id: string };
  const overlayFile = JSON.parse(overlayFileText) as { $id: string };
  ajv.addSchema(config);
  ajv.addSchema(overlayFile);
  const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv2020, refs: Record<string, string>) => string }).default;
  const code = standaloneCode(ajv, { config: config.$id, overlayFile: overlayFile.$id });
  const hashes = { config: schemaHash(configText), overlayFile: schemaHash(overlayFileText) };
  return `${code}\nexports.hashes = ${JSON.stringify(hashes)};\n`;
}
