// The two steps the server's loader (serverLoader.ts) and the command line's (cliCodeCache.ts) share to run a
// CommonJS bundle through a V8 code cache kept beside it: compile with the cache when there is one, and write a
// new one (to a temporary file, renamed into place, removing the caches of other builds beside it). A cache is
// named `<name>.<key>.cache` by a hash of the file's text, V8's version and the architecture: V8 itself checks
// only the text's length and its flags, so a rebuilt bundle never meets a stale cache.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** absent: no cache file; accepted: V8 read it; rejected: V8 refused it (damaged, other flags). */
export type CompiledState = 'absent' | 'accepted' | 'rejected';

export interface CompiledWithCache {
  script: vm.Script;
  cacheFile: string;
  state: CompiledState;
}

/** Compiles `file` (its text `source`) wrapped as a CommonJS module, with its code cache when one is there. */
export function compileWithCodeCache(file: string, source: string): CompiledWithCache {
  const key = createHash('sha256').update(source).update(`\0${process.versions.v8}\0${process.arch}`).digest('hex').slice(0, 16);
  const cacheFile = path.join(path.dirname(file), `${path.basename(file, '.js')}.${key}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  // Accepted only when V8 says so (cachedDataRejected is false only when it read the cache).
  const state: CompiledState = cachedData === undefined ? 'absent' : script.cachedDataRejected === false ? 'accepted' : 'rejected';
  return { script, cacheFile, state };
}

/**
 * Writes the code cache of `compiled` (compiled from `file`), holding every function compiled so far, and removes
 * the caches of other builds of `file` beside it. Returns the bytes written; throws when it cannot write.
 */
export function writeCodeCache(file: string, compiled: CompiledWithCache): number {
  const data = compiled.script.createCachedData();
  const tmp = `${compiled.cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, compiled.cacheFile);
  const dir = path.dirname(file);
  const stale = new RegExp(`^${path.basename(file, '.js').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{16}\\.cache$`);
  for (const name of fs.readdirSync(dir)) if (stale.test(name) && path.join(dir, name) !== compiled.cacheFile) fs.rmSync(path.join(dir, name), { force: true });
  return data.length;
}
