// How many comments of a tree name distro-toml (the only ones that can be ignore comments), kept per comment list:
// counted once, then carried across each incremental re-parse by the range it replaces — so the house rules learn
// that a 17,000-comment sdk.packages.toml has no ignore comment without reading its comments on every keystroke.
import type { CommentNode } from './ast';

/** The word every ignore comment holds (`# distro-toml: ignore[code]`, houseRules/ignoreComments.ts). */
const COMMENT_MARK = 'distro-toml';

const counts = new WeakMap<readonly CommentNode[], number>();

/** Whether a comment's text names distro-toml: it may be an ignore comment (a parse that keeps no others keeps it). */
export function namesDistroToml(text: string): boolean {
  return text.includes(COMMENT_MARK);
}

function countIn(list: readonly CommentNode[], from = 0, to = list.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (namesDistroToml((list[i] as CommentNode).text)) n++;
  return n;
}

/** How many of `comments` hold COMMENT_MARK: known after the first call for a list, then carried by the re-parse. */
export function markedCommentCount(comments: readonly CommentNode[]): number {
  let n = counts.get(comments);
  if (n === undefined) {
    n = countIn(comments);
    counts.set(comments, n);
  }
  return n;
}

/**
 * Before `list[from..to)` is replaced by `by` — in place, or in `into`, a new list made of the rest of `list`:
 * carries a known count over. Nothing is counted for a list no one has asked about.
 */
export function carryMarkedCount(list: readonly CommentNode[], from: number, to: number, by: readonly CommentNode[], into: readonly CommentNode[] = list): void {
  const n = counts.get(list);
  if (n === undefined) return;
  counts.set(into, n - countIn(list, from, to) + countIn(by));
}
