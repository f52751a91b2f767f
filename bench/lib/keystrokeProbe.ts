// Run in a fresh process by bench/keystroke-probe.mjs (bundled by esbuild at bench time): one of edit-latency's
// keystrokes, answered in process by what the server's check calls (the buffer's own findings, the project's,
// the package rules when an index is given), without the transport. Per keystroke: wall and CPU time; over the
// run: V8's collections seen by a PerformanceObserver (scavenges and full collections, their count and pauses)
// and what the heap kept after a full collection at the start and the end. A tool for finding where a keystroke's
// time and garbage go (run it with --cpu-prof, --trace-gc-nvp or the inspector), not a goal of its own: the goals are
// measured through stdio by bench/edit-latency.mjs.
// argv: TREE REL OFFSET EDITS WARM SCHEMAS_DIR VALIDATORS_FILE [CACHE_DIR REPO]   stdout: JSON figures
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { Session } from 'node:inspector';
import { diskFileSystem, type FileSystem } from '../../server/src/core/fs';
import { createLanguageService } from '../../server/src/core/languageService';
import { packageDiagnostics } from '../../server/src/core/packageRules/packageDiagnostics';
import { loadPackageIndex } from '../../server/src/core/packages/packageIndexLoader';
import { PieceText } from '../../server/src/core/text/pieceText';

const [tree, rel, offset, edits, warm, schemasDir, validatorsFile, cacheDir, repo] = process.argv.slice(2) as [string, string, string, string, string, string, string, string | undefined, string | undefined];
const file = path.join(tree, rel);
let text = PieceText.of(fs.readFileSync(file, 'utf8'));
const fsView: FileSystem = { ...diskFileSystem, readFile: (p) => (p === file ? text.toString() : diskFileSystem.readFile(p)), exists: (p) => p === file || diskFileSystem.exists(p) };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const precompiled = require(validatorsFile);
const service = createLanguageService({ fs: fsView, schema: 'bundled', bundledSchemaDir: schemasDir, precompiled, cwd: tree });

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
/** The heap in use, after a full collection when the process runs with --expose-gc. */
const heapAfterFullGc = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return v8.getHeapStatistics().used_heap_size;
};

async function main(): Promise<void> {
  const index = cacheDir && repo ? await loadPackageIndex(cacheDir, [repo]).then((l) => (l.repos[0]?.state === 'loaded' ? l.index : undefined)) : undefined;
  if (cacheDir && !index) throw new Error('keystroke-probe: the package index did not load');
  // KEYSTROKE_PROBE_FILE_ONLY=1: the file's own findings alone, as the server answers an edit while the start-up scan
  // has not loaded the project yet.
  const fileOnly = process.env['KEYSTROKE_PROBE_FILE_ONLY'] === '1';
  const check = (): void => {
    service.fileDiagnostics(file, text);
    if (fileOnly) return;
    service.projectDiagnostics(tree);
    if (index) packageDiagnostics(service.projects.model(tree), index, (f) => service.cache.get(f)?.source ?? service.cache.get(f)?.text, {});
  };
  if (!fileOnly) service.projects.model(tree);
  check();
  const at = Number(offset);
  // Warm up as edit-latency's servers are warm: a few keystrokes before the timed ones (none: the first keystrokes
  // after the open, as during the start-up scan, in code the JIT has not optimised yet).
  for (let i = 0; i < Number(warm); i++) {
    text = i % 2 === 0 ? text.edit(at, at, 'x') : text.edit(at, at + 1, '');
    check();
  }
  const heapStart = heapAfterFullGc();
  const gcs: { kind: number; ms: number }[] = [];
  const take = (entries: readonly { duration: number }[]): void => {
    for (const e of entries) gcs.push({ kind: (e as unknown as { detail: { kind: number } }).detail.kind, ms: e.duration });
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  // KEYSTROKE_PROBE_PROFILE=FILE: a CPU profile of the timed keystrokes alone (not the load), written to FILE.
  const profileTo = process.env['KEYSTROKE_PROBE_PROFILE'];
  const session = profileTo ? new Session() : undefined;
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session?.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  const allocated = v8.getHeapStatistics().total_heap_size;
  for (let i = 0; i < Number(edits); i++) {
    text = i % 2 === 0 ? text.edit(at, at, 'x') : text.edit(at, at + 1, '');
    const c = cpuMs();
    const t = performance.now();
    check();
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  if (session && profileTo) {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(profileTo, JSON.stringify(profile));
    session.disconnect();
  }
  // The entries are delivered after the loop (the observer's callback waits for the event loop).
  await new Promise((r) => setTimeout(r, 50));
  take(observer.takeRecords());
  observer.disconnect();
  // perf_hooks' kinds: 1 a scavenge (minor), 2 a full collection, 4 incremental marking, 8 weak callbacks.
  const minor = gcs.filter((g) => g.kind === 1);
  const major = gcs.filter((g) => g.kind !== 1);
  const sum = (xs: { ms: number }[]): number => xs.reduce((a, g) => a + g.ms, 0);
  process.stdout.write(
    JSON.stringify({
      file: rel,
      edits: wall.length,
      index: index !== undefined,
      p50: pct(wall, 50),
      p95: pct(wall, 95),
      max: pct(wall, 100),
      first: wall.slice(0, 5),
      cpuP50: pct(cpu, 50),
      cpuP95: pct(cpu, 95),
      scavenges: minor.length,
      scavengeMs: sum(minor),
      scavengeMaxMs: Math.max(0, ...minor.map((g) => g.ms)),
      fullGcs: major.length,
      fullGcMs: sum(major),
      heapCommittedGrowthMB: (v8.getHeapStatistics().total_heap_size - allocated) / 1048576,
      ...(typeof (globalThis as { gc?: unknown }).gc === 'function' ? { liveHeapStartMB: heapStart / 1048576, liveHeapEndMB: heapAfterFullGc() / 1048576 } : {}),
    }) + '\n',
  );
}
void main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
