// Background work of many small items (the start-up scan's publishes, a file's diagnostics each) done in turns of
// the event loop bounded by time, not by count: items until TURN_BUDGET_MS are spent, then a turn (serverTurn.ts,
// where the client's messages go first). 32 publishes a turn held the thread 4–10 ms at the end of a cold start:
// a publish costs ~50 µs warm, but ~0.15 ms on average and up to 2–7 ms the first times (cold code, a file with
// findings read again for its line table), and an edit typed meanwhile waited for the whole batch.

/** How long one turn of such work holds the thread, at most plus one item. */
export const TURN_BUDGET_MS = 2;

export interface TurnsOptions {
  /** One turn of the event loop (the server's background turn). */
  turn: () => Promise<void>;
  /** Asked after each turn: true ends the work (a newer scan took over). */
  stop: () => boolean;
  budgetMs?: number;
  now?: () => number;
}

/** Calls `each` for every item, taking a turn whenever the budget is spent; false when `stop` ended it early. */
export async function eachInTurns<T>(items: Iterable<T>, each: (item: T) => void, options: TurnsOptions): Promise<boolean> {
  const now = options.now ?? (() => performance.now());
  const budget = options.budgetMs ?? TURN_BUDGET_MS;
  let since = now();
  for (const item of items) {
    each(item);
    if (now() - since < budget) continue;
    await options.turn();
    if (options.stop()) return false;
    since = now();
  }
  return true;
}
