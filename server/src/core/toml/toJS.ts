// Converts the semantic model to plain JS values (what smol-toml returns, but with date-times kept as
// TomlDateTime objects so a schema that wants a string rejects an unquoted date-time).
import type { ModelNode } from './model';
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

export function toJS(node: ModelNode): unknown {
  // An explicit work list instead of recursion: `a.a.a.…  = 1` with thousands of segments is legal TOML
  // and would otherwise overflow the call stack.
  const out = shell(node);
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
        const value = shell(entry.node);
        // Own data property even for "__proto__", so a key can never reach the prototype; every other key
        // is a plain assignment, which is many times cheaper than defineProperty on big tables.
        if (k === '__proto__') Object.defineProperty(into, k, { value, enumerable: true, writable: true, configurable: true });
        else (into as Record<string, unknown>)[k] = value;
        if (entry.node.type !== 'scalar') work.push([entry.node, value]);
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
