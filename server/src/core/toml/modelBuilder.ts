// Builds the semantic model from a syntax tree, applying TOML's rules for tables: dotted keys,
// headers, arrays of tables, inline tables being closed, and each key or table defined once.
// Every broken rule becomes an error that points at both definitions.
import type { Span } from '../diagnostics';
import type { ArrayNode, InlineTableNode, KeyNode, KeySegment, KeyValueNode, ScalarNode, TableNode, TomlSyntaxTree, ValueNode } from './ast';
import type { ModelArray, ModelEntry, ModelError, ModelNode, ModelTable, TomlDocument } from './model';
import { textLengthOf } from './treeSource';
import { setAfter } from '../orderedMap';
import { noteEntryChange } from './entriesJournal';

/**
 * `keep` false (a one-shot parse, ParseOptions.traces false): no statement's table is kept for a next build. `made`:
 * models of arrays of scalars already made for this tree (arrayModelsStepwise), taken instead of made again.
 */
export function buildModel(syntax: TomlSyntaxTree, keep = true, made?: ArrayModels): TomlDocument {
  if (!keep) return new ModelBuilder(syntax, false, false, made).build();
  try {
    const builder = new ModelBuilder(syntax, true, true, made);
    const document = builder.build();
    if (builder.acrossStatements === 0) patchableRoots.set(document.root, builder.extendedMemos);
    return document;
  } catch (err) {
    if (err !== WALKED_INTO_REUSED) throw err;
    // A header reached into a table reused from an earlier build: build every table anew this once.
    const builder = new ModelBuilder(syntax, false, true, made);
    const document = builder.build();
    if (builder.acrossStatements === 0) patchableRoots.set(document.root, builder.extendedMemos);
    return document;
  }
}

/**
 * Roots of models whose every error belongs to one `[header]` statement's own key/values (no redefinition, no
 * header reaching into another statement's table, no error among root key/values or under a header that kept no
 * model table): such a model can be patched for changed header statements (patchModel).
 */
/**
 * With each, the header statements whose tables other headers reached into (`[components.X]` with
 * `[components.X.build]` or `[[components.X.overlays]]` below): a build makes their tables anew each time, so a
 * patch gives them a new identity too — what other statements put in them may have moved apart from their header.
 */
const patchableRoots = new WeakMap<ModelTable, HeaderTableModel[]>();

/**
 * The tables a re-parse replaced: from index `at`, the old `removed` by `added` (the others are the old nodes,
 * moved). The re-parse tells it: taken over, the old and new lists are one list changed in place (incremental.ts).
 */
export interface TableChange {
  at: number;
  removed: readonly TableNode[];
  added: readonly TableNode[];
}

/**
 * The model of `tree` made from `previous`'s by patching it in place, when the edit only replaced `[header]`
 * statements (`tables`: a run of the tree's tables; the root key/values and every other table the same nodes, moved)
 * whose tables hang under implicit tables only (`[components.NAME]`): the removed statements' tables are
 * deleted from their parents (with implicit tables left empty), the added ones built and set, and each table
 * whose keys changed is given a new identity (a copy sharing its entries), like every non-statement table of a
 * full build; a key that lands in the middle is spliced into its place in load order when the header above it
 * tells the place (orderedMap.ts: no map made again), and otherwise its table's map is checked and, if out of
 * order, made again in load order. Undefined when the edit is
 * of another kind or anything could differ from a full build (buildModel): the caller builds. The previous
 * document is spent (its tables are changed in place): only for a re-parse that took it over.
 */
export function patchModel(previous: TomlDocument, tree: TomlSyntaxTree, tables: TableChange): TomlDocument | undefined {
  const extended = patchableRoots.get(previous.root);
  if (!extended) return undefined;
  const old = previous.syntax;
  if (old.rootEntries !== tree.rootEntries) {
    if (old.rootEntries.length !== tree.rootEntries.length) return undefined;
    for (let i = 0; i < old.rootEntries.length; i++) if (old.rootEntries[i] !== tree.rootEntries[i]) return undefined;
  }
  // More than a few statements: a paste or a deletion of many; a build is as good.
  if (tables.removed.length + tables.added.length > 16) return undefined;
  return new ModelBuilder(tree, true).patch(previous, tables.removed, tables.added, tables.at, extended);
}

/**
 * The model table built for a `[header]` statement from its own key/values, kept by the statement's syntax
 * node: an edit re-parses only the statements around it and the others keep their nodes (incremental.ts), so
 * the next build installs the same model table for them instead of building it again. Model tables therefore
 * keep their identity across edits, and memos keyed on a table (toJS, the project's per-table facts) hit.
 * A table is reused only while no other statement adds to it: a later `[a.b]` or `[[a.b]]` header reaching
 * into `[a]` marks it (`extended`), and the next build makes it anew. A reused table is never changed.
 */
interface HeaderTableModel {
  table: ModelTable;
  /** Errors among the statement's own key/values (duplicates, dotted keys that cannot extend). */
  errors: ModelError[];
  /** Another statement reached into this table (or a dotted table under it) when it was last built or reused. */
  extended: boolean;
  /** The build that last installed it (`buildSerial`). */
  usedIn: number;
  /** Whether that build reused it rather than made it. */
  reused: boolean;
  /** The parent's entry for the table (its spans are the header's, which move with it). */
  entry: ModelEntry | undefined;
}

const headerTableModels = new WeakMap<TableNode, HeaderTableModel>();
/** The header statement whose key/values made a table (the header's own table and the dotted tables under it). */
const tableOwners = new WeakMap<ModelTable, HeaderTableModel>();
let buildSerial = 0;
const WALKED_INTO_REUSED = new Error('a header reached into a reused model table');

