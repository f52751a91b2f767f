// Summary statistics and the plain-text table the benchmarks print.

/** @param {number[]} xs @param {number} p in [0, 100] @returns {number} nearest-rank percentile */
export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return /** @type {number} */ (sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]);
}

/** @param {number[]} xs */
export function median(xs) {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : (/** @type {number} */ (sorted[mid - 1]) + /** @type {number} */ (sorted[mid])) / 2;
}

/** @param {number} ms */
export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** @param {number} ratio */
export function fmtRatio(ratio) {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—';
}

/**
 * @param {string[]} header @param {string[][]} rows @param {number} textColumns how many leading columns are text (left-aligned)
 * @returns {string} the columns padded; numbers right-aligned
 */
export function table(header, rows, textColumns = 1) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ r) => r.map((c, i) => (i < textColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
