// Archive overlay rules from azldev's ValidateArchiveOverlays (component.go), checked within one component:
// a loose-file overlay may not touch an archive that an archive-scoped overlay repacks (certain: both are in
// this table). Whether archive overlays and `source-files` entries of `origin.type = "overlay"` pair up is
// decided on the resolved component, where defaults and overlay files may add either half:
// project/archivePairing.ts.
import type { Span } from '../diagnostics';
import type { ModelTable } from '../toml';
import type { ComponentConfigSite } from './componentConfigs';
import type { DiagnosticSink } from './diagnosticSink';
import { pathMatch } from '../glob';
import { filenameProblem, goBase, isArchiveName } from './goPaths';
import { childArray, childTable, readString, stringValue, tablesOf } from './modelValues';

const LOOSE_TYPES = new Set(['file-prepend-lines', 'file-search-replace', 'file-add', 'file-remove', 'file-rename', 'patch-add', 'patch-remove']);

interface OverlayFacts {
  table: ModelTable;
  type: string;
  file?: string;
  archive?: string;
  source?: string;
  replacement?: string;
}

function facts(table: ModelTable): OverlayFacts | undefined {
  const type = stringValue(readString(table, 'type'));
  if (type === undefined) return undefined;
  const f: OverlayFacts = { table, type };
  const file = stringValue(readString(table, 'file'));
  const archive = stringValue(readString(table, 'archive'));
  const source = stringValue(readString(table, 'source'));
  const replacement = stringValue(readString(table, 'replacement'));
  if (file !== undefined) f.file = file;
  if (archive !== undefined) f.archive = archive;
  if (source !== undefined) f.source = source;
  if (replacement !== undefined) f.replacement = replacement;
  return f;
}

function modifiesArchive(o: OverlayFacts): boolean {
  return (o.type === 'file-remove' || o.type === 'file-search-replace') && o.archive !== undefined && o.file !== undefined;
}

/** An archive name the overlay rules already reject is not paired or compared again. */
function validArchive(o: OverlayFacts): boolean {
  return o.archive !== undefined && isArchiveName(o.archive) && filenameProblem(o.archive) === undefined;
}

/** TargetsLooseFile: whether a loose-file overlay can modify the sources-tree file `name`. */
function targetsLooseFile(o: OverlayFacts, name: string): boolean {
  if (!LOOSE_TYPES.has(o.type) || modifiesArchive(o)) return false;
  if (o.type === 'file-add' || o.type === 'patch-add') {
    if (o.source === undefined) return false;
    return (o.file ?? goBase(o.source)) === name;
  }
  if (o.type === 'file-rename' && o.replacement === name) return true;
  if (o.file === undefined) return false;
  // azldev's TargetsLooseFile returns doublestar's error for a malformed pattern; the overlay rules report it.
  const m = pathMatch(o.file, name);
  return m.ok && m.matched;
}

/** The archive an overlay repacks (a file-remove or file-search-replace with a valid `archive` and a `file`), where its name is written. */
export function archiveOverlayTarget(table: ModelTable): { archive: string; span: Span } | undefined {
  const o = facts(table);
  if (!o || !modifiesArchive(o) || !validArchive(o)) return undefined;
  const read = readString(table, 'archive');
  return { archive: o.archive as string, span: read.state === 'value' ? read.span : table.span };
}

export function checkArchiveOverlays(sink: DiagnosticSink, site: ComponentConfigSite): void {
  if (site.kind !== 'component') return;
  // Most components write no overlays: nothing to allocate for them.
  const written = childArray(site.table, 'overlays');
  if (!written) return;
  const overlays = tablesOf(written)
    .map(({ table }) => facts(table))
    .filter((o): o is OverlayFacts => o !== undefined);
  const archives = new Map<string, OverlayFacts>();
  for (const o of overlays) if (modifiesArchive(o) && validArchive(o) && !archives.has(o.archive!)) archives.set(o.archive!, o);

  for (const [archive] of archives) {
    for (const o of overlays) {
      if (!targetsLooseFile(o, archive)) continue;
      const file = readString(o.table, 'file');
      sink.error(
        file.state === 'value' ? file.span : o.table.span,
        'archive-overlay-loose-conflict',
        `loose-file \`${o.type}\` overlay targets archive \`${archive}\`, which is also modified by an archive-scoped overlay; ` +
          'an archive and its contents cannot be modified through both overlay scopes: drop one of them.',
        { archive, overlayType: o.type },
      );
    }
  }
}
