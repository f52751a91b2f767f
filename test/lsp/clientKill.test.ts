// The test client ends any server it started: one that answers `shutdown` but ignores `exit` and SIGTERM, and one
// that never answers at all, are killed within the grace period, and nothing of them keeps the test process alive —
// a node process that runs the client against such a server exits by itself once done (the suite once waited
// 600 s on a test file whose tests had passed, because a server had not exited).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { LspClient } from './lspClient';

/** A server that answers every request (initialize with no capabilities) and ignores `exit`, SIGTERM and the end of its input. */
const STUBBORN = `
process.on('SIGTERM', () => {});
let buf = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const head = buf.indexOf('\\r\\n\\r\\n');
    if (head < 0) return;
    const length = Number(/Content-Length: (\\d+)/i.exec(buf.subarray(0, head).toString())[1]);
    if (buf.length < head + 4 + length) return;
    const message = JSON.parse(buf.subarray(head + 4, head + 4 + length).toString());
    buf = buf.subarray(head + 4 + length);
    if (message.method && message.id !== undefined) {
      const body = JSON.stringify({ jsonrpc: '2.0', id: message.id, result: message.method === 'initialize' ? { capabilities: {} } : null });
      process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
    }
  }
});
process.stdin.on('end', () => {});
setInterval(() => {}, 1000);
`;

/** A server that reads its input and never answers, nor exits on a signal. */
const SILENT = `process.on('SIGTERM', () => {}); process.stdin.resume(); process.stdin.on('end', () => {}); setInterval(() => {}, 1000);`;

const CHILD_MODE = 'DISTRO_TOML_CLIENT_KILL_CHILD';

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function initialized(script: string): Promise<LspClient> {
  const client = new LspClient({}, { args: ['-e', script] });
  await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  return client;
}

if (process.env[CHILD_MODE]) {
  // The child: the client against a stubborn server, then nothing; the process must end by itself.
  void (async () => {
    const client = await initialized(STUBBORN);
    const code = await client.shutdown(500);
    process.stdout.write(`shut down: ${String(code)} ${client.pid}\n`);
  })();
} else {
  test('shutdown: a server that ignores exit and SIGTERM is killed after the grace period', { timeout: 60_000 }, async () => {
    const client = await initialized(STUBBORN);
    const started = Date.now();
    assert.equal(await client.shutdown(1_000), null, 'no exit code: the server was killed');
    assert.ok(Date.now() - started < 30_000, 'the client did not wait for the server');
    assert.ok(client.hasExited && !alive(client.pid), 'the server process is gone');
  });

  test('shutdown: a server that never answers is killed too', { timeout: 60_000 }, async () => {
    const client = new LspClient({}, { args: ['-e', SILENT] });
    assert.equal(await client.shutdown(1_000), null);
    assert.ok(client.hasExited && !alive(client.pid), 'the server process is gone');
  });

  test('kill: SIGTERM ignored, SIGKILL follows; the promise resolves once the server is gone', { timeout: 60_000 }, async () => {
    const client = await initialized(STUBBORN);
    await client.kill(500);
    assert.ok(client.hasExited && !alive(client.pid), 'the server process is gone');
  });

  test('nothing of a stubborn server keeps the test process alive once the client shut it down', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [__filename], { env: { ...process.env, [CHILD_MODE]: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
    clearTimeout(timer);
    assert.equal(signal, null, `the process did not exit by itself within 30 s: ${out}`);
    assert.equal(code, 0, out);
    const m = /shut down: null (\d+)/.exec(out);
    assert.ok(m, `the client shut the server down: ${out}`);
    assert.ok(!alive(Number(m[1])), 'the server process is gone');
  });
}
