// Incremental re-parse: the document for a new text, from the document of the text before an edit.
// Only the top-level statements (key/values, headers, unreadable lines) around the changed range are
// parsed again; the statements before it are reused as they are, the ones after it are copied with their
// spans shifted, and the model is rebuilt from that syntax tree. The result is exactly what parseToml
// gives for the new text (the differential tests check this): at a top-level statement start the parser
// holds no state but the table it is in, and the trace tells how far each statement looked ahead, so
// the re-parse starts where nothing before it saw the change and stops at the first statement after the
// change that the old parse reached in the same state.
//
// By default the previous document is left as it was: the statements after the change are copies. With
// `takeOver`, the caller gives the previous document up (the document cache does, since it replaces the entry):
// those statements are the previous document's own nodes, their spans moved in place, and its lists (tables,
// comments, errors, the statement trace) the new tree's, the re-parsed range replaced in place, so an edit
// allocates only what it re-parsed — no copy of the 17,000 items of an array after it, nor of a list of 7,400
// tables — and unchanged statements keep their identity. The previous document must not be read afterwards.
import type { ArrayNode, CommentNode, InlineTableNode, KeyNode, KeySegment, KeyValueNode, SyntaxError, TableNode, TomlSyntaxTree, ValueNode } from './ast';
import type { Span } from '../diagnostics';
import type { ModelError, ModelNode, TomlDocument } from './model';
import { noteUntrackedChange } from './entriesJournal';
import { buildModel, countItemEdit, patchModel, type TableChange, countItemReplace, countLayoutEdit, forgetStatementTable, modelArrays, renewStatementTable, valueModel } from './modelBuilder';
import { ARRAY_STRIDE, arrayTraces, emptyTrace, parseToml, type ParseOptions, resumeArrayParse, resumeParse, statementTraces, type StatementTrace } from './parser';
import { textLengthOf, treeOfSource, treeSources } from './treeSource';
import { PieceText } from '../text/pieceText';
import { sameItems } from '../sameItems';
import { carryMarkedCount } from './markedComments';

/**
 * Look-ahead past the farthest position a statement's cursor reached, which the trace does not record:
 * the rest of that line (line patterns) and a few characters after its end (a \U escape's eight digits
 * read as one slice, a quote run, a date's time part).
 */
const LOOKAHEAD_SLACK = 9;

export interface ReparseOptions {
  /** Reuse the previous document's nodes after the change, moving their spans: the previous document is spent. */
  takeOver?: boolean;
  /** How far past the change the first window of a buffer in pieces reaches (default FIRST_WINDOW; tests make it tiny). */
  firstWindow?: number;
}

/**
 * The new text as the re-parse reads it: a flat string, or a buffer in pieces of which it reads windows (whole
 * lines around the change, grown while a parse reads near a window's end).
 */
interface NewText {
  length: number;
  /** The text from the start of the line holding `start` to at least `end` (whole lines), and where it starts. */
  window(start: number, end: number): { s: string; base: number };
  lastIndexOfLineFeed(from: number): number;
  /** The whole text as a string: the flat string, or the pieces joined (only when a window will not do). */
  whole(): string;
  /** The source to record with the new tree (undefined for a flat string). */
  source: PieceText | undefined;
}

function flatText(text: string): NewText {
  return { length: text.length, window: () => ({ s: text, base: 0 }), lastIndexOfLineFeed: (from) => text.lastIndexOf('\n', from), whole: () => text, source: undefined };
}

function piecesText(text: PieceText): NewText {
  return {
    length: text.length,
    window(start, end) {
      const from = text.lastIndexOfCode(LINE_FEED, start - 1) + 1;
      const lineEnd = text.indexOfCode(LINE_FEED, Math.max(from, end));
      const to = lineEnd < 0 ? text.length : lineEnd + 1;
      return { s: text.slice(from, to), base: from };
    },
    lastIndexOfLineFeed: (from) => text.lastIndexOfCode(LINE_FEED, from),
    whole: () => text.toString(),
    source: text,
  };
}

const LINE_FEED = 10;
/** The first window a re-parse reads past the change; doubled while a parse reads near its end. */
const FIRST_WINDOW = 4096;

/**
 * Whether a parse of the window `s` (at `base`) read only what the window holds: it reached at most `reach`,
 * and with the look-ahead the trace does not record (the rest of that line and LOOKAHEAD_SLACK after it), it
 * stayed inside the window — or the window ends where the text does.
 */
function readWithin(s: string, base: number, reach: number, textLength: number): boolean {
  if (base + s.length >= textLength) return true;
  const lineEnd = s.indexOf('\n', Math.max(0, reach - base));
  return lineEnd >= 0 && lineEnd + 1 + LOOKAHEAD_SLACK < s.length;
}

/** The document for `text`, reusing what it can of `previous` (the document of an earlier text). */
export function reparseToml(previous: TomlDocument, next: string | PieceText, options: ReparseOptions = {}): TomlDocument {
  const old = previous.syntax;
  const oldSource = treeSources.get(old);
  if (oldSource ? next === oldSource : old.text === next) return previous;
  const trace = statementTraces.get(old);
  const known = next instanceof PieceText && oldSource ? next.changeSince(oldSource) : undefined;
  if (!trace) return parseFresh(next);
  let prefix: number;
  let suffix: number;
  let text: NewText;
  if (known) {
    ({ prefix, suffix } = known);
    text = piecesText(next as PieceText);
  } else {
    const whole = String(next);
    const oldText = old.text;
    // (The same text, now in pieces: kept with the tree, so the next edit is read from the pieces.)
    if (oldText === whole) return next instanceof PieceText ? withSource(previous, next) : previous;
    prefix = commonPrefix(oldText, whole);
    suffix = commonSuffix(oldText, whole, Math.min(oldText.length, whole.length) - prefix);
    text = next instanceof PieceText ? piecesText(next) : flatText(whole);
  }
  const document = reparseWith(previous, trace, text, prefix, suffix, options);
  return text.source && treeSources.get(document.syntax) !== text.source ? withSource(document, text.source) : document;
}

