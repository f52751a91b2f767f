// Per-overlay rules from azldev's ComponentOverlay.Validate (overlay.go): which fields each overlay type
// requires or rejects, `package` only together with `section`, relative `file` paths, a bare file name for
// `file-rename`'s `replacement`, a valid glob for `patch-remove`, the `archive` field, RE2 regexes and metadata.
// Fields a type ignores are only warned about: azldev accepts them silently.
import type { Span } from '../diagnostics';
import type { ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { validatePattern } from '../glob';
import { filenameProblem, goBase, isAbsolute, isArchiveName } from './goPaths';
import { checkMetadata } from './metadata';
import { asTable, readArray, readString, stringValue, type Read } from './modelValues';
import { checkRegex } from './regex';
import { checkOverlayTargets } from './writeTargets';
import { isOverlayType, OVERLAY_TYPE_FIELDS, type OverlayType } from '../azldev/overlayTypes';

export { OVERLAY_TYPES, isOverlayType, type OverlayType } from '../azldev/overlayTypes';
/** The fields each type reads when azldev applies it (sources/overlays.go), besides type, description, metadata. */
const USED_FIELDS = OVERLAY_TYPE_FIELDS;
const ALWAYS_ALLOWED = new Set(['type', 'description', 'metadata']);
/** Fields with their own error when misplaced, so the unused-field warning skips them. */
const REJECTED_ELSEWHERE = new Set(['archive']);
const KNOWN_FIELDS = new Set(['file', 'archive', 'section', 'package', 'tag', 'value', 'regex', 'replacement', 'lines', 'source']);

const FIELD_HINTS: Record<string, string> = {
  tag: 'the spec tag name, e.g. `tag = "BuildRequires"`',
  value: 'the tag value, e.g. `value = "pkgconfig(foo)"`',
  lines: 'the lines of text, e.g. `lines = ["..."]`',
  regex: 'an RE2 regular expression to match, e.g. `regex = "^Requires: foo$"`',
  file: 'the file (a relative path, or a glob), e.g. `file = "foo.conf"`',
  source: 'the file to copy, relative to this TOML file, e.g. `source = "foo.patch"`',
  section: 'the spec section, e.g. `section = "%install"`',
  package: 'the sub-package, e.g. `package = "devel"`',
  replacement: 'the new file name, e.g. `replacement = "new-name.conf"`',
};

export interface OverlayOptions {
  /** True for `[[overlays]]` in an overlay file, where per-overlay metadata is rejected. */
  inOverlayFile: boolean;
  /** Where it is, for messages: "overlay 2 of component `curl`". */
  where: string;
}


export function checkOverlay(sink: DiagnosticSink, overlay: ModelTable, given: OverlayOptions): void {
  // azldev names the overlay by its description in every message; so do we.
  const description = stringValue(readString(overlay, 'description'));
  const opts = description === undefined ? given : { ...given, where: `${given.where}, "${description}"` };
  const typeRead = readString(overlay, 'type');
  const type = stringValue(typeRead);
  // A missing or unknown type is the schema's diagnostic; without a type there is nothing to check against.
  if (type === undefined || !isOverlayType(type)) {
    checkOverlayMetadata(sink, overlay, opts);
    return;
  }
  const q = (s: string) => '`' + s + '`';
  const field = (key: string) => readString(overlay, key);

  const missing = (key: string, read: Read<unknown>): void => {
    const span: Span = read.state === 'value' ? read.span : overlay.span;
    sink.error(
      span,
      'overlay-missing-field',
      `overlay type ${q(type)} requires ${q(key)} field (${opts.where}); add ${FIELD_HINTS[key] ?? q(key)}.`,
      { field: key, overlayType: type },
    );
  };
  const requireString = (key: string): string | undefined => {
    const read = field(key);
    if (read.state === 'wrong-type') return undefined;
    if (read.state === 'absent' || read.value === '') {
      missing(key, read);
      return undefined;
    }
    return read.value;
  };
  const requireLines = (): void => {
    const read = readArray(overlay, 'lines');
    if (read.state === 'absent' || (read.state === 'value' && read.value.items.length === 0)) missing('lines', read);
  };
  const requireRelativeFile = (): void => {
    const file = requireString('file');
    const read = field('file');
    if (file !== undefined && isAbsolute(file) && read.state === 'value') {
      sink.error(
        read.span,
        'overlay-file-not-relative',
        `overlay type ${q(type)} requires ${q('file')} to be a relative path; found ${q(file)}. ` +
          '`file` names a file in the component sources, so drop the leading `/`.',
        { field: 'file', overlayType: type },
      );
    }
  };
  const requireSectionIfPackage = (): void => {
    const pkg = field('package');
    if (stringValue(pkg) !== undefined && stringValue(field('section')) === undefined && field('section').state !== 'wrong-type' && pkg.state === 'value') {
      sink.error(
        pkg.span,
        'overlay-package-requires-section',
        `overlay type ${q(type)} requires ${q('section')} field when ${q('package')} is set (${opts.where}); ` +
          'a sub-package only qualifies a section, so add e.g. `section = "%files"` or remove `package` to target the whole spec.',
        { field: 'section', overlayType: type },
      );
    }
  };
  const checkRegexField = (): void => {
    const regex = requireString('regex');
    const read = field('regex');
    if (regex !== undefined && read.state === 'value') checkRegex(sink, regex, read.span, type);
  };

  checkArchive(sink, overlay, type, opts);

  switch (type) {
    case 'spec-add-tag':
    case 'spec-insert-tag':
    case 'spec-set-tag':
    case 'spec-update-tag':
    case 'spec-remove-tag':
      requireString('tag');
      if (type !== 'spec-remove-tag') requireString('value');
      break;
    case 'spec-prepend-lines':
    case 'spec-append-lines':
      requireLines();
      requireSectionIfPackage();
      break;
    case 'spec-search-replace':
      checkRegexField();
      requireSectionIfPackage();
      break;
    case 'file-prepend-lines':
      requireRelativeFile();
      requireLines();
      break;
    case 'file-search-replace':
      requireRelativeFile();
      checkRegexField();
      break;
    case 'file-add':
      requireRelativeFile();
      requireString('source');
      break;
    case 'file-remove':
      requireRelativeFile();
      break;
    case 'file-rename': {
      requireRelativeFile();
      const replacement = requireString('replacement');
      const read = field('replacement');
      if (replacement !== undefined && goBase(replacement) !== replacement && read.state === 'value') {
        sink.error(
          read.span,
          'overlay-replacement-not-filename',
          `overlay type ${q(type)} requires ${q('replacement')} to be a filename only (not a path); found ${q(replacement)}. ` +
            `The file is renamed within its directory: use ${q(goBase(replacement))}.`,
          { field: 'replacement', overlayType: type, suggestion: goBase(replacement) },
        );
      }
      break;
    }
    case 'spec-remove-section':
      requireString('section');
      break;
    case 'spec-remove-subpackage': {
      requireString('package');
      const section = field('section');
      if (section.state === 'value' && section.value !== '') {
        sink.error(
          section.span,
          'overlay-forbidden-field',
          `overlay type ${q(type)} does not accept ${q('section')} field (${opts.where}); ` +
            'it removes every section of the sub-package, so remove `section`.',
          { field: 'section', overlayType: type },
        );
      }
      break;
    }
    case 'patch-add': {
      requireString('source');
      const file = field('file');
      if (file.state === 'value' && file.value !== '' && isAbsolute(file.value)) {
        sink.error(
          file.span,
          'overlay-file-not-relative',
          `overlay type ${q(type)} requires ${q('file')} to be a relative path; found ${q(file.value)}. ` +
            '`file` is the patch name in the component sources, so drop the leading `/`.',
          { field: 'file', overlayType: type },
        );
      }
      break;
    }
    case 'patch-remove': {
      requireRelativeFile();
      const file = field('file');
      if (file.state === 'value' && file.value !== '' && !isAbsolute(file.value) && !validatePattern(file.value)) {
        sink.error(
          file.span,
          'overlay-glob-invalid',
          `invalid glob pattern ${q(file.value)} in \`patch-remove\` overlay; close every \`[\` and \`{\` ` +
            'and do not end with a lone `\\`.',
          { field: 'file', overlayType: type },
        );
      }
      break;
    }
  }

  checkOverlayTargets(sink, overlay, type);
  checkUnusedFields(sink, overlay, type);
  checkOverlayMetadata(sink, overlay, opts);
}

/** validateArchiveField: a known tarball name, a safe file name, and only on types that repack archives. */
function checkArchive(sink: DiagnosticSink, overlay: ModelTable, type: OverlayType, opts: OverlayOptions): void {
  const read = readString(overlay, 'archive');
  if (read.state !== 'value' || read.value === '') return;
  const archive = read.value;
  const q = (s: string) => '`' + s + '`';
  if (!isArchiveName(archive)) {
    sink.error(
      read.span,
      'overlay-archive-invalid',
      `overlay 'archive' field ${q(archive)} is not a recognized archive name; azldev can only repack ` +
        '`.tar`, `.tar.gz`/`.tgz`, `.tar.xz`/`.txz` and `.tar.zst`/`.tzst` sources.',
      { field: 'archive' },
    );
    return;
  }
  const problem = filenameProblem(archive);
  if (problem !== undefined) {
    sink.error(read.span, 'overlay-archive-unsafe', `unsafe overlay 'archive' field ${q(archive)}: ${problem}; name the source archive file only.`, {
      field: 'archive',
    });
    return;
  }
  if (type !== 'file-remove' && type !== 'file-search-replace') {
    sink.error(
      read.span,
      'overlay-forbidden-field',
      `overlay type ${q(type)} does not support archive-scoped file paths (${opts.where}); only ` +
        '`file-remove` and `file-search-replace` accept `archive`, so remove it.',
      { field: 'archive', overlayType: type },
    );
  }
}

function checkUnusedFields(sink: DiagnosticSink, overlay: ModelTable, type: OverlayType): void {
  const used = USED_FIELDS[type];
  for (const [key, entry] of overlay.entries) {
    if (ALWAYS_ALLOWED.has(key) || REJECTED_ELSEWHERE.has(key) || used.includes(key) || !KNOWN_FIELDS.has(key)) continue;
    // spec-remove-subpackage's `section` already has its own error.
    if (type === 'spec-remove-subpackage' && key === 'section') continue;
    sink.warning(
      entry.node.span,
      'overlay-unused-field',
      `\`${key}\` has no effect on a \`${type}\` overlay: azldev ignores it. Remove it, or use an overlay type that reads it.`,
      { field: key, overlayType: type },
    );
  }
}

function checkOverlayMetadata(sink: DiagnosticSink, overlay: ModelTable, opts: OverlayOptions): void {
  const entry = overlay.entries.get('metadata');
  if (!entry) return;
  if (opts.inOverlayFile) {
    sink.error(
      entry.node.span,
      'overlay-file-per-overlay-metadata',
      'per-overlay metadata is not allowed inside an overlay file; declare metadata once at the file level ' +
        '(the top-level `[metadata]` applies to every overlay in the file), and remove this `metadata`.',
      { field: 'metadata' },
    );
    return;
  }
  const table = asTable(entry.node);
  if (table) checkMetadata(sink, table);
}
