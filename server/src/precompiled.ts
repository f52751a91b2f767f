// Loads the validators the build precompiled for the bundled schemas (dist/bundled-validators.js), if present.
import * as path from 'node:path';
import type { PrecompiledSchemas } from './core/schema/validator';

export function loadPrecompiledSchemas(): PrecompiledSchemas | undefined {
  try {
    // A runtime path: the module sits beside the bundle that loads it.
    const mod = require(path.join(__dirname, 'bundled-validators.js')) as Partial<PrecompiledSchemas>;
    return mod.config && mod.overlayFile && mod.hashes ? (mod as PrecompiledSchemas) : undefined;
  } catch {
    return undefined;
  }
}
