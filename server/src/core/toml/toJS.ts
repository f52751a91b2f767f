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
  switch (node.type) {
    case 'scalar': {
      const s = node.syntax;
      return s.kind === 'datetime' ? new TomlDateTime(s.raw, s.subtype) : s.value;
    }
    case 'array':
      return node.items.map(toJS);
    case 'table': {
      const out: Record<string, unknown> = {};
      for (const [k, entry] of node.entries) {
        // Own data property even for "__proto__", so a key can never reach the prototype.
        Object.defineProperty(out, k, { value: toJS(entry.node), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}
