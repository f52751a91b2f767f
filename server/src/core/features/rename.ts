// Rename a component (F2): every key naming it in the file that defines it (its header, the headers of
// its sub-tables and overlays, dotted and inline forms under [components]) and every component-group
// member naming it, as one workspace edit. The rename keeps what azldev builds: a component that took its
// Fedora source package from its own name gets `upstream-name` set to the old name, so the same upstream
// spec is fetched. Refused, with the reason, where the result would not load or would be ambiguous.
import type { Span } from '../diagnostics';
import type { LanguageService } from '../languageService';
import { effectiveComponent } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import type { KeyNode, KeyValueNode, ModelNode, TomlDocument } from '../toml';
import type { OffsetEdit } from './completion';
import { insertKey } from './codeActionsEdits';
import { tomlKey } from './effectiveConfigViewToml';
import { componentReferences } from './references';
import { cursorAt, symbolAt } from './symbolsAtCursor';

export type PrepareRename = { ok: true; span: Span; name: string } | { ok: false; reason: string };
export type RenameResult = { ok: true; edits: Record<string, OffsetEdit[]> } | { ok: false; reason: string };

/**
 * The names a rename writes: an RPM-like name (letters, digits, `._+-`, not starting with `.` or `-`),
 * stricter than azldev's own rule (filenameProblem), which it also passes.
 */
const NAME = /^[A-Za-z0-9_+][A-Za-z0-9._+-]*$/;

export function prepareRename(service: LanguageService, file: string, offset: number): PrepareRename {
  const cursor = cursorAt(service, file, offset);
  const sym = cursor && symbolAt(cursor);
  if (!cursor?.model || (sym?.kind !== 'component' && sym?.kind !== 'group-member')) return { ok: false, reason: 'Only a component can be renamed: put the cursor on its name in a [components.NAME] header or a group member.' };
  if (!cursor.model.unions.components.has(sym.name)) return { ok: false, reason: `No component \`${sym.name}\` is defined in this project.` };
  return { ok: true, span: sym.span, name: sym.name };
}

/** Key segments naming component `name` in a document: `[components.NAME…]` headers, dotted and inline keys. */
function nameSegments(doc: TomlDocument, name: string): Span[] {
  const spans: Span[] = [];
  const at = (key: KeyNode | undefined, index: number) => {
    const seg = key?.segments[index];
    if (seg && seg.value === name && !seg.missing) spans.push(seg.span);
  };
  const keyPairs = (entries: readonly KeyValueNode[], prefix: readonly string[]) => {
    for (const kv of entries) {
      const segs = kv.key.segments.map((s) => s.value);
      const full = [...prefix, ...segs];
      if (full[0] === 'components' && full[1] === name) at(kv.key, 1 - prefix.length);
      else if (full.length === 1 && full[0] === 'components' && kv.value?.kind === 'inline-table') {
        for (const inner of kv.value.entries) if (inner.key.segments[0]?.value === name) at(inner.key, 0);
      }
    }
  };
  keyPairs(doc.syntax.rootEntries, []);
  for (const table of doc.syntax.tables) {
    const segs = table.key?.segments.map((s) => s.value) ?? [];
    if (segs[0] !== 'components') continue;
    if (segs[1] === name) at(table.key, 1);
    else if (segs.length === 1) keyPairs(table.entries, segs);
  }
  return spans;
}

function ownUpstreamName(model: ProjectModel, name: string): boolean {
  const eff = effectiveComponent(model, name);
  const spec = eff?.config.entries.get('spec');
  // No spec settings anywhere: an upstream component named after its Fedora package.
  if (spec === undefined) return true;
  if (spec.kind !== 'table') return false;
  const type = spec.entries.get('type');
  const upstreamName = spec.entries.get('upstream-name');
  const isUpstream = type === undefined || (type.kind === 'value' && type.value === 'upstream');
  return isUpstream && !(upstreamName?.kind === 'value' && typeof upstreamName.value === 'string' && upstreamName.value !== '');
}

