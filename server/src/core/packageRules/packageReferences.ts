// Every place a config file names a package: components (`[components.NAME]`) and `upstream-name` (Fedora
// source packages), the values of dependency-tag overlays (capabilities, several per value, rich
// dependencies opened up) and package-group entries (binary names, with the `# srpm:` comment beside them).
// Offsets are those of the name itself, inside the quotes when it is a string.
import type { Span } from '../diagnostics';
import { parseDependencies } from '../packages/depString';
import { ownString } from '../text/ownString';
import type { PieceText } from '../text/pieceText';
import { knownMacros } from './dependencyMacros';
import { childArray, childTable, namedTables, readArray, readString, stringValue, tablesOf } from '../rules/modelValues';
import type { ModelArray, ModelEntry, ModelNode, ModelTable, TomlDocument, ValueNode } from '../toml';
import { sameItems } from '../sameItems';
import { itemReplaceCount, lastItemReplacement } from '../toml';

/** Tags whose values rpm reads as dependencies, lower-cased and without a `(post)`-style qualifier. */
export const DEPENDENCY_TAGS = new Set(['requires', 'buildrequires', 'recommends', 'suggests', 'supplements', 'enhances', 'orderwithrequires', 'provides', 'obsoletes', 'conflicts', 'buildconflicts']);
/** Of those, the ones that ask for something to be installed: a name nothing provides breaks the build or install. */
export const REQUIREMENT_TAGS = new Set(['requires', 'buildrequires', 'recommends', 'suggests', 'supplements', 'enhances', 'orderwithrequires']);
export const TAG_OVERLAYS = new Set(['spec-add-tag', 'spec-insert-tag', 'spec-set-tag', 'spec-update-tag']);

