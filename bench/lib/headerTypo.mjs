// The edit the cold-start and sync benchmarks time: a typo toggled in a component header key in the middle of a file
// (components.toml), sent as an incremental change; odd edits insert an `x`, even ones remove it.

/** @param {string} text the file as opened (version 1) */
export function headerTypo(text) {
  const at = text.indexOf('\n[components.', Math.floor(text.length / 2)) + '\n[components'.length;
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  let version = 1;
  return {
    /** The next edit: its document version and its change. */
    next() {
      version++;
      const insert = version % 2 === 0;
      const pos = { line, character };
      const range = insert ? { start: pos, end: pos } : { start: pos, end: { line, character: character + 1 } };
      return { version, change: { range, text: insert ? 'x' : '' } };
    },
  };
}
