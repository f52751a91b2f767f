// azldev's render keeps only the files spectool lists for the spec (Source/Patch tags, %sourcelist and
// %patchlist), the spec and `sources` (render.go removeUnreferencedFiles). spectool expands rpm macros; here the
// spec's own %global/%define and its Name/Version/Release stand in, and like azldev, when a name still holds a
// macro the pruning is skipped and every file kept.
import { expandMacros, type SpecEditor } from '../spec';
import { goTrimSpace } from '../spec/goText';
import type { SidecarFiles } from '../overlays';

/** Top-level names to keep, or undefined when some reference cannot be expanded. */
export function referencedTopLevelNames(spec: SpecEditor): Set<string> | undefined {
  const doc = spec.document;
  const scope = new Map<string, string>();
  for (const m of doc.macros) {
    if (m.keyword === '%undefine') scope.delete(m.name);
    else if (m.params === undefined) scope.set(m.name, m.body);
  }
  for (const t of doc.tags) {
    const key = t.name.toLowerCase();
    if (t.package === '' && (key === 'name' || key === 'version' || key === 'release') && !scope.has(key)) scope.set(key, t.value);
  }
  const refs: string[] = [];
  for (const t of doc.tags) if (/^(source|patch)[0-9]*$/i.test(t.name)) refs.push(t.value);
  for (const line of doc.lines) {
    const section = doc.sections[line.section]?.name;
    if (line.kind !== 'sectionStart' && (section === '%sourcelist' || section === '%patchlist')) {
      const entry = goTrimSpace(line.text);
      if (entry !== '' && !entry.startsWith('#')) refs.push(entry);
    }
  }
  const keep = new Set<string>();
  for (const ref of refs) {
    const expanded = goTrimSpace(expandMacros(ref, scope));
    if (expanded.includes('%')) return undefined;
    const name = expanded.includes('://') ? expanded.slice(expanded.lastIndexOf('/') + 1) : expanded;
    keep.add(name.split('/')[0] as string);
  }
  keep.add('sources');
  return keep;
}

/** Removes unreferenced files; says whether every file had to be kept, and a note saying what happened. */
export function pruneUnreferencedFiles(spec: SpecEditor, files: SidecarFiles): { kept: 'all' | 'referenced'; note: string } {
  const keep = referencedTopLevelNames(spec);
  if (keep === undefined) return { kept: 'all', note: 'every sidecar file is kept: a Source or Patch name uses a macro this preview cannot expand; azldev prunes them with spectool, which expands every macro' };
  const dropped = files.names().filter((n) => !keep.has(n.split('/')[0] as string));
  for (const n of dropped) files.remove(n);
  return { kept: 'referenced', note: dropped.length ? `files the spec does not reference were left out, as azldev's render does: ${dropped.join(', ')}` : '' };
}