export function normalTag(tag: string): string {
  return tag.replace(/\(.*$/, '').trim().toLowerCase();
}

interface RefBase {
  file: string;
  /** The name itself (inside quotes). */
  span: Span;
  name: string;
}

export interface ComponentRef extends RefBase {
  kind: 'component' | 'upstream-name';
  component: string;
}

export interface DependencyRefAt extends RefBase {
  kind: 'dependency';
  component: string;
  tag: string;
  flags: number;
  evr: string;
  loose: boolean;
  /** Name and version as written, when they hold macros: expanded again with the spec's macros when it is at hand. */
  written?: { name: string; evr: string };
  /** The macros the component's own config defines (`name`, and `version`/`release`/`epoch` from tag overlays). */
  macros: ReadonlyMap<string, string>;
}

export interface GroupPackageRef extends RefBase {
  kind: 'group-package';
  group: string;
  /** The group's publish channel (`default-package-config.publish.channel`), when it states one. */
  channel: string | undefined;
  /** The source package the `# srpm:` comment on the entry's line names. */
  srpmComment: string | undefined;
}

export type PackageRef = ComponentRef | DependencyRefAt | GroupPackageRef;

/** How far inside a string node's span its text is: 1 (inside its quotes) when the written text is the value as
 * is, undefined when it is not (an escape, a multi-line string). */
function innerInset(node: ModelNode, value: string): number | undefined {
  if (node.type !== 'scalar' || node.syntax.kind !== 'string') return undefined;
  const s = node.syntax;
  if (s.style !== 'basic' && s.style !== 'literal') return undefined;
  if (node.span.end - node.span.start - 2 !== value.length) return undefined;
  return 1;
}

/** Offsets of a string node's text: inside its quotes when the written text is the value as is. */
function innerSpan(node: ModelNode, value: string): Span | undefined {
  return innerInset(node, value) === undefined ? undefined : { start: node.span.start + 1, end: node.span.end - 1 };
}

/**
 * A component's or its `upstream-name`'s reference. Its offsets are read from the syntax span it names (a key
 * segment, a string) when asked: a re-parse that keeps the component's statement moves that span in place, so a
 * reference kept with its component (componentRefs) stays at its name.
 */
class NameRef implements ComponentRef {
  constructor(
    readonly kind: 'component' | 'upstream-name',
    readonly file: string,
    readonly name: string,
    readonly component: string,
    private readonly at: Span,
    /** Characters inside `at` on each side (1: quotes). */
    private readonly inset: number,
  ) {}

  get span(): Span {
    return { start: this.at.start + this.inset, end: this.at.end - this.inset };
  }
}

/** A dependency of a tag overlay's value: its offsets are read from the value's span when asked (NameRef). */
class DependencyRef implements DependencyRefAt {
  readonly kind = 'dependency' as const;
  readonly written?: { name: string; evr: string };
  constructor(
    readonly file: string,
    readonly name: string,
    readonly component: string,
    readonly tag: string,
    readonly flags: number,
    readonly evr: string,
    readonly loose: boolean,
    readonly macros: ReadonlyMap<string, string>,
    written: { name: string; evr: string } | undefined,
    /** The value string's span, and the name's offsets from its start. */
    private readonly at: Span,
    private readonly from: number,
    private readonly to: number,
  ) {
    if (written) this.written = written;
  }

  get span(): Span {
    return { start: this.at.start + this.from, end: this.at.start + this.to };
  }
}

/** A key as written: `curl` or `"curl"`, how far the name is inside the key's span. */
function keyInset(span: Span, name: string): number {
  return span.end - span.start === name.length + 2 ? 1 : 0;
}

/** Tags whose overlays set a macro rpm defines from the tag (`Version:` → `%{version}`). */
const MACRO_TAG_OVERLAYS = new Set(['spec-set-tag', 'spec-update-tag']);

/** `%{name}` and what the component's tag overlays set `%{version}`, `%{release}`, `%{epoch}` to (the last one wins). */
function componentMacros(overlays: readonly { table: ModelTable }[], name: string): ReadonlyMap<string, string> {
  const entries: [string, string][] = [['name', name]];
  for (const { table: overlay } of overlays) {
    const type = stringValue(readString(overlay, 'type'));
    const tag = stringValue(readString(overlay, 'tag'))?.toLowerCase();
    const value = stringValue(readString(overlay, 'value'));
    if (type && MACRO_TAG_OVERLAYS.has(type) && (tag === 'version' || tag === 'release' || tag === 'epoch') && value !== undefined) entries.push([tag, value]);
  }
  return knownMacros(entries);
}

/** The references of one component: its name or `upstream-name`, and the dependencies its tag overlays name. */
function oneComponentRefs(file: string, name: string, entry: ModelEntry, spec: ModelTable | undefined, overlays: ModelArray | undefined): PackageRef[] {
  const out: PackageRef[] = [];
  const type = stringValue(readString(spec, 'type'));
  // Only components taken from the upstream distro name one of its source packages.
  const upstream = type === undefined || type === 'upstream';
  const up = readString(spec, 'upstream-name');
  const upstreamName = up.state === 'value' && up.value !== '' ? up.value : undefined;
  if (upstream) {
    if (upstreamName !== undefined && up.state === 'value') {
      const inset = innerInset(up.entry.node, up.value);
      if (inset !== undefined) out.push(new NameRef('upstream-name', file, upstreamName, name, up.entry.node.span, inset));
    } else out.push(new NameRef('component', file, name, name, entry.keySpan, keyInset(entry.keySpan, name)));
  }
  const tables = tablesOf(overlays);
  // (The macros only for a component with a tag overlay: most have none.)
  let macros: ReadonlyMap<string, string> | undefined;
  for (const { table: overlay } of tables) {
    const type = stringValue(readString(overlay, 'type'));
    const tag = stringValue(readString(overlay, 'tag'));
    if (!type || !TAG_OVERLAYS.has(type) || !tag || !DEPENDENCY_TAGS.has(normalTag(tag))) continue;
    const value = readString(overlay, 'value');
    if (value.state !== 'value') continue;
    const node = value.entry.node;
    if (innerInset(node, value.value) === undefined) continue;
    macros ??= componentMacros(tables, upstreamName ?? name);
    for (const r of parseDependencies(value.value, macros).refs) {
      out.push(new DependencyRef(file, r.name, name, tag, r.flags, r.evr, r.loose, macros, r.written, node.span, 1 + r.start, 1 + r.end));
    }
  }
  return out;
}

/** One component's references, kept with its model table, and what they were read from. */
interface KeptComponent {
  file: string;
  name: string;
  keySpan: Span;
  spec: ModelTable | undefined;
  overlays: ModelArray | undefined;
  overlayItems: readonly ModelNode[];
  refs: PackageRef[];
}

const componentMemo = new WeakMap<ModelTable, KeptComponent>();

/** The references of one component: kept with its model table when `reuse`, made anew when what they read changed. */
function refsOfComponent(file: string, name: string, entry: ModelEntry, reuse: boolean): PackageRef[] | undefined {
  const table = entry.node;
  if (table.type !== 'table') return undefined;
  const spec = childTable(table, 'spec');
  const overlays = childArray(table, 'overlays');
  let kept = reuse ? componentMemo.get(table) : undefined;
  if (!kept || kept.file !== file || kept.name !== name || kept.keySpan !== entry.keySpan || kept.spec !== spec || kept.overlays !== overlays || !sameItems(kept.overlayItems, overlays?.items ?? [])) {
    kept = { file, name, keySpan: entry.keySpan, spec, overlays, overlayItems: overlays ? overlays.items.slice() : [], refs: oneComponentRefs(file, name, entry, spec, overlays) };
    if (reuse) componentMemo.set(table, kept);
  }
  return kept.refs;
}

/** A file's components as its last parse listed them (names, entries, and each entry's node and key span then), and
 * their references: component i's are `refs[starts[i]]` up to `refs[starts[i + 1]]`. */
interface FileComponents {
  names: string[];
  entries: ModelEntry[];
  nodes: ModelNode[];
  keySpans: Span[];
  starts: number[];
  refs: PackageRef[];
}

/** Per file, the last parse's components (one state per file: a parse of another version replaces it). */
const fileComponents = new Map<string, FileComponents>();

/** Whether component `i` of the last parse is `entry` under `name`, as it was then (the same node and key span). */
const keptAt = (last: FileComponents, i: number, name: string, entry: ModelEntry): boolean =>
  last.entries[i] === entry && last.names[i] === name && last.nodes[i] === entry.node && last.keySpans[i] === entry.keySpan;

/**
 * The references of every component of a file, in file order. A component's are kept with its model table, which
 * a re-parse keeps (the same object) while the component's statements are unchanged, and with the tables they were
 * read from (its `spec`, its overlays); the file's list of components is compared with its last parse's from the
 * head and from the tail, entry by entry, so an edit of `components.toml` reads again only the components it
 * touched, and the others' references are copied over as a block. `reuse` false makes every one anew and keeps nothing.
 */
function componentRefs(file: string, root: ModelTable, reuse: boolean): PackageRef[] {
  const components = childTable(root, 'components');
  if (!components) {
    if (reuse) fileComponents.delete(file);
    return [];
  }
  // (Each list made at its size, read with forEach: no iterator results or regrown lists per keystroke.)
  const n = components.entries.size;
  const names = new Array<string>(n);
  const entries = new Array<ModelEntry>(n);
  let k = 0;
  components.entries.forEach((entry, name) => {
    names[k] = name;
    entries[k++] = entry;
  });
  const last = reuse ? fileComponents.get(file) : undefined;
  let head = 0;
  let tail = 0;
  if (last) {
    const m = Math.min(n, last.entries.length);
    while (head < m && keptAt(last, head, names[head] as string, entries[head] as ModelEntry)) head++;
    while (tail < m - head && keptAt(last, last.entries.length - 1 - tail, names[n - 1 - tail] as string, entries[n - 1 - tail] as ModelEntry)) tail++;
  }
  const middle: PackageRef[] = [];
  const middleStarts: number[] = [];
  for (let i = head; i < n - tail; i++) {
    middleStarts.push(middle.length);
    const refs = refsOfComponent(file, names[i] as string, entries[i] as ModelEntry, reuse);
    if (refs) for (const r of refs) middle.push(r);
  }
  const headRefs = last ? (last.starts[head] as number) : 0;
  const tailFrom = last ? (last.starts[last.entries.length - tail] as number) : 0;
  const tailRefs = last ? last.refs.length - tailFrom : 0;
  const out = new Array<PackageRef>(headRefs + middle.length + tailRefs);
  const starts = new Array<number>(n + 1);
  const nodes = new Array<ModelNode>(n);
  const keySpans = new Array<Span>(n);
  for (let i = 0; i < headRefs; i++) out[i] = (last as FileComponents).refs[i] as PackageRef;
  for (let i = 0; i < middle.length; i++) out[headRefs + i] = middle[i] as PackageRef;
  for (let i = 0; i < tailRefs; i++) out[headRefs + middle.length + i] = (last as FileComponents).refs[tailFrom + i] as PackageRef;
  for (let i = 0; i < head; i++) {
    starts[i] = (last as FileComponents).starts[i] as number;
    nodes[i] = (last as FileComponents).nodes[i] as ModelNode;
    keySpans[i] = (last as FileComponents).keySpans[i] as Span;
  }
  for (let i = head; i < n - tail; i++) {
    const entry = entries[i] as ModelEntry;
    starts[i] = headRefs + (middleStarts[i - head] as number);
    nodes[i] = entry.node;
    keySpans[i] = entry.keySpan;
  }
  const shift = headRefs + middle.length - tailFrom;
  for (let i = n - tail, j = (last?.entries.length ?? 0) - tail; i < n; i++, j++) {
    starts[i] = ((last as FileComponents).starts[j] as number) + shift;
    nodes[i] = (last as FileComponents).nodes[j] as ModelNode;
    keySpans[i] = (last as FileComponents).keySpans[j] as Span;
  }
  starts[n] = out.length;
  if (reuse) fileComponents.set(file, { names, entries, nodes, keySpans, starts, refs: out });
  return out;
}

/** Whitespace as a regular expression's `\s` reads it (a line holds no `\n`). */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Distinct comment values, so a kept entry holds a string of its own and not a slice of a whole old text. */
const commentValues = new Map<string, string>();
const MAX_COMMENT_VALUES = 1 << 16;

const isAt = (text: string, start: number, end: number, s: string | undefined): s is string => s !== undefined && s.length === end - start && text.startsWith(s, start);

function commentValue(text: string, start: number, end: number, likely: string | undefined, alsoLikely: string | undefined): string {
  // Siblings sit side by side and a binary is often named as its source: compare in place, allocate nothing.
  if (isAt(text, start, end, likely)) return likely;
  if (isAt(text, start, end, alsoLikely)) return alsoLikely;
  const slice = text.slice(start, end);
  const hit = commentValues.get(slice);
  if (hit !== undefined) return hit;
  if (commentValues.size >= MAX_COMMENT_VALUES) commentValues.clear();
  const own = ownString(slice);
  commentValues.set(own, own);
  return own;
}

/** How the tree writes an entry's comment, right after its closing quote. */
const USUAL_COMMENT = ', # srpm: ';
const BLANK_OR_HASH = /[\s#]/;

/**
 * The source package a `# srpm: NAME` comment names on the line where `offset` is: what
 * `/#\s*srpm:\s*([^\s#]+)/` finds in the rest of the line, read in place. `previous` (a value this function
 * returned, such as the entry above's) and `name` (the entry's own name) are what the value most often is: when
 * the line is written the usual way and ends with one of them, nothing is scanned or sliced.
 */
export function srpmCommentAt(text: string | undefined, offset: number, previous?: string, name?: string): string | undefined {
  if (text === undefined) return undefined;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (text.startsWith(USUAL_COMMENT, offset)) {
    const start = offset + USUAL_COMMENT.length;
    // A returned value holds no blank and no '#'; a name must be seen to hold none.
    if (isAt(text, start, end, previous)) return previous;
    if (isAt(text, start, end, name) && !BLANK_OR_HASH.test(name)) return name;
    // The rest of the line is the value when it holds no blank and no '#' (a regular expression runs natively).
    if (end > start) {
      const value = text.slice(start, end);
      if (!BLANK_OR_HASH.test(value)) return commentValue(value, 0, value.length, undefined, undefined);
    }
  }
  for (let hash = offset; hash < end; hash++) {
    // (A search for '#' bounded by the line: indexOf would run on to the next line's, or to the end of the text.)
    if (text.charCodeAt(hash) !== 35) continue;
    let i = hash + 1;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (!text.startsWith('srpm:', i)) continue;
    i += 5;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 35 || isSpace(c)) break;
      i++;
    }
    if (i > start) return commentValue(text, start, i, previous, name);
  }
  return undefined;
}

