// The overlays package's public surface: overlay values, the sidecar file set, and applying one overlay.
export { applyOverlay, archiveNote, type OverlayTarget } from './applyOverlay';
export type { SourceReader } from './fileOverlays';
export { goQuote } from './goQuote';
export {
  makeOverlay,
  modifiesArchive,
  modifiesLooseFiles,
  modifiesSpec,
  OVERLAY_TYPES,
  overlayFromValue,
  type Overlay,
  type OverlayKind,
  type OverlayOrigin,
  type OverlayOutcome,
  type OverlayResult,
  type OverlayType,
} from './overlay';
export { decodeText, encodeText, SidecarFiles, type FileSource } from './sidecarFiles';
export { applySpecOverlay } from './specOverlays';
export { validateOverlay } from './validateOverlay';
