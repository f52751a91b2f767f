// The language server's downloads trust the certificate authorities the client handed on as
// DISTRO_TOML_EXTRA_CA_CERTS (serverProcessEnv.ts), read when the first download is made, beside Node's own roots,
// directly and through an HTTP proxy's tunnel: a real HTTPS server on loopback whose certificate a test authority
// signed (openssl), and a real CONNECT proxy. Without that authority the same download is refused.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { syncRepository } from '../../../server/src/core/packages/fetchRepo';
import { fetchAtFirstUse } from '../../../server/src/fetchAtFirstUse';
import { certificatesIn, networkFetchFromEnv } from '../../../server/src/networkFetch';
import { EXTRA_CA_CERTS_VAR } from '../../../server/src/serverProcessEnv';
import { serveDirectory, type RepoHttpServer } from '../../support/repoHttpServer';
import { makeTestCertificates, type TestCertificates } from '../../support/testCertificates';
import { writeHandmadeRepo } from '../../support/handmadeRepo';
import { tempDir } from '../../support/paths';

const PRIMARY = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="1">
<package type="rpm"><name>curl</name><arch>src</arch><version epoch="0" ver="8.11.1" rel="2.fc43"/><summary>curl</summary><url>https://curl.se</url><format><rpm:sourcerpm></rpm:sourcerpm></format></package>
</metadata>
`;

let certs: TestCertificates;
let served: RepoHttpServer;
let root: string;
let proxy: http.Server;
let proxyUrl: string;
const tunnels: string[] = [];

before(async () => {
  certs = makeTestCertificates();
  root = tempDir('distro-toml-https-');
  fs.writeFileSync(path.join(root, 'hello.txt'), 'hello over TLS\n');
  writeHandmadeRepo(path.join(root, 'repo'), PRIMARY);
  served = await serveDirectory(root, { key: certs.key, cert: certs.cert });
  // A plain HTTP proxy that tunnels CONNECT, as a corporate proxy does.
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

after(async () => {
  await served?.close();
  proxy?.closeAllConnections();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
  for (const dir of [root, certs?.dir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The refusal of a certificate no trusted authority signed, wherever undici or Node's fetch puts its code. */
function isUntrustedCertificate(err: unknown): boolean {
  const text = (e: unknown): string => (e instanceof Error ? `${e.message} ${(e as { code?: string }).code ?? ''} ${text((e as { cause?: unknown }).cause)}` : '');
  return /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT|unable to verify|self-signed|unable to get local issuer/i.test(text(err));
}

describe('downloads with the certificate authorities handed on as ' + EXTRA_CA_CERTS_VAR, () => {
  test('an HTTPS download from a server the extra authority signed succeeds, and is refused without it', async () => {
    const warnings: string[] = [];
    const withCa = await networkFetchFromEnv({ [EXTRA_CA_CERTS_VAR]: certs.caFile }, (m) => warnings.push(m));
    assert.ok(withCa, 'a fetch of its own when extra authorities are named');
    const res = await withCa(`${served.base}hello.txt`, {});
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello over TLS\n');
    assert.equal(warnings.length, 0, warnings.join('\n'));
    // Without the variable: Node's own fetch, whose roots (this process's NODE_EXTRA_CA_CERTS too) lack the test's authority.
    assert.equal(await networkFetchFromEnv({}, (m) => warnings.push(m)), undefined);
    await assert.rejects(fetch(`${served.base}hello.txt`), (err) => isUntrustedCertificate(err));
  });

  test('the repository sync downloads over HTTPS through it', async () => {
    const cache = tempDir('distro-toml-https-cache-');
    try {
      const viaCa = await networkFetchFromEnv({ [EXTRA_CA_CERTS_VAR]: certs.caFile }, () => undefined);
      const result = await syncRepository(`${served.base}repo`, { cacheDir: cache, fetch: viaCa!, retries: 0 });
      assert.equal(result.status, 'updated', JSON.stringify(result));
      // Node's own fetch (this process's roots) refuses the same repository.
      await assert.rejects(syncRepository(`${served.base}repo`, { cacheDir: fs.mkdtempSync(path.join(cache, 'other-')), retries: 0 }), /unable to verify the first certificate/);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  test('through an HTTP proxy the tunnelled connection trusts the extra authority too', async () => {
    tunnels.length = 0;
    const viaProxy = await networkFetchFromEnv({ HTTPS_PROXY: proxyUrl, NO_PROXY: '', [EXTRA_CA_CERTS_VAR]: certs.caFile }, () => undefined);
    const res = await viaProxy!(`${served.base}hello.txt`, {});
    assert.equal(await res.text(), 'hello over TLS\n');
    assert.deepEqual(tunnels, [new URL(served.base).host], 'the download went through the proxy');
    // The proxy alone, without the authority: the tunnel opens and the server's certificate is refused.
    const proxyOnly = await networkFetchFromEnv({ HTTPS_PROXY: proxyUrl, NO_PROXY: '' }, () => undefined);
    await assert.rejects(proxyOnly!(`${served.base}hello.txt`, {}), (err) => isUntrustedCertificate(err));
    assert.equal(tunnels.length, 2);
  });

  test('a file that cannot be read or holds no certificate is said, and downloads trust Node\'s roots only', async () => {
    const warnings: string[] = [];
    const missing = path.join(certs.dir, 'no-such.pem');
    assert.equal(await networkFetchFromEnv({ [EXTRA_CA_CERTS_VAR]: missing }, (m) => warnings.push(m)), undefined);
    const empty = path.join(certs.dir, 'empty.pem');
    fs.writeFileSync(empty, 'no certificate here\n');
    assert.equal(await networkFetchFromEnv({ [EXTRA_CA_CERTS_VAR]: empty }, (m) => warnings.push(m)), undefined);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, new RegExp(`${EXTRA_CA_CERTS_VAR} \\(.*no-such\\.pem\\) could not be read \\(.*ENOENT`));
    assert.match(warnings[1]!, /empty\.pem\) holds no PEM certificate/);
  });

  test('a bundle\'s certificates are read with the text around them left out', () => {
    const pem = fs.readFileSync(certs.caFile, 'utf8');
    assert.deepEqual(certificatesIn(`# a comment\n${pem}\nsome text\n${pem}`), [pem.trim(), pem.trim()]);
  });

  test('the server\'s fetch is made at its first download, not before, and once', async () => {
    let made = 0;
    const lazy = fetchAtFirstUse(async () => {
      made++;
      return networkFetchFromEnv({ [EXTRA_CA_CERTS_VAR]: certs.caFile }, () => undefined);
    });
    assert.equal(made, 0);
    const [a, b] = await Promise.all([lazy(`${served.base}hello.txt`, {}), lazy(`${served.base}hello.txt`, {})]);
    assert.equal(await a.text(), 'hello over TLS\n');
    assert.equal(await b.text(), 'hello over TLS\n');
    assert.equal(made, 1);
  });
});
