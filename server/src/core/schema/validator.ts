// Compiles JSON schemas once with ajv (draft 2020-12) and validates plain values, keeping ajv's raw errors.
import { createHash } from 'node:crypto';
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { schemaMapPlan, type StringListRule } from './schemaMaps';

export type SchemaError = ErrorObject;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface CompiledSchemas {
  config: ValidateFunction;
  overlayFile: ValidateFunction;
  /** The config schema's top-level maps, each entry validated alone (schemaMaps.ts), when it has any. */
  configMaps?: ConfigMaps;
}

export interface ConfigMaps {
  /** The top-level properties in the schema's order. */
  order: readonly string[];
  /** Map property → the validator of one entry. */
  entry: ReadonlyMap<string, ValidateFunction>;
  /** Map property → its entry schema's properties in order, when the entry can be validated property by property (schemaMaps.ts). */
  entryProperties?: ReadonlyMap<string, readonly string[]>;
  /** Map property → its entry properties that are plain lists of strings, and what they require (schemaMaps.ts). */
  stringLists?: ReadonlyMap<string, Readonly<Record<string, StringListRule>>>;
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
  const plan = schemaMapPlan(configSchema);
  const entry = new Map<string, ValidateFunction>();
  for (const [name, ref] of plan?.maps ?? []) {
    const validate = ajv.getSchema(ref);
    if (validate) entry.set(name, validate);
  }
  return plan && entry.size === plan.maps.size ? { config, overlayFile, configMaps: { order: plan.order, entry, entryProperties: plan.entryProperties, stringLists: plan.stringLists } } : { config, overlayFile };
}

/** What the build precompiles for the bundled schemas, and the hashes of the schema texts it was made from. */
export interface PrecompiledSchemas extends CompiledSchemas {
  hashes: { config: string; overlayFile: string };
  /** The config schema's maps (schemaMaps.ts): the properties in order, and each map's export name. */
  configMapOrder?: string[];
  configMapExports?: Record<string, string>;
  /** Each map's entry properties in order, for the maps whose entries can be validated property by property. */
  configMapProperties?: Record<string, string[]>;
  /** Each map's entry properties that are plain lists of strings, with what they require. */
  configMapStringLists?: Record<string, Record<string, StringListRule>>;
}

/** The precompiled validators, with the config schema's maps assembled from their exports. */
export function precompiledValidators(pre: PrecompiledSchemas): CompiledSchemas {
  const names = pre.configMapExports;
  const entry = new Map<string, ValidateFunction>();
  for (const [name, exported] of Object.entries(names ?? {})) {
    const validate = (pre as unknown as Record<string, unknown>)[exported];
    if (typeof validate === 'function') entry.set(name, validate as ValidateFunction);
  }
  const complete = pre.configMapOrder && names && entry.size === Object.keys(names).length && entry.size > 0;
  const entryProperties = new Map(Object.entries(pre.configMapProperties ?? {}).filter(([name, props]) => entry.has(name) && Array.isArray(props)));
  const stringLists = new Map(Object.entries(pre.configMapStringLists ?? {}).filter(([name]) => entryProperties.has(name)));
  return complete ? { config: pre.config, overlayFile: pre.overlayFile, configMaps: { order: pre.configMapOrder as string[], entry, entryProperties, stringLists } } : { config: pre.config, overlayFile: pre.overlayFile };
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
  const plan = schemaMapPlan(config);
  const mapExports: Record<string, string> = {};
  const refs: Record<string, string> = { config: config.$id, overlayFile: overlayFile.$id };
  [...(plan?.maps ?? [])].forEach(([name, ref], i) => {
    mapExports[name] = `configMap${i}`;
    refs[`configMap${i}`] = ref;
  });
  const code = standaloneCode(ajv, refs);
  const hashes = { config: schemaHash(configText), overlayFile: schemaHash(overlayFileText) };
  const maps = plan
    ? `exports.configMapOrder = ${JSON.stringify(plan.order)};\nexports.configMapExports = ${JSON.stringify(mapExports)};\nexports.configMapProperties = ${JSON.stringify(Object.fromEntries(plan.entryProperties))};\nexports.configMapStringLists = ${JSON.stringify(Object.fromEntries(plan.stringLists))};\n`
    : '';
  return `${code}\nexports.hashes = ${JSON.stringify(hashes)};\n${maps}`;
}