/**
 * One package-group entry. Its span is read from the item's syntax node, which a re-parse that keeps the node
 * moves in place (toml/incremental.ts: the statements after an edit, the items around an edit inside the array),
 * so an entry kept across edits stays at its name.
 */
class GroupEntry implements GroupPackageRef {
  readonly kind = 'group-package' as const;
  constructor(
    readonly file: string,
    readonly item: ValueNode,
    readonly name: string,
    readonly group: string,
    readonly channel: string | undefined,
    readonly srpmComment: string | undefined,
  ) {}

  get span(): Span {
    const s = this.item.span;
    return { start: s.start + 1, end: s.end - 1 };
  }
}

/** The entries made for one `packages` array, kept with its syntax node (which a re-parse keeps when it keeps the
 * array's statement, or edits inside the array). */
interface ArrayEntries {
  file: string;
  group: string;
  channel: string | undefined;
  entries: GroupEntry[];
  /** The model's item list the entries were made from, and its replacement count then (itemReplaceCount). */
  items: readonly ModelNode[];
  replaced: number;
  /** Whether every item made an entry (then the entry at i is item i's). */
  dense: boolean;
}

const arrayEntries = new WeakMap<object, ArrayEntries>();

/**
 * A file's text as the package rules read it: a string, or an editor buffer in pieces (core/text/pieceText.ts),
 * of which only the lines of entries made anew are read (joining it would copy the whole file).
 */
