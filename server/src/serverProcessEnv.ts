// The environment the language server is started with, by the VS Code client (client/src/ctx.ts) and by the
// benchmarks that measure its start (bench/cold-start.mjs): the caller's own, except that NODE_EXTRA_CA_CERTS is
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

export function serverProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const extra = env['NODE_EXTRA_CA_CERTS'];
  if (!extra) return { ...env };
  return { ...env, NODE_EXTRA_CA_CERTS: undefined, [EXTRA_CA_CERTS_VAR]: extra };
}
