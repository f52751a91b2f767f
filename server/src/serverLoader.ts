// dist/server.js: loads the language server's bundle (dist/server-main.js, built from serverEntry.ts) through a
// V8 code cache kept beside it, so a start does not compile again what the previous start compiled (start-up
// and the first diagnostics' functions: about half of the instructions the server's start adds to Node's own).
// Node 20 has no compile cache of its own (module.enableCompileCache is Node 22), so the bundle is compiled here
// with vm.Script and `cachedData`. The cache is named by a hash of the bundle's text, V8's version and the
// architecture: V8 itself checks only the text's length, so a rebuilt bundle of the same length never meets a
// stale cache. The server writes it once its start-up scan is done (codeCacheState.ts), when none was accepted;
// a cache V8 rejects (damaged, other flags) is compiled around and written again. Nothing here may fail the
// start: without a readable or writable cache the bundle is compiled as Node would.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import * as vm from 'node:vm';
import { CODE_CACHE_KEY, type CodeCacheHandle, type CodeCacheState } from './codeCacheState';
import { SERVER_V8_FLAGS } from './serverV8Flags';

// The heap's sizing flags (serverV8Flags.ts), set before the bundle is compiled, so the code cache is written and
// read under the same flags (V8 rejects a cache made under others).
for (const flag of SERVER_V8_FLAGS) setFlagsFromString(flag);

const bundle = path.join(__dirname, 'server-main.js');
const source = fs.readFileSync(bundle, 'utf8');
const key = createHash('sha256').update(source).update(`\0${process.versions.v8}\0${process.arch}`).digest('hex').slice(0, 16);
const cacheFile = path.join(__dirname, `server-main.${key}.cache`);

let cachedData: Buffer | undefined;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
// Accepted only when V8 says so (cachedDataRejected is false only when it read the cache).
let state: CodeCacheState = cachedData === undefined ? 'absent' : script.cachedDataRejected === false ? 'accepted' : 'rejected';

const handle: CodeCacheHandle = {
  get state() {
    return state;
  },
  file: cacheFile,
  save() {
    if (state === 'accepted' || state === 'written') return undefined;
    try {
      const data = script.createCachedData();
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, cacheFile);
      // Caches of other builds or runtimes are of no further use.
      for (const name of fs.readdirSync(__dirname)) {
        if (/^server-main\.[0-9a-f]{16}\.cache$/.test(name) && path.join(__dirname, name) !== cacheFile) fs.rmSync(path.join(__dirname, name), { force: true });
      }
      state = 'written';
      return `written (${Math.round(data.length / 1024)} KiB)`;
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
