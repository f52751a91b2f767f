// Compiles JSON schemas once with ajv (draft 2020-12) and validates plain values, keeping ajv's raw errors.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';

export type SchemaError = ErrorObject;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface CompiledSchemas {
  config: ValidateFunction;
  overlayFile: ValidateFunction;
}

/** A fresh ajv with the formats azldev's schema names, checked loosely (azldev itself does not check them). */
function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
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
