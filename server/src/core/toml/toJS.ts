// Converts the semantic model to plain JS values (what smol-toml returns, but with date-times kept as
// TomlDateTime objects so a schema that wants a string rejects an unquoted date-time).
import type { ModelArray, ModelNode, ModelTable } from './model';
import { isStatementTable, itemEditCount } from './modelBuilder';
import type { DateTimeNode } from './ast';

export class TomlDateTime {
  constructor(
    readonly raw: string,
    readonly subtype: DateTimeNode['subtype'],
  ) {}

  toString(): string {
    return this.raw;
  }

  toJSON(): string {
    return this.raw;
  }
}

/** The values of `[header]` statement tables, which keep their identity while their statement is unchanged. */
const statementValues = new WeakMap<ModelTable, unknown>();

/**
 * toJS for a reader that never changes what it gets (schema validation): the value of each `[header]`
 * statement's table is made once and shared by every later call while the table keeps its identity
 * (modelBuilder.ts: an unchanged statement keeps its table), so a keystroke converts only what it changed.
 */
export function toJSShared(node: ModelNode): unknown {
  return convert(node, true);
}

export function toJS(node: ModelNode): unknown {
  return convert(node, false);
}

/**
 * Shared values of long arrays of scalars (a package list), by item list with its in-place edit count: a
 * statement re-parsed around such an array keeps its model (modelBuilder.ts), so its value is not made again.
 */
const scalarArrayValues = new WeakMap<readonly ModelNode[], { edits: number; value: unknown[] }>();
const SHARED_ARRAY_MIN = 64;

function sharedScalarArray(node: ModelArray): unknown[] | undefined {
  const items = node.items;
  if (items.length < SHARED_ARRAY_MIN) return undefined;
  const edits = itemEditCount(items);
  const hit = scalarArrayValues.get(items);
  if (hit && hit.edits === edits) return hit.value;
  const value = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as ModelNode;
    if (item.type !== 'scalar') return undefined;
    value[i] = shell(item);
  }
  scalarArrayValues.set(items, { edits, value });
  return value;
}

function convert(node: ModelNode, shared: boolean): unknown {
  if (shared && node.type === 'array') {
    const value = sharedScalarArray(node);
    if (value) return value;
  }
  if (shared && node.type === 'table' && isStatementTable(node)) {
    const hit = statementValues.get(node);
    if (hit !== undefined) return hit;
  }
  // An explicit work list instead of recursion: `a.a.a.…  = 1` with thousands of segments is legal TOML
  // and would otherwise overflow the call stack.
  const out = shell(node);
  if (shared && node.type === 'table' && isStatementTable(node)) statementValues.set(node, out);
  const work: [ModelNode, unknown][] = [[node, out]];
  for (let next = work.pop(); next; next = work.pop()) {
    const [from, into] = next;
    if (from.type === 'array') {
      for (const item of from.items) {
        const value = shell(item);
        (into as unknown[]).push(value);
        if (item.type !== 'scalar') work.push([item, value]);
      }
    } else if (from.type === 'table') {
      // forEach, not for-of: no [key, entry] pair allocated per entry.
      from.entries.forEach((entry, k) => {
        const child = entry.node;
        let value: unknown;
        if (shared && child.type === 'table' && isStatementTable(child)) {
          value = statementValues.get(child);
          if (value === undefined) {
            value = {};
            statementValues.set(child, value);
            work.push([child, value]);
          }
        } else {
          value = shared && child.type === 'array' ? sharedScalarArray(child) : undefined;
          if (value === undefined) {
            value = shell(child);
            if (child.type !== 'scalar') work.push([child, value]);
          }
        }
        // Own data property even for "__proto__", so a key can never reach the prototype; every other key
        // is a plain assignment, which is many times cheaper than defineProperty on big tables.
        if (k === '__proto__') Object.defineProperty(into, k, { value, enumerable: true, writable: true, configurable: true });
        else (into as Record<string, unknown>)[k] = value;
      });
    }
  }
  return out;
}

/** A scalar's JS value, or an empty array or object that the work list fills in. */
function shell(node: ModelNode): unknown {
  if (node.type === 'array') return [];
  if (node.type === 'table') return {};
  const s = node.syntax;
  return s.kind === 'datetime' ? new TomlDateTime(s.raw, s.subtype) : s.value;
}
