// Owns the language client and the state around it (the log and LSP trace output channels, status bar,
// restart policy, who reports plain TOML errors): starting dist/server.js over IPC, stopping, starting and
// restarting it on request. Created only once the window holds an azldev project (presence.ts).
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ClientCommandsFeature } from './clientCommands';
import { readSettings, SECTION } from './config';
import { statusNotification } from './lsp_ext';
import { RENDER_SCHEME } from './preview/renderedSpec';
import { RestartingErrorHandler } from './serverRestarts';
import { SERVER_EXEC_ARGV, serverProcessEnv } from '../../server/src/serverProcessEnv';
import { StatusBar } from './status';
import type { StatusVisibility } from './statusVisibility';
import { EVEN_BETTER_TOML, leavesPlainTomlErrors, tomlSyntaxMode, withoutPlainTomlErrors } from './tomlSyntaxPolicy';

/** True while the language server runs: the `when` of Start / Stop / Restart in the command palette. */
const SERVER_RUNNING_CONTEXT = 'distroToml.serverRunning';

/** The port the server's inspector listens on when the extension runs under the extension host debugger. */
const DEBUG_PORT = 6009;

export class Ctx implements vscode.Disposable {
  /** The log: the client's lines and the server's `window/logMessage`. */
  readonly output: vscode.LogOutputChannel;
  /** The protocol trace (`distroToml.trace.server`), apart from the log. */
  readonly trace: vscode.LogOutputChannel;
  private readonly status: StatusBar;
  private readonly restarts: RestartingErrorHandler;
  private readonly client: LanguageClient;
  private readonly plainTomlFilter: PlainTomlFilter;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extension: vscode.ExtensionContext, selectSchemaCommand: string, visibility: StatusVisibility) {
    this.output = vscode.window.createOutputChannel('Distro TOML', { log: true });
    this.trace = vscode.window.createOutputChannel('Distro TOML LSP Trace', { log: true });
    this.status = new StatusBar(selectSchemaCommand, visibility.visible);
    this.restarts = new RestartingErrorHandler((line) => this.output.warn(line));
    this.plainTomlFilter = new PlainTomlFilter();
    this.client = createClient(extension, this.output, this.trace, this.restarts, this.plainTomlFilter);
    this.disposables.push(
      this.plainTomlFilter,
      visibility.onDidChange((visible) => this.status.setVisible(visible)),
      this.client.onNotification(statusNotification, (params) => this.status.update(params)),
      // The server learns trust at start (workspaceTrust.ts): granting it restarts the server with the user's settings.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.status.refresh();
        void this.restart();
      }),
      this.client.onDidChangeState(({ newState }) => {
        void vscode.commands.executeCommand('setContext', SERVER_RUNNING_CONTEXT, newState === State.Running);
        if (newState === State.Starting) this.status.starting();
        if (newState === State.Stopped) this.status.stopped('The language server is not running.');
      }),
    );
    if (this.plainTomlFilter.active) this.output.info('Even Better TOML is active: it reports plain TOML syntax errors, so Distro TOML does not repeat them (distroToml.diagnostics.tomlSyntax).');
  }

  /** The running client, for commands that send Distro TOML's own requests. */
  get languageClient(): LanguageClient {
    return this.client;
  }

  async start(): Promise<void> {
    try {
      await this.client.start();
    } catch (error) {
      this.reportStartFailure(error);
    }
  }

  async restart(): Promise<void> {
    this.restarts.reset();
    try {
      await this.client.restart();
    } catch (error) {
      this.reportStartFailure(error);
    }
  }

  async stop(): Promise<void> {
    if (this.client.needsStop()) await this.client.stop();
  }

  /** "Distro TOML: Stop Language Server": the status bar says it was asked for, not that something broke. */
  async stopOnRequest(): Promise<void> {
    this.status.stoppedByUser();
    await this.stop();
  }

  get running(): boolean {
    return this.client.state === State.Running;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.status.dispose();
    this.output.dispose();
    this.trace.dispose();
  }

  private reportStartFailure(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.output.error(`The language server failed to start: ${reason}`);
    this.status.stopped(`The language server failed to start: ${reason}`);
  }
}

