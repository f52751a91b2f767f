// The extension's entry point. VS Code loads it when the workspace holds azldev files, and — having no
// activation event for a file name — when any TOML or spec file opens; it then starts the language server
// and shows its status bar items only once the window holds an azldev project (presence.ts). Outside one,
// our commands are hidden from the palette (`distroToml.inProject`) and, run anyway, say why they do nothing.
import * as vscode from 'vscode';
import { CHECK_ALL_OVERLAYS, checkAllOverlays } from './commands/checkAllOverlays';
import { DIFF_UPSTREAM, diffUpstream, RENDER_PREVIEW, renderPreview } from './commands/renderPreview';
import { REFRESH_PACKAGE_INDEX, refreshPackageIndex } from './commands/refreshPackageIndex';
import { RESTART_SERVER, restartServer } from './commands/restartServer';
import { SELECT_SCHEMA, selectSchema } from './commands/selectSchema';
import { SHOW_LSP_TRACE, showLspTrace, START_SERVER, startServer, STOP_SERVER, stopServer } from './commands/serverLifecycle';
import { SHOW_EFFECTIVE_CONFIG, showEffectiveConfig } from './commands/showEffectiveConfig';
import { SHOW_OUTPUT, showOutput } from './commands/showOutput';
import { REVIEW_CHANGES, reviewChanges } from './commands/reviewChanges';
import { REVIEW_SCHEME, ReviewDocumentProvider } from './preview/reviewDocuments';
import { OPEN_WALKTHROUGH, openWalkthrough } from './commands/walkthrough';
import { Ctx } from './ctx';
import { packageIndexStatusNotification } from './lsp_ext';
import { PackageIndexStatusBar } from './packageIndexStatus';
import { Presence } from './presence';
import { EFFECTIVE_CONFIG_SCHEME, EffectiveConfigProvider } from './preview/effectiveConfig';
import { RENDER_SCHEME, RenderedSpecProvider } from './preview/renderedSpec';
import { StatusVisibility } from './statusVisibility';

let ctx: Ctx | undefined;

/** The commands that need the language server, each made from the running context when it is invoked. */
const SERVER_COMMANDS: [string, string, (c: Ctx) => (...args: unknown[]) => unknown][] = [
  [RESTART_SERVER, 'Restart Language Server', restartServer],
  [START_SERVER, 'Start Language Server', startServer],
  [STOP_SERVER, 'Stop Language Server', stopServer],
  [SHOW_OUTPUT, 'Show Output', showOutput],
  [SHOW_LSP_TRACE, 'Show LSP Trace', showLspTrace],
  [SELECT_SCHEMA, 'Select Schema', () => selectSchema()],
  [RENDER_PREVIEW, 'Render Preview', renderPreview],
  [DIFF_UPSTREAM, 'Diff with Upstream', diffUpstream],
  [CHECK_ALL_OVERLAYS, 'Check All Overlays', checkAllOverlays],
  [REFRESH_PACKAGE_INDEX, 'Refresh Package Index', refreshPackageIndex],
  [SHOW_EFFECTIVE_CONFIG, 'Show Effective Config', showEffectiveConfig],
  [REVIEW_CHANGES, 'Review Changes', reviewChanges],
];

/** The commands that send requests to the server (the others work while it is stopped). */
const NEEDS_RUNNING_SERVER = new Set([RENDER_PREVIEW, DIFF_UPSTREAM, CHECK_ALL_OVERLAYS, REFRESH_PACKAGE_INDEX, SHOW_EFFECTIVE_CONFIG, REVIEW_CHANGES]);

/** What a command says when the window holds no azldev project. */
export function notInProjectMessage(title: string): string {
  return (
    `Distro TOML: "${title}" works in an azldev project, and this window has none: open the folder that holds ` +
    'azldev.toml, or an azldev file (*.comp.toml, *.distro.toml, *.overlay.toml).'
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const presence = new Presence();
  context.subscriptions.push(presence, vscode.commands.registerCommand(OPEN_WALKTHROUGH, openWalkthrough(context)));
  for (const [id, title, make] of SERVER_COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        if (!ctx) {
          void vscode.window.showInformationMessage(notInProjectMessage(title));
          return undefined;
        }
        if (NEEDS_RUNNING_SERVER.has(id) && !ctx.running) {
          void vscode.window.showInformationMessage(`Distro TOML: "${title}" needs the language server, which is not running. Run "Distro TOML: Start Language Server".`);
          return undefined;
        }
        return make(ctx)(...args);
      }),
    );
  }
  let started: Promise<void> | undefined;
  const start = () => (started ??= startInProject(context, presence));
  context.subscriptions.push(presence.onDidEnterProject(() => void start()));
  await presence.refresh();
  if (presence.inProject) await start();
}

async function startInProject(context: vscode.ExtensionContext, presence: Presence): Promise<void> {
  const visibility = new StatusVisibility(presence);
  const c = new Ctx(context, SELECT_SCHEMA, visibility);
  ctx = c;
  const packageStatus = new PackageIndexStatusBar(REFRESH_PACKAGE_INDEX, visibility.visible);
  const rendered = new RenderedSpecProvider(() => c.languageClient);
  const effective = new EffectiveConfigProvider(() => c.languageClient);
  context.subscriptions.push(
    visibility,
    c,
    packageStatus,
    visibility.onDidChange((visible) => packageStatus.setVisible(visible)),
    c.languageClient.onNotification(packageIndexStatusNotification, (s) => packageStatus.update(s)),
    rendered,
    vscode.workspace.registerTextDocumentContentProvider(RENDER_SCHEME, rendered),
    effective,
    vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_CONFIG_SCHEME, effective),
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, new ReviewDocumentProvider(() => c.languageClient)),
  );
  await c.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