/**
 * Whether `table` is the model table of a `[header]` statement that is reused while the statement is unchanged:
 * its identity then stands for its content, for memos keyed on it (toJS of a whole document, per-table facts).
 */
export function isStatementTable(table: ModelTable): boolean {
  return tableOwners.get(table)?.table === table;
}

/**
 * After an edit inside an array replaced items of the model in place (incremental.ts): the model table of the
 * header statement holding the array is given a new identity (a copy sharing its entries), so memos keyed on
 * the table see the change. False when the table cannot be found: the caller builds the model again.
 */
export function renewStatementTable(root: ModelTable, statement: TableNode): boolean {
  const memo = headerTableModels.get(statement);
  const found = memo && statementEntry(root, statement, memo);
  if (!memo || !found) return false;
  const { entry, path } = found;
  const old = memo.table;
  const renewed: ModelTable = { type: 'table', origin: old.origin, entries: old.entries, span: old.span, syntax: old.syntax };
  entry.node = renewed;
  // Each map on the way notes the key under which something changed (entriesJournal.ts).
  for (const { table, key } of path) noteEntryChange(table.entries, key);
  memo.table = renewed;
  tableOwners.set(renewed, memo);
  return true;
}

const layoutEdits = new WeakMap<ModelTable, number>();
let layoutEditTotal = 0;

/** How many layout edits (countLayoutEdit) were counted in all: while it stands still, no table's count moved. */
export function layoutEditSerial(): number {
  return layoutEditTotal;
}

/**
 * How many times an edit inside an array of the statement moved spans inside it without changing a value (the
 * table keeps its identity then): a memo that keeps positions relative to the table's header compares it.
 */
export function layoutEditCount(table: ModelTable): number {
  return layoutEdits.get(table) ?? 0;
}

/**
 * Counts an edit inside an array of `statement` that changed no value, only where things are. False, and the caller
 * builds the model again, when the count would reach no table whose memos need it: the statement's table lies inside
 * another statement's (`[components.a.build]` below `[components.a]`), which keeps its identity while what it holds
 * moved; or the statement keeps no model table of its own (an `[[array]]` element's), so the findings kept with the
 * table it lies in (a component's) would keep the old spans.
 */
export function countLayoutEdit(root: ModelTable, statement: TableNode): boolean {
  const memo = headerTableModels.get(statement);
  if (!memo || !statementEntry(root, statement, memo)) return false;
  layoutEdits.set(memo.table, layoutEditCount(memo.table) + 1);
  layoutEditTotal++;
  return true;
}

/**
 * The entry of `statement`'s model table in its parent, when the path to it passes through no other statement's
 * table: a table above it that stood for its content (isStatementTable) would keep its identity while it changed,
 * and memos keyed on it (its schema errors, its rule findings) would go stale.
 */
function statementEntry(root: ModelTable, statement: TableNode, memo: HeaderTableModel): { entry: ModelEntry; path: { table: ModelTable; key: string }[] } | undefined {
  const segs = statement.key?.segments;
  if (!segs?.length) return undefined;
  let table: ModelTable = root;
  const path: { table: ModelTable; key: string }[] = [];
  for (let i = 0; i < segs.length - 1; i++) {
    path.push({ table, key: (segs[i] as KeySegment).value });
    const node = table.entries.get((segs[i] as KeySegment).value)?.node;
    if (node?.type === 'table') table = node;
    else if (node?.type === 'array' && node.origin === 'array-table' && node.items.length) table = node.items[node.items.length - 1] as ModelTable;
    else return undefined;
    if (isStatementTable(table)) return undefined;
  }
  const key = (segs[segs.length - 1] as KeySegment).value;
  const entry = table.entries.get(key);
  path.push({ table, key });
  return entry && entry.node === memo.table ? { entry, path } : undefined;
}

/** Forgets the model table of a statement whose syntax changed in place (an edit inside its array). */
export function forgetStatementTable(statement: TableNode): void {
  headerTableModels.delete(statement);
}

/**
 * The model array made for each array that is a key/value's value, so an edit inside the array can replace
 * the model items it changed (incremental.ts) instead of building the whole model again.
 */
export const modelArrays = new WeakMap<ArrayNode, ModelArray>();

const itemEdits = new WeakMap<readonly ModelNode[], number>();

/**
 * How many times a model array's item list was edited in place (by an edit inside the array, incremental.ts):
 * a memo that keeps a list to compare it later by identity compares this count too.
 */
export function itemEditCount(items: readonly ModelNode[]): number {
  return itemEdits.get(items) ?? 0;
}

export function countItemEdit(items: readonly ModelNode[]): void {
  itemEdits.set(items, itemEditCount(items) + 1);
}

const itemReplacements = new WeakMap<readonly ModelNode[], number>();

/**
 * How many times items of a model array's item list were replaced in place, values changed or not (an edit
 * inside the array re-parses the items around it: new syntax nodes even when they read the same values). A memo
 * kept with the list and this count holds while both are the same: the same items, the same syntax nodes.
 */
export function itemReplaceCount(items: readonly ModelNode[]): number {
  return itemReplacements.get(items) ?? 0;
}

/** The last in-place replacement of a model item list: `removed` items from `at` replaced by `added` items. */
export interface ItemReplacement {
  /** The list's replacement count once this one was counted (itemReplaceCount). */
  count: number;
  at: number;
  removed: number;
  added: number;
}

const lastReplacements = new WeakMap<readonly ModelNode[], ItemReplacement>();

/**
 * Counts a replacement of `removed` items from `at` by `added` items, and keeps it as the list's last: a memo
 * that saw the list just before (its count one less) can follow it without comparing the list with its own.
 */
