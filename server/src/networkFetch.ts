// The language server's fetch for downloads (the package index), built the first time it downloads: through the
// proxy the environment names (proxyFetch.ts), trusting the certificate authorities in the file
// DISTRO_TOML_EXTRA_CA_CERTS names beside Node's own roots. The client starts the server with NODE_EXTRA_CA_CERTS
// handed on under that name (serverProcessEnv.ts), so Node does not parse the bundle at start; it is read here,
// once, when the network is first needed. Without either, Node's own fetch (which still trusts
// NODE_EXTRA_CA_CERTS when a client started the server with it, as `distro-toml lsp` runs in its caller's
// environment). This module is its own bundle (dist/server-fetch.js), loaded at the first download: undici is
// half a megabyte the server's start need not read.
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import type { FetchFunction } from './core/packages/fetchResource';
import { proxyFetchFromEnv } from './core/packages/proxyFetch';
import { EXTRA_CA_CERTS_VAR } from './serverProcessEnv';

/** The PEM certificates in `file` (a bundle may hold many; text around them is ignored, as Node does). */
export function certificatesIn(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * The fetch to download with under `env`, or undefined for Node's own. A file that cannot be read, or holds no
 * certificate, is said through `warn` and left out — as Node does with NODE_EXTRA_CA_CERTS.
 */
export async function networkFetchFromEnv(env: NodeJS.ProcessEnv, warn: (message: string) => void): Promise<FetchFunction | undefined> {
  const file = env[EXTRA_CA_CERTS_VAR];
  let ca: string[] | undefined;
  if (file) {
    try {
      const extra = certificatesIn(fs.readFileSync(file, 'utf8'));
      if (extra.length) ca = [...tls.rootCertificates, ...extra];
      else warn(`${EXTRA_CA_CERTS_VAR} (${file}) holds no PEM certificate; downloads trust Node's certificate authorities only`);
    } catch (err) {
      warn(`${EXTRA_CA_CERTS_VAR} (${file}) could not be read (${err instanceof Error ? err.message : String(err)}); downloads trust Node's certificate authorities only`);
    }
  }
  return proxyFetchFromEnv(env, ca ? { ca } : {});
}
