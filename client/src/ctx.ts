// Owns the language client and the state around it (output channel, status bar, restart policy):
// starting dist/server.js over IPC and restarting it on request.
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
import { StatusBar } from './status';

/** The port the server's inspector listens on when the extension runs under the extension host debugger. */
const DEBUG_PORT = 6009;

export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private readonly status: StatusBar;
  private readonly restarts: RestartingErrorHandler;
  private readonly client: LanguageClient;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extension: vscode.ExtensionContext, selectSchemaCommand: string) {
    this.output = vscode.window.createOutputChannel('Distro TOML', { log: true });
    this.status = new StatusBar(selectSchemaCommand);
    this.restarts = new RestartingErrorHandler((line) => this.output.warn(line));
    this.client = createClient(extension, this.output, this.restarts);
    this.disposables.push(
      this.client.onNotification(statusNotification, (params) => this.status.update(params)),
      // The server learns trust at start (workspaceTrust.ts): granting it restarts the server with the user's settings.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()),
      this.client.onDidChangeState(({ newState }) => {
        if (newState === State.Starting) this.status.starting();
        if (newState === State.Stopped) this.status.stopped('The language server is not running.');
      }),
    );
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

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.status.dispose();
    this.output.dispose();
  }

  private reportStartFailure(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.output.error(`The language server failed to start: ${reason}`);
    this.status.stopped(`The language server failed to start: ${reason}`);
  }
}

function createClient(
  extension: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  errorHandler: RestartingErrorHandler,
): LanguageClient {
  const serverModule = extension.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] },
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
    errorHandler,
    // Hovers link to the full effective config: our own command, and no other, runs from their Markdown.
    markdown: { isTrusted: { enabledCommands: ['distroToml.showEffectiveConfig'] } },
  };
  // The id doubles as the settings prefix: the client applies `distroToml.trace.server` itself.
  const client = new LanguageClient(SECTION, 'Distro TOML', serverOptions, clientOptions);
  client.registerFeature(new ClientCommandsFeature());
  return client;
}
