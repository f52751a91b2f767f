// The test client ends any server it started: one that answers `shutdown` but ignores `exit` and SIGTERM, and one
// that never answers at all, are killed within the grace period, and nothing of them keeps the test process alive —
// a node process that runs the client against such a server exits by itself once done (the suite once waited
// 600 s on a test file whose tests had passed, because a server had not exited; and again, intermittently under load,
// because the server was ended in the middle of a message: the JSON-RPC reader's timer for a partial message re-arms
// itself every 10 s for as long as the message stays incomplete, and nothing disposes it).
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

/**
 * A server that answers `initialize`, then writes the first half of a message (a publishDiagnostics cut where the
 * pipe may cut it, as a server ended while it writes does) and nothing more; it ignores SIGTERM like the others.
 */
const PARTIAL = STUBBORN.replace(
  "process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);",
  "process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body); if (message.method === 'initialize') process.stdout.write('Content-Length: 200\\r\\n\\r\\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",');",
);

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
    if (process.env[CHILD_MODE] === 'partial') {
      const client = await initialized(PARTIAL);
      // The first half of the message has arrived once the reader holds it: give the pipe a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.kill(500);
      process.stdout.write(`shut down: ${String(client.hasExited ? null : 'alive')} ${client.pid}\n`);
      return;
    }
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

  /** Runs this file as a child in `mode`; asserts it exits by itself within 30 s, and that the server it ran is gone. */
  async function childExitsByItself(mode: string): Promise<void> {
    const child = spawn(process.execPath, [__filename], { env: { ...process.env, [CHILD_MODE]: mode }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  }

  test('nothing of a stubborn server keeps the test process alive once the client shut it down', { timeout: 60_000 }, () => childExitsByItself('1'));

  test('nothing keeps the test process alive when the server is killed in the middle of a message', { timeout: 60_000 }, () => childExitsByItself('partial'));
}
