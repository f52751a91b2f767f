// One overlay applied the way azldev's ApplyOverlayToSources does it — validated first, then its spec half,
// then its loose-file half — to a spec editor and the sidecar file set. Never throws on user input.
import type { SpecEditor } from '../spec';
import { applyFileOverlay, type SourceReader } from './fileOverlays';
import { goQuote } from './goQuote';
import { modifiesArchive, modifiesLooseFiles, modifiesSpec, type Overlay, type OverlayOutcome } from './overlay';
import type { SidecarFiles } from './sidecarFiles';
import { applySpecOverlay } from './specOverlays';
import { validateOverlay } from './validateOverlay';

export interface OverlayTarget {
  spec: SpecEditor;
  files: SidecarFiles;
  readSource: SourceReader;
}

/** What a preview says about an archive-scoped overlay: azldev's render skips them too (no source downloads). */
export function archiveNote(o: Overlay): string {
  return `changes ${goQuote(o.file)} inside the source archive ${goQuote(o.archive)}; archive contents cannot be shown — azldev applies archive overlays only when it downloads and repacks sources (prepare-sources, build), never in render`;
}

export function applyOverlay(o: Overlay, target: OverlayTarget): OverlayOutcome {
  const invalid = validateOverlay(o);
  if (invalid !== undefined) return { ok: false, message: invalid, invalid: true };
  if (modifiesArchive(o)) return { ok: true, note: archiveNote(o) };
  try {
    if (modifiesSpec(o)) {
      const r = applySpecOverlay(o, target.spec);
      if (!r.ok) return r;
    }
    if (modifiesLooseFiles(o)) return applyFileOverlay(o, target.files, target.readSource);
    return { ok: true };
  } catch (err) {
    // A defect, not the user's input: reported on the overlay rather than taking the render down.
    return { ok: false, message: `internal error applying ${o.type} overlay: ${err instanceof Error ? err.message : String(err)}` };
  }
}
