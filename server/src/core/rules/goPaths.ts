// Small re-statements of the Go path predicates azldev's validation uses (filepath.IsAbs, filepath.Base,
// filepath.Clean, fileutils.ValidateFilename), so our verdicts match its own; globs live in ../glob.

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

/** Why fileutils.ValidateFilename rejects `name` (in its words), or undefined when it is a safe plain file name. */
export function filenameProblem(name: string): string | undefined {
  // The common case, every component name of a real tree: one segment of printable ASCII, no separator.
  if (name !== '.' && name !== '..' && /^[\x21-\x2e\x30-\x5b\x5d-\x7e]+$/.test(name)) return undefined;
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
