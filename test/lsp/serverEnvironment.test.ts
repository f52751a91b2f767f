// The environment and Node options the VS Code client starts the language server with (serverProcessEnv.ts):
// NODE_EXTRA_CA_CERTS is handed on as DISTRO_TOML_EXTRA_CA_CERTS, so Node does not parse that bundle before the
// server's first line, and the server still trusts it when it downloads. Checked on the real server: started as the
// client starts it (forked over IPC with the client's Node options, the env laid over the extension host's as
// vscode-languageclient does), it answers, runs with those options, and its environment lacks the variable; a package index sync over HTTPS from a loopback server signed by a test authority (openssl)
// succeeds with the authority handed on, is refused without it, and `distro-toml lsp`, which runs in its caller's
// environment, trusts NODE_EXTRA_CA_CERTS through Node's own fetch.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXTRA_CA_CERTS_VAR, SERVER_EXEC_ARGV, serverProcessEnv } from '../../server/src/serverProcessEnv';
import { writeHandmadeRepo } from '../support/handmadeRepo';
import { DIST, tempProject, tempDir } from '../support/paths';
import { serveDirectory, type RepoHttpServer } from '../support/repoHttpServer';
import { makeTestCertificates, type TestCertificates } from '../support/testCertificates';
import { LspClient } from './lspClient';

const PRIMARY = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="1">
<package type="rpm"><name>curl</name><arch>src</arch><version epoch="0" ver="8.11.1" rel="2.fc43"/><summary>curl</summary><url>https://curl.se</url><format><rpm:sourcerpm></rpm:sourcerpm></format></package>
</metadata>
`;
const COMP = '[components.curl]\n\n[components.crul]\n';

let certs: TestCertificates;
let served: RepoHttpServer;
let root: string;

before(async () => {
  certs = makeTestCertificates();
  root = tempDir('distro-toml-https-repo-');
  writeHandmadeRepo(path.join(root, 'fedora'), PRIMARY);
  served = await serveDirectory(root, { key: certs.key, cert: certs.cert });
});

after(async () => {
  await served?.close();
  for (const dir of [root, certs?.dir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** vscode-languageclient's getEnvironment for a forked server: the host's environment, then the options' env over it. */
function asTheClientLaysIt(options: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' };
  for (const key of Object.keys(options)) result[key] = options[key];
  return result;
}

describe('the language server\'s environment', () => {
  it('hands NODE_EXTRA_CA_CERTS on under another name, and leaves an environment without it as it is', () => {
    const handed = serverProcessEnv({ PATH: '/bin', NODE_EXTRA_CA_CERTS: certs.caFile });
    assert.ok(Object.hasOwn(handed, 'NODE_EXTRA_CA_CERTS') && handed['NODE_EXTRA_CA_CERTS'] === undefined, 'named with undefined, so it is taken out of the environment it is laid over');
    assert.equal(handed[EXTRA_CA_CERTS_VAR], certs.caFile);
    assert.equal(handed['PATH'], '/bin');
    assert.deepEqual(serverProcessEnv({ PATH: '/bin' }), { PATH: '/bin' });
  });

  it('the server forked as the client forks it runs with the client\'s Node options and without NODE_EXTRA_CA_CERTS', { skip: process.platform !== 'linux' && 'reads /proc/PID/environ' }, async () => {
    const env = asTheClientLaysIt(serverProcessEnv({ ...process.env, NODE_EXTRA_CA_CERTS: certs.caFile }));
    assert.ok(SERVER_EXEC_ARGV.includes('--v8-pool-size=0'), 'V8\'s background threads sized to the machine');
    const child = fork(path.join(DIST, 'server.js'), ['--node-ipc'], { env, execArgv: [...SERVER_EXEC_ARGV], silent: true });
    try {
      // Once it answers initialize, it is the server running (not a process between fork and exec).
      const answered = new Promise<unknown>((resolve) => child.on('message', (m: { id?: number }) => m.id === 1 && resolve(m)));
      child.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { packageIndex: { offline: true } } } });
      await answered;
      const cmdline = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      for (const option of SERVER_EXEC_ARGV) assert.ok(cmdline.includes(option), `runs with ${option}: ${cmdline.join(' ')}`);
      const environ = fs.readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
      assert.ok(!environ.some((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), 'NODE_EXTRA_CA_CERTS is not in the server\'s environment');
      assert.ok(environ.includes(`${EXTRA_CA_CERTS_VAR}=${certs.caFile}`), `${EXTRA_CA_CERTS_VAR} names the file`);
    } finally {
      child.kill();
    }
  });

  const settingsFor = (cache: string) => ({ diagnostics: { debounceMs: 0 }, packageIndex: { repositories: [`${served.base}fedora`], replaceRepositories: true, cacheDir: cache, offline: false } });

  /** Starts a server (`args` after node), opens a component file and waits for the sync's outcome. */
  async function syncWith(env: NodeJS.ProcessEnv, args?: string[]): Promise<{ synced: boolean; logs: string[] }> {
    const dir = tempProject({ 'azldev.toml': 'includes = ["comps/*.toml"]\n', 'comps/curl.comp.toml': COMP });
    const settings = settingsFor(path.join(dir, '.cache'));
    const client = new LspClient(settings, { env, ...(args ? { args } : {}) });
    try {
      await client.initialize(dir, settings);
      const uri = client.open(path.join(dir, 'comps', 'curl.comp.toml'), COMP);
      const outcome = await client.waitFor(
        () => (client.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'package-source-unknown') ? 'synced' : client.logs.some((l) => /^Package index: .*fedora/.test(l)) ? 'failed' : undefined),
        30_000,
        'the sync synced or failed',
      );
      return { synced: outcome === 'synced', logs: [...client.logs] };
    } finally {
      await client.shutdown();
    }
  }

  it('a sync over HTTPS trusts the authority the client handed on, and is refused without it', async () => {
    const handed = await syncWith(serverProcessEnv({ ...process.env, NODE_EXTRA_CA_CERTS: certs.caFile }));
    assert.ok(handed.synced, handed.logs.join('\n'));
    const without = await syncWith({ NODE_EXTRA_CA_CERTS: undefined, [EXTRA_CA_CERTS_VAR]: undefined });
    assert.ok(!without.synced);
    assert.ok(without.logs.some((l) => /fedora.*unable to verify the first certificate/.test(l)), without.logs.join('\n'));
  });

  it('`distro-toml lsp` in an environment with NODE_EXTRA_CA_CERTS trusts it (Node loaded it at start)', async () => {
    const lsp = await syncWith({ NODE_EXTRA_CA_CERTS: certs.caFile, [EXTRA_CA_CERTS_VAR]: undefined }, [path.join(DIST, 'cli.js'), 'lsp']);
    assert.ok(lsp.synced, lsp.logs.join('\n'));
  });
});
