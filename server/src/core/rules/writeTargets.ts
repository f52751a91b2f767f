// Names that become paths when azldev writes: a component's name is a directory of the rendered specs and a lock
// file name (fileutils.ValidateFilename, in RenderedSpecDir and LockPath), and a file-add/patch-add `file` or a
// file-rename `replacement` names a file inside the component's sources (os.Root refuses one that climbs out).
// azldev loads such a tree and fails when it renders; the check reports them as errors where they are written.
import { filenameProblem, isAbsolute } from './goPaths';
import type { ModelTable } from '../toml';
import type { Span } from '../diagnostics';
import type { DiagnosticSink } from './diagnosticSink';
import { childTable, namedTables, readString } from './modelValues';
import { isRenameTarget, sourcesTarget } from '../overlays/sourcesTarget';

export function checkComponentNames(sink: DiagnosticSink, root: ModelTable): void {
  for (const { name, entry } of namedTables(childTable(root, 'components'))) checkComponentName(sink, name, entry.keySpan);
}

/** One component's name, at the key that names it. */
export function checkComponentName(sink: DiagnosticSink, name: string, keySpan: Span): void {
  const problem = filenameProblem(name);
  if (problem === undefined) return;
  sink.error(
    keySpan,
    'component-name-invalid',
    `invalid component name \`${name}\`: ${problem}. azldev refuses it when it renders the component or writes its ` +
      'lock file, because the name becomes a directory and a file name; name the component like its RPM package.',
    { component: name },
  );
}

/** The write targets of one overlay of a known type. */
export function checkOverlayTargets(sink: DiagnosticSink, overlay: ModelTable, type: string): void {
  if (type === 'file-add' || type === 'patch-add') {
    const file = readString(overlay, 'file');
    if (file.state !== 'value' || file.value === '' || isAbsolute(file.value)) return;
    const target = sourcesTarget(file.value);
    if (target.ok) return;
    sink.error(
      file.span,
      'overlay-file-escapes',
      `overlay type \`${type}\` requires \`file\` to name a file inside the component's sources; \`${file.value}\` does not ` +
        `(${target.reason}), so azldev refuses to write it. Name a file there, e.g. \`file = "${file.value.split('/').pop() || 'name'}"\`.`,
      { field: 'file', overlayType: type },
    );
    return;
  }
  if (type === 'file-rename') {
    const replacement = readString(overlay, 'replacement');
    if (replacement.state !== 'value' || replacement.value === '' || isRenameTarget(replacement.value)) return;
    // A path (`a/b`) already has its own error; `.` and `..` pass azldev's load-time check and fail when applied.
    if (replacement.value !== '.' && replacement.value !== '..') return;
    sink.error(
      replacement.span,
      'overlay-replacement-not-filename',
      `overlay type \`file-rename\` requires \`replacement\` to be a file name; \`${replacement.value}\` names a directory, ` +
        'so azldev fails to rename onto it. Give the new file name.',
      { field: 'replacement', overlayType: type },
    );
  }
}
