// "Distro TOML: Restart Language Server": stop the server process and start a fresh one.
import type { Ctx } from '../ctx';

export const RESTART_SERVER = 'distroToml.restartServer';

export function restartServer(ctx: Ctx): () => Promise<void> {
  return async () => {
    ctx.output.info('Restarting the language server on request.');
    await ctx.restart();
  };
}
