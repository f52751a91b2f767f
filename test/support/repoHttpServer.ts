// A loopback HTTP server for repository directories, with a request log and faults a test can switch on:
// cut a response off after some bytes (a server going away mid-download), or answer with an error status.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface Fault {
  /** Which request paths it applies to. */
  match: RegExp;
  /** Destroy the connection after sending this many body bytes. */
  cutAfter?: number;
  status?: number;
  /** How many matching requests it hits before it stops (default: all). */
  times?: number;
}

export interface RepoHttpServer {
  /** `http://127.0.0.1:PORT/` (or https) — a repository in directory `root/x` is at `${base}x`. */
  base: string;
  requests: string[];
  faults: Fault[];
  close(): Promise<void>;
}

/** Over HTTPS when `tls` is given (a key and certificate for 127.0.0.1, test/support/testCertificates.ts). */
export async function serveDirectory(root: string, tls?: { key: string; cert: string }): Promise<RepoHttpServer> {
  const requests: string[] = [];
  const faults: Fault[] = [];
  const handler: http.RequestListener = (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(urlPath);
    const file = path.join(root, path.normalize(urlPath));
    const fault = faults.find((f) => f.match.test(urlPath) && (f.times === undefined || f.times > 0));
    if (fault && fault.times !== undefined) fault.times--;
    if (fault?.status) {
      res.writeHead(fault.status).end();
      return;
    }
    let body: Buffer;
    try {
      body = fs.readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    if (fault?.cutAfter !== undefined) {
      res.write(body.subarray(0, fault.cutAfter), () => res.destroy());
      return;
    }
    res.end(body);
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    requests,
    faults,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
