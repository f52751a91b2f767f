// Go to definition: from an include or overlay-files glob to every file it matches (in azldev's match
// order), from a group member to its [components.X], from a package-group member to the component that
// builds it, from a spec path, an image definition path or an overlay source/file to the file, from a
// distro reference to the [distros.X] table or the version under it.
import * as path from 'node:path';
import { checkConfined } from '../confinement';
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import { confinedGlob } from '../project/confinedGlob';
import { resolveIncludePattern } from '../project/includes';
import { distroVersions } from '../project/projectModel';
import { findProjectRoot } from '../project/root';
import { cursorAt, symbolAt, type Cursor } from './symbolsAtCursor';

export interface DefinitionTarget {
  file: string;
  /** The whole definition (a header, a key/value); an empty span at 0 for a file. */
  span: Span;
  /** The name within it (the key); equal to `span` for a file. */
  selectionSpan: Span;
}

export interface DefinitionResult {
  /** The text the request started from (the string or key under the cursor). */
  originSpan: Span;
  targets: DefinitionTarget[];
}

const WHOLE_FILE: Span = { start: 0, end: 0 };

function fileTarget(file: string): DefinitionTarget {
  return { file, span: WHOLE_FILE, selectionSpan: WHOLE_FILE };
}

/**
 * Regular files a glob or literal path matches, relative to `base` (a file whose directory anchors it). A glob
 * matches a FIFO or a device too (it is reported at the pattern); the editor would open it, so it is no target.
 */
function matchFiles(service: LanguageService, base: string, pattern: string): string[] {
  const fs = service.cache.fs;
  const abs = resolveIncludePattern(base, pattern);
  return confinedGlob(fs, [findProjectRoot(fs, base) ?? path.dirname(base)]).expand(abs).filter((f) => (fs.stat?.(f)?.kind ?? 'file') === 'file');
}

/**
 * azldev reads overlay-document `source` values relative to that document, other paths relative to the config file.
 * Only a file inside the project (as written and with links resolved) is a target: the editor opens what it is given.
 */
function pathTargets(service: LanguageService, cursor: Cursor, value: string): DefinitionTarget[] {
  const fs = service.cache.fs;
  const abs = path.isAbsolute(value) ? path.normalize(value) : path.join(path.dirname(cursor.file), value);
  const root = findProjectRoot(fs, cursor.file) ?? path.dirname(cursor.file);
  if (!checkConfined(fs, [root], abs).ok) return [];
  return fs.exists(abs) && !fs.isDirectory(abs) ? [fileTarget(abs)] : [];
}

export function findDefinition(service: LanguageService, file: string, offset: number): DefinitionResult | undefined {
  const cursor = cursorAt(service, file, offset);
  if (!cursor) return undefined;
  const sym = symbolAt(cursor);
  if (!sym) return undefined;
  const model = cursor.model;
  let targets: DefinitionTarget[] = [];
  switch (sym.kind) {
    case 'include':
    case 'overlay-files':
      targets = matchFiles(service, file, sym.pattern).map(fileTarget);
      break;
    case 'path':
      targets = pathTargets(service, cursor, sym.value);
      break;
    case 'group-member': {
      const def = model?.unions.components.get(sym.name);
      if (def) targets = [{ file: def.file, span: def.definitionSpan, selectionSpan: def.keySpan }];
      break;
    }
    case 'package-member': {
      // The component that builds it: its source package (the `# srpm:` comment), else a component of its own name.
      const def = model?.unions.components.get(sym.srpm ?? sym.name) ?? model?.unions.components.get(sym.name);
      if (def) targets = [{ file: def.file, span: def.definitionSpan, selectionSpan: def.keySpan }];
      break;
    }
    case 'component':
      return undefined;
    case 'distro':
      targets = (model?.distros.get(sym.name) ?? []).map((d) => ({ file: d.file, span: d.definitionSpan, selectionSpan: d.keySpan }));
      // On the [distros.X] key itself the definition is where the cursor already is.
      if (cursor.at.onKey) return undefined;
      break;
    case 'distro-version':
      targets = model ? (distroVersions(model, sym.distro).get(sym.version) ?? []).map((v) => ({ file: v.file, span: v.entry.definitionSpan, selectionSpan: v.entry.keySpan })) : [];
      break;
  }
  return targets.length ? { originSpan: sym.span, targets } : undefined;
}