export type FileText = string | PieceText;

/** The `# srpm:` comment on the line where `offset` is (srpmCommentAt), read from a string or from pieces. */
function srpmCommentIn(text: FileText | undefined, offset: number, previous: string | undefined, name: string): string | undefined {
  if (typeof text === 'string' || text === undefined) return srpmCommentAt(text, offset, previous, name);
  const lineEnd = text.indexOfCode(10, offset);
  return srpmCommentAt(text.slice(offset, lineEnd < 0 ? text.length : lineEnd), 0, previous, name);
}

/** The entry for an array item, or undefined when it names nothing (not a plain string, empty, escaped). */
function entryFor(file: string, item: ModelNode, group: string, channel: string | undefined, text: FileText | undefined, before: GroupEntry | undefined): GroupEntry | undefined {
  if (item.type !== 'scalar' || item.syntax.kind !== 'string' || item.syntax.value === '') return undefined;
  const name = item.syntax.value;
  if (!innerSpan(item, name)) return undefined;
  return new GroupEntry(file, item.syntax, name, group, channel, srpmCommentIn(text, item.span.end, before?.srpmComment, name));
}

/** Appends to `out` the entries of `items[from..to)`, each after `before` then after the last made (its `# srpm:`
 * comment may carry on from the entry before it). */
