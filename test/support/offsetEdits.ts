// Applies offset edits (a quick fix's, a rename's, a completion's) to a text, last first so earlier offsets hold.
export function applyOffsetEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