/** The document with its tree's text the buffer's (a full parse of the joined buffer made it). */
function withSource(document: TomlDocument, source: PieceText): TomlDocument {
  const syntax = treeOfSource(source, document.syntax);
  const trace = statementTraces.get(document.syntax);
  if (trace) statementTraces.set(syntax, trace);
  return { ...document, syntax };
}

/** The first parse of an editor buffer in pieces (joined for it), the buffer recorded for the next re-parse. */
export function parseTomlPieces(text: PieceText, options: ParseOptions = {}): TomlDocument {
  return withSource(parseToml(text.toString(), options), text);
}

/** A full parse of a new text (a buffer in pieces is joined), its buffer recorded for the next re-parse. */
function parseFresh(next: string | PieceText): TomlDocument {
  return next instanceof PieceText ? withSource(parseToml(next.toString()), next) : parseToml(next);
}

function reparseWith(previous: TomlDocument, trace: StatementTrace, text: NewText, prefix: number, suffix: number, options: ReparseOptions): TomlDocument {
  const old = previous.syntax;
  if (options.takeOver) {
    const inArray = reparseInArray(old, trace, text, prefix, suffix, options.firstWindow ?? FIRST_WINDOW);
    if (inArray) {
      const model = modelAfterArrayEdit(previous, inArray);
      if (model) return model;
      // The statement's syntax changed in place: its model table from the last build no longer matches it,
      // nor does the array's model.
      if (inArray.statement) forgetStatementTable(inArray.statement);
      modelArrays.delete(inArray.array);
      return buildModel(inArray.tree);
    }
  }
  const reparsed = reparseSyntax(old, trace, text, prefix, suffix, options.takeOver === true, options.firstWindow ?? FIRST_WINDOW);
  if (!reparsed) return parseToml(text.whole());
  // Taken over, the previous model may be patched for the header statements the edit replaced.
  return (options.takeOver && patchModel(previous, reparsed.tree, reparsed.tables)) || buildModel(reparsed.tree);
}

/** Whether two runs of items are the same scalars (kind and value), position by position. */
function sameScalarValues(a: readonly ValueNode[], b: readonly ValueNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) {
    const x = a[j] as ValueNode;
    const y = b[j] as ValueNode;
    if (x.kind !== y.kind) return false;
    if (x.kind === 'datetime') {
      if (x.raw !== (y as typeof x).raw || x.subtype !== (y as typeof x).subtype) return false;
    } else if (x.kind === 'string') {
      if (x.value !== (y as typeof x).value || x.style !== (y as typeof x).style) return false;
    } else if (x.kind === 'integer' || x.kind === 'float' || x.kind === 'boolean') {
      if (!Object.is(x.value, (y as typeof x).value)) return false;
    } else return false;
  }
  return true;
}

/** Whether a value holds an inline table (whose keys the model checks for duplicates), at any depth. */
function holdsInlineTable(values: readonly ValueNode[]): boolean {
  const work = [...values];
  for (let v = work.pop(); v; v = work.pop()) {
    if (v.kind === 'inline-table') return true;
    if (v.kind === 'array') for (const item of v.items) work.push(item);
  }
  return false;
}

/**
 * The model after an edit inside an array, from the previous document's own model (taken over with it): the
 * array's model items between the restart and the stop are replaced, nothing else changes (the model
 * shares its span objects with the syntax tree, which moved). Undefined when the items involved hold inline
 * tables (their keys can be duplicates, errors of the model) or the array's model is not known: the caller
 * builds the model anew.
 */
function modelAfterArrayEdit(previous: TomlDocument, edit: ArrayEdit): TomlDocument | undefined {
  const model = modelArrays.get(edit.array);
  if (!model || model.syntax !== edit.array || holdsInlineTable(edit.removed) || holdsInlineTable(edit.added)) return undefined;
  const added = new Array<ModelNode>(edit.added.length);
  for (let j = 0; j < added.length; j++) added[j] = valueModel(edit.added[j] as ValueNode);
  // In place (a copy of 17,000 items costs a millisecond); an edit that changed a value is counted, for
  // memos that compare lists by identity (one that changed only spans and blanks leaves the values as they were).
  replaceRange(model.items, edit.at, edit.at + edit.removed.length, added);
  countItemReplace(model.items, edit.at, edit.removed.length, added.length);
  const root = previous.root;
  if (!sameScalarValues(edit.removed, edit.added)) {
    countItemEdit(model.items);
    // The header's model table changed: a new identity for it, for memos keyed on it (or a new build). Above the
    // first header the array's table is not known: every pass that follows maps' journals runs in full.
    if (edit.statement && !renewStatementTable(root, edit.statement)) return undefined;
    if (!edit.statement) noteUntrackedChange();
  } else if (edit.statement && !countLayoutEdit(root, edit.statement)) return undefined;
  root.span = { start: 0, end: textLengthOf(edit.tree) };
  const errors: ModelError[] = edit.tree.errors
    .map((e): ModelError => ({ span: e.span, message: e.message, code: 'toml-syntax' }))
    .concat(previous.errors.filter((e) => e.code !== 'toml-syntax'));
  errors.sort((a, b) => a.span.start - b.span.start);
  return { syntax: edit.tree, root, errors };
}

/**
 * Texts are compared in chunks that double while they match (substring equality runs natively, a
 * character loop does not), then character by character inside the first chunk that differs.
 */
