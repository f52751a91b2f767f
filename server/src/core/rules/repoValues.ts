// The value checks azldev's resources.go applies to repository fields — repo-name grammar, single-line text,
// remote http(s) URIs and gpg-key forms — each returning azldev's message, or undefined when it accepts.
import { goBackquote as bq, goParseUrl, goQuote } from './goUrl';

/** rpmRepoNameRE: also the grammar of template, set and sub-repo names and of every synthesized repo ID. */
export const RPM_REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** validateRpmRepoName. */
export function repoNameProblem(name: string): string | undefined {
  if (name === '') return 'rpm-repo name must not be empty';
  if (!RPM_REPO_NAME.test(name)) {
    return `rpm-repo name ${bq(name)} is invalid; must match ${RPM_REPO_NAME.source} (repo names are projected verbatim into dnf section headers and kiwi --add-repo arguments)`;
  }
  return undefined;
}

/** validateNoUnsafeChars: CR, LF, NUL and Unicode line separators would corrupt generated dnf/kiwi config. */
export function unsafeCharsProblem(objKind: string, field: string, name: string, value: string): string | undefined {
  let byte = 0;
  for (const ch of value) {
    const where = `${objKind} ${bq(name)} \`${field}\``;
    if (ch === '\r' || ch === '\n') return `${where} must be a single line (no embedded CR/LF at byte ${byte})`;
    if (ch === '\0') return `${where} must not contain NUL bytes (at byte ${byte})`;
    if (ch === '\u2028' || ch === '\u2029') return `${where} must not contain Unicode line separators (at byte ${byte})`;
    const c = ch.codePointAt(0) as number;
    byte += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return undefined;
}

/** validateRemoteURI: a base-uri or metalink must be an http(s) URL of the `scheme://host/path` form. */
export function remoteUriProblem(objKind: string, field: string, name: string, raw: string): string | undefined {
  const unsafe = unsafeCharsProblem(objKind, field, name, raw);
  if (unsafe) return unsafe;
  const where = `${objKind} ${bq(name)} \`${field}\``;
  const parsed = goParseUrl(raw);
  if (parsed.error !== undefined) return `${where} is not a valid URI: ${parsed.error}`;
  const { scheme, opaque, host } = parsed.url;
  if (scheme === '') return `${where} is missing a scheme (expected an http or https URL)`;
  if (scheme !== 'http' && scheme !== 'https') return `${where} uses unsupported scheme ${goQuote(scheme)}; only http and https are accepted`;
  if (opaque !== '') return `${where} must use the \`scheme://host/path\` form (got opaque URI ${goQuote(raw)})`;
  if (host === '') return `${where} must include a host (got ${goQuote(raw)})`;
  return undefined;
}

/** hasURIScheme: starts with a letter, then letters, digits, `+ - .`, up to a `:`. */
export function hasUriScheme(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s);
}

/** validateGPGKey: a bare path, or an http(s) URI with a host, or a `file:///absolute/path`. */
export function gpgKeyProblem(objKind: string, name: string, raw: string): string | undefined {
  const unsafe = unsafeCharsProblem(objKind, 'gpg-key', name, raw);
  if (unsafe) return unsafe;
  if (!hasUriScheme(raw)) return undefined;
  const where = `${objKind} ${bq(name)} \`gpg-key\``;
  const parsed = goParseUrl(raw);
  if (parsed.error !== undefined) return `${where} is not a valid URI: ${parsed.error}`;
  const { scheme, opaque, host, path } = parsed.url;
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'file') return `${where} uses unsupported scheme ${goQuote(scheme)}; expected http, https, or file`;
  if (opaque !== '') return `${where} must use the \`scheme://...\` form (got opaque URI ${goQuote(raw)})`;
  if (scheme !== 'file') return host === '' ? `${where} must include a host (got ${goQuote(raw)})` : undefined;
  if (host !== '') return `${where} must be of the form \`file:///absolute/path\` (got host ${goQuote(host)} in ${goQuote(raw)})`;
  if (!path.startsWith('/')) return `${where} must be an absolute \`file://\` path (got ${goQuote(raw)})`;
  return undefined;
}

/** IsLocalGPGKey: a bare path or a file:// URI, which mock would look up inside its chroot. */
export function isLocalGpgKey(key: string): boolean {
  if (key === '') return false;
  if (!hasUriScheme(key)) return true;
  const parsed = goParseUrl(key);
  return parsed.url !== undefined && parsed.url.scheme === 'file';
}