export function countItemReplace(items: readonly ModelNode[], at: number, removed: number, added: number): void {
  const count = itemReplaceCount(items) + 1;
  itemReplacements.set(items, count);
  lastReplacements.set(items, { count, at, removed, added });
}

/** The list's last replacement, when it is the one counted last (see countItemReplace). */
export function lastItemReplacement(items: readonly ModelNode[]): ItemReplacement | undefined {
  const r = lastReplacements.get(items);
  return r && r.count === itemReplaceCount(items) ? r : undefined;
}

/**
 * The model an earlier build made for an array of scalars that is still the same syntax node with the same
 * items: a statement around it was re-parsed and the array only moved (incremental.ts), e.g. a key typed above
 * the 17,000 items of sdk.packages.toml's `packages`, so the model keeps them instead of making them again. An
 * edit inside the array updates node and model together (or forgets the model). Arrays holding arrays or
 * inline tables are built anew (an inline table's keys can clash: errors of the build).
 */
function keptArrayModel(value: ArrayNode): ModelArray | undefined {
  const model = modelArrays.get(value);
  const items = value.items;
  if (!model || model.syntax !== value || model.items.length !== items.length) return undefined;
  for (let i = 0; i < items.length; i++) {
    const kind = (items[i] as ValueNode).kind;
    if (kind === 'array' || kind === 'inline-table') return undefined;
  }
  const first = model.items[0];
  const last = model.items[items.length - 1];
  if (first && (first.type !== 'scalar' || first.syntax !== items[0] || last?.type !== 'scalar' || last.syntax !== items[items.length - 1])) return undefined;
  return model;
}

/** Models of a tree's arrays, made before its build (arrayModelsStepwise). */
export type ArrayModels = ReadonlyMap<ArrayNode, ModelArray>;

/**
 * The models of the tree's top-level arrays of scalars longer than `itemsPerStep`, made that many items a step (a
 * generator that pauses before each) for buildModel to take (`made`): the model of a parse in steps (parseTomlStepwise) then makes none of
 * sdk.packages.toml's 17,000 item models at once. They are what the build would make (valueNode).
 */
export function* arrayModelsStepwise(syntax: TomlSyntaxTree, itemsPerStep: number): Generator<void, ArrayModels, unknown> {
  const made = new Map<ArrayNode, ModelArray>();
  const statements = [syntax.rootEntries, ...syntax.tables.map((t) => t.entries)];
  for (const entries of statements) {
    for (const kv of entries) {
      const value = kv.value;
      if (value?.kind !== 'array' || value.items.length <= itemsPerStep || !value.items.every((v) => v.kind !== 'array' && v.kind !== 'inline-table')) continue;
      const items = new Array<ModelNode>(value.items.length);
      for (let i = 0; i < items.length; i++) {
        if (i % itemsPerStep === 0) yield;
        // (Every item is a scalar: checked above.)
        const item = value.items[i] as ScalarNode;
        items[i] = { type: 'scalar', syntax: item, span: item.span };
      }
      made.set(value, { type: 'array', origin: 'inline', items, span: value.span, syntax: value });
    }
  }
  return made;
}

/** The model of a value that holds no inline table (one does need a builder: its keys can clash). */
export function valueModel(value: ValueNode): ModelNode {
  if (value.kind === 'array') {
    const items = new Array<ModelNode>(value.items.length);
    for (let i = 0; i < items.length; i++) items[i] = valueModel(value.items[i] as ValueNode);
    return { type: 'array', origin: 'inline', items, span: value.span, syntax: value };
  }
  if (value.kind === 'inline-table') throw new Error('valueModel: an inline table needs the model builder');
  return { type: 'scalar', syntax: value, span: value.span };
}

function describe(node: ModelNode): string {
  if (node.type === 'scalar') return 'a value';
  if (node.type === 'array') return node.origin === 'array-table' ? 'an array of tables' : 'an array';
  return node.origin === 'inline' ? 'an inline table' : 'a table';
}

function isComplete(key: KeyNode): boolean {
  const segs = key.segments;
  for (let i = 0; i < segs.length; i++) if ((segs[i] as KeySegment).missing) return false;
  return true;
}

function keyText(segments: readonly KeySegment[]): string {
  return segments.map((s) => (/^[A-Za-z0-9_-]+$/.test(s.value) ? s.value : JSON.stringify(s.value))).join('.');
}

/** A header key whose every segment is there, or undefined. */
function completeKey(table: TableNode): readonly KeySegment[] | undefined {
  return table.key && isComplete(table.key) ? table.key.segments : undefined;
}

class ModelBuilder {
  private readonly errors: ModelError[] = [];
  /** The statements other headers reached into in this build (see patchableRoots). */
  readonly extendedMemos: HeaderTableModel[] = [];
  /** Errors that no kept `[header]` statement owns (redefinitions, headers reaching into other tables, …). */
  acrossStatements = 0;
  private readonly serial = ++buildSerial;
  /** The header statement whose own key/values are being added. */
  private current: HeaderTableModel | undefined;

  constructor(
    private readonly syntax: TomlSyntaxTree,
    private readonly reuse: boolean,
    private readonly keep = true,
    /** Array models made before the build (arrayModelsStepwise). */
    private readonly made?: ArrayModels,
  ) {}

