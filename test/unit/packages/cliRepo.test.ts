// `distro-toml repo sync` and `repo query` as a user runs them: the built CLI in its own process, against real
// repositories served on loopback HTTP.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildRpmFixture } from '../../support/rpmRepoFixture';
import { serveDirectory, type RepoHttpServer } from '../../support/repoHttpServer';
import { DIST, tempDir } from '../../support/paths';
import { sectionPlaces } from '../../support/indexSections';
import { cacheFileFor } from '../../../server/src/core/packages/indexCache';
import { FIXTURE_SPECS } from './fixturePackages';

let server: RepoHttpServer;
let work: string;
let bin: string;
let src: string;

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(https?|no)_proxy$/i.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...clean, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const repos = (): string[] => ['--only-repos', '--repo', bin, '--repo', src, '--cache', 'cache'];

before(async () => {
  const fixture = buildRpmFixture(FIXTURE_SPECS);
  server = await serveDirectory(fixture.dir);
  work = tempDir('distro-toml-cli-repo-');
  bin = `${server.base}bin-zstd`;
  src = `${server.base}src-gz`;
});

after(async () => {
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('repo sync fetches each repository, then finds nothing new', async () => {
  const first = await cli(['repo', 'sync', ...repos()]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`^synced  ${bin}  \\(45 packages, revision \\d+\\)$`, 'm'));
  assert.match(first.stdout, new RegExp(`^synced  ${src}  \\(31 packages, revision \\d+\\)$`, 'm'));
  assert.match(first.stdout, /^76 packages from 2 of 2 repositories$/m);
  const again = await cli(['repo', 'sync', ...repos()]);
  assert.match(again.stdout, new RegExp(`^unchanged  ${bin}`, 'm'));
});

test('repo query: by name, what provides (versioned, files), source of a binary, binaries of a source', async () => {
  const json = await cli(['repo', 'query', 'shdemo', '--format', 'json', ...repos()]);
  assert.equal(json.code, 0, json.stderr);
  const found = JSON.parse(json.stdout) as { name: string; evr: string; arch: string; sourceName: string }[];
  assert.deepEqual(found.map((p) => [p.name, p.evr, p.arch, p.sourceName]), [['shdemo', '2:5.2.37-3.fc43', 'noarch', 'shdemo'], ['shdemo', '2:5.2.37-3.fc43', 'src', 'shdemo']]);
  const ge = await cli(['repo', 'query', '--whatprovides', 'multi-cap >= 1.5', ...repos()]);
  assert.equal(ge.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).join(','), 'twoversions-2.0-1.noarch');
  const file = await cli(['repo', 'query', '--whatprovides', '/usr/sbin/shdemo-admin', ...repos()]);
  assert.match(file.stdout, /^shdemo-2:5\.2\.37-3\.fc43\.noarch\tA shell with an epoch\t/);
  assert.equal((await cli(['repo', 'query', '--source', 'gcr-base', ...repos()])).stdout, 'perl-Foo-Bar\n');
  const bins = await cli(['repo', 'query', '--binaries', 'glib-demo', ...repos()]);
  assert.deepEqual(bins.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort(), ['glib-demo-2.84.1-1.fc43.noarch', 'glib-demo-devel-2.84.1-1.fc43.noarch']);
});

test('repo query: a miss exits 1 with did-you-mean; bad usage exits 2; an unsynced repository says to sync', async () => {
  const miss = await cli(['repo', 'query', 'glib-dmo', ...repos()]);
  assert.equal(miss.code, 1);
  assert.match(miss.stderr, /nothing matches 'glib-dmo'; did you mean 'glib-demo'\?/);
  const usage = await cli(['repo', 'query', ...repos()]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /repo query needs NAME/);
  // With no repository synced the query cannot be answered: exit 2, not the 1 of a name that is absent.
  const cold = await cli(['repo', 'query', 'shdemo', '--only-repos', '--repo', bin, '--cache', 'empty-cache']);
  assert.equal(cold.code, 2);
  // The advice is the sync that fills what this query reads (its repositories and cache), and doing it mends the query.
  const advised = /; run: distro-toml (repo sync .*)$/m.exec(cold.stderr);
  assert.ok(advised, cold.stderr);
  assert.match(advised[1] as string, new RegExp(`^repo sync --only-repos --repo ${bin} --cache \\S+/empty-cache --arch x86_64$`));
  const mended = await cli((advised[1] as string).split(' '));
  assert.equal(mended.code, 0, mended.stderr);
  const warm = await cli(['repo', 'query', 'shdemo', '--only-repos', '--repo', bin, '--cache', 'empty-cache']);
  assert.equal(warm.code, 0, warm.stderr);
  assert.match(warm.stdout, /^shdemo-/m);
});

