// The authoring guide asks to scope a spec-search-replace with `section`; whether that is possible depends
// on the spec. Judged at the moment the overlay applies (earlier overlays included): which sections its
// regex changes lines in, and whether scoping to the one section leaves the rendered spec byte for byte the
// same (tried on copies). Lines before the first section (the preamble: %global, %define, tags) can be
// reached by no section value, so an overlay that changes only those is fine as written.
import { applySpecOverlay, type Overlay } from '../overlays';
import { searchReach, type SpecEditor } from '../spec';

export interface ScopeAdvice {
  /** Sections (by keyword; "" for the preamble) holding the lines the overlay changes, in spec order. */
  reach: string[];
  /** The one section to scope it with, when doing so renders the same spec. */
  safeSection?: string;
}

export function adviseScope(overlay: Overlay, spec: SpecEditor): ScopeAdvice | undefined {
  if (overlay.type !== 'spec-search-replace' || overlay.section !== '' || overlay.package !== '') return undefined;
  const reach = searchReach(spec, overlay.regex, overlay.replacement);
  if (!reach || reach.length === 0) return undefined;
  const only = reach.length === 1 ? reach[0] : undefined;
  if (only === undefined || only === '') return { reach };
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
  if (advice.reach.length === 1 && advice.reach[0] === '') {
    return `${where} searches the whole spec and changes lines only in the preamble (in ${source}), which no section value can scope: fine as written`;
  }
  return `${where} searches the whole spec and changes lines in ${named.join(', ')} (in ${source}); a single section would drop some of them — split it into one overlay per section to scope it`;
}
