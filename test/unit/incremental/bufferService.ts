// Shared by the incremental tests: a language service over the real corpus as the server sees it, the disk with
// some files' texts replaced by open editor buffers.
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../../server/src/core/languageService';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import type { PrecompiledSchemas } from '../../../server/src/core/schema/validator';
import { DIST, SCHEMAS_DIR } from '../../support/paths';
import { corpusRoot } from './editCorpus';

const precompiled = require(path.join(DIST, 'bundled-validators.js')) as PrecompiledSchemas;

/** The disk with some files' texts replaced, as the server sees open editor buffers. */
export function bufferFs(buffers: Map<string, string>): FileSystem {
  return {
    readFile: (p) => buffers.get(p) ?? diskFileSystem.readFile(p),
    exists: (p) => buffers.has(p) || diskFileSystem.exists(p),
    isDirectory: (p) => diskFileSystem.isDirectory(p),
    readDirectory: (p) => diskFileSystem.readDirectory(p),
  };
}

/** A fresh service over the corpus with `buffers` open (the bundled schema, precompiled validators). */
export function bufferService(buffers: Map<string, string>, options: { lint?: boolean } = {}): LanguageService {
  return createLanguageService({ fs: bufferFs(buffers), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, precompiled, cwd: corpusRoot, ...(options.lint === false ? { lint: false } : {}) });
}