  build(): TomlDocument {
    const root: ModelTable = { type: 'table', origin: 'root', entries: new Map(), span: { start: 0, end: textLengthOf(this.syntax) } };
    for (const kv of this.syntax.rootEntries) this.addKeyValue(root, kv);
    for (const table of this.syntax.tables) {
      const key = table.key && isComplete(table.key) ? table.key : undefined;
      let target: ModelTable | undefined;
      if (key && table.kind === 'table') {
        const parent = this.walkHeaderPrefix(root, key, table.headerSpan);
        if (parent && this.reuseTable(parent, key, table)) continue;
        target = parent && this.openTable(parent, key, table);
      } else if (key) target = this.openArrayTable(root, key, table);
      // A table this header made afresh is kept for the next build, with the errors among its own key/values.
      if (this.keep && target && table.kind === 'table' && target.syntax === table && target.origin === 'header' && target.entries.size === 0) {
        const made: HeaderTableModel = { table: target, errors: [], extended: false, usedIn: this.serial, reused: false, entry: undefined };
        this.current = made;
        headerTableModels.set(table, made);
        tableOwners.set(target, made);
      } else headerTableModels.delete(table);
      // Entries under a header that could not be opened are still checked among themselves.
      const into = target ?? { type: 'table', origin: 'header', entries: new Map(), span: table.headerSpan };
      for (const kv of table.entries) this.addKeyValue(into, kv);
      this.current = undefined;
    }
    // concat, not push(...): a broken file can have more errors than a call can take arguments.
    const errors: ModelError[] = this.syntax.errors
      .map((e): ModelError => ({ span: e.span, message: e.message, code: 'toml-syntax' }))
      .concat(this.errors);
    errors.sort((a, b) => a.span.start - b.span.start);
    return { syntax: this.syntax, root, errors };
  }

  private conflict(code: ModelError['code'], span: Span, message: string, previous: Span, previousMessage: string): void {
    const error: ModelError = { code, span, message, related: [{ span: previous, message: previousMessage }] };
    this.errors.push(error);
    if (this.current) this.current.errors.push(error);
    else this.acrossStatements++;
  }

