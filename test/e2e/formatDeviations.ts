// Deviations from the tree's house style that "Format Document" must undo: spaces around `=` and trailing
// blanks on key lines, and an indented table header. Applied to a real file of the tree, formatting must give
// back the file byte for byte.
export function withDeviations(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const key = /^([A-Za-z0-9_-]+) = (.*)$/.exec(line);
      if (key) return `${key[1]}   =    ${key[2]}  `;
      if (/^\[\[?[^\]]+\]\]?$/.test(line)) return `  ${line}`;
      return line;
    })
    .join('\n');
}
