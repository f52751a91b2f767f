// The loose-file half of overlays, as azldev's applyNonSpecOverlay runs it on the sources directory: file-add
// and patch-add name one literal file; every other type takes `file` as a doublestar glob over the sidecar
// files (never a .spec file, never inside .git), and fails when nothing matches or nothing changes.
import { posix } from 'node:path';
import { fileSystemOfNames, glob } from '../glob';
import { goBase, goClean } from '../rules/goPaths';
import { compileRe2, replaceAllLiteral } from '../spec/searchReplace';
import { goQuote } from './goQuote';
import type { Overlay, OverlayOutcome } from './overlay';
import { decodeText, encodeText, type SidecarFiles } from './sidecarFiles';
import { isRenameTarget, sourcesTarget } from './sourcesTarget';

/** Reads an overlay's `source` file (an absolute path); undefined when it cannot be read. */
export type SourceReader = (absolutePath: string) => Uint8Array | undefined;

const DID_NOT_APPLY = 'overlay did not apply to target';

type FileOutcome = { ok: true } | { ok: false; message: string; didNotApply?: boolean };

function isSpecFile(name: string): boolean {
  return name.endsWith('.spec');
}

function isGitInternal(name: string): boolean {
  return name.startsWith('.git/') || name.includes('/.git/');
}

/** The pseudo-absolute path azldev's confined file system reports a match under. */
function shown(name: string): string {
  return '/' + name;
}

const MULTI_FILE_TYPES = new Set(['file-prepend-lines', 'file-search-replace', 'file-remove', 'patch-remove']);

export function applyFileOverlay(o: Overlay, files: SidecarFiles, readSource: SourceReader): OverlayOutcome {
  if (o.type === 'file-add') {
    if (isSpecFile(o.file)) return { ok: false, message: `non-spec overlay not supported on .spec file: ${goQuote(o.file)}` };
    return addFile(o, files, readSource, o.file);
  }
  if (o.type === 'patch-add') return addFile(o, files, readSource, o.file !== '' ? o.file : goBase(o.source));
  return applyToMatchingFiles(o, files);
}

function applyToMatchingFiles(o: Overlay, files: SidecarFiles): OverlayOutcome {
  // azldev's globNonSpecFiles: doublestar.Glob over the sources directory, files only. A pattern without meta
  // characters is a literal name there, so `run-vmblock\x2dfuse.mount` names the file with the backslash.
  const found = glob(fileSystemOfNames(files.names()), o.file, { root: '/', filesOnly: true });
  if (!found.ok) {
    return {
      ok: false,
      message: `failed to glob for overlay filename ${goQuote(o.file)}:\nfailed to glob for files using pattern ${goQuote(o.file)}:\n${found.error.message}`,
    };
  }
  const matched = found.paths.map((p) => p.replace(/^\/+/, '')).filter((n) => files.has(n) && !isSpecFile(n) && !isGitInternal(n));
  if (matched.length === 0) return { ok: false, message: `non-spec overlay filename pattern ${goQuote(o.file)} did not match any files` };
  if (matched.length > 1 && !MULTI_FILE_TYPES.has(o.type)) {
    return { ok: false, message: `overlay type ${o.type} does not support multiple files, but filename pattern ${goQuote(o.file)} matched ${matched.length} files` };
  }
  let applied = false;
  for (const name of matched) {
    const r = applyToFile(o, files, name);
    if (r.ok) applied = true;
    else if (!r.didNotApply) return { ok: false, message: `failed to apply overlay to file ${goQuote(shown(name))}:\n${r.message}` };
  }
  if (!applied) return { ok: false, message: `non-spec overlay for filename ${goQuote(o.file)} did not apply to any targets\n${DID_NOT_APPLY}` };
  return { ok: true };
}

function applyToFile(o: Overlay, files: SidecarFiles, name: string): FileOutcome {
  switch (o.type) {
    case 'file-prepend-lines': {
      const bytes = files.read(name);
      if (bytes === undefined) return { ok: false, message: `failed to prepend lines to file ${goQuote(shown(name))}:\nfailed to read file ${goQuote(shown(name))} to apply overlay` };
      const head = encodeText(o.lines.join('\n') + '\n');
      const out = new Uint8Array(head.length + bytes.length);
      out.set(head, 0);
      out.set(bytes, head.length);
      files.write(name, out);
      return { ok: true };
    }
    case 'file-search-replace':
      return searchAndReplaceInFile(o, files, name);
    case 'file-remove':
    case 'patch-remove':
      files.remove(name);
      return { ok: true };
    case 'file-rename': {
      const to = posix.join(posix.dirname(name), o.replacement);
      if (!isRenameTarget(o.replacement)) {
        return { ok: false, message: `failed to rename file ${goQuote(shown(name))} to ${goQuote(shown(to))}:\nrename: ${goQuote(o.replacement)} is not a file name` };
      }
      files.rename(name, to);
      return { ok: true };
    }
    default:
      return { ok: false, message: `invalid overlay type found: ${o.type}` };
  }
}

function searchAndReplaceInFile(o: Overlay, files: SidecarFiles, name: string): FileOutcome {
  const what = `failed to search and replace in file ${goQuote(shown(name))}`;
  const pattern = compileRe2(o.regex);
  if (typeof pattern === 'string') return { ok: false, message: `${what}:\nfailed to compile regex ${goQuote(o.regex)}:\n${pattern}` };
  const bytes = files.read(name);
  if (bytes === undefined) return { ok: false, message: `${what}:\nfailed to read file ${goQuote(shown(name))} to apply overlay` };
  const text = decodeText(bytes);
  const replaced = replaceAllLiteral(pattern, text, o.replacement);
  if (replaced === text) {
    return { ok: false, didNotApply: true, message: `${DID_NOT_APPLY}: regex ${goQuote(o.regex)} does not match content in file ${goQuote(goBase(name))}` };
  }
  files.write(name, replaced);
  return { ok: true };
}

function addFile(o: Overlay, files: SidecarFiles, readSource: SourceReader, file: string): OverlayOutcome {
  // Checked before the source is read: a target outside the sources directory is never written (os.Root's verdict).
  const target = sourcesTarget(file);
  if (!target.ok && target.escapes) {
    return { ok: false, message: `failed to check for existence of file ${goQuote(file)}:\nstat ${goQuote(goClean(file))}:\nstatat ${goClean(file)}: ${target.reason}` };
  }
  // The sources directory itself exists, so azldev's existence check refuses it.
  if (!target.ok) return { ok: false, message: `cannot add overlay file ${goQuote(file)} because it already exists (${target.reason})` };
  const name = target.name;
  if (files.has(name)) return { ok: false, message: `cannot add overlay file ${goQuote(file)} because it already exists` };
  const content = o.source === '' ? undefined : readSource(o.source);
  if (content === undefined) {
    return { ok: false, message: `failed to copy overlay file from ${goQuote(o.source)} to ${goQuote(file)}:\nopen ${o.source}: no such file or directory` };
  }
  files.write(name, content);
  return { ok: true };
}
