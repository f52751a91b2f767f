// A language service over an in-memory project, with our bundled schemas read from the repository.
import { diskFileSystem, memoryFileSystem, type FileSystem } from '../../server/src/core/fs';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { SCHEMAS_DIR } from './paths';

export function memoryProjectFs(files: Record<string, string>): FileSystem {
  const mem = memoryFileSystem(files);
  const onDisk = (p: string) => p.startsWith(SCHEMAS_DIR);
  return { ...mem, readFile: (p) => (onDisk(p) ? diskFileSystem.readFile(p) : mem.readFile(p)), exists: (p) => (onDisk(p) ? diskFileSystem.exists(p) : mem.exists(p)) };
}

export function memoryService(files: Record<string, string>, options: { lint?: boolean } = {}): LanguageService {
  return createLanguageService({ fs: memoryProjectFs(files), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, ...options });
}
