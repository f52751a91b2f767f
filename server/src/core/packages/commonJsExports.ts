// The exports of a CommonJS package loaded with `await import(...)`, whichever way the bundle wraps it: the
// language server is bundled as CommonJS (the package's exports are the namespace's own properties), the CLI as
// an ES module split into chunks (they are the namespace's `default`).
export function commonJsExports<T extends object>(namespace: T, needed: keyof T): T {
  if (needed in namespace) return namespace;
  const wrapped = (namespace as { default?: T }).default;
  if (wrapped && typeof wrapped === 'object' && needed in wrapped) return wrapped;
  throw new Error(`module has no export '${String(needed)}'`);
}