  /** See patchModel. */
  patch(previous: TomlDocument, removed: readonly TableNode[], added: readonly TableNode[], head: number, extended: HeaderTableModel[]): TomlDocument | undefined {
    const root = previous.root;
    /** Tables whose keys changed (their identity is renewed), with the path to them. */
    const changed = new Map<ModelTable, readonly string[]>();
    /** Tables a key was added to where its place in load order was not known: their order is checked whole. */
    const grown = new Set<ModelTable>();
    const droppedErrors = new Set<ModelError>();
    // A statement re-parsed under the same key (an edit inside it) is replaced in place, keeping its key's place.
    const addedKeys = new Set<string>();
    for (const statement of added) {
      const segs = completeKey(statement);
      if (segs && statement.kind === 'table') addedKeys.add(keyPath(segs));
    }
    const replaced = new Map<string, ModelTable>();
    for (const statement of removed) {
      const segs = completeKey(statement);
      if (!segs) {
        if (statement.entries.length) return undefined;
        continue;
      }
      const memo = headerTableModels.get(statement);
      if (statement.kind !== 'table' || !memo || memo.extended || memo.table.syntax !== statement) return undefined;
      // The implicit tables on the way, and the statement's own table in the last.
      const path: { table: ModelTable; entry: ModelEntry }[] = [];
      let table = root;
      for (let i = 0; i < segs.length; i++) {
        const entry = table.entries.get((segs[i] as KeySegment).value);
        if (!entry) return undefined;
        path.push({ table, entry });
        if (i === segs.length - 1) break;
        if (entry.node.type !== 'table' || entry.node.origin !== 'implicit') return undefined;
        table = entry.node;
      }
      if ((path[path.length - 1] as { entry: ModelEntry }).entry.node !== memo.table) return undefined;
      for (const e of memo.errors) droppedErrors.add(e);
      const key = keyPath(segs);
      if (addedKeys.has(key) && !replaced.has(key)) {
        // Left in place for the statement that replaces it; an implicit table on the way that it made is named first
        // by another header now (the one that replaces it, as a rule).
        for (let i = 0; i < path.length - 1; i++) {
          const { table: parent, entry } = path[i] as { table: ModelTable; entry: ModelEntry };
          if (entry.definitionSpan === statement.headerSpan && !this.renameImplicit(parent, entry, segs, i, head, added.length, changed, grown)) return undefined;
        }
        replaced.set(key, memo.table);
        continue;
      }
      // Deleted from the inside out: an implicit table left empty goes too (no other header leads through it).
      for (let i = path.length - 1; i >= 0; i--) {
        const { table: parent, entry } = path[i] as { table: ModelTable; entry: ModelEntry };
        const child = entry.node as ModelTable;
        if (i < path.length - 1 && child.entries.size > 0) {
          // Another header leads through it: when this statement made it, the table is now the next one's.
          if (entry.definitionSpan === statement.headerSpan && !this.renameImplicit(parent, entry, segs, i, head, added.length, changed, grown)) return undefined;
          break;
        }
        parent.entries.delete((segs[i] as KeySegment).value);
        noteEntryChange(parent.entries, (segs[i] as KeySegment).value);
        changed.delete(child);
        grown.delete(child);
        changed.set(parent, pathOf(segs, i));
      }
    }
    const addedErrors: ModelError[] = [];
    for (let a = 0; a < added.length; a++) {
      const statement = added[a] as TableNode;
      const segs = completeKey(statement);
      if (!segs) {
        if (statement.entries.length) return undefined;
        continue;
      }
      if (statement.kind !== 'table') return undefined;
      let table = root;
      for (let i = 0; i < segs.length - 1; i++) {
        const seg = segs[i] as KeySegment;
        const entry = table.entries.get(seg.value);
        if (!entry) {
          const created: ModelTable = { type: 'table', origin: 'implicit', entries: new Map(), span: statement.headerSpan };
          const made: ModelEntry = { keySpan: seg.span, definitionSpan: statement.headerSpan, node: created };
          // Placed as a header's own key is (the typo's `componentsx` is a new root key made this way).
          const before = placeOf(table, seg.value, () => keyBefore(this.syntax.tables, head + a, segs.slice(0, i + 1), table));
          if (before === undefined) {
            table.entries.set(seg.value, made);
            grown.add(table);
          } else setAfter(table.entries, before ?? undefined, seg.value, made);
          noteEntryChange(table.entries, seg.value);
          changed.set(table, pathOf(segs, i));
          table = created;
          continue;
        }
        // Only through implicit tables: one that a header below made is now made by this one (or one above it).
        if (entry.node.type !== 'table' || entry.node.origin !== 'implicit') return undefined;
        if (entry.definitionSpan !== statement.headerSpan && entry.definitionSpan.start >= statement.headerSpan.start && !this.renameImplicit(table, entry, segs, i, head, added.length, changed, grown)) return undefined;
        table = entry.node;
      }
      const last = segs[segs.length - 1] as KeySegment;
      const existing = table.entries.get(last.value);
      if (existing) {
        const key = keyPath(segs);
        if (existing.node !== replaced.get(key)) return undefined;
        replaced.delete(key);
      }
      const target: ModelTable = { type: 'table', origin: 'header', entries: new Map(), span: statement.headerSpan, syntax: statement };
      const entry: ModelEntry = { keySpan: last.span, definitionSpan: statement.headerSpan, node: target };
      // Put at its place in load order when the header above tells it (a name typed back in the middle of
      // components.toml: a splice, not the map made again); otherwise set and the order checked whole below.
      const before = placeOf(table, last.value, () => keyBefore(this.syntax.tables, head + a, segs, table));
      if (before === undefined) {
        table.entries.set(last.value, entry);
        grown.add(table);
      } else setAfter(table.entries, before ?? undefined, last.value, entry);
      noteEntryChange(table.entries, last.value);
      changed.set(table, pathOf(segs, segs.length - 1));
      const made: HeaderTableModel = { table: target, errors: [], extended: false, usedIn: this.serial, reused: false, entry: undefined };
      this.current = made;
      headerTableModels.set(statement, made);
      tableOwners.set(target, made);
      for (const kv of statement.entries) this.addKeyValue(target, kv);
      this.current = undefined;
      if (this.acrossStatements) return undefined;
      for (const e of made.errors) addedErrors.push(e);
    }
    // Each changed table gets a new identity, its parents too; a grown one its keys in load order.
    // The tables other statements reached into: renewed like a build's (the patch never extends a table).
    for (const memo of extended) {
      const syntax = memo.table.syntax;
      const segs = syntax && syntax.kind === 'table' ? completeKey(syntax) : undefined;
      if (!segs) return undefined;
      changed.set(memo.table, pathOf(segs, segs.length));
    }
    const renewed = new Map<ModelTable, ModelTable>();
    const copies = new Set<ModelTable>();
    const renew = (table: ModelTable): ModelTable => {
      if (copies.has(table)) return table;
      let copy = renewed.get(table);
      if (!copy) {
        const owner = tableOwners.get(table);
        if (owner?.table === table) {
          // A statement's table: its memo follows the copy.
          copy = { type: 'table', origin: table.origin, entries: table.entries, span: table.span, syntax: table.syntax };
          owner.table = copy;
          tableOwners.set(copy, owner);
        } else copy = { type: 'table', origin: table.origin, entries: table.entries, span: table.span };
        renewed.set(table, copy);
        copies.add(copy);
      }
      return copy;
    };
    // A statement removed for one that did not come: its key stays where it was, which a build would not keep.
    if (replaced.size) return undefined;
    const newRoot = renew(root);
    newRoot.span = { start: 0, end: textLengthOf(this.syntax) };
    for (const [table, path] of changed) {
      const copy = renew(table);
      if (grown.has(table) && !inLoadOrder(table.entries, this.syntax, path)) copy.entries = loadOrdered(table.entries, this.syntax, path);
      // The copy replaces the table in its parent, and each parent up to the root is renewed.
      let parent = newRoot;
      for (let i = 0; i < path.length; i++) {
        const entry = parent.entries.get(path[i] as string);
        if (!entry || entry.node.type !== 'table') return undefined;
        const child = entry.node;
        const next = i === path.length - 1 ? copy : renew(child);
        if (i === path.length - 1 && child !== table && child !== copy) return undefined;
        entry.node = next;
        noteEntryChange(parent.entries, path[i] as string);
        parent = next;
      }
    }
    let errors: ModelError[] = this.syntax.errors.map((e): ModelError => ({ span: e.span, message: e.message, code: 'toml-syntax' }));
    for (const e of previous.errors) if (e.code !== 'toml-syntax' && !droppedErrors.has(e)) errors.push(e);
    errors = errors.concat(addedErrors);
    errors.sort((a, b) => a.span.start - b.span.start);
    patchableRoots.set(newRoot, extended);
    return { syntax: this.syntax, root: newRoot, errors };
  }