const FIRST_CHUNK = 64;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  let chunk = FIRST_CHUNK;
  while (chunk >= FIRST_CHUNK) {
    if (i + chunk <= n && a.substring(i, i + chunk) === b.substring(i, i + chunk)) {
      i += chunk;
      chunk *= 2;
    } else chunk >>= 1;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The length of the common suffix of a and b, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  let chunk = FIRST_CHUNK;
  while (chunk >= FIRST_CHUNK) {
    if (i + chunk <= limit && a.substring(a.length - i - chunk, a.length - i) === b.substring(b.length - i - chunk, b.length - i)) {
      i += chunk;
      chunk *= 2;
    } else chunk >>= 1;
  }
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The first statement index whose start is ≥ offset (binary search; starts are increasing). */
function firstAtOrAfter(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The new syntax tree, or undefined when only a full parse will do (the change is at the very start). */
function reparseSyntax(old: TomlSyntaxTree, trace: StatementTrace, text: NewText, prefix: number, suffix: number, takeOver: boolean, firstWindow: number): { tree: TomlSyntaxTree; tables: TableChange } | undefined {
  const oldLength = textLengthOf(old);
  const delta = text.length - oldLength;
  const n = trace.starts.length;

  // Restart at the last statement such that nothing before it read the changed text. The blanks and
  // comments between statements are only skipped, so the restart statement may start right at the change.
  // (Before the change, the old text is the new one.)
  // The first statement reads nothing before it: it is a restart point whatever the edit's line. An edit above it
  // (the comments at the top of a file) starts the parse again at the text's start, which may then stop at the
  // first statement itself.
  const safeLineEnd = text.lastIndexOfLineFeed(prefix - LOOKAHEAD_SLACK - 1);
  if (n === 0) return undefined;
  let restart = 0;
  let reach = -1;
  for (let i = 0; i < n; i++) {
    if (reach > safeLineEnd || (trace.starts[i] as number) > prefix) break;
    restart = i;
    reach = Math.max(reach, trace.reaches[i] ?? oldLength);
  }
  const fromStart = restart === 0 && (trace.starts[0] as number) > prefix;
  // (A parse of the whole text skips a byte order mark at its start; a resumed one does not.)
  if (fromStart && text.window(0, 1).s.charCodeAt(0) === 0xfeff) return undefined;
  const point = fromStart ? TEXT_START : (pastStatement(old, trace, restart, text.lastIndexOfLineFeed(prefix - 1)) ?? atStatement(old, trace, restart));
  const { at: restartAt, owner, entryCount, errorsBefore, commentsBefore } = point;
  const unchangedFrom = text.length - suffix;
  // A buffer in pieces is read in windows from the restart's line: a parse that read near a window's end is
  // done again on a window twice as long (the state it continues is made afresh for each attempt).
  for (let size = firstWindow; ; size *= 2) {
    const { s, base } = text.window(restartAt, unchangedFrom + size);
    let currentTable: TableNode | undefined;
    if (owner >= 0) {
      const t = old.tables[owner] as TableNode;
      const entries = t.entries.slice(0, entryCount);
      const last = entries[entries.length - 1];
      currentTable = { kind: t.kind, key: t.key, headerSpan: t.headerSpan, entries, span: last ? { start: t.span.start, end: last.span.end } : { ...t.headerSpan } };
    }
    // The resumed parse collects what it reads in lists of its own: joined with the old ones only once it succeeded.
    const partTrace = emptyTrace();
    let stopIndex = -1;
    const result = resumeParse(
      s,
      {
        start: restartAt,
        rootEntries: owner < 0 ? old.rootEntries.slice(0, entryCount) : [],
        tables: [],
        currentTable,
        errors: [],
        comments: [],
        tablesBefore: owner + 1,
        errorsBefore,
        commentsBefore,
        trace: partTrace,
        stopAtFirst: fromStart,
        stopAt(offset, headersOpened) {
          if (offset < unchangedFrom) return false;
          const k = firstAtOrAfter(trace.starts, offset - delta);
          if (k >= n || trace.starts[k] !== offset - delta) return false;
          // A key/value after the change joins the table the re-parsed part ended in: without a header read, that is
          // its old table, the owner; else the last header read, and the old statements from there on go on in it
          // (a key/value's parse reads nothing of its table; joinStatements moves them).
          if ((trace.entryIndexes[k] as number) >= 0 && !headersOpened && trace.owners[k] !== owner) return false;
          stopIndex = k;
          return true;
        },
      },
      base,
    );
    let farthest = result.stoppedAt ?? base + s.length;
    for (const r of partTrace.reaches) farthest = Math.max(farthest, r);
    if (base + s.length < text.length && (result.stoppedAt === undefined || !readWithin(s, base, farthest, text.length))) continue;
    const part: ParsedPart = { restart: point.index, owner, currentTable, added: result.tree, trace: partTrace, stop: result.stoppedAt === undefined ? undefined : stopIndex, errorsBefore, commentsBefore };
    const joined = joinStatements(old, trace, part, takeOver ? moving(delta) : copying(delta));
    const tree: TomlSyntaxTree = text.source ? treeOfSource(text.source, joined.parts) : { text: text.whole(), ...joined.parts };
    statementTraces.set(tree, joined.trace);
    return { tree, tables: joined.tables };
  }
}

/**
 * Where a re-parse starts: at offset `at`, the statements from trace index `index` on parsed again; what the parse
 * before `at` left open (`owner`, the table statements there join, -1: the root, holding its first `entryCount`
 * entries), and the errors and comments made before `at`.
 */
interface RestartPoint {
  index: number;
  at: number;
  owner: number;
  entryCount: number;
  errorsBefore: number;
  commentsBefore: number;
}

/** The text's start: an edit above the first statement. */
const TEXT_START: RestartPoint = { index: 0, at: 0, owner: -1, entryCount: 0, errorsBefore: 0, commentsBefore: 0 };

/**
 * At statement `i`: the table statements there join (for a header, the table before it, since after the edit the
 * text there may no longer be a header), copied by the caller with the entries it had at that point.
 */
function atStatement(old: TomlSyntaxTree, trace: StatementTrace, i: number): RestartPoint {
  const isHeader = (trace.entryIndexes[i] as number) < 0;
  const owner = isHeader ? (trace.owners[i] as number) - 1 : (trace.owners[i] as number);
  const ownerEntries = owner < 0 ? old.rootEntries : (old.tables[owner] as TableNode).entries;
  const entryCount = isHeader ? ownerEntries.length : (trace.entryIndexes[i] as number);
  return { index: i, at: trace.starts[i] as number, owner, entryCount, errorsBefore: trace.errorCounts[i] as number, commentsBefore: trace.commentCounts[i] as number };
}

/**
 * Past statement `i`, when it read nothing of the edit's line: from the start of that line (after `lineFeed`, the
 * line feed before the edit, which it may have read: its cursor stops on the line end it checks), with the table
 * statement `i` opened or joined open. So an edit in the blank lines or comments after a statement, or at the end of
 * the file, does not parse that statement again (sdk.packages.toml's last one is a key/value of 17,000 items). The
 * look-ahead a statement's trace does not record (LOOKAHEAD_SLACK) never decides anything by what follows a line
 * feed: a line pattern stops at it, and an escape's digits, a quote run or a date's time part fail at it. Undefined
 * when the statement read past that line feed, or when the errors and comments it and the lines after it made are
 * not in the order of their places (they are counted by place).
 */
function pastStatement(old: TomlSyntaxTree, trace: StatementTrace, i: number, lineFeed: number): RestartPoint | undefined {
  const at = lineFeed + 1;
  if ((trace.reaches[i] ?? Infinity) > lineFeed || at <= (trace.starts[i] as number)) return undefined;
  const next = i + 1 < trace.starts.length;
  // (The statements after it must all start there or later: the restart found may be an earlier one.)
  if (next && (trace.starts[i + 1] as number) < at) return undefined;
  const before = countsBefore(old, trace, i, trace.errorCounts[i] as number, trace.commentCounts[i] as number, at);
  if (!before) return undefined;
  // The table's entries before `at`: up to the next statement's when that one joins it too (a statement that is not a
  // key/value adds none), else all it has.
  const owner = trace.owners[i] as number;
  const joinsOwner = next && (trace.entryIndexes[i + 1] as number) >= 0 && trace.owners[i + 1] === owner;
  const entryCount = joinsOwner ? (trace.entryIndexes[i + 1] as number) : (owner < 0 ? old.rootEntries : (old.tables[owner] as TableNode).entries).length;
  return { index: i + 1, at, owner, entryCount, errorsBefore: before.errors, commentsBefore: before.comments };
}

/**
 * How many errors and comments come before `at`, counting from `errorsFrom` and `commentsFrom` up to the end of
 * statement `i` (its own and those of the lines after it): by place, so undefined unless those before `at` come first.
 */
function countsBefore(old: TomlSyntaxTree, trace: StatementTrace, i: number, errorsFrom: number, commentsFrom: number, at: number): { errors: number; comments: number } | undefined {
  const next = i + 1 < trace.starts.length;
  const errors = countBefore(old.errors, errorsFrom, next ? (trace.errorCounts[i + 1] as number) : old.errors.length, at);
  const comments = countBefore(old.comments, commentsFrom, next ? (trace.commentCounts[i + 1] as number) : old.comments.length, at);
  return errors === undefined || comments === undefined ? undefined : { errors, comments };
}

/** `from` plus how many of `list[from..to)` start before `at`, when those come first; else undefined. */
function countBefore(list: readonly { span: Span }[], from: number, to: number, at: number): number | undefined {
  let k = from;
  while (k < to && (list[k] as { span: Span }).span.start < at) k++;
  for (let j = k; j < to; j++) if ((list[j] as { span: Span }).span.start < at) return undefined;
  return k;
}

/** The last index i (stride `stride`) with `values[i * stride + field] <= limit`, or -1. */
function lastAtOrBelow(values: readonly number[], stride: number, field: number, limit: number): number {
  let lo = 0;
  let hi = values.length / stride;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid * stride + field] as number) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * An edit inside a closed array that is a top-level key/value's value (the 17,000 items of a package
 * list): only the items around it are parsed again, from right after the last comma whose statement had
 * read nothing of the change, up to the first comma after it, on a line the edit did not touch, that the
 * old parse also passed (the parse from there depends only on the text after it, and whether items were
 * read). The items, errors and comments after that comma, and the statements after the array, are the old
 * ones moved in place (taking the previous document over). Undefined when the edit is not inside such an
 * array, or the new parse leaves the array some other way (it is no longer closed there): the caller
 * re-parses the whole statement.
 */
