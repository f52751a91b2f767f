// Test support: real bare git repositories served over smart HTTP on 127.0.0.1 by `git http-backend` (the CGI
// program that ships with git) behind a tiny Node HTTP server, so the retrieval code talks to git the way it talks
// to src.fedoraproject.org. The server keeps a request log, which is how tests prove a cached call stayed offline.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { tempDir } from '../../support/paths';

export interface LoggedRequest {
  method: string;
  /** Path below the server root, e.g. `/rpms/foo.git/info/refs`. */
  path: string;
  query: string;
}

export interface GitHttpServer {
  /** `http://127.0.0.1:PORT/rpms/$pkg.git`, the shape of a distro's dist-git-base-uri. */
  baseUri: string;
  url(pkg: string): string;
  requests: LoggedRequest[];
  /** Requests that carried a pack negotiation (`git-upload-pack` POSTs): clones and fetches, not ref listings. */
  uploadPackPosts(pkg?: string): LoggedRequest[];
  close(): Promise<void>;
}

const HTTP_BACKEND = path.join(
  spawnSync('git', ['--exec-path'], { encoding: 'utf8' }).stdout.trim(),
  'git-http-backend',
);

/**
 * Serves every bare repository below `projectRoot/rpms/` read-only. `protocolV0` drops the Git-Protocol header, as
 * a web server that does not pass it on does, so git falls back to protocol v0 (refs advertised, wants checked).
 */
export async function startGitHttpServer(projectRoot: string, options: { protocolV0?: boolean } = {}): Promise<GitHttpServer> {
  const requests: LoggedRequest[] = [];
  const live = new Set<ChildProcess>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.search.replace(/^\?/, '') });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method,
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: '127.0.0.1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: 'HTTP/1.1',
      // Protocol v2 is negotiated through this header; http-backend reads it from the CGI variable.
      HTTP_GIT_PROTOCOL: options.protocolV0 ? '' : String(req.headers['git-protocol'] ?? ''),
      HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
    };
    const cgi = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    // A request the client gave up on (a test interrupting a fetch) may never end the CGI's input: the CGI is
    // killed when the response closes, so no http-backend outlives its request and keeps the test process alive.
    live.add(cgi);
    cgi.once('exit', () => live.delete(cgi));
    res.once('close', () => {
      if (cgi.exitCode === null && cgi.signalCode === null) cgi.kill('SIGKILL');
    });
    req.pipe(cgi.stdin);
    cgi.stdin.on('error', () => undefined);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => {
      if (!headersDone) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUri = `http://127.0.0.1:${port}/rpms/$pkg.git`;
  return {
    baseUri,
    url: (pkg) => baseUri.replace('$pkg', pkg),
    requests,
    uploadPackPosts: (pkg) =>
      requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git-upload-pack') && (pkg === undefined || r.path.includes(`/${pkg}.git/`))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const cgi of live) cgi.kill('SIGKILL');
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that accepts connections and never answers, for timeout tests. */
export async function startSilentServer(): Promise<{ baseUri: string; close(): Promise<void> }> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUri: `http://127.0.0.1:${port}/rpms/$pkg.git`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, read, released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Packager',
      GIT_AUTHOR_EMAIL: 'packager@example.org',
      GIT_COMMITTER_NAME: 'Packager',
      GIT_COMMITTER_EMAIL: 'packager@example.org',
      ...env,
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * A package's dist-git repository under construction: a work tree where tests commit with chosen dates, pushed to
 * the bare repository `root/rpms/<pkg>.git` that the server exports.
 */
export class UpstreamRepo {
  readonly work: string;
  readonly bare: string;

  constructor(readonly root: string, readonly pkg: string) {
    this.bare = path.join(root, 'rpms', `${pkg}.git`);
    this.work = tempDir(`upstream-work-${pkg}-`);
    fs.mkdirSync(this.bare, { recursive: true });
    git(this.bare, ['init', '--bare', '--quiet', '--initial-branch=rawhide']);
    // Pagure, which serves src.fedoraproject.org, accepts partial-clone filters; so does this server.
    git(this.bare, ['config', 'uploadpack.allowFilter', 'true']);
    git(this.work, ['init', '--quiet', '--initial-branch=rawhide']);
    git(this.work, ['remote', 'add', 'origin', this.bare]);
  }

  /** Writes the files (null deletes), commits with both dates set to `date` (RFC 3339), returns the hash. */
  commit(date: string, files: Record<string, string | null>, message = `update at ${date}`): string {
    for (const [rel, content] of Object.entries(files)) {
      const p = path.join(this.work, rel);
      if (content === null) fs.rmSync(p, { force: true });
      else {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, content);
      }
    }
    git(this.work, ['add', '--all']);
    git(this.work, ['commit', '--quiet', '--allow-empty', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    return git(this.work, ['rev-parse', 'HEAD']);
  }

  /** Creates or switches to `branch` (new branches start at the current commit). */
  branch(branch: string): void {
    const exists = spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: this.work }).status === 0;
    git(this.work, exists ? ['checkout', '--quiet', branch] : ['checkout', '--quiet', '-b', branch]);
  }

  /** Merges `other` into the current branch with a merge commit dated `date`. */
  merge(other: string, date: string): string {
    git(this.work, ['merge', '--quiet', '--no-ff', '--no-edit', other], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    return git(this.work, ['rev-parse', 'HEAD']);
  }

  push(): void {
    git(this.work, ['push', '--quiet', '--force', '--all', 'origin']);
  }

  dispose(): void {
    fs.rmSync(this.work, { recursive: true, force: true });
  }
}


/** Pids of live processes whose command line contains `text` (read from /proc; Linux, like CI). */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readFileSync(path.join('/proc', name, 'cmdline'), 'latin1').split('\0').some((arg) => arg.includes(text))) pids.push(Number(name));
    } catch {
      // Exited while being read.
    }
  }
  return pids;
}
