// The extension's entry point: create the language client context and register the commands.
import * as vscode from 'vscode';
import { CHECK_ALL_OVERLAYS, checkAllOverlays } from './commands/checkAllOverlays';
import { DIFF_UPSTREAM, diffUpstream, RENDER_PREVIEW, renderPreview } from './commands/renderPreview';
import { RESTART_SERVER, restartServer } from './commands/restartServer';
import { SELECT_SCHEMA, selectSchema } from './commands/selectSchema';
import { SHOW_EFFECTIVE_CONFIG, showEffectiveConfig } from './commands/showEffectiveConfig';
import { SHOW_OUTPUT, showOutput } from './commands/showOutput';
import { REFRESH_PACKAGE_INDEX, refreshPackageIndex } from './commands/refreshPackageIndex';
import { REVIEW_CHANGES, reviewChanges } from './commands/reviewChanges';
import { REVIEW_SCHEME, ReviewDocumentProvider } from './preview/reviewDocuments';
import { Ctx } from './ctx';
import { packageIndexStatusNotification } from './lsp_ext';
import { PackageIndexStatusBar } from './packageIndexStatus';
import { EFFECTIVE_CONFIG_SCHEME, EffectiveConfigProvider } from './preview/effectiveConfig';
import { RENDER_SCHEME, RenderedSpecProvider } from './preview/renderedSpec';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(context, SELECT_SCHEMA);
  context.subscriptions.push(
    ctx,
    vscode.commands.registerCommand(RESTART_SERVER, restartServer(ctx)),
    vscode.commands.registerCommand(SHOW_OUTPUT, showOutput(ctx)),
    vscode.commands.registerCommand(SELECT_SCHEMA, selectSchema()),
    vscode.commands.registerCommand(RENDER_PREVIEW, renderPreview(ctx)),
    vscode.commands.registerCommand(DIFF_UPSTREAM, diffUpstream(ctx)),
    vscode.commands.registerCommand(CHECK_ALL_OVERLAYS, checkAllOverlays(ctx)),
    vscode.commands.registerCommand(REFRESH_PACKAGE_INDEX, refreshPackageIndex(ctx)),
    vscode.commands.registerCommand(REVIEW_CHANGES, reviewChanges(ctx)),
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, new ReviewDocumentProvider(() => (ctx as Ctx).languageClient)),
  );
  const packageStatus = new PackageIndexStatusBar(REFRESH_PACKAGE_INDEX);
  context.subscriptions.push(packageStatus, ctx.languageClient.onNotification(packageIndexStatusNotification, (s) => packageStatus.update(s)));
  const rendered = new RenderedSpecProvider(() => (ctx as Ctx).languageClient);
  context.subscriptions.push(rendered, vscode.workspace.registerTextDocumentContentProvider(RENDER_SCHEME, rendered));
  const effective = new EffectiveConfigProvider(() => (ctx as Ctx).languageClient);
  context.subscriptions.push(effective, vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_CONFIG_SCHEME, effective), vscode.commands.registerCommand(SHOW_EFFECTIVE_CONFIG, showEffectiveConfig(ctx)));
  await ctx.start();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
