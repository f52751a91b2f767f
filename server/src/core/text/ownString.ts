// A string that holds its own characters. V8 makes a slice of a long string (13 characters or more) a view into
// it, and a concatenation a pair of references, so a name read from a parse and kept as a memo key keeps the
// whole text of that parse alive — a megabyte per edit of a package list. Flattening a short concatenation
// copies the characters; the slice after it is a view into that copy only.
export function ownString(s: string): string {
  return (' ' + s).slice(1);
}
