// Walks a project's include tree the way azldev's loader.go does: from the root azldev.toml, each
// `includes` pattern resolved against the including file's directory, depth-first, files in match order.
// azldev keeps one `seen` set for the whole walk, so a file reached twice (a cycle or not) is an error; an
// entry that reaches many files again (`**` over a tree already included) is one finding at that entry.
// Only files under the project root (and, below an extra config file, its directory) are read: a match elsewhere, or
// behind a link that leads elsewhere, is refused at the include that named it, as is a file that cannot be read.
import * as path from 'node:path';
import type { CoreDiagnostic, Span } from '../diagnostics';
import type { DocumentCache } from '../documentCache';
import type { FileSystem } from '../fs';
import type { ModelNode, TomlDocument } from '../toml';
import { appendAll } from '../appendAll';
import { explainUnreadable } from '../unreadableFile';
import { fileSystemSnapshot } from '../fileSystemSnapshot';
import { confinedGlob, refusalDiagnostic } from './confinedGlob';
import { prefetchListings } from './listingPrefetch';

/** A step of a load in steps: a file about to be read, or other work (`listing DIR`, `merging ROOT`). */
export type LoadStep = { file: string } | { work: string };

export interface IncludedFile {
  path: string;
  /** The file and include value that brought it in; undefined for the root. */
  includedBy?: { file: string; span: { start: number; end: number }; pattern: string };
}

export interface IncludeWalk {
  files: IncludedFile[];
  diagnostics: CoreDiagnostic[];
  /** Files an include matched that could not be read (reported at the include): reached, though not loaded. */
  unreadable: string[];
}

/** Include patterns of a document, with the span of each string value. */
export function includePatterns(node: ModelNode | undefined): { pattern: string; span: { start: number; end: number } }[] {
  if (!node || node.type !== 'array') return [];
  const out: { pattern: string; span: { start: number; end: number } }[] = [];
  for (const item of node.items) {
    if (item.type === 'scalar' && item.syntax.kind === 'string') out.push({ pattern: item.syntax.value, span: item.span });
  }
  return out;
}

export function resolveIncludePattern(includingFile: string, pattern: string): string {
  return path.isAbsolute(pattern) ? path.normalize(pattern) : path.join(path.dirname(includingFile), pattern);
}

/** Files one include entry reached that the walk had already entered: on the stack (a cycle), or done. */
interface Again {
  cycles: IncludedFile[];
  repeats: IncludedFile[];
}

/** How many files a finding names before it says "and N more". */
const NAMED_AGAIN = 3;

function quotedList(names: readonly string[], total: number): string {
  const shown = names.map((n) => `'${n}'`);
  const more = total - names.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

/**
 * One finding per kind at the include entry: the files it reached again, counted, the first few named with
 * where each was first included. azldev stops at the first of them; listing each would bury the one fix
 * (narrow or drop the entry) under hundreds of identical lines.
 */
function againDiagnostics(file: string, pattern: string, span: Span, again: Again): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const dir = path.dirname(file);
  const named = (files: IncludedFile[]) => files.slice(0, NAMED_AGAIN);
  const rel = (f: IncludedFile) => path.relative(dir, f.path) || path.basename(f.path);
  const related = (files: IncludedFile[]) =>
    named(files).flatMap((f) => (f.includedBy ? [{ file: f.includedBy.file, span: f.includedBy.span, message: `'${path.relative(path.dirname(f.includedBy.file), f.path)}' first included here` }] : []));
  const { cycles, repeats } = again;
  const finding = (code: 'include-cycle' | 'include-repeated', files: IncludedFile[], message: (list: string) => string): void => {
    if (files.length) out.push({ file, span, severity: 'error', code, message: message(quotedList(named(files).map(rel), files.length)), related: related(files) });
  };
  finding('include-cycle', cycles, (list) => `Circular include: ${list} (matched by '${pattern}') ${cycles.length === 1 ? 'includes' : 'include'} this file; azldev stops with "circular include detected"`);
  finding('include-repeated', repeats, (list) =>
    repeats.length === 1
      ? `${list} (matched by '${pattern}') is already included elsewhere; azldev includes a file only once and stops with "circular include detected"`
      : `Include '${pattern}' reaches ${repeats.length} files that are already included elsewhere: ${list}; azldev includes a file only once and stops with "circular include detected" at the first of them`,
  );
  return out;
}