function entriesOfItems(out: GroupEntry[], file: string, items: readonly ModelNode[], from: number, to: number, group: string, channel: string | undefined, text: FileText | undefined, before: GroupEntry | undefined): void {
  for (let i = from; i < to; i++) {
    const e = entryFor(file, items[i] as ModelNode, group, channel, text, before);
    if (e) out.push((before = e));
  }
}

/** The syntax node of a model item (a table's may be absent). */
const syntaxOf = (item: ModelNode): object | undefined => item.syntax;

/**
 * A package-group entry list is kept from one parse to the next and changed in place (copying 17,000 entries per
 * keystroke costs a millisecond: a large-object allocation). Each parse that passes it on counts a generation and
 * records how it changed: `removed` entries from `at` replaced by `added` new ones; every other entry is the same
 * object, in the same order. A memo that saw the list at the generation before follows the edit with this instead
 * of comparing 17,000 entries; one that saw an older generation no longer knows what the list held.
 */
export interface GroupListChange {
  generation: number;
  at: number;
  removed: number;
  added: number;
}

const listChanges = new WeakMap<readonly PackageRef[], GroupListChange>();

/** How `list` (FileReferences.groups) changed in place last, if it ever did. */
export function groupListChange(list: readonly PackageRef[]): GroupListChange | undefined {
  return listChanges.get(list);
}

/** How many times `list` was changed in place and passed on by a parse (0: never; it is as it was made). */
export function groupListGeneration(list: readonly PackageRef[]): number {
  return listChanges.get(list)?.generation ?? 0;
}

