// A real JSON-RPC client for the language server: spawns `node dist/server.js --stdio` (or another command
// line, such as `node dist/cli.js lsp`) and speaks LSP to it the way an editor does, collecting the
// diagnostics and status notifications it pushes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { DIST } from '../support/paths';

export interface StatusParams {
  state: string;
  schema: { kind: string; path?: string; error?: string };
  files?: number;
}

/**
 * Tests never reach the public network: unless a test says otherwise, the package index stays offline (a
 * project's distro names Fedora's mirrors, which the server would otherwise sync in the background).
 */
function offlineByDefault(settings: Record<string, unknown>): Record<string, unknown> {
  return settings['packageIndex'] === undefined ? { ...settings, packageIndex: { offline: true } } : settings;
}

/** What the VS Code extension says it runs (client/src/clientCommands.ts): lenses and hover links may name these. */
export const VSCODE_CLIENT_COMMANDS = { commands: { commands: ['distroToml.renderPreview', 'distroToml.diffUpstream', 'distroToml.showEffectiveConfig'] } };

const DEFAULT_TEXT_DOCUMENT = { publishDiagnostics: { relatedInformation: true }, completion: { completionItem: { snippetSupport: true } } };

export interface LspClientOptions {
  /** The arguments after `node` (default: dist/server.js --stdio). */
  args?: string[];
  /** The answer to each `workspace/configuration` pull (default: the settings given, offline by default). */
  configuration?: (params: { items: { section?: string; scopeUri?: string }[] }) => unknown[];
  /** Variables added to the server's environment (one given as undefined is taken out of it). */
  env?: NodeJS.ProcessEnv;
}

/** How long a server is given to answer `shutdown`, and then to exit, before it is killed. */
export const SHUTDOWN_GRACE_MS = 5_000;

