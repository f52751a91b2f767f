// The semantic view of a TOML document: tables and arrays as TOML defines them (dotted keys, headers and
// arrays of tables merged), each node keeping where it was written, plus conversion to plain JS values.
import type { Span } from '../diagnostics';
import type { ScalarNode, TomlSyntaxTree, KeyValueNode, TableNode, InlineTableNode, ArrayNode } from './ast';

export interface ModelEntry {
  /** The key segment that named this entry where it was (first) defined. */
  keySpan: Span;
  /** The whole key/value or header that defined this entry. */
  definitionSpan: Span;
  node: ModelNode;
}

export interface ModelTable {
  type: 'table';
  /**
   * How the table came to be: the document root, a `[header]`, one element of `[[header]]`,
   * an inline table, a dotted key (`a.b = 1` makes `a`), or implicitly by a deeper header.
   */
  origin: 'root' | 'header' | 'array-table' | 'inline' | 'dotted' | 'implicit';
  entries: Map<string, ModelEntry>;
  /** For `header`/`array-table`: the header's span; `inline`: the braces; else the first definition. */
  span: Span;
  /** The syntax node that opened this table, when there is one. */
  syntax?: TableNode | InlineTableNode;
}

export interface ModelArray {
  type: 'array';
  /** `[[x]]` arrays of tables vs `x = [...]`. */
  origin: 'array-table' | 'inline';
  items: ModelNode[];
  span: Span;
  syntax?: ArrayNode;
}

export interface ModelScalar {
  type: 'scalar';
  syntax: ScalarNode;
  span: Span;
}

export type ModelNode = ModelTable | ModelArray | ModelScalar;

export interface ModelError {
  span: Span;
  message: string;
  /** Where the conflicting earlier definition is, for duplicates. */
  related?: { span: Span; message: string }[];
  code: 'toml-syntax' | 'toml-duplicate-key' | 'toml-redefined-table' | 'toml-invalid-extension';
}

export interface TomlDocument {
  syntax: TomlSyntaxTree;
  root: ModelTable;
  /** Syntax errors and semantic errors (duplicates, redefinitions), in document order. */
  errors: ModelError[];
}

/** A path into the model: table keys and array indices, like an ajv instancePath split on `/`. */
export type ModelPath = readonly (string | number)[];

export type { KeyValueNode };
