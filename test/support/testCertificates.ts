// A certificate authority of the test's own and a server certificate it signed for 127.0.0.1, made with openssl
// in a temporary folder: what a TLS-inspecting corporate proxy's users trust through NODE_EXTRA_CA_CERTS, which
// Node's own list of roots does not hold.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './paths';

export interface TestCertificates {
  dir: string;
  /** The authority's certificate (PEM), the file a user names in NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** The loopback server's key and certificate (PEM). */
  key: string;
  cert: string;
}

export function makeTestCertificates(): TestCertificates {
  const dir = tempDir('distro-toml-certs-');
  const f = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=Distro TOML test authority', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1']);
  fs.writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '2', '-extfile', f('server.ext')]);
  return { dir, caFile: f('ca.pem'), key: fs.readFileSync(f('server.key'), 'utf8'), cert: fs.readFileSync(f('server.pem'), 'utf8') };
}
