// The authoring guide asks to scope a spec-search-replace with `section`; whether that is possible depends
// on the spec. Judged at the moment the overlay applies (earlier overlays included): which sections its
// regex changes lines in, and whether scoping to the one section leaves the rendered spec byte for byte the
// same (tried on copies). Lines before the first section (the preamble: %global, %define, tags) can be
// reached by no section value, so an overlay that changes only those is fine as written.
// A regex over one whole tag line that reaches only that line is tried as the spec-update-tag the guide prefers:
// offered when it renders the same.
import { equivalentTagUpdate } from '../lint/authoringGuide';
import { applySpecOverlay, makeOverlay, type Overlay } from '../overlays';
import { searchReach, type SpecEditor } from '../spec';

export interface ScopeAdvice {
  /** Sections (by keyword; "" for the preamble) holding the lines the overlay changes, in spec order. */
  reach: string[];
  /** The one section to scope it with, when doing so renders the same spec. */
  safeSection?: string;
  /** The spec-update-tag that renders the same spec, for a regex that rewrites one tag's whole lines. */
  targetedUpdate?: { tag: string; value: string };
}

/** Whether `update` renders `overlay`'s result on this spec, tried on copies. */
function rendersSame(overlay: Overlay, update: { tag: string; value: string }, spec: SpecEditor): boolean {
  const searched = spec.clone();
  const updated = spec.clone();
  const a = applySpecOverlay(overlay, searched);
  const b = applySpecOverlay(makeOverlay('spec-update-tag', { tag: update.tag, value: update.value }), updated);
  return a.ok && b.ok && searched.toString() === updated.toString();
}

export function adviseScope(overlay: Overlay, spec: SpecEditor): ScopeAdvice | undefined {
  if (overlay.type !== 'spec-search-replace' || overlay.section !== '' || overlay.package !== '') return undefined;
  const reach = searchReach(spec, overlay.regex, overlay.replacement);
  if (!reach || reach.length === 0) return undefined;
  const only = reach.length === 1 ? reach[0] : undefined;
  if (only === '') {
    const update = equivalentTagUpdate(overlay.regex, overlay.replacement);
    return update && rendersSame(overlay, update, spec) ? { reach, targetedUpdate: update } : { reach };
  }
  if (only === undefined) return { reach };
  const whole = spec.clone();
  const scoped = spec.clone();
  const a = applySpecOverlay(overlay, whole);
  const b = applySpecOverlay({ ...overlay, section: only }, scoped);
  return a.ok && b.ok && whole.toString() === scoped.toString() ? { reach, safeSection: only } : { reach };
}

/** The finding's words: where the regex reaches and what to do about it. */
export function scopeAdviceMessage(where: string, advice: ScopeAdvice, source: string): string {
  const named = advice.reach.map((s) => (s === '' ? 'the preamble' : s));
  if (advice.safeSection !== undefined) {
    return `${where} searches the whole spec but changes lines only in ${advice.safeSection} (in ${source}); scope it with section = "${advice.safeSection}" as the authoring guide asks — the rendered spec stays the same`;
  }
  if (advice.targetedUpdate) {
    return `${where} searches the whole spec and changes only ${advice.targetedUpdate.tag}: lines of the preamble (in ${source}); the authoring guide prefers spec-update-tag (tag = "${advice.targetedUpdate.tag}"), which renders the same spec`;
  }
  if (advice.reach.length === 1 && advice.reach[0] === '') {
    return `${where} searches the whole spec and changes lines only in the preamble (in ${source}), which no section value can scope: fine as written`;
  }
  return `${where} searches the whole spec and changes lines in ${named.join(', ')} (in ${source}); a single section would drop some of them — split it into one overlay per section to scope it`;
}
