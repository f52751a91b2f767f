// The command line's V8 code cache: `check` loads its bundle (dist/cli-check.js) and the precompiled validators
// (dist/bundled-validators.js) through a cache kept beside each, as the server's loader does (serverLoader.ts), so
// a check does not compile again what the previous check compiled: the bundles' top level and every function the
// run used (about 9% of the main thread's instructions on the real tree, callgrind). Node 20 has no compile cache
// of its own, and V8 caches only classic scripts, so these bundles are CommonJS compiled with vm.Script.
// A cache is named by a hash of the file's text, V8's version and the architecture (V8 itself checks only the
// text's length and its flags): a rebuilt bundle never meets a stale cache. It is written at the end of a run
// that found none it could use; V8 rejects one made under other flags (the command sets its flags before the
// bundle compiles, so every check compiles under the same), and it is then compiled around and written again.
// Nothing here may fail a run: without a readable or writable cache the file is compiled as Node would.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { compileWithCodeCache, writeCodeCache, type CompiledWithCache } from './v8CodeCache';

/** absent: no cache file; rejected: V8 refused it (damaged, other flags); written/unwritable: after save. */
export type CliCodeCacheState = 'absent' | 'accepted' | 'rejected' | 'written' | 'unwritable';

interface Loaded {
  file: string;
  compiled: CompiledWithCache;
  state: CliCodeCacheState;
}

// One list per process, under a global symbol: the check bundle loads the validators through its own copy of
// this module, and the command line's copy saves both.
const REGISTRY = Symbol.for('distro-toml.cliCodeCaches');

function loaded(): Loaded[] {
  const g = globalThis as Record<symbol, Loaded[] | undefined>;
  return (g[REGISTRY] ??= []);
}

/** `require(file)` for a CommonJS file, compiled through its code cache. */
export function requireWithCodeCache(file: string): unknown {
  const compiled = compileWithCodeCache(file, fs.readFileSync(file, 'utf8'));
  const { script } = compiled;
  loaded().push({ file, compiled, state: compiled.state });
  const mod = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/** The state of each file loaded through a cache so far, by file (for tests and diagnosis). */
export function codeCacheStates(): Map<string, CliCodeCacheState> {
  return new Map(loaded().map((l) => [l.file, l.state]));
}

/**
 * Writes the cache of every file loaded through one that had none V8 accepted. Call it once the run's work is
 * done: the cache then holds every function the run compiled. Caches of other builds beside it are removed.
 */
export function saveCodeCaches(): void {
  for (const l of loaded()) {
    if (l.state !== 'absent' && l.state !== 'rejected') continue;
    try {
      writeCodeCache(l.file, l.compiled);
      l.state = 'written';
    } catch {
      l.state = 'unwritable';
    }
  }
}
