// The entry of dist/server.js: the language server, or — when started as one of its worker threads (the overlay
// check's, overlayCheckPool.ts; the start-up scan's file checks, scanChecks.ts; both start this same script) — the
// worker's side, which loads no LSP code.
import { isOverlayCheckWorker } from './overlayCheckWorkerKind';
import { isScanCheckWorker } from './scanCheckWorkerKind';

if (isOverlayCheckWorker()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./overlayCheckWorker') as typeof import('./overlayCheckWorker')).runOverlayCheckWorker();
} else if (isScanCheckWorker()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./scanCheckWorker') as typeof import('./scanCheckWorker')).runScanCheckWorker();
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./server');
}
