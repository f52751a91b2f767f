// An overlay as the render pipeline applies it: azldev's ComponentOverlay fields read tolerantly from the
// effective config (or an overlay file), with where it was written, and the per-overlay outcome.
import type { Span } from '../diagnostics';

import type { OverlayType } from '../azldev/overlayTypes';

export { OVERLAY_TYPES, type OverlayType } from '../azldev/overlayTypes';

/** Field names as azldev's TOML names them; absent fields read as "" (Go's zero value), `lines` as []. */
export interface Overlay {
  type: string;
  description: string;
  file: string;
  archive: string;
  section: string;
  package: string;
  tag: string;
  value: string;
  regex: string;
  replacement: string;
  lines: string[];
  /** Absolute once resolved: inline overlays against their config file, overlay-file ones against that file. */
  source: string;
}

export interface OverlayOrigin {
  file: string;
  /** The overlay's table (inline table or `[[...overlays]]` block). */
  span: Span;
}

/** What produced an overlay: the user's config, or one of the steps azldev adds around them. */
export type OverlayKind = 'user' | 'macros-load' | 'check-skip' | 'header' | 'release-bump';

export interface OverlayResult {
  /** Position in the full ordered list applied (synthesized overlays included). */
  index: number;
  type: string;
  kind: OverlayKind;
  ok: boolean;
  /** azldev's wording on failure; on success a short note when there is something to say (or ""). */
  message: string;
  /** The overlay's own `description`, when it has one. */
  description?: string;
  /** It failed azldev's load-time validation rather than its application. */
  invalid?: true;
  origin?: OverlayOrigin;
}

/** `invalid`: azldev's load-time validation rejects the overlay (the rules report it where it is written). */
export type OverlayOutcome = { ok: true; note?: string } | { ok: false; message: string; invalid?: true };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Reads an overlay from a plain TOML value; wrong-typed fields read as absent rather than throwing. */
export function overlayFromValue(value: unknown): Overlay {
  const o = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const lines = Array.isArray(o['lines']) ? o['lines'].filter((l): l is string => typeof l === 'string') : [];
  return {
    type: str(o['type']),
    description: str(o['description']),
    file: str(o['file']),
    archive: str(o['archive']),
    section: str(o['section']),
    package: str(o['package']),
    tag: str(o['tag']),
    value: str(o['value']),
    regex: str(o['regex']),
    replacement: str(o['replacement']),
    lines,
    source: str(o['source']),
  };
}

/** A blank overlay of a type, for the steps the pipeline synthesizes. */
export function makeOverlay(type: OverlayType, fields: Partial<Overlay>): Overlay {
  return { ...overlayFromValue({}), ...fields, type };
}

export function modifiesSpec(o: Overlay): boolean {
  return o.type.startsWith('spec-') || o.type === 'patch-add' || o.type === 'patch-remove';
}

/** file-remove and file-search-replace with both `archive` and `file` work inside a source archive. */
export function modifiesArchive(o: Overlay): boolean {
  return (o.type === 'file-remove' || o.type === 'file-search-replace') && o.archive !== '' && o.file !== '';
}

export function modifiesLooseFiles(o: Overlay): boolean {
  if (modifiesArchive(o)) return false;
  return o.type.startsWith('file-') || o.type === 'patch-add' || o.type === 'patch-remove';
}
