// Glob expansion confined to the project: each pattern expanded through a confined view of the file system
// (each real directory once, nothing outside the roots), its matches and its refusals kept per pattern, and
// the refusals, and the matches that are not read, worded as the diagnostic at the pattern that caused them.
import * as path from 'node:path';
import { confineFileSystem, type Refusal } from '../confinement';
import type { CoreDiagnostic, Span } from '../diagnostics';
import type { FileSystem } from '../fs';
import { expandGlob, type GlobError } from '../glob';
import { shownPath, unreadableByStat } from '../unreadableFile';

export interface ConfinedGlob {
  /** Files the absolute pattern matches inside the roots. */
  expand(absPattern: string): string[];
  /** What the expansion of the absolute pattern refused to read. */
  refusalsOf(absPattern: string): Refusal[];
  /** Why the pattern expanded to nothing: malformed (the rules report it) or over the work budget. */
  errorOf(absPattern: string): GlobError | undefined;
}

/** Expands patterns under `roots`, once per pattern for as long as it is kept. */
export function confinedGlob(fs: FileSystem, roots: readonly string[]): ConfinedGlob {
  const memo = new Map<string, { files: string[]; refusals: Refusal[]; error?: GlobError }>();
  const run = (abs: string) => {
    let hit = memo.get(abs);
    if (!hit) {
      const view = confineFileSystem(fs, roots);
      const expanded = expandGlob(view.fs, abs);
      const files = expanded.ok ? expanded.paths.filter((m) => view.admit(m)) : [];
      hit = { files, refusals: view.refusals, ...(expanded.ok ? {} : { error: expanded.error }) };
      memo.set(abs, hit);
    }
    return hit;
  };
  return { expand: (abs) => run(abs).files, refusalsOf: (abs) => run(abs).refusals, errorOf: (abs) => run(abs).error };
}

/** The error at a pattern (`includes`, `overlay-files`) whose expansion refused paths; a refused path inside `projectRoot` is named relative to it. */
export function refusalDiagnostic(file: string, span: Span, field: string, pattern: string, refusals: readonly Refusal[], projectRoot: string): CoreDiagnostic {
  const [first, ...more] = refusals as [Refusal, ...Refusal[]];
  return {
    file,
    span,
    severity: 'error',
    code: 'path-outside-project',
    message: `${field} entry '${pattern}': ${shownPath(projectRoot, first.path)} is not read: it ${first.reason}${more.length ? ` (and ${more.length} more path${more.length === 1 ? '' : 's'})` : ''}. Distro TOML reads files from inside the project only.`,
    data: { field, paths: refusals.map((r) => r.path) },
  };
}

/**
 * The error at a pattern (`overlay-files`) whose matches hold files that are not read: a FIFO, socket or
 * device (a glob matches whatever is not a directory, as doublestar's does) or a file over the size limit.
 * Judged from the type and size alone, so nothing is opened.
 */
export function unreadableMatchDiagnostic(fs: FileSystem, file: string, span: Span, field: string, pattern: string, matches: readonly string[]): CoreDiagnostic | undefined {
  const found: { path: string; why: NonNullable<ReturnType<typeof unreadableByStat>> }[] = [];
  for (const m of matches) {
    const why = unreadableByStat(fs, m);
    if (why) found.push({ path: m, why });
  }
  const [first, ...more] = found;
  if (!first) return undefined;
  return {
    file,
    span,
    severity: 'error',
    code: first.why.code,
    message: `${field} entry '${pattern}': ${path.relative(path.dirname(file), first.path)} ${first.why.message}${more.length ? ` (and ${more.length} more file${more.length === 1 ? '' : 's'} not read)` : ''}`,
    data: { field, paths: found.map((f) => f.path) },
  };
}
