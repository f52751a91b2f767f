// Syntax tree of a TOML document as written: every key, header, value and comment with its exact span.
// Produced by parser.ts, which never throws; missing pieces are absent (undefined) and reported in `errors`.
import type { Span } from '../diagnostics';

export interface KeySegment {
  /** The key's value after unquoting. */
  value: string;
  span: Span;
  quoted: 'bare' | 'basic' | 'literal';
  /**
   * A placeholder (empty value, empty span) where a key segment was expected but not written: after the
   * dot of `[components.` or `a. = 1`, or in `[]`. A key with a missing segment names nothing in the model.
   */
  missing?: true;
}

/** A (possibly dotted) key: `a`, `"a.b"`, `a.'b'.c`. */
export interface KeyNode {
  segments: KeySegment[];
  span: Span;
}

export interface StringNode {
  kind: 'string';
  value: string;
  style: 'basic' | 'literal' | 'ml-basic' | 'ml-literal';
  span: Span;
}

export interface IntegerNode {
  kind: 'integer';
  /** Number when it fits in a safe integer, else bigint. */
  value: number | bigint;
  span: Span;
}

export interface FloatNode {
  kind: 'float';
  value: number;
  span: Span;
}

export interface BooleanNode {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

export interface DateTimeNode {
  kind: 'datetime';
  /** The literal as written. */
  raw: string;
  subtype: 'offset-datetime' | 'local-datetime' | 'local-date' | 'local-time';
  span: Span;
}

export interface ArrayNode {
  kind: 'array';
  items: ValueNode[];
  span: Span;
  /** False when the closing `]` is missing. */
  closed: boolean;
}

export interface InlineTableNode {
  kind: 'inline-table';
  entries: KeyValueNode[];
  span: Span;
  closed: boolean;
}

export type ScalarNode = StringNode | IntegerNode | FloatNode | BooleanNode | DateTimeNode;
export type ValueNode = ScalarNode | ArrayNode | InlineTableNode;

export interface KeyValueNode {
  kind: 'keyvalue';
  key: KeyNode;
  /** Undefined for half-typed `key =` or `key`. */
  value: ValueNode | undefined;
  span: Span;
}

/** `[a.b]` or `[[a.b]]` with the key/values that follow it up to the next header. */
export interface TableNode {
  kind: 'table' | 'array-table';
  /** Undefined for `[` with nothing after it; `[components.` has a key whose last segment is `missing`. */
  key: KeyNode | undefined;
  /** The header line's brackets and key. */
  headerSpan: Span;
  entries: KeyValueNode[];
  /** From the header to the end of its last entry. */
  span: Span;
}

export interface CommentNode {
  span: Span;
  /** Text after the `#`. */
  text: string;
}

export interface SyntaxError {
  span: Span;
  message: string;
}

export interface TomlSyntaxTree {
  text: string;
  /** Key/values before the first header. */
  rootEntries: KeyValueNode[];
  tables: TableNode[];
  comments: CommentNode[];
  errors: SyntaxError[];
}
