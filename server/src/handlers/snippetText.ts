// An LSP snippet as the plain text a client without snippet support inserts: each tab stop's placeholder
// (or the first choice) in its place, bare tab stops dropped, escapes undone — every required field still
// written, with its example value.
export function snippetAsPlainText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i] as string;
    if (c === '\\' && i + 1 < snippet.length && '\\$}|,'.includes(snippet[i + 1] as string)) {
      out += snippet[++i];
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const bare = /^\$(\d+)/.exec(snippet.slice(i));
    if (bare) {
      i += bare[0].length - 1;
      continue;
    }
    const open = /^\$\{(\d+)([:|]?)/.exec(snippet.slice(i));
    if (!open) {
      out += c;
      continue;
    }
    // ${n}, ${n:placeholder} or ${n|a,b|}: read to the matching brace, keeping the placeholder or first choice.
    i += open[0].length;
    let inner = '';
    let depth = 1;
    for (; i < snippet.length; i++) {
      const d = snippet[i] as string;
      if (d === '\\' && i + 1 < snippet.length) {
        inner += snippet[++i];
        continue;
      }
      if (d === '{' && snippet[i - 1] === '$') depth++;
      if (d === '}' && --depth === 0) break;
      inner += d;
    }
    out += open[2] === '|' ? (inner.replace(/\|$/, '').split(',')[0] ?? '') : open[2] === ':' ? snippetAsPlainText(inner) : '';
  }
  return out;
}
