// "Did you mean" for misspelt keys and enum values: the closest candidate by edit distance, if close enough.

/**
 * The table of editDistance, row after row, reused: a misspelt key is compared with every candidate on each
 * keystroke (the typo in components.toml's header: ~13 KB of row arrays a keystroke, made and dropped).
 */
let table = new Int32Array(256);

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment): 'sepc' → 'spec' is 1. */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const size = (a.length + 1) * width;
  if (table.length < size) table = new Int32Array(Math.max(size, table.length * 2));
  const d = table;
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * width + j] as number) + 1, (d[i * width + j - 1] as number) + 1, (d[(i - 1) * width + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * width + j - 2] as number) + 1);
      d[i * width + j] = v;
    }
  }
  return d[a.length * width + b.length] as number;
}

/** The candidate nearest to `word` (case-insensitively), when within a third of its length (at least 1, at most 3). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= limit ? best : undefined;
}
