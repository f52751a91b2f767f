// textDocument/hover over the core's hover: Markdown content (plain text for a client that prefers it), with the
// hovered word's range when known.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { markupFor } from './markupContent';
import { hover } from '../core/features/hover';
import { CLIENT_COMMANDS } from '../protocol';
import { clientRuns } from './clientCommands';
import type { FeatureHandler, ServerContext } from './context';
import { withPackageHover } from './packageFeatures';
import { rangeIn, requestDocument } from './definitionLocations';

/** The hover at a position of a TOML document (null where there is nothing to say). */
export function hoverAnswer(ctx: ServerContext, params: HoverParams): Hover | null {
  const req = requestDocument(ctx, params.textDocument.uri);
  if (!req) return null;
  const result = withPackageHover(ctx, req.file, req.offsetAt(params.position), hover(req.service, req.file, req.offsetAt(params.position), { effectiveConfigLink: clientRuns(ctx, CLIENT_COMMANDS.showEffectiveConfig) }));
  if (!result) return null;
  return {
    contents: markupFor(result.markdown, ctx.clientCapabilities().textDocument?.hover?.contentFormat),
    ...(result.span ? { range: rangeIn(req.service, req.file, result.span) } : {}),
  };
}

export const hoverFeature: FeatureHandler = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover((params) => hoverAnswer(ctx, params));
  },
};