/** What an edit inside an array changed: its items from `at`, `removed` replaced by `added`. */
interface ArrayEdit {
  tree: TomlSyntaxTree;
  array: ArrayNode;
  at: number;
  removed: ValueNode[];
  added: ValueNode[];
  /** The `[header]` statement holding the array's key/value (none: the root's). */
  statement: TableNode | undefined;
}

function reparseInArray(old: TomlSyntaxTree, trace: StatementTrace, text: NewText, prefix: number, suffix: number, firstWindow: number): ArrayEdit | undefined {
  const delta = text.length - textLengthOf(old);
  const i = firstAtOrAfter(trace.starts, prefix + 1) - 1;
  if (i < 0) return undefined;
  const entryIndex = trace.entryIndexes[i] as number;
  if (entryIndex < 0) return undefined;
  const owner = trace.owners[i] as number;
  const entries = owner < 0 ? old.rootEntries : (old.tables[owner] as TableNode).entries;
  const kv = entries[entryIndex];
  const array = kv?.value;
  if (!kv || !array || array.kind !== 'array' || !array.closed) return undefined;
  const points = arrayTraces.get(array);
  if (!points) return undefined;
  const base = array.span.start;
  // The change must lie inside the array, before its closing bracket.
  const oldChangeEnd = textLengthOf(old) - suffix;
  if (prefix <= base || oldChangeEnd >= array.span.end) return undefined;
  // Restart after the last comma (or the `[`) by which the statement had read nothing of the change's line: its
  // cursor stopped on or before the line feed above that line (line patterns read to the end of a line, and the
  // look-ahead the trace does not record decides nothing by what follows a line feed: see pastStatement). (Before
  // the change, the old text is the new one.)
  const lineFeed = text.lastIndexOfLineFeed(prefix - 1);
  if (lineFeed <= base) return undefined;
  const r = lastAtOrBelow(points, ARRAY_STRIDE, 1, lineFeed - base);
  if (r < 0) return undefined;
  const errorBase = trace.errorCounts[i] as number;
  const commentBase = trace.commentCounts[i] as number;
  const at = (point: number, field: number): number => points[point * ARRAY_STRIDE + field] as number;
  const restartItems = at(r, 2);
  const restartErrors = errorBase + at(r, 3);
  const restartComments = commentBase + at(r, 4);
  // A comma to stop at: on a line that starts after the change (items look back to their line's start).
  const unchangedFrom = text.length - suffix;
  /** Whether the resumed parse closed the array with the old `]`, moved, in the text after the change. */
  const closesAsBefore = (closedAt: number | undefined): boolean => closedAt !== undefined && closedAt - 1 >= unchangedFrom && closedAt - delta === array.span.end;
  let stop = -1;
  // What the resumed parse finds goes into fresh arrays, spliced into the old ones only once it succeeded.
  let newPoints: number[] = [];
  let newErrors: SyntaxError[] = [];
  let newComments: CommentNode[] = [];
  let result: ReturnType<typeof resumeArrayParse>;
  // A buffer in pieces is read in windows from the restart's line, twice as long while a parse reads near the end.
  for (let size = firstWindow; ; size *= 2) {
    const { s, base: windowBase } = text.window(base + at(r, 0), unchangedFrom + size);
    newPoints = [];
    newErrors = [];
    newComments = [];
    stop = -1;
    result = resumeArrayParse(
      s,
      {
        arrayStart: base,
        start: base + at(r, 0),
        reach: base + at(r, 1),
        itemsBefore: restartItems,
        errors: newErrors,
        comments: newComments,
        errorBase: errorBase - restartErrors,
        commentBase: commentBase - restartComments,
        trace: newPoints,
        stopAt(offset, itemCount) {
          if (offset < unchangedFrom) return false;
          // The line holding the comma must start after the change (items look back to their line's start).
          const lineFeed = s.lastIndexOf('\n', offset - windowBase - 1);
          if (lineFeed < 0 || windowBase + lineFeed + 1 < unchangedFrom) return false;
          const k = lastAtOrBelow(points, ARRAY_STRIDE, 0, offset - delta - base);
          if (k < 0 || at(k, 0) !== offset - delta - base) return false;
          if (at(k, 2) > 0 !== itemCount > 0) return false;
          stop = k;
          return true;
        },
      },
      windowBase,
    );
    const whole = windowBase + s.length >= text.length;
    const end = result.stoppedAt !== undefined && stop >= 0 ? result.stoppedAt : closesAsBefore(result.closedAt) ? (result.closedAt as number) : undefined;
    if (whole || (end !== undefined && readWithin(s, windowBase, Math.max(result.reach, end), text.length))) break;
  }
  // No comma to stop at after the edit (it is in the last items): the parse may end at the array's own `]`, where
  // the old one ended it, in the text the edit left as it was — the rest of the statement then reads as before.
  let closedAtEnd = false;
  if (result.stoppedAt === undefined || stop < 0) {
    if (!closesAsBefore(result.closedAt)) return undefined;
    closedAtEnd = true;
  }

  // From here on the previous document is taken over: its nodes after the stop move, and the re-parsed
  // part replaces what stood between the restart and the stop, in the same arrays.
  const shift = moving(delta);
  let oldItemsAtStop: number;
  let oldErrorsAtStop: number;
  let oldCommentsAtStop: number;
  if (closedAtEnd) {
    // Everything from the restart to the `]`: the items, and the errors and comments before it (counted by place).
    const atClose = countsBefore(old, trace, i, restartErrors, restartComments, array.span.end - 1);
    if (!atClose) return undefined;
    stop = points.length / ARRAY_STRIDE;
    oldItemsAtStop = array.items.length;
    oldErrorsAtStop = atClose.errors;
    oldCommentsAtStop = atClose.comments;
  } else {
    oldItemsAtStop = at(stop, 2);
    oldErrorsAtStop = errorBase + at(stop, 3);
    oldCommentsAtStop = commentBase + at(stop, 4);
  }
  const itemDelta = restartItems + result.items.length - oldItemsAtStop;
  const errorDelta = restartErrors + newErrors.length - oldErrorsAtStop;
  const commentDelta = restartComments + newComments.length - oldCommentsAtStop;
  for (let j = oldItemsAtStop; j < array.items.length; j++) moveValue(array.items[j] as ValueNode, delta);
  const removed = array.items.slice(restartItems, oldItemsAtStop);
  for (let j = oldErrorsAtStop; j < old.errors.length; j++) shift.span((old.errors[j] as SyntaxError).span);
  for (let j = oldCommentsAtStop; j < old.comments.length; j++) shift.span((old.comments[j] as CommentNode).span);
  replaceRange(array.items, restartItems, oldItemsAtStop, result.items);
  replaceRange(old.errors, restartErrors, oldErrorsAtStop, newErrors);
  carryMarkedCount(old.comments, restartComments, oldCommentsAtStop, newComments);
  replaceRange(old.comments, restartComments, oldCommentsAtStop, newComments);
  array.span.end += delta;
  kv.span.end += delta;
  // The array's trace: the commas from the stop on move, and the re-parsed ones replace those before it.
  const reachAtStop = result.reach - base;
  for (let j = stop * ARRAY_STRIDE; j < points.length; j += ARRAY_STRIDE) {
    points[j] = (points[j] as number) + delta;
    // An upper bound of the farthest offset read by then (enough: it only decides where re-parses start).
    points[j + 1] = Math.max(reachAtStop, (points[j + 1] as number) + delta);
    points[j + 2] = (points[j + 2] as number) + itemDelta;
    points[j + 3] = (points[j + 3] as number) + errorDelta;
    points[j + 4] = (points[j + 4] as number) + commentDelta;
  }
  replaceRange(points, (r + 1) * ARRAY_STRIDE, stop * ARRAY_STRIDE, newPoints);
  for (let j = entryIndex + 1; j < entries.length; j++) moveKeyValue(entries[j] as KeyValueNode, delta);
  if (owner >= 0) {
    const t = old.tables[owner] as TableNode;
    t.span.end = (entries[entries.length - 1] as KeyValueNode).span.end;
  }
  moveTables(old.tables, owner + 1, delta);
  const n = trace.starts.length;
  trace.reaches[i] = Math.max(result.reach, (trace.reaches[i] as number) + delta);
  for (let j = i + 1; j < n; j++) {
    trace.starts[j] = (trace.starts[j] as number) + delta;
    trace.reaches[j] = (trace.reaches[j] as number) + delta;
    trace.errorCounts[j] = (trace.errorCounts[j] as number) + errorDelta;
    trace.commentCounts[j] = (trace.commentCounts[j] as number) + commentDelta;
  }
  const parts = { rootEntries: old.rootEntries, tables: old.tables, comments: old.comments, errors: old.errors };
  const tree: TomlSyntaxTree = text.source ? treeOfSource(text.source, parts) : { text: text.whole(), ...parts };
  statementTraces.set(tree, trace);
  return { tree, array, at: restartItems, removed, added: result.items, statement: owner >= 0 ? (old.tables[owner] as TableNode) : undefined };
}

