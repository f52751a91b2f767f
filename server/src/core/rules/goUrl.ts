// Go's net/url.Parse, restated for the parts azldev's repository validators read (scheme, opaque form,
// host, query, fragment) and with its error messages, so that our verdict on a URI is azldev's own.

export interface GoUrl {
  /** Lower-cased, as url.Parse leaves it. */
  scheme: string;
  /** The rest after `scheme:` when it does not start with `/` (`https:example.com`). */
  opaque: string;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

export type GoUrlResult = { url: GoUrl; error?: undefined } | { error: string; url?: undefined };

/** strconv.Quote for what these messages quote: ASCII control characters as `\xNN` or their short escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + '"';
}

/** Go's `%#q` of a string: back-quoted when strconv.CanBackquote allows, else double-quoted. */
export function goBackquote(s: string): string {
  // CanBackquote: no back-quote, no control character other than tab, no U+FEFF, valid text.
  return /[`\x00-\x08\x0a-\x1f\x7f\ufeff]/.test(s) ? goQuote(s) : '`' + s + '`';
}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** url.unescape's validation: bad `%` escapes everywhere; in a host also characters that must be escaped. */
function unescapeProblem(s: string, host: boolean): string | undefined {
  for (let i = 0; i < s.length; ) {
    const c = s[i] as string;
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      // A host takes %-escapes of bytes 0x80 and up, and "%25" (an IPv6 zone's `%`), only.
      if (host && parseInt(s[i + 1] as string, 16) < 8 && s.slice(i, i + 3) !== '%25') return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      i += 3;
      continue;
    }
    if (host && c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c)) return `invalid character ${goQuote(c)} in host name`;
    i++;
  }
  return undefined;
}

/** validOptionalPort: empty, or `:` and digits. */
const validOptionalPort = (p: string): boolean => p === '' || /^:[0-9]*$/.test(p);

function hostProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return `invalid port ${goQuote(host.slice(colon))} after host`;
  }
  return unescapeProblem(host, true);
}

/** url.Parse(raw): the parts, or its error as `parse "raw": reason`. */
export function goParseUrl(raw: string): GoUrlResult {
  const hash = raw.indexOf('#');
  const beforeFragment = hash < 0 ? raw : raw.slice(0, hash);
  const fragment = hash < 0 ? '' : raw.slice(hash + 1);
  const fail = (url: string, reason: string): GoUrlResult => ({ error: `parse ${goQuote(url)}: ${reason}` });

  if (/[\x00-\x1f\x7f]/.test(beforeFragment)) return fail(beforeFragment, 'net/url: invalid control character in URL');
  const url: GoUrl = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', fragment: '' };
  if (beforeFragment === '*') return { url: { ...url, path: '*' } };

  let rest = beforeFragment;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
  if (rest.startsWith(':')) return fail(beforeFragment, 'missing protocol scheme');
  if (scheme) {
    url.scheme = scheme[0].slice(0, -1).toLowerCase();
    rest = rest.slice(scheme[0].length);
  }
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return withFragment(url, fragment, raw);
    }
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) return fail(beforeFragment, 'first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    const host = at < 0 ? authority : authority.slice(at + 1);
    const problem = hostProblem(host);
    if (problem) return fail(beforeFragment, problem);
    if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) return fail(beforeFragment, 'net/url: invalid userinfo');
    url.host = host;
  }
  const pathProblem = unescapeProblem(rest, false);
  if (pathProblem) return fail(beforeFragment, pathProblem);
  url.path = rest;
  return withFragment(url, fragment, raw);
}

function withFragment(url: GoUrl, fragment: string, raw: string): GoUrlResult {
  const problem = unescapeProblem(fragment, false);
  if (problem) return { error: `parse ${goQuote(raw)}: ${problem}` };
  return { url: { ...url, fragment } };
}
