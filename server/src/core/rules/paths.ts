// Paths that must exist: literal `includes` and `overlay-files` entries (azldev fails on a literal that
// matches no file, while a glob may match nothing), a local spec's `path`, and every overlay `source`.
// All are relative to the directory of the file that writes them (for overlay files, the overlay file),
// and entries of `includes`, `overlay-files` and group `specs` must not be empty. A spec `path` or overlay
// `source` that leaves the project (as written or through a link) is refused: it is never read.
import * as nodePath from 'node:path';
import { checkConfined } from '../confinement';
import type { Span } from '../diagnostics';
import type { FileSystem } from '../fs';
import { containsPattern, validatePattern } from '../glob';
import { shownPath, unreadableByStat } from '../unreadableFile';
import type { ModelTable } from '../toml';
import { overlaysOf, sitesWithPathsOrOverlays, type ComponentConfigSite } from './componentConfigs';
import type { DiagnosticSink } from './diagnosticSink';
import { childArray, childTable, namedTables, readArray, readString, stringItems, tablesOf } from './modelValues';

export interface PathContext {
  sink: DiagnosticSink;
  fs: FileSystem;
  /** Directory relative paths are resolved against. */
  dir: string;
  /** The project root; files are read only below it (none: the file is in no project, and nothing it names is read). */
  projectRoot?: string;
}

/** Reports a path that leaves the project; true when it does. */
function outsideProject(ctx: PathContext, span: Span, field: string, value: string, resolved: string, what: string): boolean {
  if (ctx.projectRoot === undefined) return false;
  const verdict = checkConfined(ctx.fs, [ctx.projectRoot], resolved);
  if (verdict.ok) return false;
  ctx.sink.error(
    span,
    'path-outside-project',
    `${what} \`${value}\` is not read: it ${verdict.reason}. Distro TOML reads files from inside the project only; move the file into the project and name it by a relative path.`,
    { field, path: value, resolved },
  );
  return true;
}

function resolve(ctx: PathContext, p: string): string {
  return nodePath.isAbsolute(p) ? nodePath.normalize(p) : nodePath.join(ctx.dir, p);
}

function isFile(ctx: PathContext, p: string): boolean {
  return ctx.fs.exists(p) && !ctx.fs.isDirectory(p);
}

/**
 * Reports a file that is there but is a FIFO, socket or device (never opened; azldev would open it and, for a
 * FIFO, wait without end); true when it is one. Judged by its type alone: nothing is opened.
 */
function notRegular(ctx: PathContext, span: Span, field: string, value: string, resolved: string, what: string): boolean {
  const why = unreadableByStat(ctx.fs, resolved);
  if (why?.code !== 'file-not-regular') return false;
  ctx.sink.error(span, 'file-not-regular', `${what} \`${value}\` ${why.message}`, { field, path: value });
  return true;
}

function notFound(ctx: PathContext, span: Span, field: string, value: string, resolved: string, what: string): void {
  // Named relative to the project: the absolute path would put the machine's folders in CI logs.
  const shown = shownPath(ctx.projectRoot ?? ctx.dir, resolved);
  ctx.sink.error(
    span,
    'path-not-found',
    `${what} \`${value}\` does not exist (looked for ${shown}); ${field === 'includes' || field === 'overlay-files' ? 'azldev fails on a literal path that matches no file: fix the path, or use a glob pattern' : 'fix the path (it is relative to this file)'}.`,
    { field, path: value, resolved },
  );
}

/** azldev's error for a pattern doublestar rejects (loader.go: includes, overlay_file.go: overlay-files, resolver.go: group specs). */
function malformedMessage(ctx: PathContext, key: string, pattern: string): string {
  const azldev =
    key === 'includes'
      ? `failed to expand include pattern '${pattern}' in config file '${nodePath.basename(ctx.sink.file)}': syntax error in pattern`
      : key === 'specs'
        ? `failed to expand spec pattern \`${pattern}\`: syntax error in pattern`
        : `failed to scan for overlay files matching ${JSON.stringify(pattern)}: syntax error in pattern`;
  return `${azldev}. A glob's \`[\` class must be closed and not empty, \`{\` and \`}\` must pair up, and a \`\\\` must escape a character: escape a literal bracket or brace as \`\\[\`, \`\\{\`.`;
}

