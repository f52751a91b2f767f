// dist/server.js: loads the language server's bundle (dist/server-main.js, built from serverEntry.ts) through a
// V8 code cache kept beside it, so a start does not compile again what the previous start compiled (start-up
// and the first diagnostics' functions: about half of the instructions the server's start adds to Node's own).
// Node 20 has no compile cache of its own (module.enableCompileCache is Node 22), so the bundle is compiled here
// with vm.Script and `cachedData`. The cache is named by a hash of the bundle's text (computed by the build,
// which builds this loader after the bundle), V8's version and the architecture: V8 itself checks only the
// text's length, so a rebuilt bundle of the same length never meets a stale cache. A bundle edited by hand after
// the build keeps its loader's name for the cache. The server writes it once its start-up scan is done
// (codeCacheState.ts), when none was accepted;
// a cache V8 rejects (damaged, other flags) is compiled around and written again. Nothing here may fail the
// start: without a readable or writable cache the bundle is compiled as Node would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { CODE_CACHE_KEY, type CodeCacheHandle, type CodeCacheState } from './codeCacheState';
import { SERVER_V8_FLAGS } from './serverV8Flags';
import { compileWithCodeCache, writeCodeCache } from './v8CodeCache';

// The heap's sizing flags (serverV8Flags.ts), set before the bundle is compiled, so the code cache is written and
// read under the same flags (V8 rejects a cache made under others). By the main thread only: flags belong to the
// process, and a worker thread started on this script (the scan's, the overlay checks') setting them would take the
// editing flags back; the main thread sets its flags again once a worker runs (keepV8FlagsAcrossWorkers).
if (isMainThread) for (const flag of SERVER_V8_FLAGS) setFlagsFromString(flag);

// The SHA-256 of server-main.js's text, written into this loader by the build (scripts/build.mjs), which builds the
// two together; a loader bundled without it (never shipped) hashes the text as the command line's does.
declare const SERVER_BUNDLE_DIGEST: string | undefined;

const bundle = path.join(__dirname, 'server-main.js');
const compiled = compileWithCodeCache(bundle, fs.readFileSync(bundle, 'utf8'), typeof SERVER_BUNDLE_DIGEST === 'string' ? SERVER_BUNDLE_DIGEST : undefined);
const { script, cacheFile } = compiled;
let state: CodeCacheState = compiled.state;

const handle: CodeCacheHandle = {
  get state() {
    return state;
  },
  file: cacheFile,
  save() {
    if (state === 'accepted' || state === 'written') return undefined;
    try {
      // Caches of other builds or runtimes beside it are of no further use: writeCodeCache removes them.
      const bytes = writeCodeCache(bundle, compiled);
      state = 'written';
      return `written (${Math.round(bytes / 1024)} KiB)`;
    } catch (err) {
      state = 'unwritable';
      return `not written: ${err instanceof Error ? err.message : String(err)}`;
    }
  },
};
(globalThis as Record<symbol, unknown>)[CODE_CACHE_KEY] = handle;

// The bundle sees this file as its own (__filename, __dirname): the overlay check's worker is started on it, and
// the validators and schemas are found beside it.
const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: NodeModule, filename: string, dirname: string) => void;
run.call(module.exports, module.exports, require, module, __filename, __dirname);