/** Replaces `list[from..to)` with `by`, in place (splice, without spreading a long list into arguments). */
function replaceRange<T>(list: T[], from: number, to: number, by: readonly T[]): void {
  if (by.length <= 1024) {
    list.splice(from, to - from, ...by);
    return;
  }
  const tail = list.slice(to);
  list.length = from;
  for (const x of by) list.push(x);
  for (const x of tail) list.push(x);
}

/** How the old statements after the change reach the new tree: copied with shifted spans, or moved in place. */
interface Shifter {
  /** Whether the old nodes themselves move (taken over), so they may be kept as they are. */
  inPlace: boolean;
  delta: number;
  span(span: Span): Span;
  keyValue(kv: KeyValueNode): KeyValueNode;
  table(t: TableNode): TableNode;
}

function copying(delta: number): Shifter {
  return { inPlace: false, delta, span: (s) => shiftSpan(s, delta), keyValue: (kv) => shiftKeyValue(kv, delta), table: (t) => shiftTable(t, delta) };
}

/**
 * Moves the old nodes themselves. Every span object of the syntax tree belongs to one node (the parser makes
 * a new one for each), so each is moved exactly once.
 */
function moving(delta: number): Shifter {
  return {
    inPlace: true,
    delta,
    span: (s) => {
      s.start += delta;
      s.end += delta;
      return s;
    },
    keyValue: (kv) => {
      moveKeyValue(kv, delta);
      return kv;
    },
    table: (t) => {
      moveTables([t], 0, delta);
      return t;
    },
  };
}