  /**
   * Gives an implicit table (`components`, made by the first `[components.NAME]`) the header a build would make it
   * with, when the patch removes the one that made it or adds one above it: the first header of the new tree from
   * `head` on that leads through it, among the added statements and the first statement after them (further, a build
   * is as good). Its entry and its span are that header's, as openTable's walk sets them; the table and its parent are
   * renewed, and the parent's keys checked against load order (the table is named at another place now). False when
   * no such header is near, or one there opens the table itself (`[components]`): the caller builds.
   */
  private renameImplicit(parent: ModelTable, entry: ModelEntry, segs: readonly KeySegment[], depth: number, head: number, added: number, changed: Map<ModelTable, readonly string[]>, grown: Set<ModelTable>): boolean {
    const tables = this.syntax.tables;
    const last = Math.min(head + added, tables.length - 1);
    for (let j = head; j <= last; j++) {
      const statement = tables[j] as TableNode;
      const other = completeKey(statement);
      // A half-typed header names nothing: a build walks no table for it.
      if (!other) continue;
      let under = other.length > depth;
      for (let d = 0; d <= depth && under; d++) under = (other[d] as KeySegment).value === (segs[d] as KeySegment).value;
      if (!under) continue;
      if (other.length === depth + 1) return false;
      const table = entry.node as ModelTable;
      entry.keySpan = (other[depth] as KeySegment).span;
      entry.definitionSpan = statement.headerSpan;
      table.span = statement.headerSpan;
      noteEntryChange(parent.entries, (segs[depth] as KeySegment).value);
      changed.set(table, pathOf(segs, depth + 1));
      if (!changed.has(parent)) changed.set(parent, pathOf(segs, depth));
      grown.add(parent);
      return true;
    }
    return false;
  }

  /**
   * Installs the model table an earlier build made for this unchanged `[header]` statement, when nothing
   * reached into it then and its place is free: what openTable and the key/values would build is that table.
   */
  private reuseTable(parent: ModelTable, key: KeyNode, syntax: TableNode): boolean {
    if (!this.reuse) return false;
    const memo = headerTableModels.get(syntax);
    if (!memo || memo.extended || memo.table.syntax !== syntax) return false;
    const last = key.segments[key.segments.length - 1] as KeySegment;
    // Taken: openTable reports what it reports, and this statement's table is built anew.
    if (parent.entries.has(last.value)) return false;
    // The entry of the last build that installed it, unless something changed it since (renewStatementTable).
    let entry = memo.entry;
    if (!entry || entry.node !== memo.table || entry.keySpan !== last.span || entry.definitionSpan !== syntax.headerSpan) {
      entry = { keySpan: last.span, definitionSpan: syntax.headerSpan, node: memo.table };
      memo.entry = entry;
    }
    parent.entries.set(last.value, entry);
    for (const e of memo.errors) this.errors.push(e);
    memo.usedIn = this.serial;
    memo.reused = true;
    return true;
  }

  /** A header walks through `table` on its way to its own: the statement that made the table is extended. */
  private enter(table: ModelTable): void {
    const owner = tableOwners.get(table);
    if (!owner || owner === this.current || owner.usedIn !== this.serial) return;
    if (owner.reused) throw WALKED_INTO_REUSED;
    if (!owner.extended) this.extendedMemos.push(owner);
    owner.extended = true;
  }

  /**
   * Walks the leading segments of a header key, creating implicit tables; arrays of tables lead into their
   * last element. Returns undefined (after reporting) when a segment names something that is not a table.
   */
  private walkHeaderPrefix(root: ModelTable, key: KeyNode, headerSpan: Span): ModelTable | undefined {
    let table = root;
    const segs = key.segments;
    for (let i = 0; i < segs.length - 1; i++) {
      const seg = segs[i] as KeySegment;
      const entry = table.entries.get(seg.value);
      if (!entry) {
        const created: ModelTable = { type: 'table', origin: 'implicit', entries: new Map(), span: headerSpan };
        table.entries.set(seg.value, { keySpan: seg.span, definitionSpan: headerSpan, node: created });
        table = created;
        continue;
      }
      const node = entry.node;
      if (node.type === 'table' && node.origin !== 'inline') {
        // Implicit tables belong to no statement.
        if (node.origin !== 'implicit') this.enter(node);
        table = node;
      } else if (node.type === 'array' && node.origin === 'array-table' && node.items.length) {
        table = node.items[node.items.length - 1] as ModelTable;
      } else {
        const name = keyText(segs.slice(0, i + 1));
        this.conflict('toml-invalid-extension', seg.span, `Cannot define a table inside '${name}': it is already ${describe(node)}, defined here`, entry.keySpan, `'${name}' is defined here`);
        return undefined;
      }
    }
    return table;
  }

  /** Opens `[key]` in `parent`, the table its leading segments lead to (walkHeaderPrefix). */
  private openTable(parent: ModelTable, key: KeyNode, syntax: TableNode): ModelTable | undefined {
    const headerSpan = syntax.headerSpan;
    const last = key.segments[key.segments.length - 1] as KeySegment;
    const entry = parent.entries.get(last.value);
    if (!entry) {
      // Made with all its fields at once: adding `syntax` later would change the object's shape.
      const created: ModelTable = { type: 'table', origin: 'header', entries: new Map(), span: headerSpan, syntax };
      parent.entries.set(last.value, { keySpan: last.span, definitionSpan: headerSpan, node: created });
      return created;
    }
    const node = entry.node;
    // Only a table that deeper headers made implicitly may be opened by its own header, once: opening it
    // makes it a 'header' table, so a second [header] for it is a redefinition.
    if (node.type === 'table' && node.origin === 'implicit') {
      node.origin = 'header';
      node.span = headerSpan;
      entry.keySpan = last.span;
      entry.definitionSpan = headerSpan;
      node.syntax = syntax;
      return node;
    }
    const name = keyText(key.segments);
    const what = node.type === 'table' && node.origin !== 'inline' ? 'Table' : 'Key';
    this.conflict(
      'toml-redefined-table',
      key.span,
      `${what} '${name}' is already defined${node.type === 'table' && node.origin !== 'inline' ? '' : ` as ${describe(node)}`}: a table can be defined only once`,
      entry.definitionSpan,
      `'${name}' is first defined here`,
    );
    return undefined;
  }

