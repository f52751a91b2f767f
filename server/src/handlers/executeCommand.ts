// workspace/executeCommand: the commands the server runs itself (protocol.ts, SERVER_COMMANDS), so that a
// code lens works in any client, not only in one that has the VS Code extension's commands. One entry per
// command; an unknown command or malformed arguments are answered InvalidParams.
import * as path from 'node:path';
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification } from 'vscode-languageserver/node';
import { overlayLabel } from '../core/features/overlayLabel';
import { SERVER_COMMANDS, type CheckComponentResult } from '../protocol';
import type { FeatureHandler, ServerContext } from './context';
import { requestDocument } from './definitionLocations';
import { renderService } from './render';
import { componentTarget } from './requestParams';

/** A `window/showMessage` notification (no answer awaited: every client shows it its own way). */
function tell(ctx: ServerContext, type: MessageType, message: string): void {
  void ctx.connection.sendNotification(ShowMessageNotification.type, { type, message: `Distro TOML: ${message}` });
}

/** A path inside the project relative to its root; any other as it is. */
function shortPath(root: string, p: string): string {
  const rel = path.relative(root, p);
  return path.isAbsolute(p) && rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

type ServerCommand = (ctx: ServerContext, args: unknown[]) => Promise<unknown>;

/** Renders the component as the preview does and tells the user, in one line, whether its overlays apply. */
async function checkComponent(ctx: ServerContext, args: unknown[]): Promise<CheckComponentResult | null> {
  const target = componentTarget(`${SERVER_COMMANDS.checkComponent} arguments[0]`, args[0]);
  if (!('component' in target)) throw new ResponseError(ErrorCodes.InvalidParams, `${SERVER_COMMANDS.checkComponent}: give a component name`);
  const req = requestDocument(ctx, target.uri);
  const model = req?.service.projectOf(req.file);
  if (!req || !model || !model.unions.components.has(target.component)) {
    tell(ctx, MessageType.Warning, `no component '${target.component}' in the project of this file`);
    return null;
  }
  const view = await renderService.render(model, target.component, req.service.cache.fs);
  const user = view.overlays.filter((o) => o.kind === 'user');
  const failed = view.overlays.filter((o) => !o.ok);
  const describe = (o: (typeof view.overlays)[number]) => `${o.kind === 'user' && o.origin ? overlayLabel(req.service, o.origin) : o.kind} (${o.type}): ${o.message}`;
  const summary = view.errors.length
    ? `${target.component}: not rendered — ${view.errors.join('; ')}`
    : failed.length
      ? `${target.component}: ${failed.length} of ${view.overlays.length} steps fail — ${failed.map(describe).join('; ')}`
      : `${target.component}: ${user.length ? `all ${user.length} overlay${user.length === 1 ? '' : 's'} apply` : 'renders (no overlays of its own)'}${view.source ? ` (spec from ${shortPath(model.root, view.source)})` : ''}`;
  tell(ctx, view.ok ? MessageType.Info : MessageType.Warning, summary);
  return {
    component: target.component,
    ok: view.ok,
    summary,
    overlays: view.overlays.map((o) => ({ index: o.index, type: o.type, ok: o.ok, message: o.message })),
    errors: view.errors,
  };
}

const COMMANDS: Record<string, ServerCommand> = {
  [SERVER_COMMANDS.checkComponent]: checkComponent,
};

export const executeCommandFeature: FeatureHandler = {
  capabilities: { executeCommandProvider: { commands: Object.keys(COMMANDS) } },
  register(ctx) {
    ctx.connection.onExecuteCommand(async (params) => {
      // Own entries only: `constructor` or `toString` named as a command is no command of ours.
      const run = Object.hasOwn(COMMANDS, params.command) ? COMMANDS[params.command] : undefined;
      if (!run) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command '${params.command}'`);
      return run(ctx, Array.isArray(params.arguments) ? params.arguments : []);
    });
  },
};
