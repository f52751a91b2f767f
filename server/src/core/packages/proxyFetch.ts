// HTTP(S) through a proxy for the CLI: when HTTPS_PROXY / HTTP_PROXY (or their lower-case forms) are set,
// requests go through undici's EnvHttpProxyAgent, which also honours NO_PROXY. Node's own fetch ignores
// these variables before Node 24. undici is loaded only when a proxy is configured.
import { commonJsExports } from './commonJsExports';
import type { FetchFunction } from './fetchResource';

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export async function proxyFetchFromEnv(env: NodeJS.ProcessEnv): Promise<FetchFunction | undefined> {
  if (!PROXY_VARS.some((v) => env[v])) return undefined;
  const undici = commonJsExports(await import('undici'), 'EnvHttpProxyAgent');
  const agent = new undici.EnvHttpProxyAgent({
    httpProxy: env['HTTP_PROXY'] || env['http_proxy'],
    httpsProxy: env['HTTPS_PROXY'] || env['https_proxy'] || env['HTTP_PROXY'] || env['http_proxy'],
    noProxy: env['NO_PROXY'] ?? env['no_proxy'] ?? '',
  });
  return (url, init) => undici.fetch(url, { ...init, dispatcher: agent }) as unknown as Promise<Response>;
}
