// A minimal LSP client over a child process's stdio (Content-Length framed JSON-RPC), for benchmarks
// that must talk to our server and to peers the same way. It answers server requests the way a plain
// editor would (configuration from the caller, everything else null) so no server waits on us.
import { spawn } from 'node:child_process';

/**
 * @typedef {{ method: string, params: any, at: number }} Notification
 * @typedef {{ command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv, configuration?: (section: string | undefined) => unknown }} ServerSpec
 */

export class LspClient {
  /** @param {ServerSpec} spec */
  constructor(spec) {
    this.child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.configuration = spec.configuration ?? (() => null);
    this.nextId = 1;
    /** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
    this.pending = new Map();
    /** @type {((n: Notification) => void)[]} */
    this.listeners = [];
    this.stderr = '';
    this.exited = false;
    this.buffer = Buffer.alloc(0);
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (chunk) => {
      // Keep only the tail: a chatty server must not grow our memory without bound.
      this.stderr = (this.stderr + chunk.toString()).slice(-20000);
    });
    this.child.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`server exited; stderr tail:\n${this.stderr.slice(-2000)}`));
      this.pending.clear();
    });
    this.child.stdin.on('error', () => {});
  }

  /** @param {Buffer} chunk */
  onData(chunk) {
    // A message counts as received when its last bytes arrive, not after we have parsed it.
    const at = performance.now();
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length: *(\d+)/i.exec(header);
      if (!match) throw new Error(`bad LSP header: ${header}`);
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body), at);
    }
  }

  /** @param {any} msg @param {number} at */
  dispatch(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (!p) return;
      if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      else p.resolve(msg.result);
    } else if (msg.id !== undefined) {
      this.write({ jsonrpc: '2.0', id: msg.id, result: this.answer(msg.method, msg.params) });
    } else {
      for (const l of [...this.listeners]) l({ method: msg.method, params: msg.params, at });
    }
  }

  /** @param {string} method @param {any} params */
  answer(method, params) {
    if (method === 'workspace/configuration') return (params?.items ?? []).map((/** @type {{ section?: string }} */ i) => this.configuration(i.section));
    return null;
  }

  /** @param {object} msg @returns {number} when the serialised message was handed to the pipe */
  write(msg) {
    if (this.exited) throw new Error('server has exited');
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    const at = performance.now();
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    return at;
  }

  /** @param {string} method @param {any} params @param {number} timeoutMs */
  request(method, params, timeoutMs = 30000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** @param {string} method @param {any} params @returns {number} the send time (after serialisation) */
  notify(method, params) {
    return this.write({ jsonrpc: '2.0', method, params });
  }

  /** @param {(n: Notification) => void} listener @returns {() => void} unsubscribe */
  onNotification(listener) {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * The first notification from now on that satisfies `test`, or undefined after `timeoutMs`.
   * @param {(n: Notification) => boolean} test @param {number} timeoutMs @returns {Promise<Notification | undefined>}
   */
  waitFor(test, timeoutMs) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => (off(), resolve(undefined)), timeoutMs);
      const off = this.onNotification((n) => {
        if (!test(n)) return;
        clearTimeout(timer);
        off();
        resolve(n);
      });
    });
  }

  /** Resolves once no notification has arrived for `quietMs` (or `capMs` passed). @param {number} quietMs @param {number} capMs */
  async settle(quietMs, capMs) {
    const started = performance.now();
    let last = performance.now();
    const off = this.onNotification(() => {
      last = performance.now();
    });
    try {
      while (performance.now() - last < quietMs && performance.now() - started < capMs) await new Promise((r) => setTimeout(r, 20));
    } finally {
      off();
    }
  }

  /** Polite shutdown, then a kill of this child (only ours) if it does not leave within a second. */
  async close() {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, 2000);
      this.notify('exit', null);
    } catch {
      // A server that cannot shut down is killed below.
    }
    await new Promise((resolve) => {
      if (this.exited) return resolve(undefined);
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve(undefined);
      }, 1000);
      this.child.on('exit', () => (clearTimeout(timer), resolve(undefined)));
    });
  }
}