/** `includes` / `overlay-files`: empty entries are rejected; malformed patterns too; literal entries must name an existing file. */
function checkPatternList(ctx: PathContext, table: ModelTable | undefined, key: string, what: string, checkLiterals: boolean): void {
  const list = readArray(table, key);
  if (list.state !== 'value') return;
  for (const item of stringItems(list.value)) {
    if (item.value === '') {
      ctx.sink.error(item.span, 'config-empty-entry', `\`${key}\` entries must not be empty; remove the empty string.`, { field: key, index: item.index });
      continue;
    }
    // doublestar.Glob validates the whole pattern before it reads a directory: azldev stops on the first bad one.
    if (!validatePattern(item.value)) {
      ctx.sink.error(item.span, 'glob-pattern-invalid', malformedMessage(ctx, key, item.value), { field: key, pattern: item.value });
      continue;
    }
    // Braces and escapes are glob syntax to doublestar too, so such an entry may legitimately match other names.
    if (!checkLiterals || containsPattern(item.value) || /[{\\]/.test(item.value)) continue;
    const resolved = resolve(ctx, item.value);
    if (!isFile(ctx, resolved)) notFound(ctx, item.span, key, item.value, resolved, what);
  }
}

function checkOverlaySource(ctx: PathContext, overlay: ModelTable): void {
  const source = readString(overlay, 'source');
  if (source.state !== 'value' || source.value === '') return;
  const resolved = resolve(ctx, source.value);
  if (outsideProject(ctx, source.span, 'source', source.value, resolved, 'overlay source file')) return;
  if (!isFile(ctx, resolved)) notFound(ctx, source.span, 'source', source.value, resolved, 'overlay source file');
  else notRegular(ctx, source.span, 'source', source.value, resolved, 'overlay source file');
}

export function checkConfigPaths(ctx: PathContext, root: ModelTable): void {
  checkPatternList(ctx, root, 'includes', 'include file', true);
  for (const { name, table } of namedTables(childTable(root, 'component-groups'))) {
    const specs = readArray(table, 'specs');
    if (specs.state !== 'value') continue;
    for (const item of stringItems(specs.value)) {
      if (item.value === '') {
        ctx.sink.error(item.span, 'config-empty-entry', `\`specs\` entries of component group \`${name}\` must not be empty; remove the empty string.`, { field: 'specs', index: item.index });
      } else if (!validatePattern(item.value)) {
        ctx.sink.error(item.span, 'glob-pattern-invalid', malformedMessage(ctx, 'specs', item.value), { field: 'specs', pattern: item.value });
      }
    }
  }
  // Only the sites that name a path: most components name none (7,400 in components.toml, each keystroke). By index:
  // a for-of here ran unoptimized (once per keystroke) and made an iterator result per site.
  const sites = sitesWithPathsOrOverlays(root);
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i] as ComponentConfigSite;
    // Inherited overlay-files are resolved from each concrete component's directory, so only a component's own
    // literals can be checked here; the validator also skips distro versions' defaults.
    if (site.kind !== 'distro-default') checkPatternList(ctx, site.table, 'overlay-files', 'overlay file', site.kind === 'component');
    const spec = childTable(site.table, 'spec');
    const type = readString(spec, 'type');
    const path = readString(spec, 'path');
    if (type.state === 'value' && type.value === 'local' && path.state === 'value' && path.value !== '') {
      const resolved = resolve(ctx, path.value);
      if (!outsideProject(ctx, path.span, 'path', path.value, resolved, 'local spec')) {
        if (!isFile(ctx, resolved)) notFound(ctx, path.span, 'path', path.value, resolved, 'local spec');
        else notRegular(ctx, path.span, 'path', path.value, resolved, 'local spec');
      }
    }
    for (const { table } of overlaysOf(site)) checkOverlaySource(ctx, table);
  }
}

export function checkOverlayFilePaths(ctx: PathContext, root: ModelTable): void {
  for (const { table } of tablesOf(childArray(root, 'overlays'))) checkOverlaySource(ctx, table);
}