test('repo query --whatprovides takes one capability: a rich, listed or malformed dependency is bad usage (exit 2), not an answer for its first name', async () => {
  for (const value of ['(glib-demo or shdemo)', 'glib-demo, shdemo', '(glib-demo or', 'multi-cap >=']) {
    const r = await cli(['repo', 'query', '--whatprovides', value, ...repos()]);
    assert.equal(r.code, 2, `${value}: ${r.stdout}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--whatprovides takes one capability/);
  }
  const one = await cli(['repo', 'query', '--whatprovides', 'multi-cap >= 1.5', ...repos()]);
  assert.equal(one.code, 0, one.stderr);
});

test('repo query: a damaged table it reads is reported (exit 2, sync --force); damage in tables it does not read is not', async () => {
  const cache = path.join(work, 'damaged-cache');
  fs.cpSync(path.join(work, 'cache'), cache, { recursive: true });
  const file = cacheFileFor(cache, bin);
  const damaged = fs.readFileSync(file);
  const places = sectionPlaces(damaged);
  // The requires table: a lookup by name never reads it.
  for (const section of [8, 9, 10, 11]) damaged.fill(0xff, (places[section] as { pos: number }).pos, (places[section] as { pos: number; bytes: number }).pos + (places[section] as { bytes: number }).bytes);
  fs.writeFileSync(file, damaged);
  const args = ['--only-repos', '--repo', bin, '--cache', cache];
  const unread = await cli(['repo', 'query', 'shdemo', ...args]);
  assert.equal(unread.code, 0, unread.stderr);
  assert.match(unread.stdout, /^shdemo-2:5\.2\.37-3\.fc43\.noarch\t/);
  assert.equal(unread.stderr, '');
  // The name ordering, which it reads.
  const order = places[14] as { pos: number; bytes: number };
  damaged.fill(0xff, order.pos, order.pos + order.bytes);
  fs.writeFileSync(file, damaged);
  const read = await cli(['repo', 'query', 'shdemo', ...args]);
  assert.equal(read.code, 2);
  assert.match(read.stderr, new RegExp(`the cached index of ${bin} is damaged \\(package ordering\\): answers may be missing; run: distro-toml repo sync --only-repos --repo ${bin} --cache \\S*${path.basename(cache)} --arch x86_64 --force$`, 'm'));
});

test('repo query loads no download, build or project code: the chunks its command statically imports hold only the query side', () => {
  const chunks = fs.readdirSync(DIST);
  const entry = chunks.find((f) => /^cli-cliRepo-.*\.mjs$/.test(f));
  assert.ok(entry, chunks.join(', '));
  const sources = new Set<string>();
  const seen = new Set<string>();
  const walk = (chunk: string): void => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    const code = fs.readFileSync(path.join(DIST, chunk), 'utf8');
    for (const s of (JSON.parse(fs.readFileSync(path.join(DIST, `${chunk}.map`), 'utf8')) as { sources: string[] }).sources) sources.add(s.replace(/^.*?server\/src\//, ''));
    // Static imports only (`import ... from "./cli-…"`, `import "./cli-…"`); `import("./cli-…")` loads on demand.
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/(cli-[^"]+\.mjs)"/g)) walk(m[1] as string);
  };
  walk(entry);
  const loaded = [...sources].sort();
  assert.ok(loaded.includes('core/packages/indexFile.ts') && loaded.includes('core/packages/queries.ts'), loaded.join(' '));
  for (const heavy of ['core/packages/fetchRepo.ts', 'core/packages/indexBuilder.ts', 'core/packages/xmlScanner.ts', 'core/packages/fileLists.ts', 'core/packages/repositories.ts', 'core/project/projectModel.ts', 'core/toml/parser.ts']) {
    assert.ok(!loaded.includes(heavy), `repo query loads ${heavy}: ${loaded.join(' ')}`);
  }
  assert.ok(!loaded.some((s) => s.includes('node_modules')), loaded.join(' '));
});

test('repo sync: a repository that cannot be fetched fails alone, with the reason; the others sync', async () => {
  const r = await cli(['repo', 'sync', '--only-repos', '--repo', `${server.base}nowhere`, '--repo', bin, '--cache', 'cache2']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`${server.base}nowhere: ${server.base}nowhere/repodata/repomd.xml: HTTP 404`));
  assert.match(r.stdout, /^45 packages from 1 of 2 repositories$/m);
});

test('repo sync and query with a cache directory that cannot be created: the reason in words, no internal error', async () => {
  fs.writeFileSync(path.join(work, 'a-file'), '');
  const sync = await cli(['repo', 'sync', '--only-repos', '--repo', bin, '--cache', path.join('a-file', 'cache')]);
  assert.equal(sync.code, 1, sync.stderr);
  assert.match(sync.stderr, new RegExp(`${bin}: cannot create the package cache directory .*a-file/cache: not a directory`));
  assert.doesNotMatch(sync.stderr, /internal error|ENOTDIR/);
  assert.match(sync.stdout, /^0 packages from 0 of 1 repositories$/m);
  const query = await cli(['repo', 'query', 'glib-demo', '--only-repos', '--repo', bin, '--cache', path.join('a-file', 'cache')]);
  assert.equal(query.code, 2, query.stderr);
  assert.match(query.stderr, /no usable index for .*\(its cache file cannot be read \(not a directory\)\)/);
  assert.doesNotMatch(query.stderr, /internal error/);
});

test('repo sync goes through the proxy HTTP_PROXY names', async () => {
  const seen: string[] = [];
  const proxy = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const up = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  // undici tunnels through the proxy with CONNECT, as it does for HTTPS.
  proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const port = (proxy.address() as AddressInfo).port;
    const r = await cli(['repo', 'sync', '--only-repos', '--repo', bin, '--cache', 'cache-proxy'], { HTTP_PROXY: `http://127.0.0.1:${port}`, NO_PROXY: '' });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(seen.length >= 1, 'the proxy was used');
    assert.ok(seen.every((s) => s === `CONNECT ${new URL(bin).host}` || s.startsWith(bin)), seen.join(', '));
  } finally {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
});

test('repo sync --filelists, then repo query --filelists answers for any file; without it the file is not found', async () => {
  const args = ['--only-repos', '--repo', bin, '--cache', 'cache-files'];
  const plain = await cli(['repo', 'sync', ...args]);
  assert.equal(plain.code, 0, plain.stderr);
  const noList = await cli(['repo', 'query', '--whatprovides', '/usr/share/glib-demo/data.txt', '--filelists', ...args]);
  assert.equal(noList.code, 1);
  assert.match(noList.stderr, new RegExp(`no file list for ${bin} \\(filelists not synced yet\\); run: distro-toml repo sync --only-repos --repo ${bin} --cache \\S+/cache-files --arch x86_64 --filelists$`, 'm'));
  const sync = await cli(['repo', 'sync', '--filelists', ...args]);
  assert.equal(sync.code, 0, sync.stderr);
  assert.match(sync.stdout, new RegExp(`^unchanged  ${bin}  \\(45 packages, \\d+ files \\(filelists updated\\), revision \\d+\\)$`, 'm'));
  assert.match(sync.stdout, /; filelists of 1 of 1$/m);
  const file = await cli(['repo', 'query', '--whatprovides', '/usr/share/glib-demo/data.txt', '--filelists', ...args]);
  assert.equal(file.code, 0, file.stderr);
  assert.match(file.stdout, /^glib-demo-2\.84\.1-1\.fc43\.noarch\t/);
  assert.equal((await cli(['repo', 'query', '--whatprovides', '/usr/share/glib-demo/data.txt', ...args])).code, 1);
});

test('a repository the project names as a local directory or file:// URL is not read: the tree may not make the index read local files', async () => {
  // A real repository outside the project, named by the tree three ways; only an http(s) URL of the tree is indexed.
  const outside = path.join(buildRpmFixture(FIXTURE_SPECS).dir, 'bin-gz');
  const project = path.join(work, 'hostile-project');
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(
    path.join(project, 'azldev.toml'),
    `[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora]\nrepos = [{ base-uri = "file://${outside}" }]\n\n[distros.fedora.versions.'43']\nrelease-ver = "43"\n\n` +
      `[resources.rpm-repos.local]\nbase-uri = "${outside}"\n\n[resources.rpm-repos.served]\nbase-uri = "${bin}"\n`,
  );
  const listed = await cli(['repo', 'list', '--project', project]);
  assert.deepEqual(listed.stdout.split('\n').filter((l) => l && !l.startsWith('#')), [`binary\t${bin}\tresources.rpm-repos.served`]);
  for (const refused of [`file://${outside}`, outside]) assert.ok(listed.stderr.includes(`distro-toml: ${refused} (`) && /not indexed: a repository the project names must be an http\(s\) URL/.test(listed.stderr), listed.stderr);
  const synced = await cli(['repo', 'sync', '--project', project, '--cache', 'hostile-cache']);
  assert.equal(synced.code, 0, synced.stderr);
  assert.deepEqual(synced.stdout.split('\n').filter((l) => l.startsWith('synced')), [`synced  ${bin}  (45 packages, revision ${/revision (\d+)/.exec(synced.stdout)?.[1]})`]);
  // Given by the user on the command line, the same directory is indexed.
  const flagged = await cli(['repo', 'sync', '--only-repos', '--repo', outside, '--cache', 'hostile-cache']);
  assert.equal(flagged.code, 0, flagged.stderr);
  assert.match(flagged.stdout, /^synced  .*bin-gz  \(45 packages/m);
});

test('a --repo URL with a user and password is bad usage (exit 2) in repo sync and check, and the password is never printed', async () => {
  // The loopback server is real: without the refusal the download would be tried and fetch's own message would quote the URL.
  const withCredentials = server.base.replace('://', '://ci-user:s3cret-pw@');
  for (const args of [
    ['repo', 'sync', '--only-repos', '--repo', withCredentials, '--cache', 'cache'],
    ['check', '.', '--repo', withCredentials, '--package-cache', 'cache'],
  ]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.doesNotMatch(r.stdout + r.stderr, /s3cret-pw/);
    assert.doesNotMatch(r.stdout + r.stderr, /ci-user/);
    assert.match(r.stderr, /may not carry a user name or password/);
    assert.match(r.stderr, /:\/\/\*\*\*@127\.0\.0\.1/);
  }
});
