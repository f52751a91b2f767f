// Error-tolerant TOML parser (TOML 1.1, as smol-toml reads it): text -> syntax tree with exact spans.
// It never throws. A line it cannot read is reported and skipped; unclosed strings, arrays and inline
// tables are closed where the text stops looking like their content, so the rest of the file survives.
import type {
  ArrayNode,
  CommentNode,
  InlineTableNode,
  KeyNode,
  KeySegment,
  KeyValueNode,
  SyntaxError,
  TableNode,
  TomlSyntaxTree,
  ValueNode,
} from './ast';
import { characterAt, codePointName, describeCharacter, describeText, isUnshowable } from './characterNames';
import { classifyBareValue } from './scalars';
import { namesDistroToml } from './markedComments';
import { arrayModelsStepwise, buildModel } from './modelBuilder';
import type { TomlDocument } from './model';

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const QUOTE = 34;
const APOS = 39;
const BACKSLASH = 92;
const EQUALS = 61;
const DOT = 46;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/**
 * Arrays and inline tables nested deeper than this are an error, as in smol-toml (its default maxDepth):
 * the recursive descent must not exhaust the stack on `a = [[[[...`.
 */
const MAX_DEPTH = 1000;

/** Sticky patterns tried at a line start. A line that starts with a (dotted, possibly quoted) key and `=`. */
const KEY_SEGMENT = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')`;
const KEY_VALUE_LINE = new RegExp(String.raw`${KEY_SEGMENT}(?:[ \t]*\.[ \t]*${KEY_SEGMENT})*[ \t]*=`, 'y');
/** A line that is only a `[table]` or `[[table]]` header, perhaps with a comment; group 1 is the key. */
const HEADER_LINE = /\[\[?[ \t]*([A-Za-z0-9_"'-][^\],\n]*?)[ \t]*\]\]?[ \t]*(?:#[^\n]*)?\r?(?:\n|$)/y;
/** A header key that is also a single quoted string, a nested array's only element: `["x"]`. */
const QUOTED_ONLY = /^(?:"(?:[^"\\]|\\.)*"|'[^']*')$/;

function isBareKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** Characters a number, boolean or date-time literal is made of. */
function isBareValueChar(c: number): boolean {
  return isBareKeyChar(c) || c === 43 || c === DOT || c === 58;
}

function isControl(c: number): boolean {
  return (c < 0x20 && c !== TAB) || c === 0x7f;
}

/** A basic string can hold the character as an escape; a literal string cannot hold it at all. */
function controlInString(c: number, literal: boolean): string {
  const named = codePointName(c);
  return literal ? `Control character ${named} is not allowed in strings` : `Control character ${named} is not allowed in strings: write it as \\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface ParseOptions {
  /**
   * Record the statement and array traces an incremental re-parse of the document starts from (default true).
   * A one-shot check that never edits (the CLI's) turns them off: 2.5 MB less kept on the real tree, and a
   * document parsed without them is still re-parsed correctly, whole. Nor are its `[header]` statements' model
   * tables kept for a next build (modelBuilder.ts): none is then a statement table (isStatementTable), so no memo
   * keyed on one is filled either.
   */
  traces?: boolean;
  /**
   * Which comments the tree keeps (default `all`). `marked` keeps only those that name distro-toml — the only ones
   * that can be ignore comments (markedComments.ts), the only ones a one-shot check reads: the real tree has ~34,000
   * comments, 17,700 in sdk.packages.toml alone, each an object, a span and a string (3.8 MB kept by `check`).
   */
  comments?: 'all' | 'marked';
}

/** Parses TOML text into a syntax tree and its semantic model. */
export function parseToml(text: string, options: ParseOptions = {}): TomlDocument {
  const traces = options.traces !== false;
  const syntax = new Parser(text, undefined, traces, 0, options.comments === 'marked').parse();
  return buildModel(syntax, traces);
}

/**
 * parseToml in steps, for a caller that lets other work run between them (the start-up walk's read of a big file,
 * documentCache.ts): it yields after each `stepChars` characters or so — at the first top-level statement start, or
 * comma of a top-level array, past them — and, when it yielded, builds the model in steps of its own (the item
 * models of long arrays MODEL_STEP_ITEMS a step, then the rest). The document is exactly parseToml's: tree, traces,
 * model, comments and errors.
 */
export function* parseTomlStepwise(text: string, stepChars: number, options: ParseOptions = {}): Generator<void, TomlDocument, number | undefined> {
  const traces = options.traces !== false;
  const parser = new Parser(text, undefined, traces, 0, options.comments === 'marked');
  const top = parser.beginStatements();
  let paused = false;
  for (let chars = stepChars; ; ) {
    parser.pauseAfter(chars);
    if (!parser.continuePausedStatement(top) && !parser.statements(top)) break;
    paused = true;
    // (`next(n)` asks for n characters in the next step instead.)
    chars = (yield) ?? stepChars;
  }
  const syntax = parser.treeOf(top);
  if (!paused) return buildModel(syntax, traces);
  // A text read in several steps has its model built in steps too: its long arrays' item models, then the rest.
  const made = yield* arrayModelsStepwise(syntax, MODEL_STEP_ITEMS);
  yield;
  return buildModel(syntax, traces, made);
}

/** How many item models of a long array a step of parseTomlStepwise makes (a few hundred KB of objects). */
export const MODEL_STEP_ITEMS = 2048;

/**
 * Where each top-level statement (key/value, header, or unreadable line) of a parse began, and what the
 * parser had produced by then: what incremental.ts needs to re-parse from a statement and to reuse the
 * statements after an edit. Parallel arrays, one slot per statement, in document order.
 */
export interface StatementTrace {
  /** Offset of the statement's first character (the parser is at top level there). */
  starts: number[];
  /**
   * The farthest offset the parser's cursor reached while reading the statement, rewound look-aheads
   * included (the blanks and comments up to the next statement are read by no statement).
   */
  reaches: number[];
  /** Syntax errors and comments already produced when the statement began. */
  errorCounts: number[];
  commentCounts: number[];
  /** The table (index in `tables`) the statement belongs to, -1 for the root; a header's own table. */
  owners: number[];
  /** For key/values and unreadable lines: how many entries its table had before it; -1 for headers. */
  entryIndexes: number[];
}

/** The trace of every tree parseToml or the incremental re-parse made, by tree. */
export const statementTraces = new WeakMap<TomlSyntaxTree, StatementTrace>();

/** Whether `tree` was parsed with the traces an incremental re-parse starts from: a document that is edited (ParseOptions.traces). */
export function hasEditTraces(tree: TomlSyntaxTree): boolean {
  return statementTraces.has(tree);
}

export function emptyTrace(): StatementTrace {
  return { starts: [], reaches: [], errorCounts: [], commentCounts: [], owners: [], entryIndexes: [] };
}

/**
 * Where a resumed parse starts and what it continues: the parse of everything before `start`. The parse adds its
 * tables, errors, comments and trace to the lists given, which hold only what it adds (they start empty): the
 * ones before `start` are counted (`tablesBefore`, …), for the trace, and joined with these by the caller.
 */
export interface ResumeState {
  start: number;
  /** The root's entries before `start` (the parse adds to them while no table is open). */
  rootEntries: KeyValueNode[];
  tables: TableNode[];
  /** The table statements at `start` belong to, if any: the last of the tables before `start`. */
  currentTable: TableNode | undefined;
  errors: SyntaxError[];
  comments: CommentNode[];
  /** How many tables, syntax errors and comments the parse before `start` made. */
  tablesBefore: number;
  errorsBefore: number;
  commentsBefore: number;
  trace: StatementTrace;
  /**
   * Asked at each top-level statement start after the first: true ends the parse there, before that
   * statement, leaving the rest to the caller (`headersOpened`: whether this parse read a header).
   */
  stopAt(offset: number, headersOpened: boolean): boolean;
  /**
   * Asked at the first statement start too: the parse starts at the text's start, before any statement (an edit of
   * the comments above the first one), and may read none of them again.
   */
  stopAtFirst?: boolean;
}

export interface ResumeResult {
  tree: TomlSyntaxTree;
  /** Where the parse stopped, or undefined when it read to the end. */
  stoppedAt: number | undefined;
}

/**
 * Where the parser stood right after the `[` and after each comma of the array that is a top-level key/value's value (depth 1), so
 * incremental.ts can re-parse only the items around an edit inside a big array. Flat, ARRAY_STRIDE numbers
 * per comma: the offset after the comma and the farthest offset read so far (both relative to the array's
 * `[`, so they stay right when the array moves), the items, and the errors and comments the statement had
 * produced (relative to the statement's first, so they stay right when statements before it change).
 */
export const arrayTraces = new WeakMap<ArrayNode, number[]>();
export const ARRAY_STRIDE = 5;

/** Where a resumed array parse starts (right after a comma of `arrayTraces`) and what it continues. */
export interface ArrayResumeState {
  /** The array's `[`. */
  arrayStart: number;
  /** Right after the comma to resume at. */
  start: number;
  /** The farthest offset the statement had read at `start`. */
  reach: number;
  /** How many items the array has before `start`. */
  itemsBefore: number;
  /** Where the errors and comments found from `start` on go (the ones before are not the parser's business). */
  errors: SyntaxError[];
  comments: CommentNode[];
  /** The statement's first error and comment, as indexes into `errors` and `comments` (negative: before them). */
  errorBase: number;
  commentBase: number;
  /** Where the array's trace after `start` goes. */
  trace: number[];
  /** Asked after each later comma: true ends the parse there (`itemCount`: the items read by then). */
  stopAt(offset: number, itemCount: number): boolean;
}

/** How parseArray continues an array it did not open: the incremental re-parse's resume, or a parse in steps' next step. */
interface ArrayContinuation {
  arrayStart: number;
  itemsBefore: number;
  /** The list the items read go into (a parse in steps continues the array's own); default a new one. */
  items?: ValueNode[];
  trace: number[] | undefined;
  stopAt?(offset: number, itemCount: number): boolean;
}

/** The top-level parse between statements: the lists it fills and the table statements go into. */
interface TopLevel {
  rootEntries: KeyValueNode[];
  tables: TableNode[];
  currentTable: TableNode | undefined;
  current: KeyValueNode[];
  /** Whether a statement was read (a resumed parse's `stopAt` is asked after the first); whether a header was. */
  open: boolean;
  headersOpened: boolean;
}

export interface ArrayResumeResult {
  /** The items read from `start` on; the array's other fields are the caller's. */
  items: ValueNode[];
  /** Where the parse stopped (after a comma), or undefined when the array ended some other way. */
  stoppedAt: number | undefined;
  /** The farthest offset read by then. */
  reach: number;
  /** Where the array closed (just past its `]`), when the parse read to it without stopping. */
  closedAt: number | undefined;
}

/**
 * Continues the parse of a top-level array's items from right after a comma (see incremental.ts). `text` may be
 * a window of the document that starts at offset `base` (at a line start): offsets stay the document's.
 */
export function resumeArrayParse(text: string, state: ArrayResumeState, base = 0): ArrayResumeResult {
  const parser = new Parser(text, undefined, true, base);
  return parser.resumeArray(state);
}

/**
 * Continues a parse of `text` from a top-level statement start (see incremental.ts); `text` may be a window of
 * the document starting at offset `base` (at a line start). The tree holds what this parse added (ResumeState) and
 * its `text` is the window: the caller joins it with the rest.
 */
export function resumeParse(text: string, state: ResumeState, base = 0): ResumeResult {
  const parser = new Parser(text, state, true, base);
  const tree = parser.parse();
  return { tree, stoppedAt: parser.stoppedAt };
}

class Parser {
  private p = 0;
  /** Arrays and inline tables open around the cursor. */
  private depth = 0;
  /** The farthest offset reached during the current statement, before any rewind. */
  private far = 0;
  private errors: SyntaxError[];
  private comments: CommentNode[];
  private readonly trace: StatementTrace;
  stoppedAt: number | undefined;
  /** The current statement's first error and comment: array traces count from them. */
  private errorBase = 0;
  private commentBase = 0;
  /** Set while resuming an array's items (resumeArray, continuePausedStatement). */
  private arrayResume: ArrayContinuation | undefined;
  /** A parse in steps (parseTomlStepwise) pauses at the first statement start or top-level array comma at or after this. */
  private pauseFrom = Infinity;
  /** The top-level key/value a parse in steps paused in, inside its array, and how that array goes on. */
  private pausedStatement: KeyValueNode | undefined;
  private pausedArray: ArrayContinuation | undefined;
  private arrayStoppedAt: number | undefined;

  /** The offset just past the text the parser sees (`base` + the length of `s`). */
  private readonly end: number;

  constructor(
    /** The text, or a window of it starting at offset `base` (a resumed parse of an edited document). */
    private readonly s: string,
    private readonly resume?: ResumeState,
    /** Whether the statement and array traces are recorded (ParseOptions.traces). */
    private readonly traced = true,
    /** The offset of `s`'s first character in the document: positions and spans are the document's. */
    private readonly base = 0,
    /** Keep only the comments that name distro-toml (ParseOptions.comments `marked`). */
    private readonly markedCommentsOnly = false,
  ) {
    this.end = base + s.length;
    this.errors = resume ? resume.errors : [];
    this.comments = resume ? resume.comments : [];
    this.trace = resume ? resume.trace : emptyTrace();
  }

  parse(): TomlSyntaxTree {
    const top = this.beginStatements();
    this.statements(top);
    return this.treeOf(top);
  }

  /** Lets the parse read about `chars` more characters before it pauses (parseTomlStepwise). */
  pauseAfter(chars: number): void {
    this.pauseFrom = this.p + Math.max(1, chars);
  }

  /** Where the top-level statements begin: the resumed parse's state, or the text's start (after a byte order mark). */
  beginStatements(): TopLevel {
    const resume = this.resume;
    const rootEntries: KeyValueNode[] = resume ? resume.rootEntries : [];
    const currentTable = resume?.currentTable;
    if (resume) this.p = resume.start;
    else if (this.s.charCodeAt(-this.base + 0) === 0xfeff) this.p = 1;
    return { rootEntries, tables: resume ? resume.tables : [], currentTable, current: currentTable ? currentTable.entries : rootEntries, open: resume?.stopAtFirst === true, headersOpened: false };
  }

  treeOf(top: TopLevel): TomlSyntaxTree {
    const tree: TomlSyntaxTree = { text: this.s, rootEntries: top.rootEntries, tables: top.tables, comments: this.comments, errors: this.errors };
    // (A resumed parse made only a part: the caller joins it with the rest and records the whole's trace.)
    if (this.traced && !this.resume) statementTraces.set(tree, this.trace);
    return tree;
  }

  /**
   * Reads top-level statements to the end of the text, or to where a resumed parse's `stopAt` says (false), or
   * pauses (true) at the first statement start or comma of a top-level array at or after `pauseFrom` (parseTomlStepwise).
   */
  statements(top: TopLevel): boolean {
    const s = this.s;
    const resume = this.resume;
    const trace = this.traced ? this.trace : undefined;
    const tablesBefore = resume ? resume.tablesBefore : 0;
    const errorsBefore = resume ? resume.errorsBefore : 0;
    const commentsBefore = resume ? resume.commentsBefore : 0;
    while (true) {
      this.skipVoid(true);
      if (this.p >= this.end) return false;
      if (top.open) {
        if (this.p >= this.pauseFrom) return true;
        if (resume && resume.stopAt(this.p, top.headersOpened)) {
          this.stoppedAt = this.p;
          return false;
        }
      }
      top.open = true;
      this.far = this.p;
      const c = s.charCodeAt(-this.base + this.p);
      trace?.starts.push(this.p);
      trace?.errorCounts.push(errorsBefore + this.errors.length);
      trace?.commentCounts.push(commentsBefore + this.comments.length);
      this.errorBase = this.errors.length;
      this.commentBase = this.comments.length;
      if (c === LBRACKET) {
        trace?.owners.push(tablesBefore + top.tables.length);
        trace?.entryIndexes.push(-1);
        const table = this.parseHeader();
        top.tables.push(table);
        top.headersOpened = true;
        top.current = table.entries;
        top.currentTable = table;
      } else {
        trace?.owners.push(tablesBefore + top.tables.length - 1);
        trace?.entryIndexes.push(top.current.length);
        if (isBareKeyChar(c) || c === QUOTE || c === APOS) {
          const kv = this.parseKeyValue(false);
          if (this.pausedArray) {
            this.pausedStatement = kv;
            return true;
          }
          this.addKeyValue(top, kv);
        } else {
          const start = this.p;
          this.skipToLineEnd();
          this.error(start, this.p, `Unexpected ${describeCharacter(s, start - this.base)}: expected a key, a [table] or a comment`);
          trace?.reaches.push(Math.max(this.far, this.p));
          continue;
        }
      }
      this.endStatement();
    }
  }

  private addKeyValue(top: TopLevel, kv: KeyValueNode): void {
    top.current.push(kv);
    if (top.currentTable) top.currentTable.span = { start: top.currentTable.span.start, end: kv.span.end };
  }

  /** After a header or key/value: the rest of its line, and how far the statement read. */
  private endStatement(): void {
    this.expectLineEnd();
    if (this.traced) this.trace.reaches.push(Math.max(this.far, this.p));
  }

  /**
   * Continues the statement paused inside its top-level array (parseTomlStepwise): the array's items on from the comma
   * it paused after, then, once the array ends, the rest of the statement as `statements` would have read it.
   * True when it paused again.
   */
  continuePausedStatement(top: TopLevel): boolean {
    const kv = this.pausedStatement;
    if (!kv) return false;
    this.arrayResume = this.pausedArray;
    this.pausedStatement = undefined;
    this.pausedArray = undefined;
    this.depth = 1;
    const array = this.parseArray();
    this.depth = 0;
    if (this.pausedArray) {
      this.pausedStatement = kv;
      return true;
    }
    kv.value = array;
    kv.span.end = array.span.end;
    this.addKeyValue(top, kv);
    this.endStatement();
    return false;
  }

  /** The document's text from `start` to `end` (offsets of the document). */
  private sl(start: number, end: number): string {
    return this.s.slice(start - this.base, end - this.base);
  }

  private error(start: number, end: number, message: string): void {
    this.errors.push({ span: { start, end: Math.max(end, start) }, message });
  }

  /** ", found 'x'" (or "U+0000 NUL") for the character at the parse position, or nothing at the end of the line. */
  private foundHere(): string {
    return this.atLineEnd() ? '' : `, found ${describeCharacter(this.s, this.p - this.base)}`;
  }

  /** Skips spaces and tabs, and with `newlines` also line breaks and comments. */
  private skipVoid(newlines: boolean): void {
    const s = this.s;
    while (this.p < this.end) {
      const c = s.charCodeAt(-this.base + this.p);
      if (c === SPACE || c === TAB) this.p++;
      else if (newlines && c === LF) this.p++;
      else if (newlines && c === CR && s.charCodeAt(-this.base + this.p + 1) === LF) this.p += 2;
      else if (newlines && c === HASH) this.parseComment();
      else break;
    }
  }

  private parseComment(): void {
    const s = this.s;
    const start = this.p;
    this.p++;
    while (this.p < this.end) {
      const c = s.charCodeAt(-this.base + this.p);
      if (c === LF || (c === CR && s.charCodeAt(-this.base + this.p + 1) === LF)) break;
      if (isControl(c)) this.error(this.p, this.p + 1, `Control character ${codePointName(c)} is not allowed in comments`);
      this.p++;
    }
    const text = this.sl(start + 1, this.p);
    if (!this.markedCommentsOnly || namesDistroToml(text)) this.comments.push({ span: { start, end: this.p }, text });
  }

  private atLineEnd(): boolean {
    const c = this.s.charCodeAt(-this.base + this.p);
    return this.p >= this.end || c === LF || (c === CR && this.s.charCodeAt(-this.base + this.p + 1) === LF);
  }

  private skipToLineEnd(): void {
    while (!this.atLineEnd()) this.p++;
  }

  /** After a header or key/value: optional comment, then a line break or the end. */
  private expectLineEnd(): void {
    this.skipVoid(false);
    if (this.s.charCodeAt(-this.base + this.p) === HASH) this.parseComment();
    if (this.atLineEnd()) return;
    const start = this.p;
    this.skipToLineEnd();
    if (this.s.charCodeAt(-this.base + start) === CR) this.error(start, start + 1, 'Expected the end of the line, found U+000D CR (a carriage return without a line feed)');
    else this.error(start, this.p, `Expected the end of the line, found ${describeText(this.s, start - this.base, Math.min(this.p, start + 20) - this.base)}`);
  }

  private parseHeader(): TableNode {
    const s = this.s;
    const start = this.p;
    const isArray = s.charCodeAt(-this.base + this.p + 1) === LBRACKET;
    this.p += isArray ? 2 : 1;
    this.skipVoid(false);
    let key: KeyNode | undefined;
    if (this.atLineEnd() || s.charCodeAt(-this.base + this.p) === HASH) {
      this.error(start, this.p, isArray ? 'Expected a key after [[' : 'Expected a table name after [');
    } else {
      key = this.parseKey();
    }
    this.skipVoid(false);
    const close = isArray ? ']]' : ']';
    if (s.startsWith(close, this.p - this.base)) {
      this.p += close.length;
    } else if (key) {
      // A key that already failed (`[components.`) has its error; one is enough for one slip.
      if (!key.segments.some((seg) => seg.missing)) {
        const at = this.p;
        this.error(key.span.start, Math.max(key.span.end, at), `Expected '${close}' to close the ${isArray ? 'array of tables' : 'table'} header${this.foundHere()}`);
      }
      // Drop the rest of the broken header line but keep the table, so its entries stay in place.
      if (!this.atLineEnd() && s.charCodeAt(-this.base + this.p) !== HASH) this.skipToLineEnd();
    }
    const headerSpan = { start, end: this.p };
    return { kind: isArray ? 'array-table' : 'table', key, headerSpan, entries: [], span: { ...headerSpan } };
  }

  /** A dotted key; stops at the first character that cannot continue it. Always returns at least one segment. */
  private parseKey(): KeyNode {
    const s = this.s;
    const start = this.p;
    const segments: KeySegment[] = [];
    while (true) {
      this.skipVoid(false);
      const seg = this.parseKeySegment();
      if (seg) segments.push(seg);
      else {
        const at = this.p;
        this.error(at, at + (this.atLineEnd() ? 0 : 1), segments.length ? 'Expected a key after the dot' : 'Expected a key');
        segments.push({ value: '', span: { start: at, end: at }, quoted: 'bare', missing: true });
        break;
      }
      const save = this.p;
      this.skipVoid(false);
      if (s.charCodeAt(-this.base + this.p) === DOT) {
        this.p++;
        continue;
      }
      this.p = save;
      break;
    }
    const last = segments[segments.length - 1] as KeySegment;
    // A copy of its own length: the list pushed to has room for 17 (152 bytes for a key of one or two segments,
    // 1.1 MB for the real tree's keys, kept as long as the tree).
    return { segments: segments.slice(), span: { start, end: Math.max(start, last.span.end) } };
  }

  private parseKeySegment(): KeySegment | undefined {
    const s = this.s;
    const start = this.p;
    const c = s.charCodeAt(-this.base + this.p);
    if (isBareKeyChar(c)) {
      while (isBareKeyChar(s.charCodeAt(-this.base + this.p))) this.p++;
      return { value: this.sl(start, this.p), span: { start, end: this.p }, quoted: 'bare' };
    }
    if (c === QUOTE || c === APOS) {
      if (s.charCodeAt(-this.base + this.p + 1) === c && s.charCodeAt(-this.base + this.p + 2) === c) {
        this.error(start, start + 3, 'Multi-line strings cannot be used as keys');
      }
      const str = this.parseSingleLineString(c === APOS);
      return { value: str, span: { start, end: this.p }, quoted: c === APOS ? 'literal' : 'basic' };
    }
    return undefined;
  }

  private parseKeyValue(inInline: boolean): KeyValueNode {
    const s = this.s;
    const start = this.p;
    const key = this.parseKey();
    this.skipVoid(false);
    if (s.charCodeAt(-this.base + this.p) !== EQUALS) {
      const at = this.p;
      this.error(key.span.start, key.span.end, `Expected '=' after the key '${key.segments.map((k) => k.value).join('.')}'${this.foundHere()}`);
      if (!inInline) this.skipToLineEnd();
      return { kind: 'keyvalue', key, value: undefined, span: { start, end: Math.max(key.span.end, at) } };
    }
    this.p++;
    this.skipVoid(false);
    const valueStart = this.p;
    const value = this.parseValue();
    // A character no value starts with is one error, not a second one for "the end of the line" at the same place.
    if (!value && !inInline && this.p === valueStart && !this.atLineEnd() && s.charCodeAt(-this.base + this.p) !== HASH) this.skipToLineEnd();
    return { kind: 'keyvalue', key, value, span: { start, end: value ? value.span.end : this.p } };
  }

  /** A value, or undefined (after reporting) when there is none to read here. */
  private parseValue(): ValueNode | undefined {
    const s = this.s;
    const start = this.p;
    const c = s.charCodeAt(-this.base + this.p);
    if (this.atLineEnd() || c === HASH) {
      this.error(start, start, 'Expected a value');
      return undefined;
    }
    if (c === QUOTE || c === APOS) return this.parseStringValue();
    if (c === LBRACKET || c === LBRACE) {
      if (this.depth >= MAX_DEPTH) {
        this.error(start, start + 1, `Arrays and inline tables cannot be nested more than ${MAX_DEPTH} levels deep`);
        this.skipBracketed();
        return undefined;
      }
      this.depth++;
      const value = c === LBRACKET ? this.parseArray() : this.parseInlineTable();
      this.depth--;
      return value;
    }
    if (isBareValueChar(c)) {
      while (isBareValueChar(s.charCodeAt(-this.base + this.p))) this.p++;
      // A date and a time may be separated by one space.
      if (
        this.p - start === 10 &&
        s.charCodeAt(-this.base + this.p) === SPACE &&
        /^\d{4}-\d{2}-\d{2}$/.test(this.sl(start, this.p)) &&
        /^ \d{2}:/.test(this.sl(this.p, this.p + 4))
      ) {
        this.p++;
        while (isBareValueChar(s.charCodeAt(-this.base + this.p))) this.p++;
      }
      const raw = this.sl(start, this.p);
      const span = { start, end: this.p };
      const result = classifyBareValue(raw, span);
      if ('error' in result) {
        this.error(start, this.p, result.error);
        return undefined;
      }
      return result;
    }
    this.error(start, start + 1, `Unexpected ${describeCharacter(s, start - this.base)}: expected a value (string, number, boolean, date-time, array or inline table)`);
    return undefined;
  }

  private parseStringValue(): ValueNode {
    const s = this.s;
    const start = this.p;
    const c = s.charCodeAt(-this.base + this.p);
    const literal = c === APOS;
    if (s.charCodeAt(-this.base + this.p + 1) === c && s.charCodeAt(-this.base + this.p + 2) === c) {
      const value = this.parseMultilineString(literal);
      return { kind: 'string', value, style: literal ? 'ml-literal' : 'ml-basic', span: { start, end: this.p } };
    }
    const value = this.parseSingleLineString(literal);
    return { kind: 'string', value, style: literal ? 'literal' : 'basic', span: { start, end: this.p } };
  }

  /** At the opening quote. Unclosed: reported, and the string ends at the end of the line. */
  private parseSingleLineString(literal: boolean): string {
    const s = this.s;
    const start = this.p;
    const q = literal ? APOS : QUOTE;
    this.p++;
    let out = '';
    let chunk = this.p;
    while (true) {
      if (this.atLineEnd()) {
        this.error(start, this.p, 'Unterminated string: add the closing ' + (literal ? "'" : '"'));
        return out + this.sl(chunk, this.p);
      }
      const c = s.charCodeAt(-this.base + this.p);
      if (c === q) {
        out += this.sl(chunk, this.p);
        this.p++;
        return out;
      }
      if (isControl(c)) {
        this.error(this.p, this.p + 1, controlInString(c, literal));
        this.p++;
      } else if (!literal && c === BACKSLASH) {
        out += this.sl(chunk, this.p);
        out += this.parseEscape(false);
        chunk = this.p;
      } else {
        this.p++;
      }
    }
  }

  /** At a backslash in a basic string; consumes the escape and returns what it stands for. */
  private parseEscape(multiline: boolean): string {
    const s = this.s;
    const start = this.p;
    this.p++;
    const c = s.charCodeAt(-this.base + this.p);
    switch (c) {
      case 98: this.p++; return '\b';
      case 116: this.p++; return '\t';
      case 110: this.p++; return '\n';
      case 102: this.p++; return '\f';
      case 114: this.p++; return '\r';
      case 101: this.p++; return '\x1b';
      case QUOTE: this.p++; return '"';
      case BACKSLASH: this.p++; return '\\';
      case 120:
      case 117:
      case 85: {
        const len = c === 120 ? 2 : c === 117 ? 4 : 8;
        const hex = this.sl(this.p + 1, this.p + 1 + len);
        this.p += 1;
        if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) {
          while (/[0-9A-Fa-f]/.test(s[this.p - this.base] ?? '') && this.p < start + 2 + len) this.p++;
          this.error(start, this.p, `Invalid escape: \\${String.fromCharCode(c)} needs ${len} hexadecimal digits`);
          return '';
        }
        this.p += len;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          this.error(start, this.p, `Invalid escape: U+${hex.toUpperCase()} is not a Unicode scalar value`);
          return '';
        }
        return String.fromCodePoint(code);
      }
      default:
        break;
    }
    if (multiline) {
      // Line-ending backslash: skip whitespace up to and over the line breaks that follow.
      let q = this.p;
      while (s.charCodeAt(-this.base + q) === SPACE || s.charCodeAt(-this.base + q) === TAB) q++;
      if (s.charCodeAt(-this.base + q) === LF || (s.charCodeAt(-this.base + q) === CR && s.charCodeAt(-this.base + q + 1) === LF)) {
        while (true) {
          const d = s.charCodeAt(-this.base + q);
          if (d === SPACE || d === TAB || d === LF) q++;
          else if (d === CR && s.charCodeAt(-this.base + q + 1) === LF) q += 2;
          else break;
        }
        this.p = q;
        return '';
      }
    }
    const at = this.p - this.base;
    const shown = this.p < this.end && !this.atLineEnd() ? characterAt(s, at) : '';
    this.p += shown.length;
    this.error(start, this.p, !shown ? 'Invalid escape sequence: a backslash at the end of the line' : isUnshowable(s, at) ? `Invalid escape sequence: a backslash before ${describeCharacter(s, at)}` : `Invalid escape sequence '\\${shown}'`);
    return '';
  }

  /** At the opening triple quote. Unclosed: reported, and recovery resumes at the end of the opening line. */
  private parseMultilineString(literal: boolean): string {
    const s = this.s;
    const start = this.p;
    const q = literal ? APOS : QUOTE;
    this.p += 3;
    if (s.charCodeAt(-this.base + this.p) === LF) this.p++;
    else if (s.charCodeAt(-this.base + this.p) === CR && s.charCodeAt(-this.base + this.p + 1) === LF) this.p += 2;
    let out = '';
    let chunk = this.p;
    while (this.p < this.end) {
      const c = s.charCodeAt(-this.base + this.p);
      if (c === q && s.charCodeAt(-this.base + this.p + 1) === q && s.charCodeAt(-this.base + this.p + 2) === q) {
        // Up to two more quotes right before the closing three belong to the content.
        let end = this.p;
        if (s.charCodeAt(-this.base + end + 3) === q) end++;
        if (s.charCodeAt(-this.base + end + 3) === q) end++;
        out += this.sl(chunk, end);
        this.p = end + 3;
        return out;
      }
      if (c === LF) this.p++;
      else if (c === CR && s.charCodeAt(-this.base + this.p + 1) === LF) this.p += 2;
      else if (isControl(c)) {
        this.error(this.p, this.p + 1, controlInString(c, literal));
        this.p++;
      } else if (!literal && c === BACKSLASH) {
        out += this.sl(chunk, this.p);
        out += this.parseEscape(true);
        chunk = this.p;
      } else this.p++;
    }
    // The search for the closing quotes read to the end: every later edit can change this statement.
    this.far = this.end;
    this.p = start + 3;
    this.skipToLineEnd();
    this.error(start, this.p, `Unterminated multi-line string: add the closing ${literal ? "'''" : '"""'}`);
    return this.sl(start + 3, this.p);
  }

  /** Whether only blanks stand before the cursor on its line. */
  private atLineStart(): boolean {
    const s = this.s;
    let q = this.p - 1;
    while (q >= this.base && (s.charCodeAt(-this.base + q) === SPACE || s.charCodeAt(-this.base + q) === TAB)) q--;
    return q < this.base || s.charCodeAt(-this.base + q) === LF;
  }

  /** A sticky line pattern's match at the cursor, which must start its line. */
  private lineMatch(pattern: RegExp): RegExpExecArray | null {
    if (!this.atLineStart()) return null;
    pattern.lastIndex = this.p - this.base;
    return pattern.exec(this.s);
  }

  /**
   * A `[table]` or `[[table]]` header standing alone on its line: an unclosed array or inline table ends
   * there. Inside an array, a line such as `[true]` or `["x"]` is a nested array of one element instead.
   */
  private looksLikeHeader(inArray: boolean): boolean {
    const m = this.lineMatch(HEADER_LINE);
    if (!m) return false;
    if (!inArray) return true;
    const inner = m[1] as string;
    return !QUOTED_ONLY.test(inner) && 'error' in classifyBareValue(inner, { start: 0, end: 0 });
  }

  /** A `key = ...` line: inside an array it means the array was left unclosed (`=` cannot follow an element). */
  private looksLikeKeyValue(): boolean {
    return this.lineMatch(KEY_VALUE_LINE) !== null;
  }

  private looksLikeStatement(): boolean {
    const c = this.s.charCodeAt(-this.base + this.p);
    if (c === LBRACKET) return this.looksLikeHeader(true);
    return isBareKeyChar(c) && this.looksLikeKeyValue();
  }

  /** After a string at a line start: `=` or `.` next means it was the key of a `'rust-nix0.23' = ...` line. */
  private followedByKeyPunctuation(): boolean {
    const s = this.s;
    let q = this.p;
    while (s.charCodeAt(-this.base + q) === SPACE || s.charCodeAt(-this.base + q) === TAB) q++;
    const c = s.charCodeAt(-this.base + q);
    return c === EQUALS || c === DOT;
  }

  resumeArray(state: ArrayResumeState): ArrayResumeResult {
    this.errors = state.errors;
    this.comments = state.comments;
    this.errorBase = state.errorBase;
    this.commentBase = state.commentBase;
    this.p = state.start;
    this.far = state.reach;
    this.depth = 1;
    this.arrayResume = state;
    const array = this.parseArray();
    const closedAt = array.closed && this.arrayStoppedAt === undefined ? array.span.end : undefined;
    return { items: array.items, stoppedAt: this.arrayStoppedAt, reach: Math.max(this.far, this.p), closedAt };
  }

  private parseArray(): ArrayNode {
    const s = this.s;
    // Only the array that is a top-level statement's value keeps a trace (and is the one resumed).
    const outer = this.depth === 1;
    const from = outer ? this.arrayResume : undefined;
    this.arrayResume = undefined;
    const start = from ? from.arrayStart : this.p;
    if (!from) this.p++;
    // A resumed parse collects only the items after its start (the ones before it are counted); the next step of a
    // parse in steps goes on filling the array's own list.
    const items: ValueNode[] = from?.items ?? [];
    const itemsBefore = from ? from.itemsBefore : 0;
    let record: number[] | undefined = from?.trace;
    // The first point is right after the `[` (as if after a comma, with no item read yet): an edit in the first
    // items re-parses from there instead of the whole statement.
    if (outer && !from && this.traced) record = [this.p - start, Math.max(this.far, this.p) - start, 0, this.errors.length - this.errorBase, this.comments.length - this.commentBase];
    // Where to go on if the array turns out unclosed: after what was read or skipped, never before it,
    // so that no text is read twice (which nested unclosed arrays would make quadratic).
    let resume = this.p;
    const finish = (node: ArrayNode): ArrayNode => {
      if (record) arrayTraces.set(node, record);
      return node;
    };
    while (true) {
      this.skipVoid(true);
      const c = s.charCodeAt(-this.base + this.p);
      if (c === RBRACKET) {
        this.p++;
        return finish({ kind: 'array', items, span: { start, end: this.p }, closed: true });
      }
      if (this.p >= this.end || this.looksLikeStatement() || (items.length + itemsBefore > 0 && c !== COMMA && !this.canStartValue(c))) {
        return finish(this.unclosedArray(start, items, resume));
      }
      // Quoted keys are recognised after the fact, so that string elements cost no lookahead.
      const errorCount = this.errors.length;
      const quotedAtLineStart = (c === QUOTE || c === APOS) && this.atLineStart();
      const value = this.parseValue();
      if (value && quotedAtLineStart && value.kind === 'string' && this.followedByKeyPunctuation()) {
        this.errors.length = errorCount;
        return finish(this.unclosedArray(start, items, resume));
      }
      if (!value) {
        this.skipUntil((d) => d === COMMA || d === RBRACKET || d === LF);
      } else items.push(value);
      resume = this.p;
      this.skipVoid(true);
      const d = s.charCodeAt(-this.base + this.p);
      if (d === COMMA) {
        this.p++;
        resume = this.p;
        if (outer) {
          if (from?.stopAt?.(this.p, items.length + itemsBefore)) {
            this.arrayStoppedAt = this.p;
            return { kind: 'array', items, span: { start, end: this.p }, closed: false };
          }
          if (this.traced) (record ??= []).push(this.p - start, Math.max(this.far, this.p) - start, items.length + itemsBefore, this.errors.length - this.errorBase, this.comments.length - this.commentBase);
          if (this.p >= this.pauseFrom) {
            // A parse in steps pauses here (the node returned stands in until the statement is continued).
            this.pausedArray = { arrayStart: start, itemsBefore, items, trace: record };
            return { kind: 'array', items, span: { start, end: this.p }, closed: false };
          }
        }
        continue;
      }
      if (d === RBRACKET) continue;
      if (this.p >= this.end || this.looksLikeStatement() || !this.canStartValue(d)) return finish(this.unclosedArray(start, items, resume));
      this.error(this.p, this.p + 1, `Expected ',' or ']' in the array${this.foundHere()}`);
    }
  }

  private unclosedArray(start: number, items: ValueNode[], resume: number): ArrayNode {
    const end = items.length ? (items[items.length - 1] as ValueNode).span.end : start + 1;
    this.rewind(resume);
    this.error(start, start + 1, "Unclosed array: add the closing ']'");
    return { kind: 'array', items, span: { start, end }, closed: false };
  }

  /**
   * Skips the array or inline table at the cursor without building it (it is nested too deeply): to its
   * matching bracket on the same line, stepping over strings, so that the enclosing ones still close.
   */
  private skipBracketed(): void {
    const s = this.s;
    let open = 0;
    while (!this.atLineEnd()) {
      const c = s.charCodeAt(-this.base + this.p);
      if (c === QUOTE || c === APOS) {
        const q = c;
        this.p++;
        while (!this.atLineEnd() && s.charCodeAt(-this.base + this.p) !== q) this.p += q === QUOTE && s.charCodeAt(-this.base + this.p) === BACKSLASH ? 2 : 1;
        if (!this.atLineEnd()) this.p++;
        continue;
      }
      this.p++;
      if (c === LBRACKET || c === LBRACE) open++;
      else if ((c === RBRACKET || c === RBRACE) && --open === 0) return;
    }
  }

  /**
   * Steps back to `to` over blanks, line breaks and comments only, forgetting the comments read past it
   * and their errors (which lie after a comment's `#`), since they will be read again.
   */
  private rewind(to: number): void {
    const { comments, errors } = this;
    while (comments.length && (comments[comments.length - 1] as CommentNode).span.start >= to) comments.pop();
    while (errors.length && (errors[errors.length - 1] as SyntaxError).span.start > to) errors.pop();
    if (this.p > this.far) this.far = this.p;
    this.p = to;
  }

  private canStartValue(c: number): boolean {
    return c === QUOTE || c === APOS || c === LBRACKET || c === LBRACE || isBareValueChar(c);
  }

  private skipUntil(stop: (c: number) => boolean): void {
    while (this.p < this.end && !stop(this.s.charCodeAt(-this.base + this.p))) this.p++;
  }

  private parseInlineTable(): InlineTableNode {
    const s = this.s;
    const start = this.p;
    this.p++;
    const entries: KeyValueNode[] = [];
    let resume = this.p;
    while (true) {
      this.skipVoid(true);
      const c = s.charCodeAt(-this.base + this.p);
      if (c === RBRACE) {
        this.p++;
        return { kind: 'inline-table', entries, span: { start, end: this.p }, closed: true };
      }
      if (this.p >= this.end || this.looksLikeHeader(false) || !(isBareKeyChar(c) || c === QUOTE || c === APOS)) {
        return this.unclosedInline(start, entries, resume);
      }
      const kv = this.parseKeyValue(true);
      entries.push(kv);
      if (!kv.value) this.skipUntil((d) => d === COMMA || d === RBRACE || d === LF);
      resume = this.p;
      this.skipVoid(true);
      const d = s.charCodeAt(-this.base + this.p);
      if (d === COMMA) {
        this.p++;
        resume = this.p;
        continue;
      }
      if (d === RBRACE) continue;
      return this.unclosedInline(start, entries, resume);
    }
  }

  private unclosedInline(start: number, entries: KeyValueNode[], resume: number): InlineTableNode {
    const end = entries.length ? (entries[entries.length - 1] as KeyValueNode).span.end : start + 1;
    this.rewind(resume);
    this.error(start, start + 1, "Unclosed inline table: add the closing '}'");
    return { kind: 'inline-table', entries, span: { start, end }, closed: false };
  }
}
