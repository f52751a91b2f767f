// Loads the validators the build precompiled for the bundled schemas (dist/bundled-validators.js), if present.
import * as path from 'node:path';
import type { PrecompiledSchemas } from './core/schema/validator';

export function loadPrecompiledSchemas(load: (file: string) => unknown = require): PrecompiledSchemas | undefined {
  try {
    // A runtime path: the module sits beside the bundle that loads it.
    const mod = load(path.join(__dirname, 'bundled-validators.js')) as Partial<PrecompiledSchemas>;
    return mod.config && mod.overlayFile && mod.hashes ? (mod as PrecompiledSchemas) : undefined;
  } catch {
    return undefined;
  }
}

/** The start-up log line that says which validators the bundled schemas get (the e2e test reads it from the VSIX). */
export function describePrecompiledSchemas(precompiled: PrecompiledSchemas | undefined): string {
  return precompiled
    ? 'Schema validators: precompiled at build time (bundled-validators.js)'
    : 'Schema validators: bundled-validators.js is missing; the bundled schemas are compiled at start (slower first diagnostics)';
}