/**
 * Moves the spans of `tables[from..]` in place: in one loop, a table's key and header written here, not through a
 * call per span, and by index (a for-of makes an iterator per key in code not optimised yet). Every statement after an
 * edit is moved (3,700 tables for a keystroke in the middle of components.toml, most of them a bare header), and the
 * first keystrokes after an open run this unoptimized, where ~20,000 calls cost ~2 ms.
 */
function moveTables(tables: readonly TableNode[], from: number, delta: number): void {
  for (let i = from; i < tables.length; i++) {
    const t = tables[i] as TableNode;
    const key = t.key;
    if (key) {
      const segs = key.segments;
      for (let j = 0; j < segs.length; j++) {
        const s = (segs[j] as KeySegment).span;
        s.start += delta;
        s.end += delta;
      }
      key.span.start += delta;
      key.span.end += delta;
    }
    t.headerSpan.start += delta;
    t.headerSpan.end += delta;
    const entries = t.entries;
    for (let j = 0; j < entries.length; j++) moveKeyValue(entries[j] as KeyValueNode, delta);
    t.span.start += delta;
    t.span.end += delta;
  }
}

/** Moves a key/value's spans in place (its key's, its value's, its own). */
function moveKeyValue(kv: KeyValueNode, delta: number): void {
  const segs = kv.key.segments;
  for (let j = 0; j < segs.length; j++) {
    const s = (segs[j] as KeySegment).span;
    s.start += delta;
    s.end += delta;
  }
  kv.key.span.start += delta;
  kv.key.span.end += delta;
  if (kv.value) moveValue(kv.value, delta);
  kv.span.start += delta;
  kv.span.end += delta;
}

