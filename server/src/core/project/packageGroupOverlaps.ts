// A binary package listed by two package groups of different files (project-package-in-two-groups): azldev cannot
// tell which group's config applies. Over every package group of the project (tens of thousands of names).
import type { CoreDiagnostic } from '../diagnostics';
import type { ModelNode } from '../toml';
import { rel, type Definition } from './projectModel';

const NO_ITEMS: readonly ModelNode[] = [];

/** The items of a package group's `packages` array (none when the group or the list is not of that shape). */
function packageItems(group: Definition): readonly ModelNode[] {
  if (group.node.type !== 'table') return NO_ITEMS;
  const node = group.node.entries.get('packages')?.node;
  return node?.type === 'array' ? node.items : NO_ITEMS;
}

function stringOf(node: ModelNode | undefined): string | undefined {
  return node?.type === 'scalar' && node.syntax.kind === 'string' ? node.syntax.value : undefined;
}

/** Whether two item lists have the same strings at the same places (other items are skipped alike). */
function sameStrings(a: readonly ModelNode[], b: readonly ModelNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (stringOf(a[i]) !== stringOf(b[i])) return false;
  return true;
}

/** A package listed twice: group and item index of the repeat, then of the first listing. */
type OverlapHit = [group: number, item: number, firstGroup: number, firstItem: number];

/** What the last check saw and found (OverlapMemo.last). */
export interface PackageGroupOverlapMemo {
  groups: { name: string; file: string; items: readonly ModelNode[] }[];
  hits: OverlapHit[];
}


/**
 * A binary package listed by two package groups: azldev cannot tell which group's config applies.
 * Tens of thousands of names: which items overlap is reused while every group lists the same strings
 * (an edit elsewhere in a group's file only moves them), and the diagnostics are rebuilt from the
 * current items so that their spans are current.
 */
export function packageGroupOverlaps(groups: Map<string, Definition>, overlapMemo: { last?: PackageGroupOverlapMemo }): CoreDiagnostic[] {
  const defs = [...groups.values()];
  const current = defs.map((g) => ({ name: g.name, file: g.file, items: packageItems(g) }));
  const memo = overlapMemo.last;
  const reusable =
    memo !== undefined &&
    memo.groups.length === current.length &&
    memo.groups.every((m, i) => {
      const c = current[i] as (typeof current)[number];
      return m.name === c.name && m.file === c.file && sameStrings(m.items, c.items);
    });
  const hits = reusable ? memo.hits : overlapHits(defs, current.map((c) => c.items));
  overlapMemo.last = { groups: current, hits };
  return hits.map(([g, i, fg, fi]) => {
    const group = defs[g] as Definition;
    const first = defs[fg] as Definition;
    const item = current[g]?.items[i] as ModelNode;
    const firstItem = current[fg]?.items[fi] as ModelNode;
    const value = stringOf(item) as string;
    return {
      file: group.file,
      span: item.span,
      severity: 'error',
      code: 'project-package-in-two-groups',
      message: `Package '${value}' is in package group '${group.name}' and also in '${first.name}' (${rel(group.file, first.file)}); a package may belong to one package group only`,
      related: [{ file: first.file, span: firstItem.span, message: `'${value}' is listed here by '${first.name}'` }],
      data: { name: value },
    } satisfies CoreDiagnostic;
  });
}

function overlapHits(defs: Definition[], items: (readonly ModelNode[])[]): OverlapHit[] {
  const out: OverlapHit[] = [];
  // Each name's first listing as one number, item * groups + group (no pair per name: tens of thousands).
  const n = Math.max(1, defs.length);
  const owner = new Map<string, number>();
  defs.forEach((group, g) => {
    const list = items[g] as readonly ModelNode[];
    for (let i = 0; i < list.length; i++) {
      const value = stringOf(list[i]);
      if (value === undefined) continue;
      const first = owner.get(value);
      if (first === undefined) {
        owner.set(value, i * n + g);
        continue;
      }
      const fg = first % n;
      const firstGroup = defs[fg] as Definition;
      // Two groups in one file are the file rule's business (rules/packageGroups.ts).
      if (firstGroup.file === group.file || firstGroup.name === group.name) continue;
      out.push([g, i, fg, (first - fg) / n]);
    }
  });
  return out;
}