/**
 * The entries of a `packages` array. The entries of items the last call saw (the same syntax nodes, at the head
 * and the tail of the list) are kept: an edit makes entries only for the items it re-parsed — none when it
 * re-parsed another statement, a few when it was inside the array. The parser keeps a node only where the text
 * from its line's start to the end of its statement did not change (an edit inside the array re-parses from the
 * line before it to a line after it), so a kept item's `# srpm:` comment is unchanged too. The last list is changed
 * in place and passed on (groupListChange).
 */
function arrayGroupEntries(file: string, array: ModelArray, group: string, channel: string | undefined, text: FileText | undefined, reuse: boolean): GroupEntry[] {
  const items = array.items;
  const key = array.syntax ?? array;
  const last = reuse ? arrayEntries.get(key) : undefined;
  // (A group renamed, or its channel changed in a statement of its own, keeps the array: its entries are made anew.)
  const same = last !== undefined && last.file === file && last.group === group && last.channel === channel;
  const replaced = itemReplaceCount(items);
  if (!same) {
    const out: GroupEntry[] = [];
    entriesOfItems(out, file, items, 0, items.length, group, channel, text, undefined);
    if (reuse) arrayEntries.set(key, { file, group, channel, entries: out, items, replaced, dense: out.length === items.length });
    return out;
  }
  const old = last.entries;
  const changed = (at: number, removed: number, made: readonly GroupEntry[]): GroupEntry[] => {
    spliceInto(old, at, removed, made);
    listChanges.set(old, { generation: groupListGeneration(old) + 1, at, removed, added: made.length });
    arrayEntries.set(key, { file, group, channel, entries: old, items, replaced, dense: old.length === items.length });
    return old;
  };
  // The same item list with no item replaced since (a key typed above the array keeps its model): every entry
  // stands, without comparing 17,000 items with their entries.
  if (last.items === items && last.replaced === replaced && old.length === items.length) return changed(0, 0, []);
  // One replacement inside the array since (an edit there): entries only for the items it put in, when every item
  // had one (then entry i is item i's).
  const step = last.items === items && last.dense && last.replaced === replaced - 1 ? lastItemReplacement(items) : undefined;
  if (step && old.length === items.length - step.added + step.removed) {
    const made: GroupEntry[] = [];
    entriesOfItems(made, file, items, step.at, step.at + step.added, group, channel, text, old[step.at - 1]);
    return changed(step.at, step.removed, made);
  }
  let head = 0;
  while (head < items.length && head < old.length && syntaxOf(items[head] as ModelNode) === (old[head] as GroupEntry).item) head++;
  let tail = 0;
  while (tail < items.length - head && tail < old.length - head && syntaxOf(items[items.length - 1 - tail] as ModelNode) === (old[old.length - 1 - tail] as GroupEntry).item) tail++;
  const made: GroupEntry[] = [];
  entriesOfItems(made, file, items, head, items.length - tail, group, channel, text, old[head - 1]);
  return changed(head, old.length - head - tail, made);
}

/** Replaces `list[at..at+removed)` with `by`, in place (splice, without spreading a long list into arguments). */
function spliceInto<T>(list: T[], at: number, removed: number, by: readonly T[]): void {
  if (by.length <= 1024) {
    list.splice(at, removed, ...by);
    return;
  }
  const tail = list.slice(at + removed);
  list.length = at;
  for (const x of by) list.push(x);
  for (const x of tail) list.push(x);
}

/** A file's package groups with a `packages` array: each group's name, publish channel and array. */
function* packageLists(root: ModelTable): Generator<{ group: string; channel: string | undefined; array: ModelArray }> {
  for (const { name: group, table } of namedTables(childTable(root, 'package-groups'))) {
    const channel = stringValue(readString(childTable(childTable(table, 'default-package-config'), 'publish'), 'channel'));
    const packages = readArray(table, 'packages');
    if (packages.state === 'value') yield { group, channel, array: packages.value };
  }
}

/** A file's package-group entries: a new list each time (the list of its only group when it has one). */
function groupRefs(file: string, root: ModelTable, text: FileText | undefined, reuse: boolean): GroupPackageRef[] {
  const lists: GroupEntry[][] = [];
  for (const { group, channel, array } of packageLists(root)) lists.push(arrayGroupEntries(file, array, group, channel, text, reuse));
  return lists.length === 1 ? (lists[0] as GroupEntry[]) : ([] as GroupEntry[]).concat(...lists);
}

