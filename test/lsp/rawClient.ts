// A byte-level client for the server's stdio transport: writes frames exactly as given (malformed ones
// included) and collects everything the server sends, for tests of the framing itself.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FrameParser } from '../../server/src/transport/frameParser';
import { DIST } from '../support/paths';

export interface RawMessage {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class RawClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly received: RawMessage[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly waiters: (() => void)[] = [];

  constructor(args: string[] = ['--stdio'], env?: Record<string, string>) {
    this.child = spawn(process.execPath, [path.join(DIST, 'server.js'), ...args], { stdio: 'pipe', ...(env ? { env: { ...process.env, ...env } } : {}) });
    const parser = new FrameParser();
    this.child.stdout.on('data', (chunk: Buffer) => {
      for (const m of parser.push(chunk).messages) {
        const message = m as RawMessage;
        this.received.push(message);
        // Answer the server's own requests (registrations, configuration) as an editor would.
        if (message.method && message.id !== undefined) this.frame({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? [{}] : null });
      }
      for (const w of this.waiters.splice(0)) w();
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Writes raw bytes to the server's stdin. */
  write(bytes: string): void {
    this.child.stdin.write(bytes);
  }

  /**
   * A server initialized over `root` with trace on (each background step traced), `initializationOptions` as its
   * settings, and a half-sent message waited for up to a minute (2 s by default), so a slow machine cannot fail a test
   * that holds one back.
   */
  static async initialized(root: string, initializationOptions: object): Promise<RawClient> {
    const client = new RawClient(['--stdio'], { DISTRO_TOML_TEST_PARTIAL_FRAME_WAIT_MS: '60000' });
    const rootUri = pathToFileURL(root).toString();
    client.frame({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
        trace: 'messages',
        initializationOptions,
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      },
    });
    await client.response(1, 60_000);
    client.frame({ jsonrpc: '2.0', method: 'initialized', params: {} });
    return client;
  }

  /** A request the server answers at once, when it dispatches it (no such method): written right before a message
   * under test, its answer marks a moment when the server has read that message. */
  static marker(id: number): string {
    return RawClient.frameOf({ jsonrpc: '2.0', id, method: 'distroToml/test/marker', params: {} });
  }

  /** A well-formed frame for the message, as text (to concatenate with malformed ones). */
  static frameOf(message: object): string {
    const body = JSON.stringify(message);
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  }

  frame(message: object): void {
    this.write(RawClient.frameOf(message));
  }

  /** The first received message matching `predicate`; rejects after `ms`. */
  waitFor(predicate: (m: RawMessage) => boolean, ms = 20_000, what = 'message'): Promise<RawMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)), ms);
      const check = () => {
        const hit = this.received.find(predicate);
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  response(id: number, ms?: number): Promise<RawMessage> {
    return this.waitFor((m) => m.id === id && m.method === undefined, ms, `response ${id}`);
  }

  /** SIGTERM now, SIGKILL if the server has not exited `graceMs` later; the pipes are closed at once. */
  kill(graceMs = 5_000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill();
      const watchdog = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      watchdog.unref();
      void this.exited.then(() => clearTimeout(watchdog));
    }
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    this.child.stderr.destroy();
    return this.exited.then(() => undefined);
  }
}