/**
 * Drops our plain TOML errors while Even Better TOML reports them (tomlSyntaxPolicy.ts), and applies a change
 * of the setting or of the installed extensions to what is already shown.
 */
class PlainTomlFilter implements vscode.Disposable {
  private readonly last = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[]; next: (uri: vscode.Uri, d: vscode.Diagnostic[]) => void }>();
  private readonly disposables: vscode.Disposable[];
  active = PlainTomlFilter.compute();

  constructor() {
    const update = () => {
      const now = PlainTomlFilter.compute();
      if (now === this.active) return;
      this.active = now;
      for (const { uri, diagnostics, next } of this.last.values()) next(uri, this.apply(diagnostics));
    };
    this.disposables = [
      vscode.extensions.onDidChange(update),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.diagnostics.tomlSyntax`)) update();
      }),
    ];
  }

  private static compute(): boolean {
    const mode = tomlSyntaxMode(vscode.workspace.getConfiguration(SECTION).get('diagnostics.tomlSyntax'));
    return leavesPlainTomlErrors(mode, vscode.extensions.getExtension(EVEN_BETTER_TOML) !== undefined);
  }

  apply(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    return this.active ? withoutPlainTomlErrors(diagnostics) : diagnostics;
  }

  handle(uri: vscode.Uri, diagnostics: vscode.Diagnostic[], next: (uri: vscode.Uri, d: vscode.Diagnostic[]) => void): void {
    if (diagnostics.length) this.last.set(uri.toString(), { uri, diagnostics, next });
    else this.last.delete(uri.toString());
    next(uri, this.apply(diagnostics));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.last.clear();
  }
}

function createClient(
  extension: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  trace: vscode.LogOutputChannel,
  errorHandler: RestartingErrorHandler,
  plainToml: PlainTomlFilter,
): LanguageClient {
  const serverModule = extension.asAbsolutePath('dist/server.js');
  // NODE_EXTRA_CA_CERTS is handed on under another name (serverProcessEnv.ts): Node would parse that bundle before
  // the server's first line runs, and the server reads it only when it first downloads.
  const env = serverProcessEnv(process.env);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { env, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', `--inspect=${DEBUG_PORT}`] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'toml' },
      { scheme: 'untitled', language: 'toml' },
      // Specs get an outline, folding, and hover and go-to-definition on macros: the tree's files and the
      // Render Preview's views, whose text the client sends like any open document's.
      { scheme: 'file', language: 'rpm-spec' },
      { scheme: RENDER_SCHEME, language: 'rpm-spec' },
    ],
    synchronize: {
      configurationSection: SECTION,
      // Specs matter too: overlays are checked against the spec beside the component.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.toml'),
        vscode.workspace.createFileSystemWatcher('**/*.spec'),
        vscode.workspace.createFileSystemWatcher('**/*.schema.json'),
      ],
    },
    // A function, so a restart sends the settings as they are then.
    initializationOptions: () => readSettings(),
    outputChannel: output,
    traceOutputChannel: trace,
    errorHandler,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => plainToml.handle(uri, diagnostics, next),
      // The editor asks for code lenses again as soon as it can; one asked while the server restarts fails with
      // "Starting server failed" / "Client is not running", which would pop up an error toast: log it instead.
      provideCodeLenses: async (document, token, next) => {
        try {
          return await next(document, token);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (!/Starting server failed|Client is not running|Pending response rejected since connection got disposed/.test(message)) throw error;
          output.debug(`Code lenses for ${document.uri.toString()} not computed while the server (re)starts: ${message}`);
          return undefined;
        }
      },
    },
    // Hovers link to the full effective config: our own command, and no other, runs from their Markdown.
    markdown: { isTrusted: { enabledCommands: ['distroToml.showEffectiveConfig'] } },
  };
  // The id doubles as the settings prefix: the client applies `distroToml.trace.server` itself.
  const client = new LanguageClient(SECTION, 'Distro TOML', serverOptions, clientOptions);
  client.registerFeature(new ClientCommandsFeature());
  return client;
}