/** A file's package references: components and dependencies, and package-group entries (in file order each). */
export interface FileReferences {
  file: string;
  others: PackageRef[];
  /** A new list for each parse (its entries are kept across parses where their items were). */
  groups: GroupPackageRef[];
}

const fileMemo = new WeakMap<TomlDocument, FileReferences>();

/**
 * The package references of one parsed file, memoized per parse: an unchanged file costs nothing, and a
 * re-parsed package list makes entries only for the array items the parse made anew. `fromScratch` makes every
 * entry again and remembers nothing (the differential tests' reference).
 */
export function fileReferences(file: string, doc: TomlDocument, textOf: (file: string) => FileText | undefined, options: { fromScratch?: boolean } = {}): FileReferences {
  const hit = options.fromScratch ? undefined : fileMemo.get(doc);
  if (hit) return hit;
  const others = componentRefs(file, doc.root, !options.fromScratch);
  const groups = groupRefs(file, doc.root, childTable(doc.root, 'package-groups') ? textOf(file) : undefined, !options.fromScratch);
  const refs: FileReferences = { file, others, groups };
  if (!options.fromScratch) fileMemo.set(doc, refs);
  return refs;
}

/**
 * Makes the references of a file's components ahead of fileReferences, `perStep` components a step (kept per
 * component, as fileReferences keeps them, which then reads them): the first fileReferences of components.toml (7,400
 * components) held the thread ~40 ms. Nothing once the file's references are made.
 */
export function* componentReferencesAhead(file: string, doc: TomlDocument, perStep: number): Generator<void> {
  if (fileMemo.has(doc)) return;
  const components = childTable(doc.root, 'components');
  if (!components) return;
  let made = 0;
  for (const [name, entry] of components.entries) {
    refsOfComponent(file, name, entry, true);
    if (++made % perStep === 0) yield;
  }
}

/**
 * Makes the entries of a file's package-group lists ahead of fileReferences, `perStep` items a step (kept per list, as
 * fileReferences keeps them, which then finds them made): the first fileReferences of sdk.packages.toml (17,748
 * entries) held the thread for the whole list in one step of the package rules' warm-up, ~10 ms and the collection
 * its allocation set off. A list whose items an edit replaced meanwhile is left to fileReferences.
 */
export function* groupEntriesAhead(file: string, doc: TomlDocument, textOf: (file: string) => FileText | undefined, perStep: number): Generator<void> {
  if (fileMemo.has(doc) || !childTable(doc.root, 'package-groups')) return;
  const text = textOf(file);
  for (const { group, channel, array } of packageLists(doc.root)) {
    const key = array.syntax ?? array;
    const last = arrayEntries.get(key);
    if (last && last.file === file && last.group === group && last.channel === channel) continue;
    const items = array.items;
    const replaced = itemReplaceCount(items);
    const out: GroupEntry[] = [];
    for (let from = 0; from < items.length; from += perStep) {
      entriesOfItems(out, file, items, from, Math.min(items.length, from + perStep), group, channel, text, out[out.length - 1]);
      if (from + perStep < items.length) yield;
    }
    if (itemReplaceCount(items) === replaced && !fileMemo.has(doc)) arrayEntries.set(key, { file, group, channel, entries: out, items, replaced, dense: out.length === items.length });
  }
}

const memo = new WeakMap<TomlDocument, PackageRef[]>();

/** The package references of one parsed file (memoized per parse: an unchanged file costs nothing). */
export function packageReferences(file: string, doc: TomlDocument, textOf: (file: string) => FileText | undefined): PackageRef[] {
  const hit = memo.get(doc);
  if (hit) return hit;
  const { others, groups } = fileReferences(file, doc, textOf);
  const out: PackageRef[] = others.concat(groups);
  memo.set(doc, out);
  return out;
}

/** The reference whose name holds `offset` (end inclusive, for a cursor after the last character). */
export function referenceAt(refs: readonly PackageRef[], offset: number): PackageRef | undefined {
  return refs.find((r) => r.span.start <= offset && offset <= r.span.end);
}
