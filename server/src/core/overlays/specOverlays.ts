// The spec half of each overlay type, as azldev's ApplySpecOverlay runs it: one SpecEditor edit per type,
// and on failure azldev's message — its "failed to …" wrapper over the spec package's error and sentinel.
import { goBase } from '../rules/goPaths';
import {
  addPatchEntry,
  addTag,
  appendLines,
  appendLinesToSection,
  insertTag,
  prependLines,
  prependLinesToSection,
  removePatchEntry,
  removeSection,
  removeSubpackage,
  removeTag,
  searchAndReplace,
  setTag,
  updateExistingTag,
  type SpecEditor,
  type SpecEditResult,
} from '../spec';
import { goQuote } from './goQuote';
import type { Overlay, OverlayOutcome } from './overlay';

/** The sentinel error azldev's spec package wraps under each kind of failure (edit.go's Err… values). */
const SENTINELS: Record<string, string> = {
  'no-such-tag': 'no such tag',
  'section-not-found': 'section not found',
  'conditional-spans-sections': 'conditional block spans across section boundaries',
};

function specError(result: SpecEditResult): string {
  if (result.ok) return '';
  const { code, message } = result.error;
  let sentinel = SENTINELS[code];
  if (code === 'pattern-not-found' && message.startsWith('pattern ')) sentinel = 'pattern not found';
  if (code === 'section-not-found' && message.startsWith('existing changelog')) sentinel = undefined;
  return sentinel === undefined || message.endsWith(sentinel) ? message : `${message}:\n${sentinel}`;
}

function wrap(result: SpecEditResult, what: string): OverlayOutcome {
  return result.ok ? { ok: true } : { ok: false, message: `${what}:\n${specError(result)}` };
}

/** Applies the spec part of a spec-* or patch-* overlay. */
export function applySpecOverlay(o: Overlay, spec: SpecEditor): OverlayOutcome {
  const tag = goQuote(o.tag);
  switch (o.type) {
    case 'spec-add-tag':
      return wrap(addTag(spec, o.package, o.tag, o.value), `failed to add tag ${tag} to spec`);
    case 'spec-insert-tag':
      return wrap(insertTag(spec, o.package, o.tag, o.value), `failed to insert tag ${tag} into spec`);
    case 'spec-update-tag':
      return wrap(updateExistingTag(spec, o.package, o.tag, o.value), `failed to update tag ${tag} in spec`);
    case 'spec-set-tag':
      return wrap(setTag(spec, o.package, o.tag, o.value), `failed to set tag ${tag} in spec`);
    case 'spec-remove-tag':
      return wrap(removeTag(spec, o.package, o.tag, o.value), `failed to remove tag ${tag} from spec`);
    case 'spec-prepend-lines':
      if (o.section === '') {
        prependLines(spec, o.lines);
        return { ok: true };
      }
      return wrap(prependLinesToSection(spec, o.section, o.package, o.lines), 'failed to prepend lines to spec');
    case 'spec-append-lines':
      if (o.section === '') {
        appendLines(spec, o.lines);
        return { ok: true };
      }
      return wrap(appendLinesToSection(spec, o.section, o.package, o.lines), 'failed to append lines to spec');
    case 'spec-search-replace':
      return wrap(searchAndReplace(spec, o.section, o.package, o.regex, o.replacement), 'failed to search and replace in spec');
    case 'spec-remove-section':
      return wrap(removeSection(spec, o.section, o.package), 'failed to remove section from spec');
    case 'spec-remove-subpackage':
      return wrap(removeSubpackage(spec, o.package), 'failed to remove sub-package from spec');
    case 'patch-add':
      return wrap(addPatchEntry(spec, o.package, o.file !== '' ? o.file : goBase(o.source)), 'failed to add patch entry to spec');
    case 'patch-remove':
      return wrap(removePatchEntry(spec, o.file), 'failed to remove patch entry from spec');
    default:
      return { ok: false, message: `invalid overlay type found: ${o.type}` };
  }
}