/** Moves a value's spans in place; a work list, since arrays nest as deep as the text says. */
function moveValue(root: ValueNode, delta: number): void {
  if (root.kind !== 'array' && root.kind !== 'inline-table') {
    root.span.start += delta;
    root.span.end += delta;
    return;
  }
  const work: ValueNode[] = [root];
  for (let v = work.pop(); v; v = work.pop()) {
    v.span.start += delta;
    v.span.end += delta;
    if (v.kind === 'array') {
      // Scalars moved here, only nested values on the work list (a list of 17,000 items would be a large object).
      const items = v.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as ValueNode;
        if (item.kind === 'array' || item.kind === 'inline-table') work.push(item);
        else {
          item.span.start += delta;
          item.span.end += delta;
        }
      }
    } else if (v.kind === 'inline-table') {
      for (const kv of v.entries) {
        for (const seg of kv.key.segments) {
          seg.span.start += delta;
          seg.span.end += delta;
        }
        kv.key.span.start += delta;
        kv.key.span.end += delta;
        kv.span.start += delta;
        kv.span.end += delta;
        if (kv.value) work.push(kv.value);
      }
    }
  }
}

/** What a resumed parse read: the statements from `restart` on, up to the old statement `stop` (none: to the end). */
interface ParsedPart {
  restart: number;
  /** The table the statement at `restart` continued (-1: the root), and the copy of it the parse added to. */
  owner: number;
  currentTable: TableNode | undefined;
  /** What the parse added: its tables, errors and comments; with the root as owner, the root's entries whole. */
  added: Omit<TomlSyntaxTree, 'text'>;
  trace: StatementTrace;
  stop: number | undefined;
  /** The errors and comments before the parse's start (none when it started at the text's start). */
  errorsBefore: number;
  commentsBefore: number;
}

/**
 * The new tree's parts and trace: the old statements before the restart, the re-parsed ones, then the old ones
 * from the stop on, shifted by the edit; and which tables it replaced (for patchModel). Taken over
 * (`shift.inPlace`), the old lists themselves become the new ones, the re-parsed range replaced in place and the
 * tail moved: an edit allocates nothing the size of the file (components.toml's 7,400 tables and six trace
 * numbers for each: new lists each keystroke were ~0.4 MB that lived until the next one, so every scavenge in
 * between found them alive and promoted them). Copying leaves the old lists as they were and makes new ones.
 */
function joinStatements(old: TomlSyntaxTree, trace: StatementTrace, part: ParsedPart, shift: Shifter): { parts: Omit<TomlSyntaxTree, 'text'>; trace: StatementTrace; tables: TableChange } {
  const { restart, owner, currentTable, added, stop } = part;
  const n = trace.starts.length;
  const k = stop ?? n;
  const errorsFrom = part.errorsBefore;
  const errorsTo = stop === undefined ? old.errors.length : (trace.errorCounts[stop] as number);
  const commentsFrom = part.commentsBefore;
  const commentsTo = stop === undefined ? old.comments.length : (trace.commentCounts[stop] as number);
  // Moved in place, the old error and comment objects after the stop are the new ones (sdk.packages.toml has a
  // comment per item: 17,000 objects not made again for an edit above them).
  const errors = joined(old.errors, errorsFrom, errorsTo, added.errors, shift, (e, span) => ({ span, message: e.message }));
  const comments = joinedComments(old.comments, commentsFrom, commentsTo, added.comments, shift);

  // The old table that the statements from the stop on continue, when the stop is a key/value, and the table the
  // re-parse ended in that takes them: the last header it read, else (stopAt makes sure) the copy of the owner, or
  // the root. The old table's entries from the stop on move to it; those before were read again (or are the copy's).
  const continued = stop === undefined || (trace.entryIndexes[stop] as number) < 0 ? undefined : (trace.owners[stop] as number);
  const oldEntryBase = continued === undefined ? 0 : (trace.entryIndexes[stop as number] as number);
  const rootEntries = owner < 0 ? added.rootEntries : shift.inPlace ? old.rootEntries : old.rootEntries.slice();
  let newEntryBase = 0;
  if (continued !== undefined) {
    const t = added.tables[added.tables.length - 1] ?? (continued < 0 ? undefined : (currentTable as TableNode));
    const into = t ? t.entries : rootEntries;
    newEntryBase = into.length;
    const from = continued < 0 ? old.rootEntries : (old.tables[continued] as TableNode).entries;
    for (let i = oldEntryBase; i < from.length; i++) into.push(shift.keyValue(from[i] as KeyValueNode));
    if (t && from.length > oldEntryBase) t.span = { start: t.span.start, end: (into[into.length - 1] as KeyValueNode).span.end };
  }
  // The old tables from `firstOld` on follow the re-parsed ones, their indexes moved by `tableShift`.
  const firstOld = stop === undefined ? old.tables.length : continued === undefined ? (trace.owners[stop] as number) : continued + 1;
  const tableShift = owner + 1 + added.tables.length - firstOld;
  // The table the restart continued, copied for the parse: when it read nothing more, the old node stands
  // (an edit of the header below it leaves that statement's node, and its model table, as they were).
  const before = owner >= 0 ? (old.tables[owner] as TableNode) : undefined;
  const ownerNode = currentTable && before && currentTable.span.end === before.span.end && sameItems(currentTable.entries, before.entries) ? before : currentTable;
  const changedFrom = ownerNode === before ? owner + 1 : owner;
  const change: TableChange = { at: changedFrom, removed: old.tables.slice(changedFrom, firstOld), added: ownerNode === before ? added.tables : [ownerNode as TableNode, ...added.tables] };
  let tables: TableNode[];
  if (shift.inPlace) {
    moveTables(old.tables, firstOld, shift.delta);
    replaceRange(old.tables, owner + 1, firstOld, added.tables);
    tables = old.tables;
  } else {
    tables = old.tables.slice(0, owner + 1);
    appendAll(tables, added.tables);
    for (let i = firstOld; i < old.tables.length; i++) tables.push(shift.table(old.tables[i] as TableNode));
  }
  if (ownerNode) tables[owner] = ownerNode;

  // The trace of the statements from the stop on: moved by the edit, counted after the re-parsed ones.
  const errorShift = errorsFrom + added.errors.length - errorsTo;
  const commentShift = commentsFrom + added.comments.length - commentsTo;
  const whole = shift.inPlace ? trace : emptyTrace();
  if (!shift.inPlace) {
    for (const key of TRACE_KEYS) {
      whole[key] = trace[key].slice(0, restart);
      appendAll(whole[key], part.trace[key]);
      appendAll(whole[key], trace[key], k);
    }
  }
  const tailAt = shift.inPlace ? k : restart + part.trace.starts.length;
  for (let i = k, j = tailAt; i < n; i++, j++) {
    whole.starts[j] = (trace.starts[i] as number) + shift.delta;
    whole.reaches[j] = (trace.reaches[i] as number) + shift.delta;
    whole.errorCounts[j] = (trace.errorCounts[i] as number) + errorShift;
    whole.commentCounts[j] = (trace.commentCounts[i] as number) + commentShift;
    const o = trace.owners[i] as number;
    whole.owners[j] = o + tableShift;
    if (o === continued) whole.entryIndexes[j] = (trace.entryIndexes[i] as number) - oldEntryBase + newEntryBase;
  }
  if (shift.inPlace) for (const key of TRACE_KEYS) replaceRange(trace[key], restart, k, part.trace[key]);
  return { parts: { rootEntries, tables, comments, errors }, trace: whole, tables: change };
}

