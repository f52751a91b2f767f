// Small re-statements of the Go path and glob predicates azldev's validation uses (filepath.IsAbs,
// filepath.Base, doublestar.ValidatePattern, fileutils.ValidateFilename), so our verdicts match its own.

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** Go's filepath.Base on POSIX: trailing slashes dropped, "/" for all-slash input, "." for "". */
export function goBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's filepath.Clean on POSIX. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** azldev's containsPattern: only these three characters make an include or overlay-files entry a glob. */
export function containsGlobChar(p: string): boolean {
  return /[*?[]/.test(p);
}

/**
 * doublestar's pattern validation with '/' as separator: a `\` must escape something, a `[` class must
 * be closed and non-empty, and `{`/`}` must balance.
 */
export function isValidGlob(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      if (i >= s.length) return false;
    } else if (c === '[') {
      i++;
      if (i < s.length && (s[i] === '^' || s[i] === '!')) i++;
      if (i >= s.length || s[i] === ']') return false;
      let closed = false;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === ']') {
          closed = true;
          break;
        }
      }
      if (!closed) return false;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return false;
      depth--;
    }
  }
  return depth === 0;
}

/** Why fileutils.ValidateFilename rejects `name` (in its words), or undefined when it is a safe plain file name. */
export function filenameProblem(name: string): string | undefined {
  const q = '`' + name + '`';
  if (name === '') return 'filename cannot be empty';
  if (name === '.' || name === '..') return `filename ${q} is not a valid file name`;
  if (isAbsolute(name)) return `filename ${q} cannot be an absolute path`;
  if (goClean(name) !== name) return `filename ${q} contains path traversal elements`;
  if (goBase(name) !== name) return `filename ${q} must be a simple filename without directory components`;
  if (/\s/u.test(name)) return `filename ${q} must not contain whitespace`;
  if (name.includes('\0')) return `filename ${q} must not contain null bytes`;
  if (name.includes('\\')) return `filename ${q} must not contain backslashes`;
  if (/[^\x00-\x7f]/.test(name)) return `filename ${q} must contain only ASCII characters`;
  return undefined;
}

/** archive.IsArchiveName: the tarball suffixes azldev can extract and repack. */
export function isArchiveName(name: string): boolean {
  return /\.(tar\.gz|tgz|tar\.xz|txz|tar\.zst|tzst|tar)$/.test(name.toLowerCase());
}

/**
 * doublestar.PathMatch for a valid pattern: `**` spans directories, `*` and `?` stay inside one, `[...]`
 * classes (negated by `!` or `^`), `{a,b}` alternatives and `\` escapes.
 */
export function globMatches(pattern: string, name: string): boolean {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` also matches no directory at all.
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return false;
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      re += `[${negated ? '^/' : ''}${body.replace(/[\]\\^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeRegExp(pattern[++i]!);
    else re += escapeRegExp(c);
  }
  try {
    return new RegExp(`^${re}$`).test(name);
  } catch {
    return false;
  }
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