/** The include tree of the root file, then of each extra config file (azldev's --config-file), with one `seen` set. */
export function walkIncludes(cache: DocumentCache, rootFile: string, extraFiles: readonly string[] = [], onEnter?: (file: string, doc: TomlDocument | undefined) => void): IncludeWalk {
  const steps = walkIncludesStepwise(cache, rootFile, extraFiles, onEnter);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same walk in steps: it pauses before reading each included file, and between the steps of a big file's
 * parse (yielding the file each time: DocumentCache.getStepwise), and between the directories it lists ahead of a
 * `**` entry (yielding `listing DIR`), so a caller can let other work run between the parses of a big tree; the walk
 * is the generator's return value.
 * `onEnter` sees each walked file's document as the walk read it (undefined when unreadable). `shape` is the view of
 * the tree's shape it sees (a fileSystemSnapshot of the cache's file system: by default one of its own; the project
 * service keeps one until the tree's structure changes).
 */
export function* walkIncludesStepwise(cache: DocumentCache, rootFile: string, extraFiles: readonly string[] = [], onEnter?: (file: string, doc: TomlDocument | undefined) => void, shape: FileSystem = fileSystemSnapshot(cache.fs)): Generator<LoadStep, IncludeWalk, void> {
  const files: IncludedFile[] = [];
  const diagnostics: CoreDiagnostic[] = [];
  const unreadable: string[] = [];
  const seen = new Map<string, IncludedFile>();
  const projectRoot = path.dirname(path.resolve(rootFile));

  /** One file being walked: its include entries, and the matches of the entry being followed. */
  interface Frame {
    file: IncludedFile;
    entries: { pattern: string; span: Span }[];
    nextEntry: number;
    /** Where its matches may be: the project, and for an extra config file's tree also that file's directory. */
    roots: readonly string[];
    entry?: { pattern: string; span: Span; matches: string[]; next: number; again: Again };
  }
  // The tree's shape as this walk saw it (`shape`): each directory listed and each path's existence, real path and
  // identity asked once; the directories a `**` entry walks are asked ahead, in steps (listingPrefetch.ts).
  // An explicit stack, not recursion: a chain of thousands of files including the next is still one walk.
  const frames: Frame[] = [];
  const onStack = new Set<string>();
  const enter = (file: IncludedFile, roots: readonly string[]) => {
    seen.set(file.path, file);
    files.push(file);
    onStack.add(file.path);
    const doc = cache.get(file.path)?.doc;
    onEnter?.(file.path, doc);
    const includes = doc?.root.entries.get('includes')?.node;
    frames.push({ file, entries: includePatterns(includes), nextEntry: 0, roots });
  };
  const step = (frame: Frame) => {
    const file = frame.file;
    const entry = frame.entry;
    if (entry && entry.next < entry.matches.length) {
      const { pattern, span } = entry;
      const m = entry.matches[entry.next++] as string;
      const previous = seen.get(m);
      if (previous) {
        (onStack.has(m) ? entry.again.cycles : entry.again.repeats).push(previous);
        return;
      }
      if (!cache.get(m)) {
        const why = explainUnreadable(cache.fs, m);
        const shown = path.relative(path.dirname(file.path), m);
        diagnostics.push({ file: file.path, span, severity: 'error', code: why.code, message: `Include '${pattern}': ${shown} ${why.message}`, data: { field: 'includes', path: m } });
        unreadable.push(m);
        return;
      }
      enter({ path: m, includedBy: { file: file.path, span, pattern } }, frame.roots);
      return;
    }
    if (entry) {
      appendAll(diagnostics, againDiagnostics(file.path, entry.pattern, entry.span, entry.again));
      frame.entry = undefined;
    }
    const next = frame.entries[frame.nextEntry++];
    if (next === undefined) {
      frames.pop();
      onStack.delete(file.path);
      return;
    }
    const abs = resolveIncludePattern(file.path, next.pattern);
    const glob = confinedGlob(shape, frame.roots);
    const refusals = glob.refusalsOf(abs);
    if (refusals.length) diagnostics.push(refusalDiagnostic(file.path, next.span, 'includes', next.pattern, refusals, projectRoot));
    // A malformed pattern is the include rule's to report; an expansion over budget is only known here.
    const error = glob.errorOf(abs);
    if (error?.kind === 'work-limit') {
      diagnostics.push({ file: file.path, span: next.span, severity: 'error', code: 'include-glob-work-limit', message: `Include pattern '${next.pattern}': ${error.message}` });
    }
    frame.entry = { pattern: next.pattern, span: next.span, matches: glob.expand(abs), next: 0, again: { cycles: [], repeats: [] } };
  };
  /**
   * Pauses before `file` is read and between the steps of its parse, and after the last of several (it built the
   * model): what the walk does next is a step of its own. Then the cache holds the document.
   */
  function* read(file: string): Generator<LoadStep, void, void> {
    const step: LoadStep = { file };
    yield step;
    const steps = cache.getStepwise(file);
    let paused = false;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      yield step;
      paused = true;
    }
    if (paused) yield step;
  }
  function* visit(file: IncludedFile, roots: readonly string[]): Generator<LoadStep, void, void> {
    yield* read(file.path);
    enter(file, roots);
    while (frames.length) {
      const frame = frames[frames.length - 1] as Frame;
      // Pause before a match is read for the first time (the steps that parse it).
      const m = frame.entry && frame.entry.next < frame.entry.matches.length ? frame.entry.matches[frame.entry.next] : undefined;
      if (m !== undefined && !seen.has(m)) yield* read(m);
      // The next step expands an entry: the directories a `**` walks are listed first, a few a step.
      const expanding = m === undefined ? frame.entries[frame.nextEntry] : undefined;
      if (expanding) yield* prefetchListings(shape, resolveIncludePattern(frame.file.path, expanding.pattern), frame.roots);
      step(frame);
    }
  }
  yield* visit({ path: path.resolve(rootFile) }, [projectRoot]);
  for (const extra of extraFiles) {
    const abs = path.resolve(extra);
    if (!seen.has(abs)) yield* visit({ path: abs }, [projectRoot, path.dirname(abs)]);
  }
  return { files, diagnostics, unreadable };
}
