// Walks a project's include tree the way azldev's loader.go does: from the root azldev.toml, each
// `includes` pattern resolved against the including file's directory, depth-first, files in match order.
// azldev keeps one `seen` set for the whole walk, so a file reached twice (a cycle or not) is an error.
import * as path from 'node:path';
import type { CoreDiagnostic } from '../diagnostics';
import type { DocumentCache } from '../documentCache';
import type { ModelNode } from '../toml';
import { expandGlob } from '../glob';

export interface IncludedFile {
  path: string;
  /** The file and include value that brought it in; undefined for the root. */
  includedBy?: { file: string; span: { start: number; end: number }; pattern: string };
}

export interface IncludeWalk {
  files: IncludedFile[];
  diagnostics: CoreDiagnostic[];
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

/** The include tree of the root file, then of each extra config file (azldev's --config-file), with one `seen` set. */
export function walkIncludes(cache: DocumentCache, rootFile: string, extraFiles: readonly string[] = []): IncludeWalk {
  const files: IncludedFile[] = [];
  const diagnostics: CoreDiagnostic[] = [];
  const seen = new Map<string, IncludedFile>();
  const stack: string[] = [];

  const visit = (file: IncludedFile) => {
    seen.set(file.path, file);
    files.push(file);
    stack.push(file.path);
    const cached = cache.get(file.path);
    const includes = cached?.doc.root.entries.get('includes')?.node;
    for (const { pattern, span } of includePatterns(includes)) {
      const abs = resolveIncludePattern(file.path, pattern);
      const expanded = expandGlob(cache.fs, abs);
      // A malformed pattern is the include rule's to report; an expansion over budget is only known here.
      if (!expanded.ok && expanded.error.kind === 'work-limit') {
        diagnostics.push({ file: file.path, span, severity: 'error', code: 'include-glob-work-limit', message: `Include pattern '${pattern}': ${expanded.error.message}` });
      }
      const matches = expanded.ok ? expanded.paths : [];
      for (const m of matches) {
        const previous = seen.get(m);
        if (previous) {
          const cycle = stack.includes(m);
          diagnostics.push({
            file: file.path,
            span,
            severity: 'error',
            code: cycle ? 'include-cycle' : 'include-repeated',
            message: cycle
              ? `Circular include: '${path.relative(path.dirname(file.path), m)}' (matched by '${pattern}') includes this file; azldev stops with "circular include detected"`
              : `'${path.relative(path.dirname(file.path), m)}' (matched by '${pattern}') is already included elsewhere; azldev includes a file only once and stops with "circular include detected"`,
            related: previous.includedBy ? [{ file: previous.includedBy.file, span: previous.includedBy.span, message: 'first included here' }] : [],
          });
          continue;
        }
        visit({ path: m, includedBy: { file: file.path, span, pattern } });
      }
    }
    stack.pop();
  };
  visit({ path: path.resolve(rootFile) });
  for (const extra of extraFiles) if (!seen.has(path.resolve(extra))) visit({ path: path.resolve(extra) });
  return { files, diagnostics };
}
