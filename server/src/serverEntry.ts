// The entry of dist/server.js: the language server, or — when started as one of its worker threads (the overlay
// check's, overlayCheckPool.ts; the start-up scan's file checks, scanChecks.ts; the package index's sync,
// packageSyncThread.ts; all start this same script) — the worker's side, which loads no LSP code.
import { isOverlayCheckWorker } from './overlayCheckWorkerKind';
import { isPackageSyncWorker } from './packageSyncWorkerKind';
import { isScanCheckWorker } from './scanCheckWorkerKind';

if (isOverlayCheckWorker()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./overlayCheckWorker') as typeof import('./overlayCheckWorker')).runOverlayCheckWorker();
} else if (isScanCheckWorker()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./scanCheckWorker') as typeof import('./scanCheckWorker')).runScanCheckWorker();
} else if (isPackageSyncWorker()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./packageSyncWorker') as typeof import('./packageSyncWorker')).runPackageSyncWorker();
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./server');
}
