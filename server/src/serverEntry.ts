// The entry of dist/server.js: the language server, or — when started as the overlay check's worker thread
// (overlayCheckPool.ts starts this same script) — the worker's side, which loads no LSP code.
import { isOverlayCheckWorker } from './overlayCheckWorkerKind';

if (isOverlayCheckWorker()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./overlayCheckWorker') as typeof import('./overlayCheckWorker')).runOverlayCheckWorker();
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./server');
}