  private openArrayTable(root: ModelTable, key: KeyNode, syntax: TableNode): ModelTable | undefined {
    const headerSpan = syntax.headerSpan;
    const parent = this.walkHeaderPrefix(root, key, headerSpan);
    if (!parent) return undefined;
    const last = key.segments[key.segments.length - 1] as KeySegment;
    const entry = parent.entries.get(last.value);
    const element: ModelTable = { type: 'table', origin: 'array-table', entries: new Map(), span: headerSpan, syntax };
    if (!entry) {
      const arr: ModelArray = { type: 'array', origin: 'array-table', items: [element], span: headerSpan };
      parent.entries.set(last.value, { keySpan: last.span, definitionSpan: headerSpan, node: arr });
      return element;
    }
    if (entry.node.type === 'array' && entry.node.origin === 'array-table') {
      entry.node.items.push(element);
      return element;
    }
    const name = keyText(key.segments);
    this.conflict('toml-redefined-table', key.span, `'${name}' is already defined as ${describe(entry.node)}: it cannot also be an array of tables`, entry.definitionSpan, `'${name}' is first defined here`);
    return undefined;
  }

  private addKeyValue(table: ModelTable, kv: KeyValueNode): void {
    // A half-typed `key =` or `a. = 1` is reported by the parser and defines nothing, not even `a`.
    if (!kv.value || !isComplete(kv.key)) return;
    const segs = kv.key.segments;
    let target = table;
    for (let i = 0; i < segs.length - 1; i++) {
      const seg = segs[i] as KeySegment;
      const entry = target.entries.get(seg.value);
      if (!entry) {
        const created: ModelTable = { type: 'table', origin: 'dotted', entries: new Map(), span: kv.span };
        if (this.current) tableOwners.set(created, this.current);
        target.entries.set(seg.value, { keySpan: seg.span, definitionSpan: kv.span, node: created });
        target = created;
        continue;
      }
      if (entry.node.type === 'table' && entry.node.origin === 'dotted') {
        target = entry.node;
        continue;
      }
      const name = keyText(segs.slice(0, i + 1));
      const reason = entry.node.type === 'table' && entry.node.origin !== 'inline' ? `the table '${name}' is defined elsewhere and cannot be extended with a dotted key` : `'${name}' is already ${describe(entry.node)}`;
      this.conflict('toml-invalid-extension', seg.span, `Cannot add '${keyText(segs)}': ${reason}`, entry.definitionSpan, `'${name}' is defined here`);
      return;
    }
    const last = segs[segs.length - 1] as KeySegment;
    const existing = target.entries.get(last.value);
    if (existing) {
      const name = keyText(segs);
      this.conflict('toml-duplicate-key', last.span, `Duplicate key '${name}': it is already defined`, existing.keySpan, `'${name}' is first defined here`);
      return;
    }
    const node = (kv.value.kind === 'array' && (this.made?.get(kv.value) ?? keptArrayModel(kv.value))) || this.valueNode(kv.value);
    if (node.type === 'array' && kv.value.kind === 'array') modelArrays.set(kv.value, node);
    target.entries.set(last.value, { keySpan: last.span, definitionSpan: kv.span, node } satisfies ModelEntry);
  }

  private valueNode(value: ValueNode): ModelNode {
    if (value.kind === 'array') {
      return { type: 'array', origin: 'inline', items: value.items.map((v) => this.valueNode(v)), span: value.span, syntax: value };
    }
    if (value.kind === 'inline-table') return this.inlineTable(value);
    return { type: 'scalar', syntax: value, span: value.span };
  }

  private inlineTable(value: InlineTableNode): ModelTable {
    const table: ModelTable = { type: 'table', origin: 'dotted', entries: new Map(), span: value.span, syntax: value };
    for (const kv of value.entries) this.addKeyValue(table, kv);
    freezeInline(table);
    return table;
  }
}

function keyPath(segs: readonly KeySegment[]): string {
  let out = '';
  for (let i = 0; i < segs.length; i++) out += (i ? '\u0000' : '') + (segs[i] as KeySegment).value;
  return out;
}

function pathOf(segs: readonly KeySegment[], length: number): string[] {
  const path = new Array<string>(length);
  for (let i = 0; i < length; i++) path[i] = (segs[i] as KeySegment).value;
  return path;
}

/** Whether a header key (complete) leads through `path` to a key of the table there; that key, or undefined. */
function keyBelow(segs: readonly KeySegment[], path: readonly string[]): string | undefined {
  if (segs.length <= path.length) return undefined;
  for (let i = 0; i < path.length; i++) if ((segs[i] as KeySegment).value !== path[i]) return undefined;
  return (segs[path.length] as KeySegment).value;
}

/** How far keyBefore looks up for the header above (statements): past that, the order is checked whole. */
const LOOK_BACK = 64;

/**
 * The key that the header at `at` of `tables` (key `segs`, complete) follows in the load order of `parent`, the
 * implicit table its leading segments lead to: the key of the nearest header above that leads into `parent`, when
 * that header is `[path.KEY]` and KEY's table is its own (so it named KEY first: every key named before it comes
 * before KEY, and every key after KEY is named below the new header). Null when no header above leads into
 * `parent` (the key is its first). Undefined when that cannot be told so cheaply: a root key (root key/values name
 * keys too), a header above that is deeper or an array of tables, one that did not make its table, or none within
 * LOOK_BACK statements.
 */
