// "Distro TOML: Show Output": reveal the "Distro TOML" output channel with the client's and server's logs.
import type { Ctx } from '../ctx';

export const SHOW_OUTPUT = 'distroToml.showOutput';

export function showOutput(ctx: Ctx): () => void {
  return () => ctx.output.show(true);
}
