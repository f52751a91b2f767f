// The V8 flags the server's loader (serverLoader.ts) sets before it compiles the bundle: set there, not on the
// command line, so every client that starts dist/server.js gets them, and before the compile, so the code cache is
// written and read under the same flags (V8 rejects a cache made under others). Both only size the heap.
export const SERVER_V8_FLAGS: readonly string[] = [
  // The young generation stays at its first size instead of growing to V8's 3 × 16 MB: each keystroke's check
  // allocates tens of MB that die before the next one, so a grown young generation is resident memory that only
  // holds garbage (bench/edit-memory: RSS at edit 2,000 259 → 209 MB).
  '--semi-space-growth-factor=1',
  // The old generation is collected once it has grown by 30% over what the last full collection kept, instead of
  // by V8's own factor (up to 4× on a small heap that collects fast): what a keystroke's check promotes dies by the
  // next one, so the heap of a long editing session was mostly garbage waiting for the next full collection, and
  // the resident set swung with it (bench/edit-memory, 2,000 edits at load 7–12, default → 30%: RSS at edit 1,000
  // 152 / 188 → 120 MB, V8 heap committed 86 / 122 → 56 MB, main-thread CPU per edit p95 27.3 / 22.9 → 24.0 ms).
  '--heap-growing-percent=30',
];