function keyBefore(tables: readonly TableNode[], at: number, segs: readonly KeySegment[], parent: ModelTable): string | null | undefined {
  const depth = segs.length - 1;
  if (depth === 0) return rootKeyBefore(parent, (tables[at] as TableNode).headerSpan.start);
  for (let i = at - 1; i >= 0; i--) {
    if (at - i > LOOK_BACK) return undefined;
    const statement = tables[i] as TableNode;
    const other = completeKey(statement);
    // A header with a half-typed key names nothing; a shorter one (`[components]`) no key of `parent`.
    if (!other || other.length <= depth) continue;
    let under = true;
    for (let d = 0; d < depth && under; d++) under = (other[d] as KeySegment).value === (segs[d] as KeySegment).value;
    if (!under) continue;
    if (other.length !== depth + 1 || statement.kind !== 'table') return undefined;
    const key = (other[depth] as KeySegment).value;
    const entry = parent.entries.get(key);
    if (!entry || headerTableModels.get(statement)?.table !== entry.node) return undefined;
    return key;
  }
  return null;
}

/**
 * keyBefore's answer for `key`, kept only when setAfter can follow it: another key of the table (or first, in a
 * table that holds something); undefined (set, and the order checked whole) otherwise.
 */
function placeOf(table: ModelTable, key: string, keyBefore: () => string | null | undefined): string | null | undefined {
  if (table.entries.size === 0) return undefined;
  const before = keyBefore();
  if (before === null) return table.entries.size === 1 && table.entries.has(key) ? undefined : null;
  return before !== undefined && before !== key && table.entries.has(before) ? before : undefined;
}

/** Root maps up to this size are placed by their entries' spans (rootKeyBefore); larger ones are checked whole. */
const ROOT_KEYS_BY_SPAN = 16;

/**
 * The key a new root key named first by the header at `start` follows: the root's keys are in load order, which is
 * the order of the place each was first named, and each entry's definition span is that place (a root key/value,
 * the first header through an implicit table or an array of tables, a header's own table) unless a header opened
 * a table deeper headers had made (its span is then the opening header's): then, or for a larger root, undefined.
 */
function rootKeyBefore(root: ModelTable, start: number): string | null | undefined {
  if (root.entries.size > ROOT_KEYS_BY_SPAN) return undefined;
  let before: string | null = null;
  let last = -1;
  for (const [key, entry] of root.entries) {
    const node = entry.node;
    if (node.type === 'table' && node.origin === 'header' && (!node.syntax || node.syntax.kind !== 'table' || headerTableModels.get(node.syntax)?.table !== node)) return undefined;
    const at = entry.definitionSpan.start;
    // The spans must rise with the order (else some span is not where its key was first named).
    if (at <= last || at === start) return undefined;
    last = at;
    if (at < start) before = key;
  }
  return before;
}

/**
 * Whether the keys of the table at `path` (the root, or implicit tables under it: only headers add to them, and
 * root key/values to the root) are in the order a build adds them: by the first statement that names each.
 * A key named again later is recognised by its entry defined above (a table a header opened after deeper headers
 * made it implicitly is defined at the opening header: then this answers no, and the map is rebuilt in order).
 */
function inLoadOrder(entries: Map<string, ModelEntry>, tree: TomlSyntaxTree, path: readonly string[]): boolean {
  // One key is in every order: the table the benchmark's typo makes (`[componentsx.NAME]`), whose check walked all
  // 7,400 headers of components.toml each time.
  if (entries.size <= 1) return true;
  const keys = entries.keys();
  let expected = keys.next();
  // The key of the statement before, when it was in place: a run of headers under one key (`components`) repeats it.
  let previous: string | undefined;
  const seen = (key: string, at: number): boolean => {
    if (key === previous) return true;
    if (!expected.done && expected.value === key) {
      expected = keys.next();
      previous = key;
      return true;
    }
    const entry = entries.get(key);
    if (entry === undefined || entry.definitionSpan.start >= at) return false;
    previous = key;
    return true;
  };
  if (path.length === 0) {
    for (const kv of tree.rootEntries) {
      if (!kv.value || !isComplete(kv.key)) continue;
      if (!seen((kv.key.segments[0] as KeySegment).value, kv.span.start)) return false;
    }
  }
  // By index: 7,400 statements of components.toml, and the first keystrokes run this unoptimized.
  const tables = tree.tables;
  for (let i = 0; i < tables.length; i++) {
    const table = tables[i] as TableNode;
    const segs = completeKey(table);
    const key = segs && keyBelow(segs, path);
    if (key !== undefined && !seen(key, table.headerSpan.start)) return false;
  }
  return expected.done === true;
}

/** The same entries in the order a build adds them (see inLoadOrder). */
function loadOrdered(entries: Map<string, ModelEntry>, tree: TomlSyntaxTree, path: readonly string[]): Map<string, ModelEntry> {
  const out = new Map<string, ModelEntry>();
  // A key set again keeps its first place (and its value is the same entry).
  const add = (key: string): void => {
    out.set(key, entries.get(key) as ModelEntry);
  };
  if (path.length === 0) for (const kv of tree.rootEntries) if (kv.value && isComplete(kv.key)) add((kv.key.segments[0] as KeySegment).value);
  // By index: 7,400 statements of components.toml, and the first keystrokes run this unoptimized.
  const tables = tree.tables;
  for (let i = 0; i < tables.length; i++) {
    const table = tables[i] as TableNode;
    const segs = completeKey(table);
    const key = segs && keyBelow(segs, path);
    if (key !== undefined) add(key);
  }
  return out;
}

/** An inline table and the tables its dotted keys made are closed: nothing may be added to them later. */
function freezeInline(table: ModelTable): void {
  // A work list, not recursion: a dotted key inside the braces may have thousands of segments.
  const work = [table];
  for (let t = work.pop(); t; t = work.pop()) {
    t.origin = 'inline';
    for (const entry of t.entries.values()) {
      if (entry.node.type === 'table' && entry.node.origin === 'dotted') work.push(entry.node);
    }
  }
}
