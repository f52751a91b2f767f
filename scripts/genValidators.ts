// Build step: writes the ajv standalone validators of the bundled schemas (see validator.ts precompiledSource).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { precompiledSource } from '../server/src/core/schema/validator';

export function generateValidators(schemaDir: string, outFile: string): void {
  const read = (name: string) => fs.readFileSync(path.join(schemaDir, name), 'utf8');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, precompiledSource(read('azldev.schema.json'), read('azldev-overlay-file.schema.json')));
}
