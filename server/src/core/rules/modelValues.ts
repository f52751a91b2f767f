// Typed, shape-tolerant reads of the TOML model for the rule engine. A value of the wrong type reads as
// `wrong-type` so rules can stay silent about it: type errors are the schema's diagnostics, not ours.
import type { Span } from '../diagnostics';
import type { ModelArray, ModelEntry, ModelNode, ModelTable } from '../toml';

export type Read<T> =
  | { state: 'absent' }
  | { state: 'wrong-type'; entry: ModelEntry }
  | { state: 'value'; value: T; span: Span; entry: ModelEntry };

export function asTable(node: ModelNode | undefined): ModelTable | undefined {
  return node?.type === 'table' ? node : undefined;
}

export function childTable(table: ModelTable | undefined, key: string): ModelTable | undefined {
  return asTable(table?.entries.get(key)?.node);
}

export function childArray(table: ModelTable | undefined, key: string): ModelArray | undefined {
  const node = table?.entries.get(key)?.node;
  return node?.type === 'array' ? node : undefined;
}

/** The tables of an array value (`[[x]]` or `x = [{...}]`), with their indices; other items are skipped. */
export function tablesOf(array: ModelArray | undefined): { index: number; table: ModelTable }[] {
  const out: { index: number; table: ModelTable }[] = [];
  array?.items.forEach((item, index) => {
    if (item.type === 'table') out.push({ index, table: item });
  });
  return out;
}

/** The table-valued entries of a map-like table such as `components` or `package-groups`. */
export function namedTables(table: ModelTable | undefined): { name: string; entry: ModelEntry; table: ModelTable }[] {
  const out: { name: string; entry: ModelEntry; table: ModelTable }[] = [];
  for (const [name, entry] of table?.entries ?? []) {
    if (entry.node.type === 'table') out.push({ name, entry, table: entry.node });
  }
  return out;
}

export function readString(table: ModelTable | undefined, key: string): Read<string> {
  const entry = table?.entries.get(key);
  if (!entry) return { state: 'absent' };
  const node = entry.node;
  if (node.type !== 'scalar' || node.syntax.kind !== 'string') return { state: 'wrong-type', entry };
  return { state: 'value', value: node.syntax.value, span: node.span, entry };
}

export function readBoolean(table: ModelTable | undefined, key: string): Read<boolean> {
  const entry = table?.entries.get(key);
  if (!entry) return { state: 'absent' };
  const node = entry.node;
  if (node.type !== 'scalar' || node.syntax.kind !== 'boolean') return { state: 'wrong-type', entry };
  return { state: 'value', value: node.syntax.value, span: node.span, entry };
}

export function readArray(table: ModelTable | undefined, key: string): Read<ModelArray> {
  const entry = table?.entries.get(key);
  if (!entry) return { state: 'absent' };
  const node = entry.node;
  if (node.type !== 'array') return { state: 'wrong-type', entry };
  return { state: 'value', value: node, span: node.span, entry };
}

/** The string items of an array with their spans; non-string items are skipped. */
export function stringItems(array: ModelArray): { index: number; value: string; span: Span }[] {
  const out: { index: number; value: string; span: Span }[] = [];
  array.items.forEach((item, index) => {
    if (item.type === 'scalar' && item.syntax.kind === 'string') out.push({ index, value: item.syntax.value, span: item.span });
  });
  return out;
}

/** Go's zero-value view: a string field counts as set only when present and non-empty. */
export function isSetString(read: Read<string>): boolean {
  return read.state === 'wrong-type' || (read.state === 'value' && read.value !== '');
}

/** The string value when present, typed and non-empty. */
export function stringValue(read: Read<string>): string | undefined {
  return read.state === 'value' && read.value !== '' ? read.value : undefined;
}
