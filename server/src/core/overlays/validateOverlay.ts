// azldev's ComponentOverlay.Validate (overlay.go): the fields each type needs or refuses, with its messages.
// azldev refuses the whole config on these; the render reports them on the overlay and skips it.
import { validatePattern } from '../glob';
import { filenameProblem, goBase, isAbsolute, isArchiveName } from '../rules/goPaths';
import { compileRe2 } from '../spec/searchReplace';
import { goQuote } from './goQuote';
import type { Overlay } from './overlay';

function requires(o: Overlay, field: string, desc: string): string {
  return `overlay type ${goQuote(o.type)} requires ${goQuote(field)} field: ${desc}`;
}

function regexProblem(o: Overlay, desc: string): string | undefined {
  const compiled = compileRe2(o.regex);
  return typeof compiled === 'string' ? `invalid regex ${goQuote(o.regex)} in overlay ${JSON.stringify(desc)}:\n${compiled}` : undefined;
}

function relativePathProblem(o: Overlay, desc: string): string | undefined {
  if (o.file === '') return requires(o, 'file', desc);
  if (isAbsolute(o.file)) return `overlay type ${goQuote(o.type)} requires ${goQuote('file')} to be a relative path; found ${goQuote(o.file)}`;
  return undefined;
}

function sectionIfPackage(o: Overlay, desc: string): string | undefined {
  if (o.section === '' && o.package !== '') {
    return `overlay type ${goQuote(o.type)} requires ${goQuote('section')} field when ${goQuote('package')} is set: ${desc}`;
  }
  return undefined;
}

function archiveProblem(o: Overlay, desc: string): string | undefined {
  if (o.archive === '') return undefined;
  if (!isArchiveName(o.archive)) return `overlay 'archive' field ${goQuote(o.archive)} is not a recognized archive name: ${desc}`;
  const unsafe = filenameProblem(o.archive);
  if (unsafe !== undefined) return `unsafe overlay 'archive' field ${goQuote(o.archive)}: ${desc}:\n${unsafe}`;
  if (o.type !== 'file-remove' && o.type !== 'file-search-replace') return `overlay type ${goQuote(o.type)} does not support archive-scoped file paths: ${desc}`;
  if (o.file === '') return requires(o, 'file', desc);
  return undefined;
}

/** undefined when azldev accepts the overlay, else its message. */
export function validateOverlay(o: Overlay): string | undefined {
  const desc = o.description === '' ? '(no description)' : o.description;
  const archive = archiveProblem(o, desc);
  if (archive !== undefined) return archive;
  switch (o.type) {
    case 'spec-add-tag':
    case 'spec-insert-tag':
    case 'spec-set-tag':
    case 'spec-update-tag':
    case 'spec-remove-tag':
      if (o.tag === '') return requires(o, 'tag', desc);
      if (o.type !== 'spec-remove-tag' && o.value === '') return requires(o, 'value', desc);
      return undefined;
    case 'spec-prepend-lines':
    case 'spec-append-lines':
      if (o.lines.length === 0) return requires(o, 'lines', desc);
      return sectionIfPackage(o, desc);
    case 'spec-search-replace':
      if (o.regex === '') return requires(o, 'regex', desc);
      return regexProblem(o, desc) ?? sectionIfPackage(o, desc);
    case 'file-prepend-lines':
      return relativePathProblem(o, desc) ?? (o.lines.length === 0 ? requires(o, 'lines', desc) : undefined);
    case 'file-search-replace':
      return relativePathProblem(o, desc) ?? (o.regex === '' ? requires(o, 'regex', desc) : regexProblem(o, desc));
    case 'file-add':
      return relativePathProblem(o, desc) ?? (o.source === '' ? requires(o, 'source', desc) : undefined);
    case 'file-remove':
      return relativePathProblem(o, desc);
    case 'file-rename':
      if (relativePathProblem(o, desc) !== undefined) return relativePathProblem(o, desc);
      if (o.replacement === '') return requires(o, 'replacement', desc);
      if (o.replacement !== goBase(o.replacement)) {
        return `overlay type ${goQuote(o.type)} requires ${goQuote('replacement')} to be a filename only (not a path); found ${goQuote(o.replacement)}`;
      }
      return undefined;
    case 'spec-remove-section':
      return o.section === '' ? requires(o, 'section', desc) : undefined;
    case 'spec-remove-subpackage':
      if (o.package === '') return requires(o, 'package', desc);
      if (o.section !== '') return `overlay type ${goQuote(o.type)} does not accept ${goQuote('section')} field: ${desc}`;
      return undefined;
    case 'patch-add':
      if (o.source === '') return requires(o, 'source', desc);
      return o.file !== '' ? relativePathProblem(o, desc) : undefined;
    case 'patch-remove':
      return relativePathProblem(o, desc) ?? (validatePattern(o.file) ? undefined : `invalid glob pattern ${goQuote(o.file)} in overlay ${JSON.stringify(desc)}`);
    default:
      return `unknown overlay type ${goQuote(o.type)}: ${goQuote(desc)}`;
  }
}
