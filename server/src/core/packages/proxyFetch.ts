// HTTP(S) downloads through undici when Node's own fetch cannot do what is asked: when HTTPS_PROXY / HTTP_PROXY
// (or their lower-case forms) are set, requests go through undici's EnvHttpProxyAgent, which also honours
// NO_PROXY (Node's own fetch ignores these variables before Node 24); when extra certificate authorities are
// given (the language server's DISTRO_TOML_EXTRA_CA_CERTS, networkFetch.ts), every TLS connection — to the
// server, through a proxy's tunnel, and to an HTTPS proxy itself — trusts them beside Node's own roots. undici is
// loaded only when one of the two is asked for; otherwise the answer is undefined and the caller uses Node's fetch.
import { commonJsExports } from './commonJsExports';
import type { FetchFunction } from './fetchResource';

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export interface DownloadTls {
  /** PEM certificates to trust, replacing the default list (so give Node's tls.rootCertificates with them). */
  ca?: string[];
}

export async function proxyFetchFromEnv(env: NodeJS.ProcessEnv, tls: DownloadTls = {}): Promise<FetchFunction | undefined> {
  const proxied = PROXY_VARS.some((v) => env[v]);
  if (!proxied && !tls.ca) return undefined;
  const undici = commonJsExports(await import('undici'), 'EnvHttpProxyAgent');
  const ca = tls.ca ? { ca: tls.ca } : undefined;
  const agent = proxied
    ? new undici.EnvHttpProxyAgent({
        httpProxy: env['HTTP_PROXY'] || env['http_proxy'],
        httpsProxy: env['HTTPS_PROXY'] || env['https_proxy'] || env['HTTP_PROXY'] || env['http_proxy'],
        noProxy: env['NO_PROXY'] ?? env['no_proxy'] ?? '',
        ...(ca ? { connect: ca, requestTls: ca, proxyTls: ca } : {}),
      })
    : new undici.Agent({ connect: ca });
  return (url, init) => undici.fetch(url, { ...init, dispatcher: agent }) as unknown as Promise<Response>;
}
