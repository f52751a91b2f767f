// Turns a component's upstream reference (package, dist-git base URI, branch, pinned commit, snapshot) into the
// exact values azldev hands to git, refusing the ones azldev refuses: the URL is built like fedorasource.go's
// BuildDistGitURL, the commit is checked like specsource.go's validation, the snapshot is parsed and re-formatted
// like fedorasourceprovider.go does with Go's time.RFC3339 before it reaches `git rev-list --before=`.

export interface UpstreamRef {
  /** The upstream package name: the component's `upstream-name`, else the component name. */
  pkg: string;
  /** The distro's `dist-git-base-uri`, with `$pkg` where the package name goes. */
  baseUri: string;
  /** The distro version's `dist-git-branch`, e.g. `f43`. */
  branch: string;
  /** The pinned `upstream-commit` (7–40 hex digits). */
  commit?: string;
  /** The distro reference's `snapshot`, an RFC 3339 date-time. */
  snapshot?: string;
}

export interface CheckedRef {
  pkg: string;
  url: string;
  branch: string;
  /** Lower-cased hex, when pinned. */
  commit?: string;
  /** The snapshot as Go's time.Format(time.RFC3339) writes it: what azldev passes to `--before=`. */
  snapshot?: string;
  /** The snapshot instant in milliseconds since the epoch. */
  snapshotMs?: number;
}

export const PKG_PLACEHOLDER = '$pkg';

/**
 * Go's url.PathEscape: everything but the unreserved characters and `$&+:=@` is percent-encoded, so `/`, `?`, `#`
 * and `%` in a package name cannot change the URL's structure (encodeURIComponent would also encode `+`, which
 * azldev leaves alone — `libsigc++20` stays as it is).
 */
export function goPathEscape(segment: string): string {
  let out = '';
  for (const byte of Buffer.from(segment, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~$&+:=@]/.test(ch)) out += ch;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The dist-git URL for a package, or why there is none. */
export function buildDistGitUrl(baseUri: string, pkg: string): { ok: true; url: string } | { ok: false; message: string } {
  if (pkg === '') return { ok: false, message: 'the upstream package name is empty' };
  if (pkg.includes(PKG_PLACEHOLDER)) {
    return { ok: false, message: `package name '${pkg}' contains the placeholder '${PKG_PLACEHOLDER}', which would make the dist-git URL ambiguous` };
  }
  const url = baseUri.split(PKG_PLACEHOLDER).join(goPathEscape(pkg));
  // Go's url.Parse, not WHATWG's: `https:///x` has an empty host there (WHATWG would take `x` as the host).
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(url);
  if (!m) return { ok: false, message: `dist-git URL '${url}' (from dist-git-base-uri '${baseUri}') is not an absolute URL (it has no scheme)` };
  const authority = /^\/\/([^/?#]*)/.exec(m[2] ?? '')?.[1] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  // file:// URLs have no host (RFC 8089); every other scheme needs one, as azldev's validateAbsoluteURL says.
  if (m[1]?.toLowerCase() !== 'file' && host === '') {
    return { ok: false, message: `dist-git URL '${url}' (from dist-git-base-uri '${baseUri}') has no host` };
  }
  return { ok: true, url };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 date-time the way Go's time.Parse(time.RFC3339, …) does (upper-case `T` and `Z`, optional
 * fraction, calendar-checked fields) and formats it back the way time.Format(time.RFC3339) does: fraction dropped,
 * the original offset kept, a zero offset written `Z`.
 */
export function parseSnapshot(snapshot: string): { ok: true; formatted: string; ms: number } | { ok: false } {
  const m = RFC3339.exec(snapshot);
  if (!m) return { ok: false };
  const [, y, mo, d, h, mi, s, , zone] = m as unknown as [string, string, string, string, string, string, string, string | undefined, string];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return { ok: false };
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return { ok: false };
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const formatted = `${y}-${mo}-${d}T${h}:${mi}:${s}${offsetMinutes === 0 ? 'Z' : zone}`;
  return { ok: true, formatted, ms };
}

/** A branch name git accepts as `refs/heads/<branch>` and that cannot be read as an option. */
function isSafeBranch(branch: string): boolean {
  return (
    branch !== '' &&
    !branch.startsWith('-') &&
    !branch.startsWith('/') &&
    !branch.endsWith('/') &&
    !branch.endsWith('.') &&
    !branch.endsWith('.lock') &&
    !branch.includes('..') &&
    !branch.includes('//') &&
    !branch.includes('@{') &&
    !/[\x00-\x20\x7f~^:?*[\\]/.test(branch)
  );
}

export type RefCheck = { ok: true; ref: CheckedRef } | { ok: false; code: 'bad-ref' | 'bad-commit'; message: string };

/** The schemes a tree's dist-git may use here: the network ones (not file://, nor git's ext:: and local paths). */
const NETWORK_SCHEME = /^(https?|ssh|git):\/\//i;

/** Validates the reference; every refusal names the package and the field at fault. */
export function checkRef(ref: UpstreamRef): RefCheck {
  const built = buildDistGitUrl(ref.baseUri, ref.pkg);
  if (!built.ok) return { ok: false, code: 'bad-ref', message: built.message };
  // azldev accepts a file:// dist-git, but the tree is untrusted data: cloning it would read outside the project.
  if (!NETWORK_SCHEME.test(built.url)) {
    return { ok: false, code: 'bad-ref', message: `dist-git URL '${built.url}' (from dist-git-base-uri '${ref.baseUri}') is not fetched: only http(s), ssh and git URLs are, since a tree may not make Distro TOML read files outside the project` };
  }
  if (!isSafeBranch(ref.branch)) {
    return { ok: false, code: 'bad-ref', message: `dist-git branch '${ref.branch}' for package '${ref.pkg}' is not a valid git branch name — check dist-git-branch in the distro version` };
  }
  const checked: CheckedRef = { pkg: ref.pkg, url: built.url, branch: ref.branch };
  if (ref.commit !== undefined && ref.commit !== '') {
    if (!/^[0-9a-fA-F]{7,40}$/.test(ref.commit)) {
      return { ok: false, code: 'bad-commit', message: `upstream-commit '${ref.commit}' for package '${ref.pkg}' is not a git commit hash (7 to 40 hex digits)` };
    }
    checked.commit = ref.commit.toLowerCase();
  }
  if (ref.snapshot !== undefined && ref.snapshot !== '') {
    const parsed = parseSnapshot(ref.snapshot);
    if (!parsed.ok) {
      return { ok: false, code: 'bad-ref', message: `snapshot '${ref.snapshot}' for package '${ref.pkg}' is not an RFC 3339 date-time (like 2026-02-24T00:00:00-08:00)` };
    }
    checked.snapshot = parsed.formatted;
    checked.snapshotMs = parsed.ms;
  }
  return { ok: true, ref: checked };
}