/** `promise`, or a rejection once `ms` have passed (the timer does not keep the process alive). */
function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcessWithoutNullStreams;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics received, in order of arrival. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  /** The server's log (window/logMessage) and, once `$/setTrace` asked for it, its trace ($/logTrace), in order. */
  readonly logs: string[] = [];
  readonly traces: string[] = [];
  readonly packageIndexStatuses: { state: string; text: string; detail: string }[] = [];
  private readonly waiters: (() => void)[] = [];
  stderr = '';

  /** The server process's id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Every `workspace/configuration` pull the server made, in order. */
  readonly configurationPulls: { items: { section?: string }[] }[] = [];

  constructor(settings: Record<string, unknown> = {}, options: LspClientOptions = {}) {
    this.child = spawn(process.execPath, options.args ?? [path.join(DIST, 'server.js'), '--stdio'], { stdio: 'pipe', ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    const reader = new StreamMessageReader(this.child.stdout);
    // No partial-message timer: vscode-jsonrpc's re-arms itself every 10 s while a message stays incomplete, and
    // neither dispose() nor the stream's end clears it, so a server ended in the middle of a message kept the test
    // process alive for good (a file whose tests had passed waited for the runner's timeout).
    reader.partialMessageTimeout = 0;
    this.connection = createMessageConnection(reader, new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      this.wake();
    });
    this.connection.onNotification('distroToml/status', (p: StatusParams) => {
      this.statuses.push(p);
      this.wake();
    });
    this.connection.onNotification('distroToml/packageIndexStatus', (p: { state: string; text: string; detail: string }) => {
      this.packageIndexStatuses.push(p);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.connection.onNotification('$/logTrace', (p: { message: string }) => {
      this.traces.push(p.message);
      this.wake();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationPulls.push(params);
      this.wake();
      return options.configuration ? options.configuration(params) : [offlineByDefault(settings)];
    });
    this.connection.listen();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `predicate` holds, re-checked after each notification; rejects after `ms`. */
  waitFor<T>(predicate: () => T | undefined, ms = 20_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)), ms);
      const check = () => {
        const v = predicate();
        if (v !== undefined && v !== false) {
          clearTimeout(timer);
          resolve(v);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** `workspace` replaces the client's workspace capabilities (default: configuration only). */
  /** `textDocument` replaces the client's text-document capabilities (default: related information and snippets, as VS Code). */
  /** Like VS Code, the client says it runs the extension's commands (VSCODE_CLIENT_COMMANDS). */
  async initialize(rootPath: string, settings: Record<string, unknown> = {}, workspace: Record<string, unknown> = { configuration: true }, window?: Record<string, unknown>, textDocument: Record<string, unknown> = DEFAULT_TEXT_DOCUMENT): Promise<InitializeResult> {
    return this.initializeWith(rootPath, offlineByDefault(settings), { workspace, textDocument, ...(window ? { window } : {}), experimental: VSCODE_CLIENT_COMMANDS });
  }

  /** `initialize` with these initializationOptions and client capabilities as they are, then `initialized`. */
  async initializeWith(rootPath: string, initializationOptions: unknown, capabilities: Record<string, unknown>): Promise<InitializeResult> {
    const rootUri = 'file://' + rootPath;
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootPath) }],
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(file: string, text: string, version = 1): string {
    const uri = 'file://' + file;
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'toml', version, text } });
    return uri;
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /**
   * Full-text edits sent as one write to the server's input, so it reads them all before it applies the
   * first (keep the total under the pipe's atomic size, 4 KiB).
   */
  changeBurst(uri: string, edits: { version: number; text: string; contentChanges?: unknown[] }[]): void {
    const frames = edits.map(({ version, text, contentChanges }) => {
      const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: contentChanges ?? [{ text }] } });
      return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    });
    const bytes = Buffer.from(frames.join(''), 'utf8');
    if (bytes.length > 4096) throw new Error(`a burst of ${bytes.length} bytes may not be read at once`);
    this.child.stdin.write(bytes);
  }

  /** Once the diagnostics published for `uri` include some with this code: those. */
  diagnosticsWithCode(uri: string, code: string, ms?: number): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const list = this.diagnostics.get(uri)?.diagnostics.filter((d) => d.code === code);
      return list?.length ? list : undefined;
    }, ms, `${code} diagnostics for ${uri}`);
  }

  /** The next diagnostics published for `uri` with the given document version. */
  diagnosticsFor(uri: string, version?: number, ms?: number): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const p = this.diagnostics.get(uri);
      return p && (version === undefined || p.version === version) ? p.diagnostics : undefined;
    }, ms, `diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`);
  }

  /**
   * `shutdown` then `exit`, as an editor closes the server; resolves with the exit code. A server that does not
   * answer within `graceMs`, or does not exit within `graceMs` of `exit`, is killed (SIGKILL) and the code is
   * null; either way the streams are closed, so nothing of the server keeps the test process alive.
   */
  async shutdown(graceMs = SHUTDOWN_GRACE_MS): Promise<number | null> {
    const exited = this.exited();
    try {
      await withinMs(this.connection.sendRequest('shutdown'), graceMs);
      await this.connection.sendNotification('exit');
    } catch {
      // No answer, or the connection is gone: the server is killed below.
    }
    const code = await withinMs(exited, graceMs).catch(() => {
      this.child.kill('SIGKILL');
      return exited.then(() => null);
    });
    this.release();
    return code;
  }

  /**
   * Ends the server: SIGTERM now, SIGKILL if it has not exited `graceMs` later (a server that ignores the signal,
   * or is stuck in a long turn). Resolves once it has exited; the streams are closed at once.
   */
  kill(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    const exited = this.exited();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill();
      // The child's handle keeps the process alive until it exits, which the SIGKILL guarantees; the exit clears the timer.
      const watchdog = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      watchdog.unref();
      void exited.then(() => clearTimeout(watchdog));
    }
    this.release();
    return exited.then(() => undefined);
  }

  /** Whether the server process has exited. */
  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private exited(): Promise<number | null> {
    if (this.hasExited) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** The connection and the pipes closed: no handle of this client keeps the event loop alive. */
  private release(): void {
    this.connection.dispose();
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }
}
