// Package names completed from the package index: Fedora source names in `[components.|` (names the project
// does not use yet first) and in `upstream-name`, capabilities in a dependency-tag overlay's `value` (the
// word at the cursor), binary names in a package group's `packages`. Prefix matches first, then fuzzy ones.
import type { PackageIndex, NameKind } from '../packages/queries';
import { childArray, childTable, namedTables, readString, stringValue, tablesOf } from '../rules/modelValues';
import { DEPENDENCY_TAGS, normalTag, TAG_OVERLAYS } from '../packageRules/packageReferences';
import type { ModelTable, TomlDocument } from '../toml';
import type { CoreCompletionItem, CoreCompletionList } from './completion';

const LIMIT = 100;

interface Slot {
  kind: NameKind;
  /** Offsets of the partial name the completion replaces. */
  start: number;
  end: number;
  prefix: string;
  what: string;
}

const NAME_CHAR = /[A-Za-z0-9_.+\-:/()]/;

function within(table: ModelTable, key: string, offset: number): boolean {
  const node = table.entries.get(key)?.node;
  return node !== undefined && node.span.start < offset && offset <= node.span.end;
}

/** The partial name before `offset` inside a string: back to the quote or a separator. */
function wordBefore(text: string, offset: number, separators: RegExp): { start: number; prefix: string } {
  let start = offset;
  while (start > 0 && !separators.test(text[start - 1] as string) && text[start - 1] !== '"' && text[start - 1] !== "'") start--;
  return { start, prefix: text.slice(start, offset) };
}

function slotAt(doc: TomlDocument, text: string, offset: number): Slot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const header = /^\s*\[\[?\s*components\.([A-Za-z0-9_.+-]*)$/.exec(text.slice(lineStart, offset));
  if (header) return { kind: 'source', start: offset - (header[1] as string).length, end: offset, prefix: header[1] as string, what: 'Fedora source package' };
  for (const { table } of namedTables(childTable(doc.root, 'components'))) {
    const spec = childTable(table, 'spec');
    if (spec && within(spec, 'upstream-name', offset)) {
      const w = wordBefore(text, offset, /\s/);
      return { kind: 'source', start: w.start, end: offset, prefix: w.prefix, what: 'Fedora source package' };
    }
    for (const { table: overlay } of tablesOf(childArray(table, 'overlays'))) {
      const type = stringValue(readString(overlay, 'type'));
      const tag = stringValue(readString(overlay, 'tag'));
      if (!type || !TAG_OVERLAYS.has(type) || !tag || !DEPENDENCY_TAGS.has(normalTag(tag)) || !within(overlay, 'value', offset)) continue;
      const w = wordBefore(text, offset, /[\s,(]/);
      return { kind: 'binary', start: w.start, end: offset, prefix: w.prefix, what: `${tag} capability` };
    }
  }
  for (const { table } of namedTables(childTable(doc.root, 'package-groups'))) {
    if (!within(table, 'packages', offset)) continue;
    const w = wordBefore(text, offset, /[\s,[]/);
    if (w.start === 0 || (text[w.start - 1] !== '"' && text[w.start - 1] !== "'")) return undefined;
    return { kind: 'binary', start: w.start, end: offset, prefix: w.prefix, what: 'binary package' };
  }
  return undefined;
}

/** Completion items for a package name at `offset`, or undefined when the cursor is not at one. */
export function packageCompletion(doc: TomlDocument, text: string, offset: number, index: PackageIndex, usedSources: ReadonlySet<string>): CoreCompletionList | undefined {
  const slot = slotAt(doc, text, offset);
  if (!slot || !slot.prefix.split('').every((c) => NAME_CHAR.test(c))) return undefined;
  const names = index.complete(slot.prefix, slot.kind, LIMIT);
  const fuzzy = slot.prefix.length >= 3 && names.length < 20 ? index.fuzzy(slot.prefix, slot.kind, 20).filter((n) => !names.includes(n)) : [];
  const items: CoreCompletionItem[] = [];
  const add = (name: string, rank: number, detail: string): void => {
    items.push({ label: name, kind: 'reference', detail, edit: { start: slot.start, end: slot.end, newText: name }, filterText: slot.prefix && rank === 2 ? slot.prefix : name, sortText: `${rank}${name}` });
  };
  for (const n of names) {
    const used = slot.kind === 'source' && usedSources.has(n);
    add(n, used ? 1 : 0, used ? `${slot.what} (already a component)` : slot.what);
  }
  for (const n of fuzzy) add(n, 2, slot.what);
  return { items, isIncomplete: names.length >= LIMIT || fuzzy.length > 0 };
}
