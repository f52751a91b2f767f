// Glob matching with the doublestar (github.com/bmatcuk/doublestar) syntax azldev's patch-remove uses:
// `*` and `?` within a path segment, `**` across segments, `[...]`/`[!...]` classes, `{a,b}` alternatives
// and `\` escapes. Compiled to a JavaScript regular expression; malformed patterns yield undefined.

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

export function compileGlob(pattern: string): RegExp | undefined {
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return undefined;
      out += escapeRegex(next);
      i++;
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        const atSegmentEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        i++;
        if (atSegmentStart && atSegmentEnd) {
          // `**/` matches zero or more whole directories.
          if (pattern[i + 1] === '/') {
            out += '(?:.*/)?';
            i++;
          } else out += '.*';
        } else out += '[^/]*';
      } else out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return undefined;
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') return undefined;
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else out += escapeRegex(c);
  }
  if (braces > 0) return undefined;
  try {
    return new RegExp(`^${out}$`, 'su');
  } catch {
    return undefined;
  }
}
