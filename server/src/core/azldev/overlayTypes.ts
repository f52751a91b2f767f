// azldev's overlay types and the fields each one reads when applied (internal/projectconfig/overlay.go,
// internal/app/azldev/core/sources/overlays.go): one table for the rules, the render engine and completion.

export const OVERLAY_TYPES = [
  'spec-add-tag',
  'spec-insert-tag',
  'spec-set-tag',
  'spec-update-tag',
  'spec-remove-tag',
  'spec-prepend-lines',
  'spec-append-lines',
  'spec-search-replace',
  'spec-remove-section',
  'spec-remove-subpackage',
  'patch-add',
  'patch-remove',
  'file-prepend-lines',
  'file-search-replace',
  'file-add',
  'file-remove',
  'file-rename',
] as const;

export type OverlayType = (typeof OVERLAY_TYPES)[number];

export function isOverlayType(t: string): t is OverlayType {
  return (OVERLAY_TYPES as readonly string[]).includes(t);
}

/** Fields every overlay may carry, whatever its type. */
export const COMMON_OVERLAY_FIELDS: readonly string[] = ['type', 'description', 'metadata'];

/** The fields each type reads besides the common ones, the ones it needs first. */
export const OVERLAY_TYPE_FIELDS: Readonly<Record<OverlayType, readonly string[]>> = {
  'spec-add-tag': ['tag', 'value', 'package'],
  'spec-insert-tag': ['tag', 'value', 'package'],
  'spec-set-tag': ['tag', 'value', 'package'],
  'spec-update-tag': ['tag', 'value', 'package'],
  'spec-remove-tag': ['tag', 'value', 'package'],
  'spec-prepend-lines': ['lines', 'section', 'package'],
  'spec-append-lines': ['lines', 'section', 'package'],
  'spec-search-replace': ['regex', 'replacement', 'section', 'package'],
  'spec-remove-section': ['section', 'package'],
  'spec-remove-subpackage': ['package'],
  'patch-add': ['source', 'file', 'package'],
  'patch-remove': ['file'],
  'file-prepend-lines': ['file', 'lines'],
  'file-search-replace': ['file', 'regex', 'replacement', 'archive'],
  'file-add': ['file', 'source'],
  'file-remove': ['file', 'archive'],
  'file-rename': ['file', 'replacement'],
};

/**
 * The fields azldev's validation demands of each type (ComponentOverlay.validateRequiredFields in
 * internal/projectconfig/overlay.go), whatever the schema marks required.
 */
export const OVERLAY_REQUIRED_FIELDS: Readonly<Record<OverlayType, readonly string[]>> = {
  'spec-add-tag': ['tag', 'value'],
  'spec-insert-tag': ['tag', 'value'],
  'spec-set-tag': ['tag', 'value'],
  'spec-update-tag': ['tag', 'value'],
  'spec-remove-tag': ['tag'],
  'spec-prepend-lines': ['lines'],
  'spec-append-lines': ['lines'],
  'spec-search-replace': ['regex'],
  'spec-remove-section': ['section'],
  'spec-remove-subpackage': ['package'],
  'patch-add': ['source'],
  'patch-remove': ['file'],
  'file-prepend-lines': ['file', 'lines'],
  'file-search-replace': ['file', 'regex'],
  'file-add': ['file', 'source'],
  'file-remove': ['file'],
  'file-rename': ['file', 'replacement'],
};
