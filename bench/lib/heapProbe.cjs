// Preloaded into a server the memory benchmark starts (`node -r heapProbe.cjs server.js`): on SIGUSR2 it writes the
// process's V8 heap figures to the file named by DISTRO_TOML_HEAP_PROBE_OUT, so the benchmark can report the heap
// beside the resident set it reads from /proc: the heap's used bytes (live data and garbage not yet collected) and
// what it holds from the system. It forces no collection (that would make the server's memory flatter than a user's)
// and sets no V8 flag (a flag would change the server's code cache and its collector's behaviour).
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');

const out = process.env.DISTRO_TOML_HEAP_PROBE_OUT;
// The server's own thread only (a worker thread gets the preload too, and no signals).
if (out && require('node:worker_threads').isMainThread) {
  process.on('SIGUSR2', () => {
    const h = v8.getHeapStatistics();
    const m = process.memoryUsage();
    const mb = (n) => Math.round((n / 1048576) * 10) / 10;
    const record = { heapUsedMb: mb(h.used_heap_size), heapCommittedMb: mb(h.total_heap_size), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), newSpaceMb: mb(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) };
    fs.writeFileSync(`${out}.tmp`, JSON.stringify(record));
    fs.renameSync(`${out}.tmp`, out);
  });
}
