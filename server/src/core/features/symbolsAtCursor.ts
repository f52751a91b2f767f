// What the text at a cursor names in azldev terms — a component, a group member, an include glob, a
// path, a distro reference — so definition, references, hover and the effective-config view all read
// the cursor the same way. Works on the model path that nodeAtOffset gives, so half-typed files work too.
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import type { ProjectModel } from '../project/projectModel';
import { enclosingHeaderPath, nodeAtOffset, type ModelNode, type TomlDocument } from '../toml';
import type { NodeAtOffset } from '../toml/navigate';

export type CursorSymbol =
  /** `X` in `[components.X]` (or any key path starting `components.X`). */
  | { kind: 'component'; name: string; span: Span }
  /** A string in a component group's `components` list. */
  | { kind: 'group-member'; name: string; group: string; span: Span }
  /** A glob in `includes`. */
  | { kind: 'include'; pattern: string; span: Span }
  /** A glob in `overlay-files`. */
  | { kind: 'overlay-files'; pattern: string; span: Span }
  /** A binary package in a package group's `packages`; `srpm` from its `# srpm: NAME` comment, when written. */
  | { kind: 'package-member'; name: string; group: string; srpm?: string; span: Span }
  /** A file path value: a local spec's `path`, an overlay's `source` or `file`, an image definition's `path`. */
  | { kind: 'path'; value: string; span: Span }
  /** `name` of a `{ name, version }` distro reference, or a `[distros.X]` key. */
  | { kind: 'distro'; name: string; span: Span }
  /** `version` of a distro reference or a distro's `default-version`. */
  | { kind: 'distro-version'; distro: string; version: string; span: Span };

export interface Cursor {
  file: string;
  doc: TomlDocument;
  at: NodeAtOffset;
  offset: number;
  /** The project holding the file, when it has a root. */
  model?: ProjectModel;
  /** True for a per-file overlay document (`[[overlays]]` at the top). */
  overlayDocument: boolean;
}

/** Reads the document and its project for a feature request; undefined when the file cannot be read. */
export function cursorAt(service: LanguageService, file: string, offset: number): Cursor | undefined {
  const entry = service.cache.get(file);
  if (!entry) return undefined;
  const model = service.projectOf(file);
  const overlayDocument = file.endsWith('.overlay.toml') || (model !== undefined && service.projects.overlayFiles(model.root).includes(file));
  return { file, doc: entry.doc, at: nodeAtOffset(entry.doc, offset), offset, ...(model ? { model } : {}), overlayDocument };
}

function stringScalar(node: ModelNode | undefined): { value: string; span: Span } | undefined {
  return node?.type === 'scalar' && node.syntax.kind === 'string' ? { value: node.syntax.value, span: node.span } : undefined;
}

/** The distro a reference table names, for its `version` key: its own `name`, else the project's default. */
function referencedDistro(cursor: Cursor, tablePath: (string | number)[]): string | undefined {
  let node: ModelNode | undefined = cursor.doc.root;
  for (const seg of tablePath) {
    if (node?.type === 'table' && typeof seg === 'string') node = node.entries.get(seg)?.node;
    else if (node?.type === 'array' && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  const own = node?.type === 'table' ? stringScalar(node.entries.get('name')?.node)?.value : undefined;
  if (own) return own;
  if (!cursor.model) return undefined;
  for (const s of cursor.model.sections.project) {
    const dd = s.entry.node.type === 'table' ? s.entry.node.entries.get('default-distro')?.node : undefined;
    const name = dd?.type === 'table' ? stringScalar(dd.entries.get('name')?.node)?.value : undefined;
    if (name) return name;
  }
  return undefined;
}

/** What the cursor names, or undefined for anything navigation has nothing to say about. */
export function symbolAt(cursor: Cursor): CursorSymbol | undefined {
  const { path, node, onKey } = cursor.at;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const head = path[0];
  if (onKey) {
    if (head === 'components' && path.length === 2 && typeof last === 'string' && cursor.at.entry) {
      return { kind: 'component', name: last, span: cursor.at.entry.keySpan };
    }
    if (head === 'distros' && path.length === 2 && typeof last === 'string' && cursor.at.entry) {
      return { kind: 'distro', name: last, span: cursor.at.entry.keySpan };
    }
    return undefined;
  }
  const str = stringScalar(node);
  if (!str) return undefined;
  if (path.length === 2 && head === 'includes' && !cursor.overlayDocument) return { kind: 'include', pattern: str.value, span: str.span };
  if (typeof last === 'number' && parent === 'components' && head === 'component-groups' && path.length === 4 && typeof path[1] === 'string') {
    return { kind: 'group-member', name: str.value, group: path[1], span: str.span };
  }
  if (typeof last === 'number' && parent === 'overlay-files') return { kind: 'overlay-files', pattern: str.value, span: str.span };
  if (last === 'path' && parent === 'spec') return { kind: 'path', value: str.value, span: str.span };
  if (last === 'path' && parent === 'definition' && head === 'images') return { kind: 'path', value: str.value, span: str.span };
  if (typeof last === 'number' && parent === 'packages' && head === 'package-groups' && path.length === 4 && typeof path[1] === 'string') {
    const srpm = srpmComment(cursor.doc.syntax.text, str.span.end);
    return { kind: 'package-member', name: str.value, group: path[1], ...(srpm ? { srpm } : {}), span: str.span };
  }
  if ((last === 'source' || last === 'file') && typeof parent === 'number' && path[path.length - 3] === 'overlays') return { kind: 'path', value: str.value, span: str.span };
  if (parent === 'default-distro' || parent === 'upstream-distro') {
    if (last === 'name') return { kind: 'distro', name: str.value, span: str.span };
    if (last === 'version') {
      const distro = referencedDistro(cursor, path.slice(0, -1));
      return distro ? { kind: 'distro-version', distro, version: str.value, span: str.span } : undefined;
    }
  }
  if (head === 'distros' && path.length === 3 && last === 'default-version' && typeof path[1] === 'string') {
    return { kind: 'distro-version', distro: path[1], version: str.value, span: str.span };
  }
  return undefined;
}

/**
 * The component a cursor is inside (`[components.X...]` anywhere below X, the header line included, wherever
 * on it), or that a group member names.
 */
export function componentAround(cursor: Cursor): string | undefined {
  const sym = symbolAt(cursor);
  if (sym?.kind === 'component' || sym?.kind === 'group-member') return sym.name;
  const named = (path: readonly (string | number)[] | undefined): string | undefined =>
    path?.[0] === 'components' && typeof path[1] === 'string' && cursor.model?.unions.components.has(path[1]) ? path[1] : undefined;
  // What the text under the cursor names first (a key inside `[components]`'s inline tables), then the
  // table the cursor's line belongs to (its header line, wherever on it, or a blank line in its body).
  return named(cursor.at.path) ?? named(enclosingHeaderPath(cursor.doc, cursor.offset));
}

/** `NAME` from a `# srpm: NAME` comment after `end` on the same line (the tree's package lists carry them). */
function srpmComment(text: string, end: number): string | undefined {
  const nl = text.indexOf('\n', end);
  const rest = text.slice(end, nl < 0 ? text.length : nl);
  return /#\s*srpm:\s*([^\s#,]+)/.exec(rest)?.[1];
}