const TRACE_KEYS = Object.keys(emptyTrace()) as (keyof StatementTrace)[];

/** Appends `from[start..]` to `to`. */
function appendAll<T>(to: T[], from: readonly T[], start = 0): void {
  for (let i = start; i < from.length; i++) to.push(from[i] as T);
}

/**
 * `list` with its items `from..to` replaced by `by` and the items after them moved: taken over, `list` itself
 * changed in place (its nodes' spans moved); else a new list, the nodes after `to` copies (`copy`, given the shifted span).
 */
function joined<T extends { span: Span }>(list: T[], from: number, to: number, by: readonly T[], shift: Shifter, copy: (x: T, span: Span) => T): T[] {
  if (shift.inPlace) {
    for (let i = to; i < list.length; i++) shift.span((list[i] as T).span);
    replaceRange(list, from, to, by);
    return list;
  }
  const out = list.slice(0, from);
  appendAll(out, by);
  for (let i = to; i < list.length; i++) out.push(copy(list[i] as T, shift.span((list[i] as T).span)));
  return out;
}

/** joined() for a comment list, its count of marked comments carried over (markedComments.ts). */
function joinedComments(list: CommentNode[], from: number, to: number, by: readonly CommentNode[], shift: Shifter): CommentNode[] {
  // In place, counted before the list changes; copied, the old list stays as it was and the count goes to the copy.
  if (shift.inPlace) carryMarkedCount(list, from, to, by);
  const out = joined(list, from, to, by, shift, (c, span) => ({ span, text: c.text }));
  if (!shift.inPlace) carryMarkedCount(list, from, to, by, out);
  return out;
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

function shiftKey(key: KeyNode, delta: number): KeyNode {
  return {
    segments: key.segments.map((seg) => (seg.missing ? { value: seg.value, span: shiftSpan(seg.span, delta), quoted: seg.quoted, missing: true } : { value: seg.value, span: shiftSpan(seg.span, delta), quoted: seg.quoted })),
    span: shiftSpan(key.span, delta),
  };
}

function shiftKeyValue(kv: KeyValueNode, delta: number): KeyValueNode {
  return { kind: 'keyvalue', key: shiftKey(kv.key, delta), value: kv.value && shiftValue(kv.value, delta), span: shiftSpan(kv.span, delta) };
}

function shiftTable(t: TableNode, delta: number): TableNode {
  return {
    kind: t.kind,
    key: t.key && shiftKey(t.key, delta),
    headerSpan: shiftSpan(t.headerSpan, delta),
    entries: t.entries.map((kv) => shiftKeyValue(kv, delta)),
    span: shiftSpan(t.span, delta),
  };
}

function shiftValue(v: ValueNode, delta: number): ValueNode {
  switch (v.kind) {
    case 'array': {
      const items = new Array<ValueNode>(v.items.length);
      for (let i = 0; i < items.length; i++) items[i] = shiftValue(v.items[i] as ValueNode, delta);
      return { kind: 'array', items, span: shiftSpan(v.span, delta), closed: v.closed } satisfies ArrayNode;
    }
    case 'inline-table':
      return { kind: 'inline-table', entries: v.entries.map((kv) => shiftKeyValue(kv, delta)), span: shiftSpan(v.span, delta), closed: v.closed } satisfies InlineTableNode;
    case 'string':
      return { kind: 'string', value: v.value, style: v.style, span: shiftSpan(v.span, delta) };
    case 'integer':
      return { kind: 'integer', value: v.value, span: shiftSpan(v.span, delta) };
    case 'float':
      return { kind: 'float', value: v.value, span: shiftSpan(v.span, delta) };
    case 'boolean':
      return { kind: 'boolean', value: v.value, span: shiftSpan(v.span, delta) };
    case 'datetime':
      return { kind: 'datetime', raw: v.raw, subtype: v.subtype, span: shiftSpan(v.span, delta) };
  }
}
