// Appending a list of any length: `target.push(...items)` passes every item as a call argument, and a
// list of user-sized length (a hundred thousand diagnostics of one broken file) overflows the stack.

export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T);
  return target;
}

/** `list` with `items` inserted before `index`, as a new array (splice with a spread has the same limit). */
export function insertedAt<T>(list: readonly T[], index: number, items: readonly T[]): T[] {
  const out = list.slice(0, index);
  appendAll(out, items);
  for (let i = index; i < list.length; i++) out.push(list[i] as T);
  return out;
}