/** The edit that writes `upstream-name = "OLD"` (with `type = "upstream"` where the file has no type) into the component's spec. */
function upstreamNameEdit(doc: TomlDocument, text: string, node: ModelNode, old: string): OffsetEdit | undefined {
  const spec = node.type === 'table' ? node.entries.get('spec')?.node : undefined;
  const name = `upstream-name = ${JSON.stringify(old)}`;
  if (spec === undefined) return insertKey(doc, ['components', old], 'spec', `{ type = "upstream", ${name} }`);
  if (spec.type !== 'table') return undefined;
  const pairs = spec.entries.has('type') ? name : `type = "upstream", ${name}`;
  if (spec.origin !== 'inline') {
    const withType = spec.entries.has('type') ? undefined : insertKey(doc, ['components', old, 'spec'], 'type', '"upstream"');
    const withName = insertKey(doc, ['components', old, 'spec'], 'upstream-name', JSON.stringify(old));
    if (!withName) return undefined;
    // Both go at the same place: one edit holding both lines.
    return withType && withType.start === withName.start ? { ...withName, newText: withType.newText + withName.newText } : withType ? undefined : withName;
  }
  if (spec.syntax?.kind !== 'inline-table') return undefined;
  // `spec = { … }`: add the pairs inside the braces, after the last one.
  const close = spec.syntax.span.end - 1;
  let last = close - 1;
  while (last > spec.syntax.span.start && /\s/.test(text.charAt(last))) last--;
  const empty = last === spec.syntax.span.start;
  return { start: last + 1, end: last + 1, newText: `${empty ? ' ' : ', '}${pairs}${empty ? ' ' : ''}` };
}

export function renameComponent(service: LanguageService, file: string, offset: number, newName: string): RenameResult {
  const prepared = prepareRename(service, file, offset);
  if (!prepared.ok) return prepared;
  const model = service.projectOf(file) as ProjectModel;
  const old = prepared.name;
  if (newName === old) return { ok: true, edits: {} };
  if (!NAME.test(newName)) return { ok: false, reason: `\`${newName}\` is not a component name azldev can use: letters, digits and . _ + - only, not starting with . or -.` };
  if (model.unions.components.has(newName)) return { ok: false, reason: `A component \`${newName}\` is already defined; renaming would define it twice.` };
  const def = model.unions.components.get(old);
  const entry = def && service.cache.get(def.file);
  if (!def || !entry) return { ok: false, reason: `The file defining \`${old}\` cannot be read.` };

  const edits: Record<string, OffsetEdit[]> = {};
  const add = (f: string, e: OffsetEdit) => (edits[f] ??= []).push(e);
  const segments = nameSegments(entry.doc, old);
  if (!segments.length) return { ok: false, reason: `The definition of \`${old}\` is written in a form the rename cannot rewrite.` };
  for (const span of segments) add(def.file, { ...span, newText: tomlKey(newName) });
  for (const ref of componentReferences(model, old, false)) {
    if (ref.kind === 'group-member') add(ref.file, { ...ref.span, newText: JSON.stringify(newName) });
  }
  // The Fedora package stays the same: a component that took it from its own name now names it. azldev
  // validates each file's spec table on its own (upstream-name is excluded unless type is "upstream" in
  // the same table), so the type is written beside it when the file does not have it yet.
  if (ownUpstreamName(model, old)) {
    const edit = upstreamNameEdit(entry.doc, entry.text, def.node, old);
    if (!edit) return { ok: false, reason: `\`${old}\` takes its Fedora source package from its name, and \`upstream-name\` cannot be added where its spec is written; add \`upstream-name = "${old}"\` first.` };
    add(def.file, edit);
  }
  for (const list of Object.values(edits)) list.sort((a, b) => a.start - b.start);
  return { ok: true, edits };
}
