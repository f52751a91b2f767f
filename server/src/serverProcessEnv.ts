// How the language server process is started, by the VS Code client (client/src/ctx.ts) and by the benchmarks that
// measure it (bench/): with the Node options below, and in the caller's own environment, except that NODE_EXTRA_CA_CERTS is
// handed on as DISTRO_TOML_EXTRA_CA_CERTS. Node 20 reads and parses the file NODE_EXTRA_CA_CERTS names (with its
// own root certificates) before any script runs — a system bundle is ~30% of the server's main-thread
// instructions to its first diagnostics — and the server needs those certificates only when it downloads (the
// package index): networkFetch.ts reads the file then. Users behind a TLS-inspecting proxy set the variable, so
// the cost is real, and so is the need.
//
// The answer names NODE_EXTRA_CA_CERTS with the value undefined rather than leaving it out, because
// vscode-languageclient lays a server's `env` over process.env: only an undefined value takes a variable away
// (child_process leaves undefined values out of the environment it passes).

export const EXTRA_CA_CERTS_VAR = 'DISTRO_TOML_EXTRA_CA_CERTS';

/**
 * The Node options the server process is started with, by the same callers. `--v8-pool-size=0`: V8's background
 * threads (the optimising compiler, the garbage collector's helpers) as many as the machine has cores, where Node's
 * default is four whatever the machine. On a two-core machine (a small VM, a codespace) four of them, busy compiling
 * while the user types the first keystrokes after an open, took the cores from the main thread that answers them:
 * keystroke-probe --warm 0 on components.toml, 8 runs each, first keystrokes 26.4 / 14.8 / 12.7 ms (medians) with
 * four, 16.4 / 7.8 / 6.7 with the machine's two; edits during the start-up scan p95 44–52 → 35–36 ms (cold-start,
 * 4 runs each). On a machine with four cores or more it changes nothing or adds threads.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--v8-pool-size=0'];

export function serverProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const extra = env['NODE_EXTRA_CA_CERTS'];
  if (!extra) return { ...env };
  return { ...env, NODE_EXTRA_CA_CERTS: undefined, [EXTRA_CA_CERTS_VAR]: extra };
}
